// Immediate-mode accessible UI builder (pure core: no SDL, no ImGui).
//
// [SECTION] Overview
//   A screen calls Ui::begin(), adds content (text, buttons, option rows, keypad keys, QR) and
//   Ui::end(). end() lays the content out for the current text size, theme and low-reach setting,
//   splits it into pages when it does not fit (nothing is ever cut off: V1), adds the pager and the
//   fixed navigation bar (Back, Home, Repeat, Settings, Call staff: M4), registers every widget in
//   the a11y registry and emits draw commands. The platform renders the draw commands; tests read
//   the registry directly.
//   A button returns true in the frame after the resident activated it (tap released on it,
//   Select on it while focused, or the switch while it was highlighted).
#pragma once
#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <map>
#include <vector>

#include "core/a11y.h"
#include "core/i18n.h"
#include "core/panel.h"
#include "core/text.h"
#include "core/theme.h"

namespace tx {

enum class Icon { none, calendar, list, coin, briefcase, bell, home, back, gear, globe, speaker,
                  check, cross, printer, person, left, right,
                  // appointment kinds (each its own, KIOSK_UI.md): first assessment, renewal,
                  // reassessment, replacement card, (home: home), video assessment
                  person_add, renew, clipboard, card, video,
                  // the day step (days6): a day (one date marked) and a week (a row of days marked)
                  day, week,
                  // what to bring on the slip (days8): a bag with its handle
                  bag };

struct DrawCmd {
  enum Kind { k_fill, k_stroke, k_text, k_icon } kind = k_fill;
  Rect rect;
  Color color;
  float thickness = 0;   // stroke
  float rounding = 0;
  float size = 0;        // text: font size (px)
  FontFace face = FontFace::body;
  std::string text;
  Icon icon = Icon::none;
};

struct UiEnv {
  float width = 1920, height = 1080;
  float scale = 1.0f;            // text size step: 1, 1.5, 2 (V1)
  // Every size below and in ui.cpp is in reference pixels (0.248 mm, ACCESSIBILITY.md) and is
  // drawn at unit panel pixels each: unit = 0.248 / the panel's mm per px (core/panel.h).
  float mm_per_px = kReferenceMmPerPx;
  float unit = 1.0f;
  float body_px = 48, title_px = 72;
  const Theme* theme = nullptr;
  const TextMetrics* metrics = nullptr;
  bool low_reach = false;        // V6: every control in the lower part of the screen
  bool show_caption = true;      // H1 caption strip (when speech is on)
  std::string caption;           // utterance being heard now
  std::string caption_sentence;  // the sentence of it being heard (shown when all does not fit)
  int page = 0;                  // current page of the screen's content
  std::string focused;           // focused widget id (from navigation)
  std::string pressed;           // widget held down by a finger (drawn pressed)
  std::string activated;         // widget activated this frame
  struct NavLabels {
    std::string back, home, repeat, call_staff, prev_page, next_page, page_of;
  } nav;
  bool back_enabled = true;
  std::string nav4_id = "nav.call_staff";  // staff screens: "nav.calls" (same place, M4)
  bool nav4_enabled = true;
  // Header band (KIOSK_UI.md, issue 12 point 4): the station's name at the left, the local date
  // and time at the right ("12月5日 星期六 15:10"), filled by the app; empty = not drawn.
  std::string header_station;
  std::string header_clock;
  // Ui::best_arrangement's choices by what was laid out (owned by the App, kept across frames: a
  // frame laid out again for the caption or the focus does not try the arrangements again).
  std::unordered_map<std::string, int>* arrangements = nullptr;
};

// A record's status (issue 12 point 4): icon + words, never colour alone. The tone picks the
// theme's colour for it (neutral, good = done/paid, warn = waiting, bad = refused/cancelled).
struct Badge {
  enum Tone { neutral, good, warn, bad };
  Icon icon = Icon::none;
  std::string text;
  Tone tone = neutral;
};

enum class TextStyle { body, heading, large, banner, ticket };

class Ui {
 public:
  explicit Ui(UiEnv env) : env_(std::move(env)) {}

