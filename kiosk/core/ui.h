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
#include <string>
#include <vector>

#include "core/a11y.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/theme.h"

namespace tx {

enum class Icon { none, calendar, list, coin, briefcase, bell, home, back, gear, globe, speaker,
                  check, cross, printer, person, left, right };

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
};

enum class TextStyle { body, heading, large, banner };

class Ui {
 public:
  explicit Ui(UiEnv env) : env_(std::move(env)) {}

  void begin(const std::string& screen_id, const std::string& title, const std::string& step = "");
  // Content.
  void text(const std::string& id, const std::string& s, TextStyle style = TextStyle::body,
            const std::string& speak = "");
  bool button(const std::string& id, const std::string& label, Icon icon = Icon::none,
              bool enabled = true, const std::string& speak = "");
  // Big tile (home screen): icon above the label, at least min_h tall.
  bool tile(const std::string& id, const std::string& label, Icon icon, float min_h);
  bool option(const std::string& id, const std::string& label, bool selected,
              const std::string& speak = "", std::optional<SpeechLang> voice = std::nullopt);
  bool toggle(const std::string& id, const std::string& label, bool on);
  bool key(const std::string& id, const std::string& label, const std::string& speak);
  // A text field showing `display` (already masked by the caller). Focusable.
  bool field(const std::string& id, const std::string& label, const std::string& display,
             const std::string& speak);
  void qr(const std::string& id, const std::vector<std::vector<bool>>& modules,
          const std::string& speak);
  // Lay the following items side by side, `cols` per row (fewer when text would not fit).
  void row(int cols, float min_cell_w = 0);
  void end_row();
  // Widget focused when the screen is entered ("" = first focusable).
  void default_focus(const std::string& id) { default_focus_ = id; }
  // Extra text spoken when the screen is entered (after title and hint), e.g. the slip.
  void announce(const std::string& s) { announce_ += s; }
  // What to do on this screen: shown as the first paragraph and spoken on entry (S2).
  void hint(const std::string& s) {
    hint_ = s;
    text("screen.hint", s);
  }
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
  int page_count() const { return pages_; }
  int page() const { return page_; }
  const std::string& default_focus_id() const { return default_focus_; }
  // Title + step text (for the screen announcement).
  const std::string& title() const { return title_; }
  const std::string& step() const { return step_; }
  const UiEnv& env() const { return env_; }
  Color clear_color() const { return env_.theme->bg; }

  // Layout constants at the current scale.
  float body() const { return env_.body_px * env_.scale; }
  // Titles grow half as fast as body text: at 2× a 144 px title would leave no room for content.
  float title_size() const { return env_.title_px * (1 + (env_.scale - 1) * 0.5f); }
  float gap() const { return 24; }
  float margin() const { return 48; }

 private:
  struct Item {
    enum Kind { text, button, row_begin, row_end, qr } kind;
    Widget w;
    Icon icon = Icon::none;
    TextStyle style = TextStyle::body;
    bool tile = false;
    float min_h = 0, min_w = 0;
    int cols = 1;
    std::vector<std::vector<bool>> modules;
  };
  struct Placed {
    size_t item;
    Rect rect;
    std::vector<std::string> lines;
    float font = 0;
    int part = 0;
    bool split = false;
    bool keep_with_next = false;  // a row's name lifted above its controls (larger text sizes)
  };
  bool add_interactive(Role role, const std::string& id, const std::string& label,
                       const std::string& speak, const std::string& state, bool enabled,
                       Icon icon);
  float text_px(TextStyle s) const;
  std::vector<std::vector<Placed>> layout_blocks(float width) const;
  std::vector<std::vector<Placed>> paginate(std::vector<std::vector<Placed>> blocks, float top,
                                            float bottom, std::vector<int>* block_page,
                                            std::vector<float>* block_y) const;
  void emit_widget(const Widget& w, Icon icon, const std::vector<std::string>& lines, float px,
                   FontFace face, bool tile, bool center, float pad_override = 0);
  void emit_text_lines(const std::vector<std::string>& lines, Rect r, float px, FontFace face,
                       Color c, bool center);
  void emit_icon(Icon icon, Rect r, Color c);
  void build_nav(float y, float h);
  float nav_height() const;
  float bar_pad() const;
  bool bar_icons() const;

  UiEnv env_;
  std::string screen_, title_, step_, default_focus_, announce_, hint_;
  bool typing_ = false;
  std::vector<Item> items_;
  std::vector<Widget> widgets_;
  std::vector<DrawCmd> draw_;
  int pages_ = 1, page_ = 0;
  int open_row_ = -1;
  float controls_top_ = 0;  // low-reach: no control above this line
};

}  // namespace tx