  void begin(const std::string& screen_id, const std::string& title, const std::string& step = "");
  // Content.
  void text(const std::string& id, const std::string& s, TextStyle style = TextStyle::body,
            const std::string& speak = "");
  // A text with an icon at its left, its lines beside it (days8: the slip's what to bring).
  void text_icon(const std::string& id, const std::string& s, Icon icon, TextStyle style = TextStyle::body,
                 const std::string& speak = "");
  bool button(const std::string& id, const std::string& label, Icon icon = Icon::none,
              bool enabled = true, const std::string& speak = "");
  // A button with a second line under its label (a kind's explanation): a compact frame (a short
  // panel at a large text size, Ui::end) leaves the note off the screen so that the choices reflow
  // into columns before anything pages; it is spoken either way (label, then note).
  // (`speak`: what is said instead, when given — a week's dates and places in words.)
  bool button_note(const std::string& id, const std::string& label, const std::string& note,
                   Icon icon = Icon::none, bool enabled = true, const std::string& speak = "");
  // Big tile (home screen): icon above the label, at least min_h tall. At larger text a plain
  // big button unless `at_larger_text` (round 15: the caller tries both, Ui::best_arrangement —
  // a portrait panel at 2× holds the tiles, grown into its free height).
  bool tile(const std::string& id, const std::string& label, Icon icon, float min_h, bool at_larger_text = false);
  bool option(const std::string& id, const std::string& label, bool selected,
              const std::string& speak = "", std::optional<SpeechLang> voice = std::nullopt);
  bool toggle(const std::string& id, const std::string& label, bool on);
  // A stepper (volume, speech rate, scanning speed): one row — its value in words ("音量：第5档，
  // 共7档", id + "_value"), then the two buttons, shown as − and + (centred, the full padding)
  // and spoken in the words that say which way, `less` and `more` (id + "." + less_id,
  // id + "." + more_id). Returns -1 or +1 in the frame after one was activated, else 0.
  int stepper(const std::string& id, const std::string& value, const std::string& less,
              const std::string& more, const std::string& less_id = "down",
              const std::string& more_id = "up");
  // A record card (an appointment, a subsidy programme, a job, a payment): a heading line, detail
  // lines and a status badge. Tappable (returns true when activated) unless `tappable` is false;
  // either way it is focusable, so a blind resident can read it card by card. Spoken: the title,
  // the badge, then the details (or `speak` when given).
  bool card(const std::string& id, const std::string& title, const std::vector<std::string>& details,
            const Badge& badge = {}, bool tappable = true, const std::string& speak = "");
  // A list of records to compare (issue 12 point 3): between records_begin() and records_end()
  // each card() starts a record row and the buttons after it, up to the next card, are its
  // actions. A row is the card (one focus target: title, badge, details on one line, wrapped to
  // a second at most) with its actions beside it at the right, or under it when the cell is too
  // narrow for them and a readable title; rows stand in up to `max_cols` columns where the width
  // keeps each of them readable (Ui::layout_records).
  void records_begin(int max_cols = 2);
  void records_end();
  // Groups side by side (a screen that is not a list, settings: issue 12 "fit one page"):
  // between groups_begin() and groups_end() each group() starts a group, its rows stacked at
  // the column's width; the groups stand in up to `max_cols` columns where each column keeps
  // `min_col_w` reference px (read line by line, the left group's controls first), else one
  // under the other as before.
  void groups_begin(int max_cols, float min_col_w);
  // Groups in columns of unequal shares of the width (the slip at 1×: the details in two
  // thirds, the code and its caption in one): `shares` gives each column's part, and the
  // narrowest keeps `min_col_w` reference px, else the groups stand one under the other.
  void groups_begin(const std::vector<float>& shares, float min_col_w);
  void group();
  void groups_end();
  // A list's own action (the jobs filter): drawn in the pager's row, at its left, on every page
  // of the list (the records start each page; the row shares the caption's strip where the
  // width allows, Ui::layout_frame), in a row of its own at the bottom of a list that takes one
  // page. Returns true when activated.
  // `after`: in the registry (the focus order, "第N项") after the records rather than before them
  // — a tool the list is not for (staff 刷新: the first appointment is "第1项"). `enabled`: as a
  // button's (the slip's 打印凭条 while the printer works).
  bool list_tool(const std::string& id, const std::string& label, Icon icon = Icon::none,
                 const std::string& speak = "", bool after = false, bool enabled = true);
  // A named group of choices (a form that is not a list: the jobs filter's districts, kinds and
  // categories, jobs7). Options follow until end_row(). The name stands in a column at the left
  // (as wide as the screen's widest such name, so the groups line up), the options after it
  // each as wide as its label needs (≥ 24 mm, one line), as many to a line as the width holds,
  // a full line's options widened to fill it; each line its own block (a page may break between
  // lines). Where the name's column would break its words, or leave an option no line of its
  // own, the name stands above the options (kept with them) and they take the whole width.
  void choices(const std::string& name_id, const std::string& name);
  bool key(const std::string& id, const std::string& label, const std::string& speak);
  // A text field showing `display` (already masked by the caller). Focusable.
  bool field(const std::string& id, const std::string& label, const std::string& display,
             const std::string& speak);
  void qr(const std::string& id, const std::vector<std::vector<bool>>& modules,
          const std::string& speak);
  // Lay the following items side by side, `cols` per row (fewer when text would not fit).
  void row(int cols, float min_cell_w = 0);
  void end_row();
  // Items between these two are a modal dialog (the idle warning): drawn in a box over the
  // content, which is dimmed and leaves the registry (nothing under the box can be focused or
  // tapped; the bar stays, M4).
  void modal_begin() { modal_from_ = items_.size(); }
  void modal_end() { modal_to_ = items_.size(); }
  // An empty cell of a row (the keypad's free place left of 0 when there is no X key).
  void spacer();
  // The low-reach line of this frame (controls below it, V6): the panel's reach line (below), or
  // the keypad's top on a panel too short for a typing step below that.
  float low_reach_line() const { return controls_top_; }
  // The panel's reach line (V6, jobs6): a third down the panel or kReachBandMm above its bottom
  // edge, whichever is higher — the lower two thirds, or the lowest 170 mm on a panel so short
  // (1366×768: 194 mm, 1280×800: 207 mm) that all of that lies below 1,220 mm on the stand.
  float reach_line() const;
  // Widget focused when the screen is entered ("" = first focusable).
  void default_focus(const std::string& id) { default_focus_ = id; }
  // A screen that must not page more than `n` times at larger text: its content steps down
  // (1.5×, then 1×) until it takes at most `n` pages (Ui::end). The appointment kinds ask for one
  // (a resident sees and hears all six at once: "共6项"), the slip for two.
  void fit_pages(int n) { fit_pages_ = n; }
  // A screen whose choices are all seen at once where they can be (staff home's tasks, staff9):
  // Ui::end takes the content size — the designed frame, the compact one, 1.5×, 1× (targets stay
  // 24 mm) — with the fewest pages, the larger size on a tie. (fit_pages(1) falls back to the
  // designed frame when neither 1.5× nor 1× makes one page: 5 pages where 1× took 2.)
  void fewest_pages() { fewest_pages_ = true; }
  // A trial layout (settings11, details11; one function since round 11): what `draw` adds — a
  // whole screen, begin and its content, not end — laid out as Ui::end lays it out, in a scratch
  // Ui of this frame's environment where nothing is activated or pressed (so it emits nothing),
  // page 1. A screen with two forms asks which one holds its page: the settings are one step
  // where all of them hold one page at the resident's own size (else two); a job's detail folds
  // its details behind 职位介绍 where the whole does not hold one page; a programme's detail
  // takes the arrangement with the fewest pages.
  struct Trial {
    int pages = 1;
    bool over = false;          // a block runs into the pager or the bar
    float content_scale = 1;    // Ui::content_scale as laid out
    int level = 0;              // Ui::compact_level as laid out
  };
  Trial trial(const std::function<void(Ui&)>& draw) const;
  // A screen in more than one arrangement at larger text (round 12: the desk's steps, the slip):
  // where the resident chose 1.5× or 2×, each of the `n` arrangements `draw` offers (0: as
  // designed) is laid out first (Ui::trial) and the one with the fewest pages, then the largest
  // content size, is chosen — the first on a tie, so that 1× and every frame that gains nothing
  // stay as designed; the trials stop at one that holds the resident's size on one page. The
  // choice is remembered (UiEnv::arrangements) for the same items in the same frame's sizes.
  // `at_1x`: at 1× too (a programme's detail, whose designed frame takes 2 pages on 1024×600).
  // `least_squeezed`: on a tie of pages and content size, the frame least squeezed
  // (Ui::compact_level) before the first (round 15: home's tiles at 1.5× on 1920×1080 fitted
  // only in the compact frame, which draws them as buttons; its buttons fit the designed frame).
  // Not the rule for all: a programme's detail keeps its payments in the compact frame rather
  // than fold them behind 发放记录 for the designed one.
  // `fallback_from`: the arrangements from this one on are tried only where none before it holds
  // one page above 1× (round 15: a programme's appeal behind its own button).
  int best_arrangement(int n, const std::function<void(Ui&, int)>& draw, bool at_1x = false,
                       bool least_squeezed = false, int fallback_from = -1) const;
  // An item that belongs on the first page with the controls (days7: the slip's date, time and
  // place with its ticket): on a short panel at a larger text size the content steps down (1.5×,
  // then 1×) until it stands there, as for a first page without a control (Ui::end).
  void first_page(const std::string& id) { first_page_.push_back(id); }
  // Extra text spoken when the screen is entered (after title and hint), e.g. the slip.
  void announce(const std::string& s) { announce_ += s; }
  // What to do on this screen: shown as the first paragraph and spoken on entry (S2).
  void hint(const std::string& s) {
    hint_ = s;
    text("screen.hint", s);
  }
  // A list's hint spoken on entry (and shown in the caption strip while it is heard) but not
  // drawn: the page starts with the records themselves (issue 12 point 3).
  void spoken_hint(const std::string& s) { hint_ = s; }
  const std::string& announce_text() const { return announce_; }
  const std::string& hint_text() const { return hint_; }
  // The screen has a text field that takes typed characters (keypad digits type, M1).
  void set_typing(bool on) { typing_ = on; }
  bool typing() const { return typing_; }

  // Finishes the frame.
  void end();

  const std::string& screen() const { return screen_; }
  const std::vector<Widget>& widgets() const { return widgets_; }
  const std::vector<DrawCmd>& draw() const { return draw_; }
  // The lines each widget's label was wrapped into (parallel to widgets(); tests check that no
  // word is broken).
  const std::vector<std::vector<std::string>>& widget_lines() const { return lines_; }
  int page_count() const { return pages_; }
  int page() const { return page_; }
  // The page an item is laid out on (-1: not on this screen), so an action can send the focus
  // to a control on another page (after printing: "done").
  int page_of(const std::string& id) const {
    auto it = page_of_.find(id);
    return it == page_of_.end() ? -1 : it->second;
  }
  const std::string& default_focus_id() const { return default_focus_; }
  // Title + step text (for the screen announcement).
  const std::string& title() const { return title_; }
  const std::string& step() const { return step_; }
  const UiEnv& env() const { return env_; }
  Color clear_color() const { return env_.theme->bg; }

  // Layout constants at the current scale, in panel pixels.
  // u(): reference pixels (0.248 mm) → panel pixels.
  float u(float ref_px) const { return ref_px * env_.unit; }
  // Content text; a typing step too tall for the panel caps it (compact level ≥ 2: 1.5×, 3: 1×)
  // rather than split the step (KIOSK_UI.md).
  float body() const { return u(env_.body_px * std::min(env_.scale, content_cap())); }
  // The frame's own text (bar, pager, caption, step, header): capped at 1.5× once compact.
  // (1× at compact level 4: a typing step that still does not fit one page, Ui::end)
  float chrome_px() const {
    return u(env_.body_px * std::min(env_.scale, compact_ >= 4 ? 1.f : compact_ ? 1.5f : 9.f));
  }
  // The bar's text: the body size up to 1.5× whatever the screen (the bar never moves, M4).
  float bar_px() const { return u(env_.body_px * std::min(env_.scale, 1.5f)); }
  // Titles grow half as fast as body text: at 2× a 144 px title would leave no room for content.
  float title_size() const {
    return u(env_.title_px * (1 + (std::min(env_.scale, compact_ ? 1.5f : 9.f) - 1) * 0.5f));
  }
  float gap() const { return gap_at(compact_); }
  float margin() const { return margin_at(compact_); }
  // A row's cells before the layout (days9: a screen that words its buttons by the columns they
  // would stand in — a week's days, kit::day_list — asks Ui rather than copy its numbers): the
  // room a button's label has in a cell of a row of `cols` equal columns across the content (no
  // keypad beside it) in the frame of compact level `level` (its margins, gaps and padding) at
  // text size `px` (panel pixels), less the icon's room when `icon`; whether each of `lines`
  // stands on one line there (FontFace::body); the content's body size at that level.
  float row_cell_room(int cols, int level, float px, bool icon = false) const;
  bool lines_fit_cells(const std::vector<std::string>& lines, int cols, int level, float px,
                       bool icon = false) const;
  float body_at(int level) const { return u(env_.body_px * std::min(env_.scale, content_cap_at(level))); }
  // How hard this frame had to squeeze to fit (0: not at all; see Ui::end).
  int compact_level() const { return compact_; }
  // The content text's size as drawn, a multiple of the 1× body (Ui::grow_content: 1.25× where
  // the resident chose 2× and only a level-3 frame fits, not 1×).
  float content_scale() const { return std::min(env_.scale, content_cap()); }
  float min_target() const { return u(96); }   // V3: 24 mm
  float min_key() const { return u(120); }     // V3: 30 mm
  float ring_px() const { return u(8); }       // V4: 2 mm (≥ 1.5 mm)
  // The chosen option's ✓ tab in its corner: 7–10 mm a side, with the text.
  float option_mark(float px) const { return std::clamp(px * 0.6f, u(28), u(40)); }
  // Ui::text_icon: the room its icon takes at the left of the lines (the icon 0.8 of a line).
  float text_icon_w(float px) const { return px * 1.1f; }

 private:
  struct Item {
    enum Kind { text, button, row_begin, row_end, qr, spacer, groups_begin, group, groups_end } kind;
    Widget w;
    Icon icon = Icon::none;
    TextStyle style = TextStyle::body;
    bool tile = false;
    std::string note;                  // button_note: the second line (off in a compact frame)
    bool card = false;                 // Ui::card (first form: w.label = title, badge, details by line)
    std::vector<std::string> details;  // card: detail lines under the title
    Badge badge;                       // card: status
    bool tappable = true;              // card: activates (else read-only, still focusable)
    bool records = false;              // row_begin of records_begin (Ui::layout_records)
    bool in_records = false;           // card: a record row's (details on one line)
    bool tool = false;                 // list_tool: placed in the pager's row by the frame
    bool tool_after = false;           // list_tool(after): registered after the records
    bool choices = false;              // row_begin of Ui::choices (Ui::layout_choices)
    bool stepper = false;              // a stepper's less / more: label centred, the full padding
    float min_h = 0, min_w = 0;
    std::vector<float> shares;  // (groups_begin: the columns' parts of the width, empty = equal)
    int cols = 1;
    std::vector<std::vector<bool>> modules;
  };
  struct Placed {
    size_t item;
    // (card: lines[0, head) are the title, then the badge line, then the details)
    Rect rect;
    std::vector<std::string> lines;
    float font = 0;
    int part = 0;
    bool split = false;
    bool keep_with_next = false;  // a row's name lifted above its controls (larger text sizes), a record card above its actions
    int head = 0;                 // card: title lines
    float chip_w = 0;             // card: the badge chip's width
    bool wide = false;            // a button: a word wider than its box (fewer columns then)
  };
  // A label fitted into a box: font size, lines (never broken inside a word when avoidable),
  // whether the icon stays.
  struct Fit {
    float px = 0;
    std::vector<std::string> lines;
    bool icon = false;
    float icon_px = 0;  // the bar: the icon's size when it stays (a smaller one before none)
  };
  Fit fit_label(const std::string& label, float px, float floor_px, float width, float pad,
                bool icon, size_t max_lines) const;
  // The bottom bar: its four rects (one row, or two rows on a narrow portrait panel), widths
  // following the labels so that none breaks inside a word.
  struct NavLayout {
    Rect r[4];
    Fit fit[4];
    float h = 0;
  };
  NavLayout nav_layout(float bottom) const;
  // A button's label as drawn in this frame (a compact frame leaves a note off).
  std::string shown_label(const Item& it) const;
  // Whether page 1 of this layout holds a control of the content (not only text).
  bool first_page_acts() const;
  // A panel less than 900 reference px (≈ 22 cm) tall (1366×768, 1280×800, 1024×600): its
  // compact frame also shrinks the title, caption, pager and bar padding.
  bool short_panel() const { return env_.height < u(900); }
  std::string ellipsized(const std::string& s, float px, FontFace face, float room) const;
  float content_cap() const { return compact_ == grown_level_ ? grown_cap_ : content_cap_at(compact_); }
  static float content_cap_at(int level) { return level >= 3 ? 1.f : level >= 2 ? 1.5f : 9.f; }
  float gap_at(int level) const { return u(level ? 17 : 24); }
  float margin_at(int level) const { return u(level ? 32 : 48); }
  float button_pad_at(float px, int level) const { return std::clamp(px * 0.33f, u(12), u(level ? 12 : 20)); }
  bool layout_frame();
  // (width: the band's; 0 = the whole panel less the margins)
  float build_header(float y, float width = 0);
  // A compact frame on a short panel: the title, the step, the station and the clock on one
  // line (the header's band); returns the band's bottom. Its height never depends on the
  // title's length (a page count never changes when the station's name arrives).
  float build_title_band(float y, float width);
  // The record rows between items_[from] (records_begin) and items_[to] (records_end) at this
  // width, one block per line of rows.
  std::vector<std::vector<Placed>> layout_records(size_t from, size_t to, float width,
                                                  const std::function<bool(size_t)>& take) const;
  // The choices between items_[from] (Ui::choices) and items_[to] (its end_row), one block a line.
  // (`lay`: an item laid out at a width, as layout_blocks lays out a row's button)
  std::vector<std::vector<Placed>> layout_choices(size_t from, size_t to, float width,
                                                  const std::function<bool(size_t)>& take,
                                                  const std::function<Placed(size_t, float)>& lay) const;
  // Whether this layout puts a record card and one of its actions on different pages.
  bool record_split() const;
  std::vector<int> records_per_page() const;
  UiEnv probe_env() const;  // Ui::trial's and Ui::best_arrangement's scratch Ui
  std::string layout_signature() const;  // what the layout depends on (Ui::best_arrangement's memo)
  Placed layout_record_card(size_t idx, float w) const;
  void emit_card(const Widget& w, const Item& it, const Placed& p);
  bool add_interactive(Role role, const std::string& id, const std::string& label,
                       const std::string& speak, const std::string& state, bool enabled,
                       Icon icon);
  float text_px(TextStyle s) const;
  // Items → blocks at this width; `only` (when set) keeps the items it accepts.
  std::vector<std::vector<Placed>> layout_blocks(float width,
                                                 const std::function<bool(size_t)>& only = {}) const;
  // A typing step's keypad: its keys (the 3×4 grid, then 清空 and 下一步) and their sizes.
  struct StepPad {
    std::vector<size_t> grid, actions;
    float px = 0, gap = 0, pad = 0, cw = 0, kh = 0, pw = 0, ph = 0;
    float ca = 0;  // the action column's width (清空, 下一步: wider than a digit when needed)
  };
  StepPad measure_pad(float width, bool side) const;
  // A group's natural width (Ui::groups_begin, items (a, b)): its widest row with each label on
  // one line (a text cell broken between its clauses into two, as a row's name is).
  float button_natural_w(const Item& x) const;
  float two_clause_w(const std::string& label, float px, FontFace face) const;
  float group_natural_w(size_t a, size_t b, const std::function<bool(size_t)>& take) const;
  std::vector<Placed> place_step(const StepPad& k, bool side, float width, float col_w, float top,
                                 float bottom, float pad_bottom);
  std::vector<std::vector<Placed>> paginate(std::vector<std::vector<Placed>> blocks, float top,
                                            float bottom, std::vector<int>* block_page,
                                            std::vector<float>* block_y) const;
  void emit_widget(const Widget& w, Icon icon, const std::vector<std::string>& lines, float px,
                   FontFace face, bool tile, bool center, float pad_override = 0);
  void emit_text_lines(const std::vector<std::string>& lines, Rect r, float px, FontFace face,
                       Color c, bool center);
  void emit_icon(Icon icon, Rect r, Color c);
  // One filled / outlined rectangle into the draw list.
  void fill(Rect r, Color c, float rounding = 0);
  void stroke(Rect r, Color c, float thickness, float rounding = 0);
  void build_nav(const NavLayout& nav);
  float bar_pad() const;
  float button_pad(float px) const;
  float key_pad(float px) const;
  float stepper_pad(float px) const;
  bool bar_icons() const;

  UiEnv env_;
  std::string screen_, title_, step_, default_focus_, announce_, hint_;
  bool typing_ = false;
  int fit_pages_ = 0;
  bool fewest_pages_ = false;  // Ui::fewest_pages
  void end_fewest();
  void end_choose();
  // Ui::grow_content: the chosen level's content text grown back towards the level above's
  // where the frame is no worse for it (the size a level-3 frame draws: 1.125–1.375×, not 1×).
  void grow_content();
  struct Outcome {
    bool over = false, split = false, acts = false;
    int pages = 0, least = 0;
  };
  Outcome outcome() const;
  int least_records_a_page() const;
  std::vector<std::string> first_page_;  // Ui::first_page
  std::vector<Item> items_;
  std::vector<Widget> widgets_;
  std::vector<std::vector<std::string>> lines_;
  std::vector<DrawCmd> draw_;
  std::vector<DrawCmd> rings_;  // the focus ring, drawn after everything else (layout_frame)
  std::map<std::string, int> page_of_;
  int pages_ = 1, page_ = 0;
  int open_row_ = -1;
  bool open_records_ = false;
  size_t modal_from_ = 0, modal_to_ = 0;  // items [from, to) form the modal dialog
  bool in_modal(size_t i) const { return i >= modal_from_ && i < modal_to_; }
  void build_modal(float top, float bottom);
  float controls_top_ = 0;  // low-reach: no control above this line
  // A stacked typing step with room to spare (a portrait panel): its prompt and field drawn at
  // this size instead of the large one (Ui::place_step); 0 = the large size.
  float step_px_ = 0;
  float hint_px_ = 0;  // its prompt's (never broken inside a phrase); 0 = the large size
  // The content's top and the lowest bottom of a page (above the pager's own row): a line of
  // groups taller than that stands in one column (Ui::layout_blocks). 0 = not known yet.
  float groups_top_ = 0, groups_bottom_ = 0;
  int grown_level_ = -1;    // Ui::grow_content: at this level the content is capped at grown_cap_
  float grown_cap_ = 0;
  int compact_ = 0;         // 0 normal; 1 compact frame; 2, 3 content text capped; 4 chrome 1× too (typing steps)
  bool overflow_ = false;   // a block taller than its page (drawn into the pager or the bar)
  // A tile stands as a tile (icon above a big label) unless the frame is compact.
  bool tile_on(const Item& it) const { return it.tile && !compact_; }
  bool portrait_fill_ = false;  // portrait: controls in the lower two thirds, tiles grown
};

}  // namespace tx
