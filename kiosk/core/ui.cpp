// [SECTION] Index
//   builder calls    – begin/text/button/.../end: collect items
//   layout           – items → blocks (rows of cells, wrapped text) → pages
//   emit             – registry widgets + draw commands, focus ring, nav bar
#include "core/ui.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>

namespace tx {

namespace {
// Between the parts of a record row's details (the screens' own " · ", common.sep).
constexpr const char* kRecordSep = " · ";
}  // namespace

// Whether `lines` keep every word of `label` whole (core/text.h broken_word: Latin words,
// short CJK phrases, quoted key names and dates each on one line).
bool whole_words(const std::string& label, const std::vector<std::string>& lines) {
  return lines.size() < 2 || broken_word(label, lines).empty();
}

// Fits a label into a box `width` wide: at `px` with its icon, then without the icon, then in
// smaller steps down to `floor_px` — the first way that keeps every word whole in at most
// `max_lines` lines (the last try when none does).
Ui::Fit Ui::fit_label(const std::string& label, float px, float floor_px, float width, float pad,
                      bool icon, size_t max_lines) const {
  Fit f;
  for (float s = px;; s = std::max(floor_px, s * 0.92f)) {
    for (bool ic : {true, false}) {
      if (ic && !icon) continue;
      float room = std::max(u(10), width - 2 * pad - (ic ? s + pad * 0.5f : 0));
      f = Fit{s, wrap_text(*env_.metrics, label, s, FontFace::body, room), ic};
      if (f.lines.size() <= max_lines && whole_words(label, f.lines)) return f;
    }
    if (s <= floor_px) return f;
  }
}

// ---------------------------------------------------------------- builder calls
void Ui::begin(const std::string& screen_id, const std::string& title, const std::string& step) {
  screen_ = screen_id;
  title_ = title;
  step_ = step;
}

void Ui::text(const std::string& id, const std::string& s, TextStyle style,
              const std::string& speak) {
  Item it{Item::text};
  it.w.id = id;
  it.w.role = style == TextStyle::banner ? Role::banner : Role::text;
  it.w.label = s;
  it.w.speak = speak;
  it.style = style;
  items_.push_back(std::move(it));
}

void Ui::text_icon(const std::string& id, const std::string& s, Icon icon, TextStyle style,
                   const std::string& speak) {
  text(id, s, style, speak);
  items_.back().icon = icon;
}

bool Ui::add_interactive(Role role, const std::string& id, const std::string& label,
                         const std::string& speak, const std::string& state, bool enabled,
                         Icon icon) {
  Item it{Item::button};
  it.w.id = id;
  it.w.role = role;
  it.w.label = label;
  it.w.speak = speak;
  it.w.state = state;
  it.w.enabled = enabled;
  it.icon = icon;
  if (role == Role::key) it.min_h = min_key(), it.min_w = min_key();
  items_.push_back(std::move(it));
  return enabled && env_.activated == id;
}

bool Ui::button(const std::string& id, const std::string& label, Icon icon, bool enabled,
                const std::string& speak) {
  return add_interactive(Role::button, id, label, speak, "", enabled, icon);
}

bool Ui::button_note(const std::string& id, const std::string& label, const std::string& note,
                     Icon icon, bool enabled, const std::string& speak) {
  bool hit = add_interactive(Role::button, id, note.empty() ? label : label + "\n" + note, speak, "",
                             enabled, icon);
  items_.back().note = note;
  return hit;
}

// A compact frame shows a noted button's label alone, and without a closing parenthesis
// ("重新评定（类别或等级变化）" → "重新评定"): the explanations are spoken, the names stay on one
// line so that the choices keep two columns (the kinds at 2× on 1366×768).
// (a toggle too: "低位操作（按钮都放到屏幕下方）" → "低位操作", settings7 — beside its neighbours in a
// settings line rather than in four lines of its own)
std::string Ui::shown_label(const Item& it) const {
  if ((it.note.empty() && it.w.role != Role::toggle) || !compact_) return it.w.label;
  std::string s = it.note.empty() ? it.w.label : it.w.label.substr(0, it.w.label.size() - it.note.size() - 1);
  for (const char* open : {"（", " ("}) {
    const size_t at = s.find(open);
    if (at != std::string::npos && at > 0 && (s.ends_with("）") || s.ends_with(")"))) return s.substr(0, at);
  }
  return s;
}

bool Ui::first_page_acts() const {
  for (const auto& id : first_page_)
    if (auto p = page_of_.find(id); p != page_of_.end() && p->second != 0) return false;
  for (const auto& it : items_)
    if (it.kind == Item::button && it.w.role != Role::key && !in_modal(size_t(&it - items_.data())))
      if (auto p = page_of_.find(it.w.id); p != page_of_.end() && p->second == 0) return true;
  return false;
}

bool Ui::card(const std::string& id, const std::string& title,
               const std::vector<std::string>& details, const Badge& badge, bool tappable,
               const std::string& speak) {
  // First form: a button whose label holds the title, the badge and the details on their own
  // lines (the layout wraps at '\n'). The spoken form puts the status right after the title.
  // A record row's card shows its details on one line (joined as the screens join their parts).
  std::string label = title, said = title, joined;
  if (!badge.text.empty()) label += "\n" + badge.text, said += "，" + badge.text;
  for (const auto& d : details) {
    if (!open_records_) label += "\n" + d;
    else if (!d.empty()) joined += (joined.empty() ? "" : kRecordSep) + d;
    said += "，" + d;
  }
  if (!joined.empty()) label += "\n" + joined;
  bool hit = add_interactive(Role::button, id, label, speak.empty() ? said : speak, "", true,
                             badge.icon);
  Item& it = items_.back();
  it.card = true;
  it.details = details;
  it.badge = badge;
  it.tappable = tappable;
  it.in_records = open_records_;
  if (open_records_) it.details = joined.empty() ? std::vector<std::string>{} : std::vector<std::string>{joined};
  return tappable && hit;
}

bool Ui::list_tool(const std::string& id, const std::string& label, Icon icon,
                   const std::string& speak, bool after, bool enabled) {
  const bool hit = add_interactive(Role::button, id, label, speak, "", enabled, icon);
  items_.back().tool = true;
  items_.back().tool_after = after;
  return hit;
}

void Ui::records_begin(int max_cols) {
  row(max_cols);
  items_.back().records = true;
  open_records_ = true;
}

void Ui::records_end() {
  end_row();
  open_records_ = false;
}

void Ui::groups_begin(int max_cols, float min_col_w) {
  Item it{Item::groups_begin};
  it.cols = std::max(1, max_cols);
  it.min_w = u(min_col_w);
  items_.push_back(std::move(it));
}
void Ui::groups_begin(const std::vector<float>& shares, float min_col_w) {
  groups_begin(int(shares.size()), 0);
  float sum = 0, least = 1e9f;
  for (float x : shares) sum += x, least = std::min(least, x);
  items_.back().shares = shares;
  // (the narrowest column's floor, as a share of the whole: Ui::layout_blocks asks it of the
  // equal share it compares with)
  items_.back().min_w = sum > 0 && least > 0 ? u(min_col_w) * sum / (least * float(shares.size())) : u(min_col_w);
}
void Ui::group() { items_.push_back(Item{Item::group}); }
void Ui::groups_end() { items_.push_back(Item{Item::groups_end}); }

bool Ui::tile(const std::string& id, const std::string& label, Icon icon, float min_h, bool at_larger_text) {
  bool r = add_interactive(Role::button, id, label, "", "", true, icon);
  // At larger text sizes a tall tile would not fit most pages: it becomes a plain big button,
  // unless the caller asks for the tile (and tries the button too where the tile does not fit).
  if (env_.scale < 1.01f || at_larger_text) {
    items_.back().tile = true;
    items_.back().min_h = min_h;
  }
  return r;
}

bool Ui::option(const std::string& id, const std::string& label, bool selected,
                const std::string& speak, std::optional<SpeechLang> voice) {
  // (the ✓ of the chosen one stands in the option's corner, Ui::emit_widget: its label keeps
  // the width an inline ✓ took, ≈ 14 mm, and no option's size changes with the choice)
  bool hit = add_interactive(Role::option, id, label, speak, selected ? "selected" : "", true,
                             Icon::none);
  items_.back().w.voice = voice;
  return hit;
}

bool Ui::toggle(const std::string& id, const std::string& label, bool on) {
  return add_interactive(Role::toggle, id, label, "", on ? "on" : "off", true,
                         on ? Icon::check : Icon::cross);
}

bool Ui::key(const std::string& id, const std::string& label, const std::string& speak) {
  return add_interactive(Role::key, id, label, speak, "", true, Icon::none);
}

bool Ui::field(const std::string& id, const std::string& label, const std::string& display,
               const std::string& speak) {
  Item it{Item::button};
  it.w.id = id;
  it.w.role = Role::input;
  it.w.label = label + "  " + display;
  it.w.speak = speak;
  items_.push_back(std::move(it));
  return env_.activated == id;
}

void Ui::qr(const std::string& id, const std::vector<std::vector<bool>>& modules,
            const std::string& speak) {
  Item it{Item::qr};
  it.w.id = id;
  it.w.role = Role::image;
  it.w.label = speak;
  it.w.speak = speak;
  it.modules = modules;
  items_.push_back(std::move(it));
}

void Ui::row(int cols, float min_cell_w) {
  Item it{Item::row_begin};
  it.cols = std::max(1, cols);
  it.min_w = u(min_cell_w);
  items_.push_back(std::move(it));
}

void Ui::end_row() { items_.push_back(Item{Item::row_end}); }

void Ui::choices(const std::string& name_id, const std::string& name) {
  Item it{Item::row_begin};
  it.choices = true;
  items_.push_back(std::move(it));
  text(name_id, name, TextStyle::heading);
}

void Ui::spacer() { items_.push_back(Item{Item::spacer}); }

int Ui::stepper(const std::string& id, const std::string& value, const std::string& less,
                const std::string& more, const std::string& less_id, const std::string& more_id) {
  row(3);
  text(id + "_value", value);
  // (shown as − and +, their words spoken: "小声一点，按钮" — side by side with another stepper
  // where the words would not fit, settings7)
  const bool down = button(id + "." + less_id, "\u2212", Icon::none, true, less);
  items_.back().stepper = true;
  const bool up = button(id + "." + more_id, "+", Icon::none, true, more);
  items_.back().stepper = true;
  end_row();
  return up - down;
}

// ---------------------------------------------------------------- layout
float Ui::text_px(TextStyle s) const {
  switch (s) {
    // (a compact frame: a heading at the body size, in its bolder face)
    case TextStyle::heading: return body() * (compact_ ? 1.f : 1.15f);
    case TextStyle::large: return body() * 1.5f;
    // The slip's ticket number: the biggest thing on it (2.5× body at 1×; growing more would
    // push the details off the page at 2×).
    case TextStyle::ticket: return std::min(body() * 2.5f, u(env_.body_px) * 3.f);
    default: return body();
  }
}

// Padding grows with the text but stops at 20 reference px: at 2× more padding only costs room.
float Ui::button_pad(float px) const { return button_pad_at(px, compact_); }
float Ui::key_pad(float px) const { return std::max(u(10), (min_key() - px) / 2); }
// A stepper's buttons keep the full padding in a compact frame too (settings7: "小声一点" stood
// against its border at u(12) in a column that only just held it).
float Ui::stepper_pad(float px) const { return std::clamp(px * 0.33f, u(12), u(20)); }

// (as layout_blocks lays out a row of buttons — cw = (width − (cols − 1) gaps) / cols, its label's
// room cw − 2 pad − the icon's — across the content, the panel less two margins)
float Ui::row_cell_room(int cols, int level, float px, bool icon) const {
  const float width = env_.width - 2 * margin_at(level), pad = button_pad_at(px, level);
  const float cw = (width - float(std::max(cols, 1) - 1) * gap_at(level)) / float(std::max(cols, 1));
  return std::max(u(10), cw - 2 * pad - (icon ? px + pad * 0.5f : 0));
}

bool Ui::lines_fit_cells(const std::vector<std::string>& lines, int cols, int level, float px, bool icon) const {
  if (!env_.metrics) return false;
  const float room = row_cell_room(cols, level, px, icon);
  for (const auto& l : lines)
    if (env_.metrics->width(l, px, FontFace::body) > room) return false;
  return true;
}

// A button's width for its label on one line: padding, icon, never below the minimum target.
float Ui::button_natural_w(const Item& x) const {
  const float px = body();
  const float pad = x.w.role == Role::key ? key_pad(px) : x.stepper ? stepper_pad(px) : button_pad(px);
  const float icon_w = x.icon != Icon::none ? px + pad * 0.5f : 0;
  return std::max(min_target(), env_.metrics->width(shown_label(x), px, FontFace::body) + 2 * pad + icon_w + u(2));
}

// The width of `label` in two lines broken between its clauses ("音量：第5档，" / "共7档"), or 0
// when it does not stand in two at 60 % of its width. A name with its value ("扫描间隔：2.0秒")
// breaks after the colon — the name, then its value under it — so its width is the wider of the
// two (settings8: at 60 % the name itself was wider than the line, "扫描间隔 / ：2.0秒").
namespace {
// "扫描间隔：2.0秒" → {"扫描间隔：", "2.0秒"}, "Volume: 4 of 7" → {"Volume:", "4 of 7"}; else {}.
std::vector<std::string> name_and_value(const std::string& label) {
  if (const size_t c = label.find("\uff1a"); c != std::string::npos && c + 3 < label.size())
    return {label.substr(0, c + 3), label.substr(c + 3)};
  if (const size_t c = label.find(": "); c != std::string::npos && c + 2 < label.size())
    return {label.substr(0, c + 1), label.substr(c + 2)};
  return {};
}
}  // namespace

float Ui::two_clause_w(const std::string& label, float px, FontFace face) const {
  const TextMetrics& m = *env_.metrics;
  if (const auto nv = name_and_value(label); !nv.empty())
    return std::max(m.width(nv[0], px, face), m.width(nv[1], px, face));
  const auto two = wrap_phrases(m, label, px, face, m.width(label, px, face) * 0.6f);
  float w = 0;
  // (settings9: never two lines that break a word — "颜 / 色" counted the colours' name at half
  // its width, so a line packed by natural widths left "颜色" 46 px and the row fell back to
  // three columns, its third option under the first: the line twice as tall, 1280×800 at 1×)
  if (two.size() == 2 && whole_words(label, two))
    for (const auto& l : two) w = std::max(w, m.width(l, px, face));
  return w;
}

float Ui::group_natural_w(size_t a, size_t b, const std::function<bool(size_t)>& take) const {
  const TextMetrics& m = *env_.metrics;
  auto cell = [&](size_t k) -> float {
    const Item& x = items_[k];
    if (x.kind == Item::text) {
      const float px = text_px(x.style);
      const FontFace f = x.style == TextStyle::body ? FontFace::body : FontFace::title;
      const float two = two_clause_w(x.w.label, px, f);
      return (two > 0 ? two : m.width(x.w.label, px, f)) + u(4);
    }
    return x.kind == Item::button ? button_natural_w(x) : 0.f;
  };
  // (a row's cells side by side: a name and its controls each as wide as it needs, Ui's name
  // rows; else equal columns, as wide as the widest cell)
  float best = 0, row = 0, widest = 0;
  int n = 0;
  bool in_row = false, named = false;
  for (size_t k = a + 1; k < b; ++k) {
    if (!take(k)) continue;
    const Item& x = items_[k];
    if (x.kind == Item::row_begin) {
      in_row = true, row = 0, widest = 0, n = 0, named = false;
    } else if (x.kind == Item::row_end) {
      best = std::max(best, (named ? row : widest * float(n)) + float(std::max(0, n - 1)) * gap());
      in_row = false;
    } else if (in_row) {
      named |= n == 0 && x.kind == Item::text;
      row += cell(k), widest = std::max(widest, cell(k)), ++n;
    } else {
      best = std::max(best, cell(k));
    }
  }
  return best;
}

std::vector<std::vector<Ui::Placed>> Ui::layout_blocks(float width,
                                                      const std::function<bool(size_t)>& only) const {
  const TextMetrics& m = *env_.metrics;
  std::vector<std::vector<Placed>> blocks;
  // The modal dialog's items only when asked for (build_modal lays them out in its box).
  // (a list's tools stand in the pager's row: Ui::layout_frame)
  auto take = [&](size_t i) { return !items_[i].tool && (only ? only(i) : !in_modal(i)); };
  auto layout_button = [&](size_t idx, float w) {
    const Item& it = items_[idx];
    // (a field at the large size: a stacked typing step with room to spare, Ui::place_step)
    const bool big_field = it.w.role == Role::input && it.style == TextStyle::large;
    float px = big_field ? (step_px_ > 0 ? step_px_ : text_px(TextStyle::large)) : body();
    FontFace face = tile_on(it) || big_field ? FontFace::title : FontFace::body;
    if (tile_on(it)) px = std::max(body(), std::min(title_size(), body() * 1.3f));
    float pad = it.w.role == Role::key ? key_pad(px) : it.stepper ? stepper_pad(px) : button_pad(px);
    if (it.card) {
      // Title (heading face) beside the badge chip, then the chip's words (registry lines), then
      // the details in body lines.
      Placed p{idx, Rect{}, {}, px};
      if (!it.badge.text.empty())
        p.chip_w = m.width(it.badge.text, px * 0.8f, FontFace::body) + px * 0.8f + 3 * pad;
      float room = std::max(u(10), w - 2 * pad);
      std::string title = it.w.label.substr(0, it.w.label.find('\n'));
      p.lines = wrap_text(m, title, px, FontFace::title, std::max(u(10), room - p.chip_w));
      p.head = int(p.lines.size());
      if (!it.badge.text.empty()) p.lines.push_back(it.badge.text);
      for (const auto& d : it.details)
        for (auto& l : wrap_phrases(m, d, px, FontFace::body, room)) p.lines.push_back(std::move(l));
      float n = float(p.lines.size() - (it.badge.text.empty() ? 0 : 1));
      p.rect = Rect{0, 0, w, std::max(n * px + 2 * pad, min_target())};
      return p;
    }
    float icon_w = (it.icon != Icon::none && !tile_on(it)) ? px + pad * 0.5f : 0;
    const float room = std::max(u(10), w - 2 * pad - icon_w);
    if (it.w.role == Role::input) {
      // A field: its prompt, then what is typed ("110105 19491231 002X") on one line of its own
      // when both do not fit one — in a smaller size (down to 10 mm) before a digit group wraps.
      const std::string& all = it.w.label;
      const size_t cut = all.rfind("  ");
      // (a large field always: the value alone on its line reads as a display)
      if (cut != std::string::npos && (big_field || m.width(all, px, face) > room)) {
        const std::string value = all.substr(cut + 2);
        while (px > u(40) && m.width(value, px, face) > room) px = std::max(u(40), px * 0.92f);
        auto lines = wrap_text(m, all.substr(0, cut), px, face, room);
        lines.push_back(value);
        float h = std::max(lines.size() * px + 2 * pad, min_target());
        return Placed{idx, Rect{0, 0, w, h}, lines, px};
      }
    }
    auto lines = wrap_text(m, shown_label(it), px, face, room);
    float h = lines.size() * px + 2 * pad + (tile_on(it) && it.icon != Icon::none ? px * 1.6f : 0);
    // (a compact frame makes tiles big buttons: the tiles of a short panel fit one page)
    h = std::max({h, min_target(), it.tile && !tile_on(it) ? 0.f : it.min_h});
    Placed out{idx, Rect{0, 0, w, h}, lines, px};
    for (const auto& l : lines) out.wide |= m.width(l, px, face) > room + 0.5f;
    return out;
  };
  auto layout_item = [&](size_t idx, float w) -> Placed {
    const Item& it = items_[idx];
    if (it.kind == Item::text) {
      // (a stacked typing step's prompt grows to 24 mm, a third over the title; its digits more)
      float px = hint_px_ > 0 && it.style == TextStyle::large && it.w.id == "screen.hint" ? hint_px_ : text_px(it.style);
      float pad = it.style == TextStyle::banner ? button_pad(px) : 0;
      FontFace face = (it.style == TextStyle::heading || it.style == TextStyle::large ||
                       it.style == TextStyle::ticket) ? FontFace::title : FontFace::body;
      // A prompt or hint breaks between its clauses (after "，" "。"…), never inside a phrase
      // or a quoted key name, in Chinese too (core/text.h wrap_phrases).
      const bool hint = it.w.id.find("hint") != std::string::npos;
      // (Ui::text_icon: the icon at the left, a line high, the lines beside it)
      const float icon_w = it.icon != Icon::none ? text_icon_w(px) : 0;
      auto lines = hint ? wrap_phrases(m, it.w.label, px, face, w - 2 * pad - icon_w)
                        : wrap_text(m, it.w.label, px, face, w - 2 * pad - icon_w);
      return Placed{idx, Rect{0, 0, w, lines.size() * px + 2 * pad}, lines, px};
    }
    if (it.kind == Item::spacer) return Placed{idx, Rect{0, 0, w, 0}, {}, 0};
    if (it.kind == Item::qr) {
      // Modules plus a two-module light quiet zone on each side. A compact frame (a short panel
      // at a larger text size: the slip on 1366×768 at 2×) draws it smaller, modules of 1 mm
      // (4 reference px) — ≥ 25 mm a side for the slip's codes, still read by the desk scanner.
      float n = it.modules.empty() ? 1 : float(it.modules.size());
      // (round 8: 150 reference px of modules at most, 200 before — the slip's code ≈ 43 mm a side
      // rather than ≈ 58 on 1920×1080: with the ticket, actions and details, one page at 1×)
      float side = std::floor(std::max(u(4), std::min(u(10), u(compact_ ? 110 : 150) / n))) * (n + 4);
      return Placed{idx, Rect{0, 0, side, side}, {}, 0};
    }
    return layout_button(idx, w);
  };
  for (size_t i = 0; i < items_.size(); ++i) {
    const Item& it = items_[i];
    if (it.kind == Item::text || it.kind == Item::button || it.kind == Item::qr) {
      if (take(i)) blocks.push_back({layout_item(i, width)});
    } else if (it.kind == Item::groups_begin && take(i)) {
      // Groups (Ui::groups_begin): each laid out alone at its width; a line holds the groups
      // (up to `cols`) whose natural widths fit it side by side, in order (settings7: a lone
      // toggle beside a row of three choices, three steppers in a line where wide), each as wide
      // as an equal share, or its natural width and a share of the rest when an equal share is
      // too narrow for one of them. A line of one group: its blocks follow one another (a page
      // may break between rows); of more, one block, each group's rows stacked in its column.
      size_t j = i + 1;
      std::vector<size_t> marks;
      for (; j < items_.size() && items_[j].kind != Item::groups_end; ++j)
        if (items_[j].kind == Item::group) marks.push_back(j);
      marks.push_back(j);
      // Two ways, the one that stands shorter kept (the grid when equal): the grid — up to
      // `cols` equal columns of at least `min_w` — and lines packed by natural widths (up to
      // four groups a line).
      int grid = 1;
      for (int n = it.cols; n > 1 && grid == 1; --n)
        if ((width - (n - 1) * gap()) / n >= it.min_w) grid = n;
      std::vector<float> nat;
      for (size_t g = 0; g + 1 < marks.size(); ++g) nat.push_back(group_natural_w(marks[g], marks[g + 1], take));
      auto run = [&](bool packed) {
      std::vector<std::vector<Placed>> blocks;
      for (size_t g = 0; g + 1 < marks.size();) {
        // (the line: groups [g, e) and their widths)
        size_t e = g + 1;
        float sum = nat[g];
        if (packed) {
          while (e + 1 < marks.size() && e - g < 4 && sum + gap() + nat[e] <= width + 0.5f) sum += gap() + nat[e++];
        } else {
          e = std::min(marks.size() - 1, g + size_t(grid));
        }
        const size_t cols = e - g;
        std::vector<float> ws(cols, (width - float(cols - 1) * gap()) / float(cols));
        if (!packed && cols > 1 && it.shares.size() == cols) {
          float sum = 0;
          for (float x : it.shares) sum += x;
          for (size_t c = 0; c < cols; ++c) ws[c] = (width - float(cols - 1) * gap()) * it.shares[c] / sum;
        }
        bool equal = !packed;
        if (packed) {
          equal = true;
          for (size_t c = 0; c < cols; ++c) equal &= ws[c] >= nat[g + c];
        }
        const float spare = std::max(0.f, width - sum), natural_sum = sum - float(cols - 1) * gap();
        for (size_t c = 0; c < cols && !equal; ++c) ws[c] = nat[g + c] + spare * nat[g + c] / natural_sum;
        std::vector<Placed> line;
        std::vector<std::vector<Placed>> alone;  // (the line's groups' own blocks, in order)
        float line_h = 0, ctrl_off = 1e9f, x = 0;
        for (size_t c = 0; c < cols; ++c) {
          const size_t a = marks[g + c], b = marks[g + c + 1];
          float y = 0;
          for (auto& blk : layout_blocks(cols == 1 ? width : ws[c], [&](size_t k) { return k > a && k < b && take(k); })) {
            float h = 0;
            for (Placed p : blk) {
              h = std::max(h, p.rect.bottom());
              if (cols == 1) continue;
              p.rect.x += x;
              p.rect.y += y;
              p.keep_with_next = false;
              if (role_interactive(items_[p.item].w.role)) ctrl_off = std::min(ctrl_off, p.rect.y);
              line_h = std::max(line_h, p.rect.bottom());
              line.push_back(p);
            }
            (cols == 1 ? blocks : alone).push_back(std::move(blk));
            y += h + gap();
          }
          x += ws[c] + gap();
        }
        g = e;
        // A line of groups is one block that paginate cannot split: taller than a page (with low
        // reach the page starts at the line, a third down the panel, and ends above the pager's
        // own row: 1024×600 at 1.5–2×) it ran into the pager. Such a line stands one group under
        // the other instead, its rows paged one by one (each group's rows in order).
        const float room_top = std::max(groups_top_, ctrl_off < 1e8f ? controls_top_ - ctrl_off : 0.f);
        if (!line.empty() && groups_bottom_ > 0 && room_top + line_h > groups_bottom_) {
          for (auto& b : alone) blocks.push_back(std::move(b));
          continue;
        }
        if (!line.empty()) blocks.push_back(std::move(line));
      }
      return blocks;
      };
      auto height = [&](const std::vector<std::vector<Placed>>& bs) {
        float h = 0;
        for (const auto& b : bs) {
          float bh = 0;
          for (const auto& p : b) bh = std::max(bh, p.rect.bottom());
          h += bh + gap();
        }
        return h;
      };
      auto a = run(false);
      if (marks.size() > 2) {
        auto b = run(true);
        if (height(b) < height(a) - 0.5f) a.swap(b);
      }
      for (auto& b : a) blocks.push_back(std::move(b));
      i = j;
    } else if (it.kind == Item::row_begin && it.choices) {
      size_t j = i + 1;
      while (j < items_.size() && items_[j].kind != Item::row_end) ++j;
      for (auto& b : layout_choices(i, j, width, take, layout_item)) blocks.push_back(std::move(b));
      i = j;
    } else if (it.kind == Item::row_begin && it.records) {
      size_t j = i + 1;
      while (j < items_.size() && items_[j].kind != Item::row_end) ++j;
      for (auto& b : layout_records(i, j, width, take)) blocks.push_back(std::move(b));
      i = j;
    } else if (it.kind == Item::row_begin) {
      size_t j = i + 1;
      std::vector<size_t> cells;
      for (; j < items_.size() && items_[j].kind != Item::row_end; ++j)
        if (take(j)) cells.push_back(j);
      if (cells.empty()) {
        i = j;
        continue;
      }
      int cols = std::min<int>(it.cols, std::max<size_t>(1, cells.size()));
      // Texts side by side that stand taller than a page's room (a job's summary beside its
      // details in English on 1024×600 at 1×, each column wrapped to nine lines: page 1 held only
      // 我有兴趣) stand one under the other, each its own block, the first one first (jobs9).
      if (cols > 1 && groups_bottom_ > groups_top_) {
        bool texts = true;
        float tall = 0;
        const float cw0 = (width - (cols - 1) * gap()) / cols;
        for (size_t c : cells) {
          texts &= items_[c].kind == Item::text;
          if (texts) tall = std::max(tall, layout_item(c, cw0).rect.h);
        }
        if (texts && tall > groups_bottom_ - groups_top_) {
          for (size_t c : cells) blocks.push_back({layout_item(c, width)});
          i = j;
          continue;
        }
      }
      // A setting's row — its name or value, then its controls, all on one line: the name takes
      // the width its words need (up to 40 %, two lines at most), the controls share the rest
      // (equal quarters broke "黑底黄字" beside "颜色" and put the choices on two lines), when
      // every label then keeps its words whole in two lines at most; else as any row.
      bool name_row = cells.size() >= 2 && cols == int(cells.size()) && items_[cells[0]].kind == Item::text;
      for (size_t c = 1; c < cells.size() && name_row; ++c)
        name_row = items_[cells[c]].kind == Item::button && items_[cells[c]].w.role != Role::key;
      if (name_row) {
        const Item& nm = items_[cells[0]];
        const FontFace nf = nm.style == TextStyle::body ? FontFace::body : FontFace::title;
        // (up to 40 %, or — up to half — the width of its two clauses where that is more, so a
        // value such as "音量：第5档，共7档" stays beside its − and + in two lines, settings7)
        const float full_w = m.width(nm.w.label, text_px(nm.style), nf) + u(4);
        float two_w = two_clause_w(nm.w.label, text_px(nm.style), nf);
        if (two_w > 0) two_w += u(4);
        float name_w = std::min(std::max(width * 0.4f, std::min(two_w, width * 0.5f)), full_w);
        // Each control's width for its label on one line (mode 1 below).
        std::vector<float> need_w(cells.size(), 0);
        float need = 0;
        for (size_t c = 1; c < cells.size(); ++c) need += need_w[c] = button_natural_w(items_[cells[c]]);
        // (a group packed to its natural width, Ui::group_natural_w, has room for the name's two
        // clauses and the controls, not for 40 %: the name then takes its two clauses' width —
        // else the row fell back to equal thirds and "扫描间隔：2.0秒" stood in three lines beside
        // its − and +, 1920×1080 at 1×)
        if (two_w > 0 && two_w < name_w && width - name_w - (cols - 1) * gap() < need)
          name_w = std::max(two_w, width - (cols - 1) * gap() - need);
        const float ctrl_w = (width - name_w - (cols - 1) * gap()) / (cols - 1);
        // (the name breaks between its clauses: "音量：第5档，共7档" never as "第5 / 档")
        std::vector<Placed> blk{layout_item(cells[0], name_w)};
        if (nm.style != TextStyle::banner) {
          blk[0].lines = wrap_phrases(m, nm.w.label, blk[0].font, nf, name_w);
          // (a name with its value that does not stand on one line: the name, then the value
          // under it — "音量：" / "第5档，共7档", never "音量：第5档，" / "共7档", settings8)
          auto two = name_and_value(nm.w.label);
          if (blk[0].lines.size() > 1 && !two.empty()) {
            if (m.width(two[0], blk[0].font, nf) <= name_w && m.width(two[1], blk[0].font, nf) <= name_w)
              blk[0].lines = std::move(two);
          }
          blk[0].rect.h = blk[0].lines.size() * blk[0].font;
        }
        // (never a line that starts with the colon: whole_words names it, as every line that
        // starts with closing punctuation — broken_word's line-breaking rules)
        const bool name_ok = blk[0].lines.size() <= 2 && whole_words(nm.w.label, blk[0].lines);
        bool ok = false;
        float h = blk[0].rect.h;
        // The controls in equal widths; else (settings7: "普通话 粤语 English" beside a toggle and
        // a stepper in one line of settings) each as wide as its label needs and a share of the
        // rest, when that keeps every label on one line.
        // (settings8: equal widths with every label on one line first, then natural widths, and
        // only then equal widths with two lines — "Extra / large" made the text size's line 24 px
        // taller where its natural width fit, and English settings took 2 pages on 1366×768)
        for (int pass = 0; pass < 3 && !ok && name_ok; ++pass) {
          const int mode = pass == 1 ? 1 : 0;
          const unsigned most = pass == 2 ? 2u : 1u;
          std::vector<float> cw(cells.size(), ctrl_w);
          if (mode == 1) {
            cw = need_w;
            const float spare = std::max(0.f, width - name_w - (cols - 1) * gap() - need);
            if (width - name_w - (cols - 1) * gap() - need < -0.5f) continue;
            for (size_t c = 1; c < cells.size(); ++c) cw[c] += spare * cw[c] / need;
          }
          ok = ctrl_w + 0.5f >= std::max(it.min_w, min_target()) || mode == 1;
          blk.resize(1);
          h = blk[0].rect.h;
          float x = name_w + gap();
          for (size_t c = 1; c < cells.size() && ok; ++c) {
            auto p = layout_button(cells[c], cw[c]);
            ok = p.lines.size() <= most && !p.wide && whole_words(shown_label(items_[cells[c]]), p.lines);
            p.rect.x = x;
            x += cw[c] + gap();
            h = std::max(h, p.rect.h);
            blk.push_back(p);
          }
        }
        if (ok) {
          for (auto& p : blk)
            if (items_[p.item].kind == Item::button) p.rect.h = h;
          blocks.push_back(std::move(blk));
          i = j;
          continue;
        }
      }
      // Text beside controls at the normal size; at larger sizes too when every cell still fits
      // its column in at most two lines with whole words (a setting's name beside its choices);
      // else the text (a row's name, a slip's details) takes the full width above the rest.
      // (A QR code keeps its text beside it in as many whole-word lines as it takes: the slip's
      // details beside its code, two pages at 2× on 1366×768 rather than three.)
      bool beside = env_.scale < 1.01f;
      bool qr_row = false;
      for (size_t c : cells) qr_row |= items_[c].kind == Item::qr;
      // (at 1× too a name is lifted when its word would break in its column: "Language" in a
      // quarter of 768×1366 once the chosen option's ✓ no longer widened the choices)
      for (size_t c = 0; c < cells.size() && beside && !qr_row; ++c) {
        const Item& ci = items_[cells[c]];
        if (ci.kind != Item::text || ci.style == TextStyle::banner) continue;
        const FontFace f = ci.style == TextStyle::body ? FontFace::body : FontFace::title;
        auto p = layout_item(cells[c], (width - (cols - 1) * gap()) / cols);
        beside = whole_words(ci.w.label, p.lines);
        for (const auto& l : p.lines) beside &= m.width(l, p.font, f) <= p.rect.w + 0.5f;
      }
      if (!beside) {
        const float cw0 = (width - (cols - 1) * gap()) / cols;
        beside = cw0 >= std::max(it.min_w, min_target());
        for (size_t c = 0; c < cells.size() && beside; ++c) {
          const Item& ci = items_[cells[c]];
          if (ci.kind == Item::spacer || ci.w.role == Role::key || ci.kind == Item::qr) continue;
          if (ci.kind != Item::text && ci.kind != Item::button) beside = false;
          if (!beside) break;
          auto p = layout_item(cells[c], cw0);
          beside = (p.lines.size() <= 2 || qr_row) &&
                   whole_words(ci.kind == Item::text ? ci.w.label : shown_label(ci), p.lines);
        }
      }
      if (!beside) {
        std::vector<size_t> rest;
        for (size_t c : cells) {
          if (items_[c].kind == Item::text) {
            auto name = layout_item(c, width);
            name.keep_with_next = true;  // never a page apart from the controls it names
            blocks.push_back({name});
            --cols;
          } else {
            rest.push_back(c);
          }
        }
        cells.swap(rest);
        cols = std::max(1, std::min<int>(cols, int(cells.size())));
      }
      // Fewer columns when a label would need more than two lines, or cells get too narrow.
      for (; cols > 1; --cols) {
        float cw = (width - (cols - 1) * gap()) / cols;
        if (cw < std::max(it.min_w, min_target())) continue;
        bool ok = true;
        for (size_t c : cells) {
          if (items_[c].kind != Item::button) continue;
          auto p = layout_button(c, cw);
          if (items_[c].w.role != Role::key &&
              (p.lines.size() > 2 || p.wide || !whole_words(shown_label(items_[c]), p.lines)))
            ok = false;
        }
        if (ok) break;
      }
      float cw = (width - (cols - 1) * gap()) / cols;
      // A keypad stays in one piece on one page; other rows may break between lines.
      bool keypad = !cells.empty();
      for (size_t c : cells) keypad &= items_[c].w.role == Role::key || items_[c].kind == Item::spacer;
      std::vector<Placed> pad_block;
      float pad_y = 0;
      for (size_t k = 0; k < cells.size(); k += cols) {
        std::vector<Placed> blk;
        float h = 0;
        for (size_t c = k; c < std::min(cells.size(), k + cols); ++c) {
          auto p = layout_item(cells[c], cw);
          p.rect.x = (c - k) * (cw + gap());
          h = std::max(h, p.rect.h);
          blk.push_back(p);
        }
        for (auto& p : blk)
          if (items_[p.item].kind == Item::button) p.rect.h = h;
        if (keypad) {
          for (auto& p : blk) {
            p.rect.y = pad_y;
            pad_block.push_back(p);
          }
          pad_y += h + gap();
        } else {
          blocks.push_back(blk);
        }
      }
      if (keypad) blocks.push_back(pad_block);
      i = j;
    }
  }
  return blocks;
}

std::vector<std::vector<Ui::Placed>> Ui::layout_choices(size_t from, size_t to, float width,
                                                       const std::function<bool(size_t)>& take,
                                                       const std::function<Placed(size_t, float)>& lay) const {
  const TextMetrics& m = *env_.metrics;
  std::vector<size_t> opts;
  size_t name = to;
  for (size_t k = from + 1; k < to; ++k) {
    if (!take(k)) continue;
    if (items_[k].kind == Item::text && name == to) name = k;
    else opts.push_back(k);
  }
  std::vector<std::vector<Placed>> blocks;
  const float npx = text_px(TextStyle::heading);
  // The name column: the widest name of the screen's groups (≤ 30 % of the width).
  float name_w = 0;
  for (size_t k = 0; k + 1 < items_.size(); ++k)
    if (items_[k].kind == Item::row_begin && items_[k].choices && items_[k + 1].kind == Item::text)
      name_w = std::max(name_w, m.width(items_[k + 1].w.label, npx, FontFace::title) + u(4));
  name_w = std::min(name_w, width * 0.3f);
  // An option as wide as its label needs, on one line (the ✓ tab stands in its corner).
  auto natural = [&](size_t k) {
    const float px = body(), pad = button_pad(px);
    return std::max(min_target(), m.width(shown_label(items_[k]), px, FontFace::body) + 2 * pad + u(8));
  };
  float widest = 0;
  for (size_t k : opts) widest = std::max(widest, natural(k));
  Placed head{name, Rect{}, {}, npx};
  bool beside = name != to && name_w > 0;
  if (beside) {
    head.lines = wrap_text(m, items_[name].w.label, npx, FontFace::title, name_w);
    beside = head.lines.size() <= 2 && whole_words(items_[name].w.label, head.lines) &&
             width - name_w - gap() >= widest;
  }
  const float x0 = beside ? name_w + gap() : 0, room = width - x0;
  if (name != to && !beside) {
    head.lines = wrap_text(m, items_[name].w.label, npx, FontFace::title, width);
    head.rect = Rect{0, 0, width, head.lines.size() * npx};
    head.keep_with_next = true;  // (never a page apart from its options)
    blocks.push_back({head});
  }
  // Lines of options: as many as the width holds, each at its natural width; a full line's
  // options share what is left of it.
  std::vector<std::vector<size_t>> lines(1);
  float x = 0;
  for (size_t k : opts) {
    const float w = std::min(natural(k), room);
    if (!lines.back().empty() && x + w > room + 0.5f) lines.emplace_back(), x = 0;
    lines.back().push_back(k);
    x += w + gap();
  }
  for (size_t l = 0; l < lines.size() && !opts.empty(); ++l) {
    float used = 0;
    for (size_t k : lines[l]) used += std::min(natural(k), room);
    used += gap() * float(lines[l].size() - 1);
    const float extra = l + 1 < lines.size() ? (room - used) / float(lines[l].size()) : 0;
    std::vector<Placed> blk;
    float cx = x0, h = 0;
    for (size_t k : lines[l]) {
      // (laid out as a row's button: one line when it fits, else wrapped at whole words)
      Placed p = lay(k, std::min(natural(k), room) + extra);
      p.rect.x = cx;
      cx += p.rect.w + gap();
      h = std::max(h, p.rect.h);
      blk.push_back(p);
    }
    for (auto& p : blk) p.rect.h = h;
    if (l == 0 && beside) {
      head.rect = Rect{0, std::max(0.f, (h - head.lines.size() * npx) / 2), name_w, head.lines.size() * npx};
      blk.insert(blk.begin(), head);
    }
    blocks.push_back(std::move(blk));
  }
  // (on a portrait panel a group after one that took more than a line stands 3 mm further down
  // than lines do from each other: the kinds' third line and the categories' first read as one
  // group on 768×1366; a landscape panel's groups are a line or two beside their names, and
  // 1366×768 at 1× with low reach has no 3 mm to spare for one page)
  size_t prev = from;
  for (size_t k = 0; k < from; ++k)
    if (items_[k].kind == Item::row_begin && items_[k].choices) prev = k;
  if (prev < from && !blocks.empty() && env_.height > env_.width) {
    size_t end = prev + 1;
    while (end < items_.size() && items_[end].kind != Item::row_end) ++end;
    if (layout_choices(prev, end, width, take, lay).size() > 1)
      for (auto& p : blocks.front()) p.rect.y += u(12);
  }
  return blocks;
}

// A record row's card (Ui::records_begin): the title (heading face) beside the badge chip, then
// the details on one line — wrapped at a word to a second (or, when even that does not hold
// them, more: nothing is cut, V1). Lines as a card's: title lines, the badge's words, details.
Ui::Placed Ui::layout_record_card(size_t idx, float w) const {
  const TextMetrics& m = *env_.metrics;
  const Item& it = items_[idx];
  const float px = body(), pad = button_pad(px);
  Placed p{idx, Rect{}, {}, px};
  if (!it.badge.text.empty())
    p.chip_w = m.width(it.badge.text, px * 0.8f, FontFace::body) + px * 0.8f + 3 * pad;
  const float room = std::max(u(10), w - 2 * pad);
  std::string title = it.w.label.substr(0, it.w.label.find('\n'));
  p.lines = wrap_text(m, title, px, FontFace::title, std::max(u(10), room - p.chip_w));
  p.head = int(p.lines.size());
  if (!it.badge.text.empty()) p.lines.push_back(it.badge.text);
  // (a line never ends or starts with the separator: the break is where the " · " was)
  const std::string dot = "·";
  auto trim = [](std::string* l) {
    while (!l->empty() && l->back() == ' ') l->pop_back();
    while (!l->empty() && l->front() == ' ') l->erase(0, 1);
  };
  for (const auto& d : it.details)
    for (auto& l : wrap_phrases(m, d, px, FontFace::body, room)) {
      trim(&l);
      if (l.size() > dot.size() && l.compare(l.size() - dot.size(), dot.size(), dot) == 0) l.erase(l.size() - dot.size());
      if (l.size() > dot.size() && l.compare(0, dot.size(), dot) == 0) l.erase(0, dot.size());
      trim(&l);
      p.lines.push_back(std::move(l));
    }
  // (no padding above and below the lines: a line's height holds its own leading, ~7 mm of a
  // 12 mm line, so a two-line record at 1× is one target tall — 24 mm — and a short panel's page
  // holds a row more; the text stands in the middle of a taller row)
  float n = float(p.lines.size() - (it.badge.text.empty() ? 0 : 1));
  p.rect = Rect{0, 0, w, std::max(n * px + (env_.scale < 1.01f ? 0 : 2 * pad), min_target())};
  return p;
}

// Record rows (issue 12 points 3–4): each card with its actions beside it at the right, as wide
// as their labels need; under the card, side by side, when beside them its title would not read
// (more than two lines, a word broken, under four characters' room beside the badge) or the row
// would be taller than with them under it. More columns (up to the asked number) only when every
// row then reads with its details in two lines at most and the list is shorter for it; the rows
// of one line share its height.
std::vector<std::vector<Ui::Placed>> Ui::layout_records(
    size_t from, size_t to, float width, const std::function<bool(size_t)>& take) const {
  const TextMetrics& m = *env_.metrics;
  struct Rec {
    size_t card = SIZE_MAX;
    std::vector<size_t> actions;
  };
  std::vector<Rec> recs;
  for (size_t i = from + 1; i < to; ++i) {
    if (!take(i) || items_[i].kind != Item::button) continue;
    if (items_[i].card || recs.empty()) recs.push_back({});
    if (items_[i].card) recs.back().card = i;
    else recs.back().actions.push_back(i);
  }
  const float px = body(), pad = button_pad(px);
  // An action's width: its label on one line (whole words) with its icon, at least a target.
  auto action_w = [&](size_t a) {
    const Item& it = items_[a];
    return std::max(min_target(), m.width(it.w.label, px, FontFace::body) + 2 * pad + u(4) +
                                      (it.icon != Icon::none ? px + pad * 0.5f : 0));
  };
  auto actions_w = [&](const Rec& r) {
    float w = 0;
    for (size_t a : r.actions) w += action_w(a) + gap();
    return w;
  };
  // A title reads in at most two lines, its words whole, with four characters' room beside the chip.
  auto title_ok = [&](const Placed& c) {
    const Item& it = items_[c.item];
    std::vector<std::string> head(c.lines.begin(), c.lines.begin() + c.head);
    return c.head <= 2 && c.rect.w - 2 * pad - c.chip_w >= 4 * px &&
           whole_words(it.w.label.substr(0, it.w.label.find('\n')), head);
  };
  auto detail_lines = [&](const Placed& c) {
    return c.lines.size() - size_t(c.head) - (items_[c.item].badge.text.empty() ? 0 : 1);
  };
  // One row in a cell `cw` wide: the card and its actions beside it when its title reads there
  // and the row is no taller than with the actions under the card; else under it. `ok`: the
  // title reads and the details take two lines at most.
  auto lay = [&](const Rec& r, float cw, bool* ok) {
    std::vector<Placed> out;
    const float aw = actions_w(r);
    bool beside = true;
    *ok = true;
    if (r.card != SIZE_MAX) {
      Placed card = layout_record_card(r.card, cw);
      if (!r.actions.empty()) {
        Placed narrow = layout_record_card(r.card, std::max(u(10), cw - aw));
        beside = title_ok(narrow) && narrow.rect.h <= card.rect.h + gap() + min_target();
        if (beside) card = narrow;
      }
      *ok = title_ok(card) && detail_lines(card) <= 2;
      out.push_back(card);
    }
    const bool has_card = !out.empty();
    const float h = has_card ? out[0].rect.h : min_target();
    float x = beside && has_card ? cw - aw + gap() : 0, y = beside || !has_card ? 0 : h + gap();
    float line_h = 0;  // (actions under the card: the tallest of their line)
    for (size_t a : r.actions) {
      // An action wider than the cell (a long label on a narrow panel at large text: "Cancel
      // this appointment" at 2× on 768×1366) is the cell's width, its label wrapped at whole
      // words into two lines (a smaller size, down to the 1× body, only when two do not hold
      // it) and the button as tall as its lines — never a label running over its button.
      const float w = std::min(action_w(a), cw);
      if (!beside && x > 0 && x + w > cw) x = 0, y += line_h + gap(), line_h = 0;
      const float icon_w = items_[a].icon != Icon::none ? px + pad * 0.5f : 0;
      const Fit f = fit_label(items_[a].w.label, px, std::min(px, u(env_.body_px)), w - icon_w, pad, false, 2);
      const float ah = std::max(min_target(), f.lines.size() * f.px + 2 * pad);
      out.push_back(Placed{a, Rect{x, y, w, beside && has_card ? h : ah}, f.lines, f.px});
      line_h = std::max(line_h, ah);
      x += w + gap();
    }
    return out;
  };
  // Columns: one, or more when every row then reads (details in two lines at most) and the list
  // is shorter for it.
  auto list_height = [&](int n, bool* ok) {
    const float cw = (width - (n - 1) * gap()) / n;
    float total = 0;
    *ok = cw >= min_target();
    for (size_t k = 0; k < recs.size(); k += size_t(n)) {
      float h = 0;
      for (size_t c = k; c < std::min(recs.size(), k + size_t(n)); ++c) {
        bool r_ok = true;
        for (const auto& p : lay(recs[c], cw, &r_ok)) h = std::max(h, p.rect.bottom());
        *ok &= r_ok;
      }
      total += h + gap();
    }
    return total;
  };
  int cols = 1;
  {
    bool ok = true;
    float best = list_height(1, &ok);
    for (int n = 2; n <= std::min<int>(items_[from].cols, int(recs.size())); ++n) {
      float h = list_height(n, &ok);
      if (ok && h < best - 0.5f) best = h, cols = n;
    }
  }
  const float cw = (width - (cols - 1) * gap()) / cols;
  std::vector<std::vector<Placed>> blocks;
  for (size_t k = 0; k < recs.size(); k += size_t(cols)) {
    std::vector<std::vector<Placed>> line;
    float h = 0;
    for (size_t c = k; c < std::min(recs.size(), k + size_t(cols)); ++c) {
      bool b = false;
      line.push_back(lay(recs[c], cw, &b));
      for (const auto& p : line.back()) h = std::max(h, p.rect.bottom());
    }
    // One column, the actions under the card: two blocks, so that a page may end between them
    // (a card as tall as a page at large text leaves its actions to the next, never over the
    // pager).
    if (cols == 1 && line[0].size() >= 2 && line[0][1].rect.y > 0) {
      const float dy = line[0][1].rect.y;
      line[0][0].keep_with_next = true;  // moves to the next page with its actions when both fit there
      blocks.push_back({line[0][0]});
      std::vector<Placed> acts(line[0].begin() + 1, line[0].end());
      for (auto& p : acts) p.rect.y -= dy;
      blocks.push_back(std::move(acts));
      continue;
    }
    std::vector<Placed> blk;
    for (size_t c = 0; c < line.size(); ++c) {
      // (beside: the card and its actions stretch to the line's height)
      bool beside = line[c].size() < 2 || line[c][1].rect.y == 0;
      for (auto& p : line[c]) {
        p.rect.x += float(c) * (cw + gap());
        if (beside) p.rect.h = h;
        blk.push_back(std::move(p));
      }
    }
    blocks.push_back(std::move(blk));
  }
  return blocks;
}

bool Ui::record_split() const {
  int card_page = -1;
  for (const Item& it : items_) {
    if (it.kind == Item::row_end) card_page = -1;
    if (it.kind != Item::button) continue;
    const auto p = page_of_.find(it.w.id);
    const int page = p == page_of_.end() ? -1 : p->second;
    if (it.in_records) card_page = page;
    else if (card_page >= 0 && page >= 0 && page != card_page) return true;
  }
  return false;
}

// A typing step (KIOSK_UI.md "never split a step"): prompt, field, keypad and 下一步 are
// always on one page. The keypad is one telephone pad everywhere: 1 2 3 / 4 5 6 / 7 8 9 / X 0 ⌫
// with 清空 and 下一步 as tall keys in a fourth column beside it.
Ui::StepPad Ui::measure_pad(float width, bool side) const {
  StepPad k;
  for (size_t i = 0; i < items_.size(); ++i)
    if (!in_modal(i) && (items_[i].w.role == Role::key || items_[i].kind == Item::spacer))
      (k.grid.size() < 12 ? k.grid : k.actions).push_back(i);
  if (k.grid.empty()) return k;
  // Key labels stop growing at 1.5× (18 mm): at 2× "下一步" would not fit a 30 mm key.
  k.px = std::min(body(), u(72));
  k.gap = u(20);
  k.pad = u(12);
  if (compact_) k.gap = u(17);
  float lw = 0, la = 0;
  for (size_t i : k.grid) lw = std::max(lw, env_.metrics->width(items_[i].w.label, k.px, FontFace::body));
  for (size_t i : k.actions) la = std::max(la, env_.metrics->width(items_[i].w.label, k.px, FontFace::body));
  // Keys 45 mm wide where there is room; beside the text column they narrow (never under 30 mm
  // or their label) so that the column keeps 140 mm; stacked they never pass the screen's width.
  // The action column (清空, 下一步) is as wide as its labels need, the digits need less.
  const float narrowest = std::max(min_key(), lw + 2 * k.pad);
  const float room = side ? (width - u(560) - gap() - 3 * k.gap) / 4 : (width - 3 * k.gap) / 4;
  k.cw = side ? std::clamp(room, narrowest, std::max(narrowest, u(180)))
              : std::min(std::max(u(180), narrowest), room);
  // Larger text (or a compact frame) needs the room more than the keys need width.
  if (side && (env_.scale > 1.01f || compact_)) k.cw = narrowest;
  k.ca = std::max(k.cw, la + 2 * k.pad);
  k.kh = std::max(min_key(), k.px + 2 * k.pad);
  k.pw = 3 * k.cw + k.ca + 3 * k.gap;
  k.ph = 4 * k.kh + 3 * k.gap;
  return k;
}

// Places the step: beside (landscape) the pad stands at the right, right above the bottom bar,
// and the text column (title, prompt, field, errors, caption) at its left; stacked (portrait)
// the prompt stays at the top, the field and the pad are at the bottom, field right above pad.
// The low-reach line rises to the pad's top (beside) or the field's (stacked) on a panel too
// short for both below it (every control as low as the panel allows).
std::vector<Ui::Placed> Ui::place_step(const StepPad& k0, bool side, float width, float col_w,
                                       float top, float bottom, float pad_bottom) {
  std::vector<Placed> out;
  auto other = [&](size_t i) {
    return !in_modal(i) && items_[i].w.role != Role::key && items_[i].kind != Item::spacer;
  };
  auto blocks = layout_blocks(col_w, other);
  auto height_of = [](const std::vector<Placed>& b) {
    float h = 0;
    for (const auto& p : b) h = std::max(h, p.rect.bottom());
    return h;
  };
  // Stacked on a tall panel (1080×1920), the keys stand further apart (up to 10 mm, as the
  // width allows) in the free height: the step fills more of the panel rather than leave a
  // blank band under the title, a wider gap is a key less often hit by mistake; where the
  // panel is tall enough the keys grow too (never under their 30 mm on any panel,
  // Journey.EveryPanelDrawsTheSameMillimetres).
  // First the prompt: at 1.5× the text size (large, the title's face) when that still leaves
  // the step its room — the instruction a resident reads first stands out, as on a government
  // self-service terminal.
  StepPad k = k0;
  float vgap = k.gap;  // between the keypad's rows (stacked on a tall panel: more than between columns)
  auto column_h = [&] {
    float h = 0;
    for (const auto& b : blocks) h += height_of(b) + gap();
    return h;
  };
  auto is_control = [&](const std::vector<Placed>& b) {
    for (const auto& p : b)
      if (role_interactive(items_[p.item].w.role)) return true;
    return false;
  };
  if (!side) {
    for (size_t i = 0; i < items_.size(); ++i) {
      Item& it = items_[i];
      if (it.kind != Item::text || it.w.id != "screen.hint" || it.style != TextStyle::body) continue;
      it.style = TextStyle::large;
      auto larger = layout_blocks(col_w, other);
      std::swap(blocks, larger);
      if (bottom - top - column_h() - k.ph < gap()) {
        it.style = TextStyle::body;
        std::swap(blocks, larger);
      }
    }
    // Still much room (1080×1920 at 1×): the field at the large size too — what is typed, on a
    // line of its own, is easier to check standing.
    for (Item& it : items_) {
      if (it.w.role != Role::input || it.style != TextStyle::body) continue;
      it.style = TextStyle::large;
      auto larger = layout_blocks(col_w, other);
      std::swap(blocks, larger);
      if (bottom - top - column_h() - k.ph < u(320)) {
        it.style = TextStyle::body;
        std::swap(blocks, larger);
      }
    }
    // Still room (1080×1920 at 1–1.5×, 768×1366 at 1×: up to 23 % of the panel blank under the
    // title, idstep8): the step grows into it, keeping 16 mm for the gaps below — first the
    // field at the large size (if not yet), then the keys, taller up to square (45 mm at most;
    // ACCESSIBILITY.md sets the 30 mm floor) with their labels up to 24 mm, then the typed
    // digits up to 30 mm (2.5× the 1× body) and the prompt up to 24 mm, easier to read
    // standing. With low reach the field and the keypad stay below the reach line: the room
    // is what the line leaves them.
    auto tail_h = [&] {
      float h = 0;
      bool on = false;
      for (const auto& b : blocks)
        if ((on |= is_control(b)) && is_control(b)) h += height_of(b) + gap();
      return h;
    };
    auto room = [&] {
      float r = bottom - top - column_h() - k.ph - u(64);
      if (env_.low_reach) r = std::min(r, bottom - controls_top_ - tail_h() - k.ph - u(64));
      return r;
    };
    for (Item& it : items_) {
      if (it.w.role != Role::input || it.style != TextStyle::body || room() < 0) continue;
      it.style = TextStyle::large;
      auto larger = layout_blocks(col_w, other);
      std::swap(blocks, larger);
      if (room() < 0) {
        it.style = TextStyle::body;
        std::swap(blocks, larger);
      }
    }
    const float kh_cap = std::max(k.kh, std::min(k.cw, u(180)));
    if (room() > 0 && kh_cap > k.kh) {
      k.kh += std::min(kh_cap - k.kh, room() / 4);
      k.ph = 4 * k.kh + 3 * k.gap;
      // (the action column widens for 下一步 at the larger size, as far as the panel allows;
      // where it cannot, every label keeps the size the widest fits)
      float px = std::max(k.px, std::min(u(96), k.kh * 0.5f));
      auto widest_label = [&](const std::vector<size_t>& keys, float at) {
        float lw = 0;
        for (size_t i : keys) lw = std::max(lw, env_.metrics->width(items_[i].w.label, at, FontFace::body));
        return lw;
      };
      const float ca_max = width - 3 * k.cw - 3 * k.gap;
      while (px > k.px && (widest_label(k.grid, px) + 2 * k.pad > k.cw ||
                           widest_label(k.actions, px) + 2 * k.pad > std::max(k.ca, ca_max)))
        px = std::max(k.px, px * 0.95f);
      k.px = px;
      k.ca = std::max(k.ca, widest_label(k.actions, px) + 2 * k.pad);
      k.pw = 3 * k.cw + k.ca + 3 * k.gap;
    }
    for (float at = text_px(TextStyle::large) * 1.1f; at <= std::max(text_px(TextStyle::large), u(120)); at *= 1.1f) {
      const float was = step_px_, was_hint = hint_px_;
      step_px_ = at;
      hint_px_ = std::min(at, std::max(text_px(TextStyle::large), u(96)));
      auto larger = layout_blocks(col_w, other);
      std::swap(blocks, larger);
      if (room() < 0) {
        step_px_ = was;
        hint_px_ = was_hint;
        std::swap(blocks, larger);
        break;
      }
    }
    // The prompt never breaks inside a phrase ("身份证|号" at 1.5× on 1080×1920, at 1× on
    // 768×1366): it steps down until its clauses are whole (to the body size at least).
    auto hint_whole = [&] {
      for (const auto& b : blocks)
        for (const auto& p : b)
          if (items_[p.item].w.id == "screen.hint" && !whole_words(items_[p.item].w.label, p.lines)) return false;
      return true;
    };
    for (Item& it : items_) {
      if (it.w.id != "screen.hint" || it.style != TextStyle::large) continue;
      for (float at = hint_px_ > 0 ? hint_px_ : text_px(TextStyle::large); !hint_whole();) {
        at *= 0.92f;
        if (at <= body()) {
          it.style = TextStyle::body;
          hint_px_ = 0;
        } else {
          hint_px_ = at;
        }
        blocks = layout_blocks(col_w, other);
        if (it.style == TextStyle::body) break;
      }
    }
    const float free = bottom - top - column_h() - k.ph;
    const float widest = std::min(u(40), (width - 3 * k.cw - k.ca) / 3);
    if (free > 0 && widest > k.gap) {
      k.gap += std::min(free / 3, widest - k.gap);
      vgap = k.gap;
      k.ph = 4 * k.kh + 3 * k.gap;
      k.pw = 3 * k.cw + k.ca + 3 * k.gap;
    }
    // Still room (keys at their 45 mm, text at its largest): the key labels grow to the 1.5×
    // size (18 mm, easier to read standing) and the keypad's rows stand further apart, up to
    // 16 mm — the step fills the lower part of a tall panel.
    // (what is left beyond 10 mm under the title goes between the rows: a band left blank
    // there reads as a screen not meant for this panel, idstep8)
    const float more = bottom - top - column_h() - k.ph;
    if (more > u(120)) k.px = std::max(k.px, std::min(u(72), k.kh - 2 * k.pad));
    if (more > u(40)) {
      vgap = k.gap + std::min((more - u(40)) / 3, u(64) - k.gap);
      k.ph = 4 * k.kh + 3 * vgap;
    }
  }
  const float px0 = side ? width - k.pw : (width - k.pw) / 2;
  const float py0 = (side ? pad_bottom : bottom) - k.ph;
  if (env_.low_reach) controls_top_ = std::min(controls_top_, py0);
  size_t field = blocks.size();
  for (size_t b = 0; b < blocks.size() && field == blocks.size(); ++b)
    if (is_control(blocks[b])) field = b;
  auto put = [&](const std::vector<size_t>& order, float y) {
    for (size_t b : order) {
      if (is_control(blocks[b])) y = std::max(y, controls_top_);
      for (Placed p : blocks[b]) {
        p.rect.y += y;
        out.push_back(p);
      }
      y += height_of(blocks[b]) + gap();
    }
  };
  if (side) {
    std::vector<size_t> all(blocks.size());
    for (size_t b = 0; b < all.size(); ++b) all[b] = b;
    put(all, top);
  } else {
    // Portrait designed for portrait: the prompt stands right above the field and the keypad at
    // the bottom (the title stays at the top), not a blank band between prompt and field; the
    // keys keep their millimetres on every panel. A note written after the keypad ("forgot your
    // number? call staff") stands with the prompt above the field, so that the field, its
    // controls and the keypad form one group at the bottom (on 768×1366 at 1.5–2× there is no
    // room for a note between field and keypad).
    std::vector<size_t> head_order, tail_order;
    for (size_t b = 0; b < blocks.size(); ++b)
      (b < field || !is_control(blocks[b]) ? head_order : tail_order).push_back(b);
    float tail = 0, head = 0;
    for (size_t b : tail_order) tail += height_of(blocks[b]) + gap();
    for (size_t b : head_order) head += height_of(blocks[b]) + gap();
    // Low reach: on a panel too short for the field and the keypad below the line, the line
    // rises to the field's top (every control as low as the panel allows, V6).
    if (env_.low_reach) controls_top_ = std::min(controls_top_, py0 - tail);
    put(head_order, std::max(top, py0 - tail - head));
    put(tail_order, py0 - tail);
  }
  auto key = [&](size_t i, float x, float y, float w, float h) {
    Fit f = fit_label(items_[i].w.label, k.px, u(40), w, k.pad, false, 2);
    out.push_back(Placed{i, Rect{x, y, w, h}, f.lines, f.px});
  };
  for (size_t g = 0; g < k.grid.size(); ++g)
    key(k.grid[g], px0 + (g % 3) * (k.cw + k.gap), py0 + (g / 3) * (k.kh + vgap), k.cw, k.kh);
  for (size_t a = 0; a < k.actions.size(); ++a)
    key(k.actions[a], px0 + 3 * (k.cw + k.gap), py0 + a * 2 * (k.kh + vgap), k.ca,
        k.actions.size() <= 2 ? 2 * k.kh + vgap : k.kh);
  return out;
}

// Assigns blocks to pages top-down. A paragraph that does not fit the rest of a page is split
// there (at least two lines stay together); a heading is kept with the block after it.
std::vector<std::vector<Ui::Placed>> Ui::paginate(std::vector<std::vector<Placed>> blocks,
                                                  float top, float bottom,
                                                  std::vector<int>* block_page,
                                                  std::vector<float>* block_y) const {
  auto height = [](const std::vector<Placed>& b) {
    float h = 0;
    for (const auto& p : b) h = std::max(h, p.rect.bottom());
    return h;
  };
  std::deque<std::vector<Placed>> q(blocks.begin(), blocks.end());
  std::vector<std::vector<Placed>> out;
  int page = 0;
  float y = top;
  while (!q.empty()) {
    auto b = std::move(q.front());
    q.pop_front();
    float h = height(b);
    bool text = b.size() == 1 && items_[b[0].item].kind == Item::text && b[0].font > 0;
    // Splits the paragraph so that its first part ends at the page bottom (≥ min_fit lines).
    auto try_split = [&](size_t min_fit) {
      if (!text || y + h <= bottom || b[0].lines.size() < 2) return;
      float pad = (b[0].rect.h - b[0].lines.size() * b[0].font) / 2;
      size_t fit = size_t(std::max(0.f, bottom - y - 2 * pad) / b[0].font);
      if (fit < min_fit) return;
      fit = std::min(fit, b[0].lines.size() - 1);
      Placed first = b[0], rest = b[0];
      first.lines.assign(b[0].lines.begin(), b[0].lines.begin() + fit);
      rest.lines.assign(b[0].lines.begin() + fit, b[0].lines.end());
      first.rect.h = first.lines.size() * first.font + 2 * pad;
      rest.rect.h = rest.lines.size() * rest.font + 2 * pad;
      first.split = rest.split = true;
      rest.part = first.part + 1;
      q.push_front({rest});
      b = {first};
      h = first.rect.h;
    };
    bool controls = false;
    float ctrl_off = 1e9f;  // top of the block's first control (a step block has text above it)
    for (const auto& p : b)
      if (role_interactive(items_[p.item].w.role) || items_[p.item].kind == Item::qr) {
        controls = true;
        ctrl_off = std::min(ctrl_off, p.rect.y);
      }
    // V6 low reach: controls never above the line; text may sit above it.
    auto below_line = [&] {
      if (controls && y + ctrl_off < controls_top_) y = std::max(y, controls_top_ - ctrl_off);
    };
    below_line();
    if (y > top) try_split(2);
    if (y > top && y + h > bottom) {
      ++page;
      y = top;
      // Keep a heading with what follows it, and a text field with its keypad.
      auto keep_with_next = [&](const Placed& p) {
        const Item& it = items_[p.item];
        return (it.kind == Item::text && (it.style == TextStyle::heading || p.keep_with_next) && p.lines.size() <= 2) ||
               it.w.role == Role::input || (it.card && p.keep_with_next);
      };
      // (a text field is a control: in the low-reach layout it stays below the line, V6)
      float y0 = !out.empty() && items_[out.back()[0].item].w.role == Role::input ? std::max(top, controls_top_) : top;
      bool not_first = out.size() >= 2 && (*block_page)[out.size() - 2] == page - 1;
      if (!out.empty() && block_page->back() == page - 1 && out.back().size() == 1 &&
          keep_with_next(out.back()[0]) && not_first && height(out.back()) + gap() + h <= bottom - y0) {
        block_page->back() = page;
        block_y->back() = y0;
        y = y0 + height(out.back()) + gap();
      }
    }
    below_line();
    try_split(1);  // at the top of a page: a paragraph taller than the page
    out.push_back(std::move(b));
    block_page->push_back(page);
    block_y->push_back(y);
    y += h + gap();
  }
  return out;
}

// ---------------------------------------------------------------- emit
void Ui::emit_text_lines(const std::vector<std::string>& lines, Rect r, float px, FontFace face,
                         Color c, bool center) {
  float y = r.y;
  for (const auto& l : lines) {
    float x = r.x;
    if (center) x = r.x + (r.w - env_.metrics->width(l, px, face)) / 2;
    DrawCmd d{DrawCmd::k_text};
    d.rect = Rect{x, y, r.w, px};
    d.color = c;
    d.size = px;
    d.face = face;
    d.text = l;
    draw_.push_back(std::move(d));
    y += px;
  }
}

void Ui::emit_icon(Icon icon, Rect r, Color c) {
  if (icon == Icon::none) return;
  DrawCmd d{DrawCmd::k_icon};
  d.rect = r;
  d.color = c;
  d.icon = icon;
  d.thickness = std::max(u(4), r.w / 12);
  draw_.push_back(d);
}

void Ui::fill(Rect r, Color c, float rounding) {
  DrawCmd d{DrawCmd::k_fill};
  d.rect = r;
  d.color = c;
  d.rounding = rounding;
  draw_.push_back(std::move(d));
}
void Ui::stroke(Rect r, Color c, float thickness, float rounding) {
  DrawCmd d{DrawCmd::k_stroke};
  d.rect = r;
  d.color = c;
  d.thickness = thickness;
  d.rounding = rounding;
  draw_.push_back(std::move(d));
}

void Ui::emit_widget(const Widget& w0, Icon icon, const std::vector<std::string>& lines, float px,
                     FontFace face, bool tile, bool center, float pad_override) {
  Widget w = w0;
  const Theme& t = *env_.theme;
  w.focused = w.focusable() && w.id == env_.focused;
  bool pressed = w.id == env_.pressed;
  bool selected = w.state == "selected" || w.state == "on";
  if (w.role == Role::text || w.role == Role::title || w.role == Role::caption) {
    w.fg = t.fg;
    w.bg = t.bg;
  } else if (w.role == Role::banner) {
    w.fg = t.banner_fg;
    w.bg = t.banner_bg;
  } else if (w.focused || pressed) {
    w.fg = t.focus_fg;
    w.bg = t.focus_bg;
  } else if (selected) {
    w.fg = t.selected_fg;
    w.bg = t.selected_bg;
  } else if (!w.enabled) {
    // Disabled: no fill, a thin border (and the words "不可用"/"full" from the caller, V5).
    w.fg = t.fg;
    w.bg = t.bg;
  } else {
    w.fg = t.button_fg;
    w.bg = t.button_bg;
  }
  const Rect& r = w.rect;
  if (w.role == Role::banner) {
    fill(r, w.bg, u(8));
    float pad = button_pad(px);
    emit_text_lines(lines, r.inset(pad), px, face, w.fg, false);
  } else if (role_interactive(w.role)) {
    fill(r, w.bg, u(12));
    if (!(w.focused || pressed)) stroke(r, t.button_border, w.enabled ? u(4) : u(2), u(12));
    if (selected && !(w.focused || pressed)) {
      // Chosen: the theme's tint, a second border inside the first and a ✓ (never colour
      // alone, V5); focus is the inverse fill with the ring outside, so the two never look alike.
      stroke(r.inset(u(7)), w.fg, u(3), u(8));  // (its outer edge clear of the label: pad ≥ u(12))
    }
    if (w.role == Role::option && w.state == "selected") {
      // The chosen option's ✓ on its top right corner (the label keeps the option's whole
      // width): a tab in the option's text colour with the ✓ cut out in its fill, focused or
      // not, straddling the top border — half in the gap above (less than a gap: it never meets
      // the row above), half in the padding above the label.
      // Focused, the tab stands inside the ring, in the padding above the label (the ring
      // whole, drawn last, and the ✓ whole: settings7 — the ring ran over the ✓'s top half).
      float m = std::min(option_mark(px), 2 * gap() - u(2));
      if (w.focused) m = std::max(u(20), std::min(m, (r.h - lines.size() * px) / 2 - u(4)));
      const Rect tab{r.right() - m - u(12), w.focused ? r.y + u(2) : r.y - m / 2, m, m};
      fill(tab, w.fg, u(6));
      emit_icon(Icon::check, tab.inset(m * 0.15f), w.bg);
    }
    float pad = pad_override > 0 ? pad_override
                : w.role == Role::key ? key_pad(px) : button_pad(px);
    float text_h = lines.size() * px;
    if (tile) {
      float icon_h = icon != Icon::none ? px * 1.6f : 0;
      float y0 = r.y + (r.h - text_h - icon_h) / 2;
      if (icon != Icon::none) emit_icon(icon, Rect{r.cx() - px * 0.6f, y0, px * 1.2f, px * 1.2f}, w.fg);
      emit_text_lines(lines, Rect{r.x + pad, y0 + icon_h, r.w - 2 * pad, text_h}, px, face, w.fg,
                      true);
    } else {
      float x = r.x + pad;
      if (icon != Icon::none) {
        emit_icon(icon, Rect{x, r.cy() - px * 0.4f, px * 0.8f, px * 0.8f}, w.fg);
        x += px + pad * 0.5f;
      }
      // (an option without an icon: its label centred, clear of the chosen one's inner border)
      bool ctr = center || w.role == Role::key || (w.role == Role::option && icon == Icon::none);
      Rect tr{x, r.cy() - text_h / 2, r.right() - pad - x, text_h};
      emit_text_lines(lines, tr, px, face, w.fg, ctr);
    }
    if (w.focused) {
      // V4: ≥ 6 px ring outside the widget, in a colour ≥ 3:1 against the screen background.
      float o = ring_px() + u(1);
      stroke(Rect{r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o}, t.focus_ring, ring_px(), u(16));
      // (kept for the end of the frame: Ui::layout_frame draws it over what follows)
      if (!draw_.empty()) {
        rings_.push_back(draw_.back());
        draw_.pop_back();
      }
    }
  } else if (w.role == Role::image) {
    // drawn by the caller (QR modules)
  } else if (icon != Icon::none && !lines.empty()) {
    // (Ui::text_icon: the icon beside the first line, the lines after it)
    emit_icon(icon, Rect{r.x, r.y + px * 0.1f, px * 0.8f, px * 0.8f}, w.fg);
    emit_text_lines(lines, Rect{r.x + text_icon_w(px), r.y, r.w - text_icon_w(px), r.h}, px, face, w.fg, center);
  } else {
    emit_text_lines(lines, r, px, face, w.fg, center);
  }
  widgets_.push_back(std::move(w));
  lines_.push_back(lines);
}

// A record card: the frame of a button (focus ring and pressed alike), the title in the heading
// face at the left, the badge as a chip at the top right (icon + words; bad/warn tones filled or
// doubled, never colour alone, V5), then the details. A read-only card keeps the focus ring but
// no button fill or thick border: it does not look pressable.
void Ui::emit_card(const Widget& w0, const Item& it, const Placed& p) {
  const Theme& t = *env_.theme;
  const size_t first = draw_.size();
  Widget w = w0;
  if (!it.tappable) w.state = "";
  emit_widget(w, Icon::none, {}, p.font, FontFace::body, false, false);
  Widget& reg = widgets_.back();
  reg.read_only = !it.tappable;
  lines_.back() = p.lines;
  const bool active = reg.focused || reg.id == env_.pressed;
  if (!it.tappable && !active) {
    reg.fg = t.fg;
    reg.bg = t.bg;
    for (size_t k = first; k < draw_.size(); ++k) {
      if (draw_[k].kind == DrawCmd::k_fill) draw_[k].color = t.bg;
      if (draw_[k].kind == DrawCmd::k_stroke) draw_[k].thickness = u(2), draw_[k].color = t.fg;
    }
  }
  const Rect& r = reg.rect;
  const float px = p.font, pad = button_pad(px);
  // (a record row's lines stand in the middle of the row, which has no padding of its own:
  // Ui::layout_record_card; a card outside a list keeps its padding)
  const size_t n_text = p.lines.size() - (it.badge.text.empty() ? 0 : 1);
  const float top = it.in_records && env_.scale < 1.01f ? std::max(0.f, (r.h - n_text * px) / 2) : pad;
  float y = r.y + top;
  std::vector<std::string> head(p.lines.begin(), p.lines.begin() + p.head);
  emit_text_lines(head, Rect{r.x + pad, y, r.w - 2 * pad - p.chip_w, head.size() * px}, px,
                  FontFace::title, reg.fg, false);
  y += head.size() * px;
  size_t d0 = size_t(p.head) + (it.badge.text.empty() ? 0 : 1);
  std::vector<std::string> details(p.lines.begin() + d0, p.lines.end());
  emit_text_lines(details, Rect{r.x + pad, y, r.w - 2 * pad, details.size() * px}, px,
                  FontFace::body, reg.fg, false);
  if (!it.badge.text.empty()) {
    const float cpx = px * 0.8f;
    Rect chip{r.right() - pad - p.chip_w + pad, r.y + top + (px - cpx * 1.2f) / 2,
              p.chip_w - pad, cpx * 1.2f};
    // Tone by form, not colour alone: bad = filled (inverse), warn = double border, good and
    // neutral = one border; the icon and the words say it.
    const bool filled = it.badge.tone == Badge::bad;
    if (filled) fill(chip, reg.fg, chip.h / 2);
    stroke(chip, reg.fg, u(3), chip.h / 2);
    if (it.badge.tone == Badge::warn) {
      const Rect inner = chip.inset(u(6));
      stroke(inner, reg.fg, u(2), inner.h / 2);
    }
    const Color c = filled ? reg.bg : reg.fg;
    float x = chip.x + pad;
    if (it.badge.icon != Icon::none) {
      emit_icon(it.badge.icon, Rect{x, chip.cy() - cpx * 0.4f, cpx * 0.8f, cpx * 0.8f}, c);
      x += cpx;
    }
    emit_text_lines({it.badge.text}, Rect{x, chip.cy() - cpx / 2, chip.right() - x, cpx}, cpx,
                    FontFace::body, c, false);
  }
}

// The modal dialog: a veil over the content, a bordered box in the middle of it (in its lower
// part for low reach, V6) holding the dialog's items stacked at the box's width.
void Ui::build_modal(float top, float bottom) {
  const Theme& t = *env_.theme;
  Color veil = t.bg;
  veil.a = 225;
  fill(Rect{0, top, env_.width, bottom - top}, veil);
  // The box never passes the room it has (the bar stays, M4): its text steps down to 1.5×, then
  // 1× on a panel too short for it (the words are spoken too).
  const int frame_level = compact_;
  // (at its level's own size: Ui::grow_content measures the page under it, not the box)
  const int grown = grown_level_;
  grown_level_ = -1;
  float bw = 0, h = 0, pad = u(32);
  std::vector<std::vector<Placed>> blocks;
  for (;; ++compact_) {
    bw = env_.width - 2 * margin();
    blocks = layout_blocks(bw - 2 * pad, [&](size_t i) { return in_modal(i); });
    h = 2 * pad - gap();
    for (const auto& b : blocks) {
      float bh = 0;
      for (const auto& p : b) bh = std::max(bh, p.rect.bottom());
      h += bh + gap();
    }
    if (h <= bottom - top) break;
    if (compact_ >= 3) {
      // Still taller than the room: a narrower inner padding is the last step (4 mm, not 8).
      if (pad > u(16)) {
        pad = u(16);
        --compact_;  // (the loop's ++ brings it back to the same level)
        continue;
      }
      break;
    }
  }
  float y0 = env_.low_reach ? std::max(bottom - h, std::max(top, env_.height * 0.33f - pad))
                            : top + std::max(0.f, (bottom - top - h) / 2);
  y0 = std::max(top, std::min(y0, bottom - h));
  Rect box{(env_.width - bw) / 2, y0, bw, h};
  fill(box, t.bg, u(16));
  stroke(box, t.fg, u(6), u(16));
  float y = box.y + pad;
  for (const auto& b : blocks) {
    float bh = 0;
    for (const auto& p : b) {
      const Item& it = items_[p.item];
      Widget w = it.w;
      w.rect = Rect{box.x + pad + p.rect.x, y + p.rect.y, p.rect.w, p.rect.h};
      FontFace face = it.style == TextStyle::large ? FontFace::title : FontFace::body;
      emit_widget(w, it.icon, p.lines, p.font, face, false, false);
      bh = std::max(bh, p.rect.bottom());
    }
    y += bh + gap();
  }
  compact_ = frame_level;
  grown_level_ = grown;
}

// The bar and the pager drop their icons and use a smaller padding at larger text sizes so that
// every label stays on one line (a two-line bar would leave no room for content at 2×).
// (u(12) on a short panel: the bar at the minimum target's height leaves the content its room)
float Ui::bar_pad() const {
  return env_.scale > 1.01f ? u(short_panel() ? 12 : 16) : button_pad(bar_px());
}
bool Ui::bar_icons() const { return env_.scale < 1.01f; }

// The bar (M4: the same place on every screen): one row of four, each as wide as its label
// needs plus an equal share of the rest, so "呼叫工作人员" never breaks; without icons when they
// cost the room; in two rows of two on a portrait panel; then two lines at a word boundary;
// then a smaller font (never under the 1× body size).
Ui::NavLayout Ui::nav_layout(float bottom) const {
  const std::string* labels[4] = {&env_.nav.back, &env_.nav.home, &env_.nav.repeat,
                                  &env_.nav.call_staff};
  // M4 also means the bar does not move when one screen is laid out compact and the next is not:
  // its margin, padding, text size and height depend on the panel and the text step only.
  const float x0 = u(32), avail = env_.width - 2 * x0, pad = bar_pad();
  const bool portrait = env_.height > env_.width;
  const float min_h = min_target();
  NavLayout nav;
  // (icon: its size as a share of the text's, 0 for none; it takes that plus a fifth of the
  // text size and half the padding beside the label)
  auto attempt = [&](float px, float icon, int rows, size_t max_lines) {
    const int per = 4 / rows;
    const bool icons = icon > 0;
    const float icon_w = icons ? (icon + 0.2f) * px + pad * 0.5f : 0;
    float need[4];
    for (int i = 0; i < 4; ++i)
      need[i] = env_.metrics->width(*labels[i], px, FontFace::body) + 2 * pad + icon_w + u(4);
    NavLayout n;
    float row_h = 0;
    for (int r = 0; r < rows; ++r) {
      float sum = 0;
      for (int i = r * per; i < (r + 1) * per; ++i) sum += need[i];
      float extra = avail - (per - 1) * gap() - sum;
      if (max_lines == 1 && extra < 0) return false;
      float x = x0;
      for (int i = r * per; i < (r + 1) * per; ++i) {
        // (two lines: equal widths, each label wrapped at a word boundary)
        float w = max_lines == 1 ? need[i] + extra / per : (avail - (per - 1) * gap()) / per;
        n.r[i] = Rect{x, 0, w, 0};
        float room = std::max(u(10), w - 2 * pad - icon_w);
        n.fit[i] = Fit{px, wrap_text(*env_.metrics, *labels[i], px, FontFace::body, room), icons,
                       icon * px};
        if (n.fit[i].lines.size() > max_lines || !whole_words(*labels[i], n.fit[i].lines))
          return false;
        row_h = std::max(row_h, n.fit[i].lines.size() * px + 2 * pad);
        x += w + gap();
      }
    }
    n.h = std::max(min_h, row_h);
    for (int r = 0; r < rows; ++r)
      for (int i = r * (4 / rows); i < (r + 1) * (4 / rows); ++i) {
        n.r[i].y = bottom - (rows - r) * n.h - (rows - 1 - r) * gap();
        n.r[i].h = n.h;
      }
    n.h = rows * n.h + (rows - 1) * gap();
    nav = n;
    return true;
  };
  // Each arrangement with the icon at 0.8 of the text's size, then a smaller one (0.55, never
  // under 6 mm), then none: the icon stays wherever it fits, at every text size.
  const float px = bar_px();
  auto icons_then_none = [&](float s, int rows, size_t max_lines) {
    for (float icon : {0.8f, 0.55f})
      if (icon * s >= u(24) - 0.5f && attempt(s, icon, rows, max_lines)) return true;
    return attempt(s, 0, rows, max_lines);
  };
  if (icons_then_none(px, 1, 1)) return nav;
  if (portrait && icons_then_none(px, 2, 1)) return nav;
  if (attempt(px, 0, 1, 2)) return nav;
  for (float s = px * 0.92f; s > u(48); s *= 0.92f)
    if (attempt(s, 0, 1, 1) || (portrait && attempt(s, 0, 2, 1))) return nav;
  if (attempt(u(48), 0, 1, 1) || attempt(u(48), 0, 2, 1) || attempt(u(48), 0, 1, 2))
    return nav;
  attempt(u(48), 0, 2, 3);
  return nav;
}

void Ui::build_nav(const NavLayout& nav) {
  struct N {
    const char* id;
    const std::string* label;
    Icon icon;
    bool enabled;
  };
  // M4: Back, Home and Call staff in the same place on every screen (settings are on Home).
  const N items[] = {{"nav.back", &env_.nav.back, Icon::back, env_.back_enabled},
                     {"nav.home", &env_.nav.home, Icon::home, true},
                     {"nav.repeat", &env_.nav.repeat, Icon::speaker, true},
                     {env_.nav4_id.c_str(), &env_.nav.call_staff, Icon::bell, env_.nav4_enabled}};
  for (int i = 0; i < 4; ++i) {
    Widget w;
    w.id = items[i].id;
    w.role = Role::button;
    w.label = *items[i].label;
    w.enabled = items[i].enabled;
    w.group = Group::nav;
    w.rect = nav.r[i];
    // The frame by emit_widget; the icon and the label as one group centred in the button.
    const Fit& f = nav.fit[i];
    emit_widget(w, Icon::none, {}, f.px, FontFace::body, false, false, bar_pad());
    lines_.back() = f.lines;
    const Widget& reg = widgets_.back();
    float lw = 0;
    for (const auto& l : f.lines) lw = std::max(lw, env_.metrics->width(l, f.px, FontFace::body));
    const float icon_w = f.icon ? f.icon_px + f.px * 0.2f + bar_pad() * 0.5f : 0;
    const float x = std::max(reg.rect.x + bar_pad(), reg.rect.cx() - (icon_w + lw) / 2);
    const float text_h = f.lines.size() * f.px;
    if (f.icon)
      emit_icon(items[i].icon, Rect{x, reg.rect.cy() - f.icon_px / 2, f.icon_px, f.icon_px}, reg.fg);
    emit_text_lines(f.lines, Rect{x + icon_w, reg.rect.cy() - text_h / 2, lw, text_h}, f.px,
                    FontFace::body, reg.fg, true);
  }
}

// `s` on one line `room` wide: whole when it fits, else cut at a code point with "…" after it.
std::string Ui::ellipsized(const std::string& s, float px, FontFace face, float room) const {
  const TextMetrics& m = *env_.metrics;
  if (m.width(s, px, face) <= room) return s;
  std::string cut;
  for (size_t k = 0; k < s.size();) {
    next_codepoint(s, &k);
    std::string more = s.substr(0, k);
    if (m.width(more + "…", px, face) > room) break;
    cut = std::move(more);
  }
  return cut + "…";
}

// The header band (KIOSK_UI.md): one compact line, the station's name at the left (cut with an
// ellipsis when long), the local date and time at the right. Text, not focusable. Returns its
// bottom (y when there is no header).
float Ui::build_header(float y, float width) {
  if (env_.header_station.empty() && env_.header_clock.empty()) return y;
  const TextMetrics& m = *env_.metrics;
  const float px = std::min(chrome_px(), u(compact_ ? 40 : 48));
  const float x0 = margin(), w = width > 0 ? width : env_.width - 2 * margin();
  float clock_w = env_.header_clock.empty() ? 0 : m.width(env_.header_clock, px, FontFace::body) + u(2);
  if (!env_.header_clock.empty()) {
    Widget c;
    c.id = "header.clock";
    c.role = Role::text;
    c.label = env_.header_clock;
    c.rect = Rect{x0 + w - clock_w, y, clock_w, px};
    emit_widget(c, Icon::none, {c.label}, px, FontFace::body, false, false);
  }
  if (!env_.header_station.empty()) {
    float room = w - clock_w - (clock_w > 0 ? gap() : 0);
    std::string shown = ellipsized(env_.header_station, px, FontFace::body, room);
    Widget s;
    s.id = "header.station";
    s.role = Role::text;
    s.label = env_.header_station;  // (the registry keeps the whole name; speech reads it)
    s.rect = Rect{x0, y, std::max(0.f, std::min(room, m.width(shown, px, FontFace::body) + u(2))), px};
    emit_widget(s, Icon::none, {shown}, px, FontFace::body, false, false);
  }
  // A thin rule under the band.
  fill(Rect{x0, y + px + u(4), w, u(2)}, env_.theme->fg);
  return y + px + u(10);
}

// The title band (a compact frame on a short panel, no keypad: 1366×768, 1280×800, 1024×600):
// one line — the title at the chrome's size (stepping down to the 1× body size, then cut with
// "…"; the registry and speech keep it whole), the step after it, the station's name in the room
// left (cut with "…", left off under two characters' room), the clock at the right — and a thin
// rule under it. The line is as tall as the title's first size whatever the title, so the
// content starts at the same height on every page (1024×600 at 1.5× in English: home counted 3
// pages, then 2 once the station's name had replaced the generic title).
float Ui::build_title_band(float y, float W) {
  const TextMetrics& m = *env_.metrics;
  const float cpx = chrome_px(), line = std::min(title_size(), cpx);
  const float hpx = std::min(cpx, u(40)), x0 = margin();
  const float clock_w = env_.header_clock.empty() ? 0 : m.width(env_.header_clock, hpx, FontFace::body) + u(2);
  const float step_w = step_.empty() ? 0 : m.width(step_, std::min(cpx, line), FontFace::body) + u(2);
  const float room = std::max(u(10), W - (clock_w > 0 ? clock_w + gap() : 0) - (step_w > 0 ? step_w + gap() : 0));
  const float floor_px = std::min(line, u(env_.body_px));
  float tpx = line;
  while (m.width(title_, tpx, FontFace::title) > room && tpx > floor_px) tpx = std::max(floor_px, tpx * 0.92f);
  const std::string shown = ellipsized(title_, tpx, FontFace::title, room);
  const float title_w = std::min(room, m.width(shown, tpx, FontFace::title) + u(2));
  const float step_x = x0 + title_w + gap();
  const float station_x = step_w > 0 ? step_x + step_w + gap() : step_x;
  const float clock_x = x0 + W - clock_w;
  if (clock_w > 0) {
    Widget c;
    c.id = "header.clock";
    c.role = Role::text;
    c.label = env_.header_clock;
    c.rect = Rect{clock_x, y + (line - hpx) / 2, clock_w, hpx};
    emit_widget(c, Icon::none, {c.label}, hpx, FontFace::body, false, false);
  }
  const float station_room = clock_x - (clock_w > 0 ? gap() : 0) - station_x;
  if (!env_.header_station.empty() && station_room >= 2 * hpx) {
    const std::string cut = ellipsized(env_.header_station, hpx, FontFace::body, station_room);
    Widget st;
    st.id = "header.station";
    st.role = Role::text;
    st.label = env_.header_station;  // (the registry keeps the whole name; speech reads it)
    st.rect = Rect{station_x, y + (line - hpx) / 2,
                   std::min(station_room, m.width(cut, hpx, FontFace::body) + u(2)), hpx};
    emit_widget(st, Icon::none, {cut}, hpx, FontFace::body, false, false);
  }
  Widget tw;
  tw.id = "screen.title";
  tw.role = Role::title;
  tw.label = title_;
  tw.rect = Rect{x0, y + (line - tpx) / 2, title_w, tpx};
  emit_widget(tw, Icon::none, {shown}, tpx, FontFace::title, false, false);
  if (step_w > 0) {
    Widget sw;
    sw.id = "screen.step";
    sw.role = Role::text;
    sw.label = step_;
    const float spx = std::min(cpx, line);
    sw.rect = Rect{step_x, y + (line - spx) / 2, step_w, spx};
    emit_widget(sw, Icon::none, {step_}, spx, FontFace::body, false, false);
  }
  fill(Rect{x0, y + line + u(4), W, u(2)}, env_.theme->fg);
  return y + line + u(10);
}

// Lays the frame out, squeezing harder only when it must (compact_): a typing step tries each
// level until it fits one page (never split a step); any other screen takes the compact frame
// (1.5× chrome, less padding, tiles at button height) only when that needs fewer pages.
// How many of a list's records stand on each page of the current layout (one entry a page).
std::vector<int> Ui::records_per_page() const {
  std::vector<int> per(size_t(std::max(1, pages_)), 0);
  for (const Item& it : items_)
    if (it.in_records)
      if (auto p = page_of_.find(it.w.id); p != page_of_.end() && p->second >= 0 && p->second < int(per.size()))
        ++per[size_t(p->second)];
  return per;
}

// Ui::fewest_pages: every content size tried, the fewest pages kept (never one that runs a block
// into the pager or the bar when another does not), the larger text on a tie.
void Ui::end_fewest() {
  int best = 0, best_pages = 1 << 20;
  bool best_over = true;
  for (compact_ = 0; compact_ <= 3; ++compact_) {
    const bool one = layout_frame();
    if (!overflow_ && (best_over || pages_ < best_pages)) {
      best = compact_, best_pages = pages_, best_over = false;
    } else if (overflow_ && best_over && pages_ < best_pages) {
      best = compact_, best_pages = pages_;
    }
    if (one && !overflow_) return;
  }
  compact_ = best;
  layout_frame();
}

void Ui::end() {
  grown_level_ = -1;
  end_choose();
  grow_content();
  // A typing step whose content stays at 1× under the chrome at the resident's size (level 3)
  // takes the frame's own text at 1× too (level 4) where that lets its prompt and field grow by
  // a quarter at least: what the resident reads to type is then worth more than the title's and
  // the bar's size; for less (1.12×) the title and the bar keep the resident's size (round 14:
  // a squeezed title with its step beside it let level 3 fit at 1× on 1024×600 — the new PIN
  // step, whose prompt level 4 draws at 1.25×).
  if (typing_ && compact_ == 3 && env_.scale > 1.01f && content_scale() < 1.01f) {
    compact_ = 4;
    grown_level_ = -1;
    const bool fits = layout_frame();
    if (fits) grow_content();
    if (!fits || content_scale() < 1.24f) {
      compact_ = 3;
      grown_level_ = -1;
      layout_frame();
    }
  }
}

// How good a layout is, for Ui::grow_content: the rules Ui::end_choose steps the content down
// for (runs into the pager or the bar, pages, a page's fewest records, a record split from its
// actions, a first page with nothing to do).
Ui::Outcome Ui::outcome() const {
  Outcome o;
  o.over = overflow_;
  o.pages = pages_;
  o.split = record_split();
  o.acts = first_page_acts();
  o.least = least_records_a_page();
  return o;
}

// The fewest records on a page but the last (99 on one page): the lists' rule, ≥ 4 at 1×, ≥ 2 at
// larger text.
int Ui::least_records_a_page() const {
  const std::vector<int> per = records_per_page();
  int least = 99;
  for (int p = 0; p + 1 < pages_ && p < int(per.size()); ++p) least = std::min(least, per[size_t(p)]);
  return least;
}

// The levels cap the content's text in two big steps (1.5×, then 1×): a frame at 2× on
// 1366×768 that did not hold at 1.5× was drawn at 1× with room to spare (the "booked here
// before?" question at 2×: half its page empty). The chosen level's content grows back towards
// the level above's, in eighths, to the largest size whose frame is no worse by any rule
// Ui::end_choose stepped down for; the chrome, gaps and padding stay the level's.
void Ui::grow_content() {
  const int level = compact_;
  if (env_.scale < 1.01f || level < 2) return;
  const float lo = content_cap_at(level);
  const float hi = std::min(env_.scale, level >= 4 ? 1.5f : content_cap_at(level - 1));
  if (hi - lo < 0.1f) return;
  const Outcome was = outcome();
  for (float cap = hi - 0.125f; cap > lo + 0.01f; cap -= 0.125f) {
    grown_level_ = level;
    grown_cap_ = cap;
    layout_frame();
    const Outcome now = outcome();
    const bool worse = (now.over && !was.over) || now.pages > was.pages || now.least < was.least ||
                       (now.split && !was.split) || (was.acts && !now.acts) || (typing_ && now.pages > 1);
    if (!worse) return;
  }
  grown_level_ = -1;
  layout_frame();
}

void Ui::end_choose() {
  if (open_row_ >= 0) end_row();
  if (fewest_pages_ && !typing_) return end_fewest();
  const int target = fit_pages_ > 0 ? fit_pages_ : env_.scale < 1.01f ? 1 : 2;
  compact_ = 0;
  if (layout_frame()) return;
  if (typing_) {
    // (level 4, the frame's own text at 1× too, only for a step that level 3 leaves a line too
    // tall: the forced new-PIN step with its sign-out at 2× on 1366×768)
    for (compact_ = 1; compact_ <= 4; ++compact_)
      if (layout_frame()) return;
    compact_ = 4;
    return;
  }
  [&] {
    if (pages_ <= target && !overflow_) return;
    const int pages0 = pages_;
    const bool over0 = overflow_;
    // (settings8: a list whose page 1 holds more of its records in the compact frame takes it at
    // the same page count — the demo's three subsidies at 1× on 1366×768 and 1280×800: two on
    // page 1 under the title's own line, all three with the title in the header)
    auto records_on_first = [&] { return records_per_page()[0]; };
    const int first0 = records_on_first();
    compact_ = 1;
    layout_frame();
    const int best = over0 > overflow_ ||
                     (over0 == overflow_ && (pages_ < pages0 || (pages_ == pages0 && records_on_first() > first0)))
                         ? 1 : 0;
    const bool best_over = best ? overflow_ : over0;
    if (pages_ > target || overflow_) {
      // Still too many pages (home, the kinds at 2× on 1366×768): the content's text at 1.5×
      // when that brings the screen to its one (1×) or two pages, or when a block taller than
      // the page (a staff appointment's card at 2× on 1366×768) would run into the pager.
      const int pages1 = best ? pages_ : pages0;
      compact_ = 2;
      layout_frame();
      // (a screen that asked for fit_pages_ takes 1.5× only when that meets its count; else 1×
      // is tried below: the slip at 2× on 1280×800, 4 pages at 1.5×, 2 at 1×)
      if (!overflow_ && (pages_ <= target || (best_over && fit_pages_ == 0))) return;
      if (fit_pages_ > 0) {
        // (a screen that asked for at most fit_pages_ pages: its content at 1× when 1.5× still
        // pages more, and that pages less — the slip at 2× on 1366×768: 3 pages, not 4)
        const int pages2 = pages_;
        compact_ = 3;
        layout_frame();
        if (!overflow_ && pages_ < pages2) return;
        compact_ = 2;
        layout_frame();
      }
      // A short panel (1366×768, 1280×800) or a list of records on any panel: 1.5× also when it
      // only pages less (a list of days in two columns of one line each rather than one day a
      // page at 2×; two appointments a page rather than one, each card beside its action).
      bool records = false;
      for (const Item& it : items_) records |= it.records;
      if (!overflow_ && (short_panel() || records) && env_.scale > 1.01f && pages_ < pages1) return;
      if (best_over) {
        // Still taller than the page at 1.5×: the content at 1× rather than cut (the words are
        // spoken too).
        compact_ = 3;
        layout_frame();
        if (!overflow_) return;
      }
    }
    compact_ = best;
    layout_frame();
  }();
  // A list of records at a larger text size where a page holds one record of several (an
  // appointment's card at 1.5× is three 18 mm lines: 1366×768, 1280×1024, 1024×768 at 2×): its
  // content at 1× when every page but the last then holds two (issue 12: at least 2 a page at
  // larger text); the records are spoken in full either way. (From the designed frame too: a
  // portrait list at 2× with low reach, 1080×1920, took 2 pages of one appointment each.)
  if (env_.scale > 1.01f && compact_ < 3 && pages_ > 1) {
    int records = 0;
    for (const Item& it : items_) records += it.in_records;
    // (one record too: a staff banner at 2× left page 1 of a one-renewal list with no record on
    // it on 768×1366, the record alone on page 2 — jobs7)
    const int need = std::min(records, 2);
    if (records >= 1 && least_records_a_page() < need) {
      const int chosen = compact_;
      compact_ = 3;
      layout_frame();
      if (overflow_ || least_records_a_page() < need) {
        compact_ = chosen;
        layout_frame();
      }
    }
  }
  // A record and its actions on one page (a resident acts on the record they read): a larger
  // text size whose card and actions stand on two pages (one appointment with its long cancel
  // under it at 2× on 768×1366) steps the content down (1.5×, then 1×) until they share one.
  if (env_.scale > 1.01f && record_split()) {
    const int chosen = compact_;
    for (compact_ = std::max(chosen + 1, 2); compact_ <= 3; ++compact_) {
      layout_frame();
      if (!overflow_ && !record_split()) break;
    }
    if (compact_ > 3) {
      compact_ = chosen;
      layout_frame();
    }
  }
  // A short panel at a large text size: a first page with nothing to do but turn it (the
  // confirmation's summary with its buttons on page 2, the days' hint alone) is no step — the
  // content steps down (1.5×, then 1×) until page 1 holds a control, when one does.
  bool controls = false;
  for (size_t i = 0; i < items_.size(); ++i)
    controls |= items_[i].kind == Item::button && items_[i].w.role != Role::key && !in_modal(i);
  // (an item asked for on the first page, Ui::first_page: on any panel)
  if (!controls || modal_to_ > modal_from_ || (!short_panel() && first_page_.empty()) || env_.scale < 1.01f ||
      first_page_acts())
    return;
  const int chosen = compact_;
  for (compact_ = std::max(chosen + 1, 2); compact_ <= 3; ++compact_) {
    layout_frame();
    if (!overflow_ && first_page_acts()) return;
  }
  compact_ = chosen;
  layout_frame();
}

// V6 gives reach in millimetres from the floor (380–1,220 mm) on a standard stand: a landscape
// panel's bottom edge at 1,050 mm, so its lowest 170 mm are within reach; a standing portrait
// terminal's lower two thirds (KIOSK_UI.md). The line is the higher of the two: on a short panel
// (1366×768, 194 mm tall) 170 mm is more than two thirds of it, on 1920×1080 (268 mm) less.
float Ui::reach_line() const {
  const float band = kReachBandMm / std::max(env_.mm_per_px, 0.01f);
  return std::min(env_.height * 0.33f, std::max(0.f, env_.height - band));
}

// One layout of the frame at the current compact_ level: fills widgets_, lines_, draw_.
// Returns whether it meets the frame's goal (a typing step on one page; others: one page).

bool Ui::layout_frame() {
  widgets_.clear();
  lines_.clear();
  draw_.clear();
  rings_.clear();
  page_of_.clear();
  pages_ = 1;
  step_px_ = hint_px_ = 0;
  const float W_full = env_.width - 2 * margin();
  // A typing step's keypad decides the frame: on a landscape panel it stands beside the rest,
  // and title, content and caption take the column at its left.
  const bool side = env_.width > env_.height;  // landscape: the keypad beside the rest
  const StepPad pad = typing_ ? measure_pad(W_full, side) : StepPad{};
  const bool has_pad = !pad.grid.empty();
  const float W = has_pad && side ? W_full - pad.pw - gap() : W_full;
  // The bar first (M4: it depends on the panel and the text step only): a keypad beside the
  // rest that reaches up to the header (1024×600) narrows the header's band to the column at
  // its left, so that the clock never stands under the keypad's top row.
  const NavLayout nav = nav_layout(env_.height - u(16));
  float nav_y = nav.r[0].y;
  const float y_header = u(compact_ ? 12 : 24);
  const float header_h = std::min(chrome_px(), u(compact_ ? 40 : 48)) + u(10);
  const bool pad_up = has_pad && side && nav_y - gap() - pad.ph < y_header + header_h + gap();
  // (a compact frame on a short panel: title and header on one line, Ui::build_title_band)
  const bool band = compact_ && short_panel() && !has_pad;
  float title_bottom = 0;
  float y = band ? y_header : build_header(y_header, pad_up ? W : 0);
  // Title, with the step ("第2步，共4步") on the same line when it fits.
  const float cpx = chrome_px();
  float step_w = step_.empty() ? 0 : env_.metrics->width(step_, cpx, FontFace::body) + gap();
  bool step_inline = step_w > 0 && step_w < W * 0.4f;
  // In a compact frame the title keeps to one line where it can: it steps down towards the
  // chrome's size (1.5× body at most) rather than take a second line of a short panel's page
  // (a station's long name on home at 1.5–2× on 1366×768).
  // On a short panel (1366×768, 1280×800) a compact title is at the chrome's size and stays on
  // one line whatever its length (down to the 1× body size, then cut with "…": the registry and
  // speech keep it whole), so that a page count never changes when the station's name arrives.
  // A typing step that only fits with its content at 1× (compact level ≥ 3: 768×1366 at
  // 1.5–2×) squeezes its title the same way on any panel: a line of the prompt is worth more.
  const bool squeeze = compact_ && (short_panel() || (typing_ && compact_ >= 3));
  // A squeezed title takes the step beside it too where the title then keeps the content's
  // body size on one line (round 14: "第3步，共4步" was 316 px of a 725 px column at 2× on
  // 1366×768, over its 40 %, and its own line cost the phone step the room for its content at
  // more than 1×). The two then share one size, the largest that holds both on the line (down
  // to the 1× body size): a step larger than its title read as the heading ("Last 4 digits of
  // your phone" beside a larger "Step 3 of 4" at 2× on 1366×768 in English).
  if (squeeze && !step_inline && step_w > 0 && step_w < W * 0.5f &&
      env_.metrics->width(title_, body(), FontFace::title) <= W - step_w)
    step_inline = true;
  const bool step_shares = squeeze && step_inline;
  float step_px = cpx;
  if (band) {
    title_bottom = build_title_band(y, W);
  } else {
    float tpx = squeeze ? std::min(title_size(), cpx) : title_size();
    if (step_shares) {
      auto both = [&](float px) {
        return env_.metrics->width(title_, px, FontFace::title) + env_.metrics->width(step_, px, FontFace::body) + gap();
      };
      const float floor_px = std::min(tpx, u(env_.body_px));
      while (tpx > floor_px && both(tpx) > W) tpx = std::max(floor_px, tpx * 0.96f);
      step_px = tpx;
      step_w = env_.metrics->width(step_, step_px, FontFace::body) + gap();
    }
    const float title_w = W - (step_inline ? step_w : 0);
    auto tlines = wrap_phrases(*env_.metrics, title_, tpx, FontFace::title, title_w);
    for (float floor_px = squeeze ? std::min(tpx, u(env_.body_px)) : std::min(tpx, cpx);
         compact_ && tlines.size() > 1 && tpx > floor_px;) {
      tpx = std::max(floor_px, tpx * 0.92f);
      tlines = wrap_phrases(*env_.metrics, title_, tpx, FontFace::title, title_w);
    }
    // (any frame: a title that breaks inside a phrase steps down, to three quarters of the
    // chrome's size at least, until it breaks between them — "同行" / "示例社区残疾人服务站", not
    // "…服务" / "站" at 2× on 1080×1920, round 14)
    for (const float floor_px = std::min(tpx, std::max(u(env_.body_px), cpx * 0.75f));
         !breaks_between_phrases(title_, tlines) && tpx > floor_px;) {
      tpx = std::max(floor_px, tpx * 0.92f);
      tlines = wrap_phrases(*env_.metrics, title_, tpx, FontFace::title, title_w);
    }
    if (squeeze && tlines.size() > 1) tlines = {ellipsized(title_, tpx, FontFace::title, title_w)};
    Widget tw;
    tw.id = "screen.title";
    tw.role = Role::title;
    tw.label = title_;
    tw.rect = Rect{margin(), y, W - (step_inline ? step_w : 0), tlines.size() * tpx};
    emit_widget(tw, Icon::none, tlines, tpx, FontFace::title, false, false);
    title_bottom = tw.rect.bottom();
    if (!step_.empty()) {
      Widget sw;
      sw.id = "screen.step";
      sw.role = Role::text;
      sw.label = step_;
      if (step_inline) {
        // (centred on the title's line; below its top when a squeezed title is the smaller)
        sw.rect = Rect{margin() + W - step_w + gap(), y + std::max(0.f, (tpx - step_px) / 2),
                       step_w - gap(), step_px};
        title_bottom = std::max(title_bottom, sw.rect.bottom());
      } else {
        auto sl = wrap_text(*env_.metrics, step_, cpx, FontFace::body, W);
        sw.rect = Rect{margin(), title_bottom + u(8), W, sl.size() * cpx};
        title_bottom = sw.rect.bottom();
      }
      emit_widget(sw, Icon::none, {step_}, step_px, FontFace::body, false, false);
    }
  }
  // Regions: nav bar at the bottom; caption above it (or under the title in low-reach mode,
  // since it is not a control); content in between.
  // (one line on a short panel, ≤ 800 px: a list's records need the room more; the sentence
  // being heard is shown when the whole utterance does not fit)
  float cap_lines = env_.scale > 1.01f || compact_ || env_.height <= 800 ? 1 : 2;
  // (a compact frame on a short panel: the caption at the 1× body size, one line)
  const float cap_px = squeeze ? std::min(cpx, u(env_.body_px)) : cpx;
  float cap_h = env_.show_caption ? cap_lines * cap_px + u(16) : 0;
  float content_top = title_bottom + gap();
  float content_bottom = nav_y - gap();
  Rect cap_rect;
  if (env_.show_caption) {
    if (env_.low_reach) {
      cap_rect = Rect{margin(), content_top, W, cap_h};
      content_top += cap_h + gap();
    } else {
      cap_rect = Rect{margin(), nav_y - gap() - cap_h, W, cap_h};
      content_bottom = cap_rect.y - gap();
    }
  }
  controls_top_ = env_.low_reach ? std::max(content_top, reach_line()) : 0;
  // (the room a line of groups must fit: a page's content less the pager's own row, which a
  // screen that pages may need — Ui::layout_blocks)
  groups_top_ = content_top;
  groups_bottom_ = content_bottom - std::max(min_target(), cpx + 2 * (compact_ ? u(10) : bar_pad())) - gap();

  const bool modal = modal_to_ > modal_from_;
  const size_t content_widgets = widgets_.size();
  std::vector<int> bpage;
  std::vector<float> by;
  std::vector<std::vector<Placed>> laid, blocks;
  bool step_fits = false;
  if (has_pad) {
    auto placed = place_step(pad, side, W_full, W, content_top, content_bottom, nav_y - gap());
    // The text column must end above the caption (or the bar), the keypad below the title.
    step_fits = true;
    for (const auto& p : placed) {
      bool key = items_[p.item].w.role == Role::key || items_[p.item].kind == Item::spacer;
      float lo = key && side ? u(12) : content_top, hi = key ? nav_y - gap() : content_bottom;
      step_fits &= p.rect.y >= lo - 0.5f && p.rect.bottom() <= hi + 0.5f;
    }
    // (stacked, the prompt above and the field over the keypad below must not meet)
    for (size_t i = 0; i < placed.size() && step_fits; ++i)
      for (size_t j = i + 1; j < placed.size() && step_fits; ++j)
        if (items_[placed[i].item].kind != Item::spacer && items_[placed[j].item].kind != Item::spacer)
          step_fits &= !rects_overlap(placed[i].rect, placed[j].rect);
    if (step_fits) {
      blocks = {placed};
      bpage = {0};
      by = {0};
      pages_ = 1;
    }
  }
  if (!step_fits) {
    // (a step too tall for this panel and text size even so: pages, keypad rows kept whole)
    step_px_ = hint_px_ = 0;
    controls_top_ = env_.low_reach ? std::max(content_top, reach_line()) : 0;
    laid = layout_blocks(W);
    blocks = paginate(laid, content_top, content_bottom, &bpage, &by);
    pages_ = bpage.empty() ? 1 : bpage.back() + 1;
  }
  // The pager's row: a list's tools (Ui::list_tool) at its left, then 上一页, the page, 下一页.
  // It shares the caption's strip — the caption at the left, the row's buttons at the right, the
  // page as "2 / 5" between them (spoken in full) — where the caption keeps a third of the width
  // (landscape panels; not with low reach, whose caption stands under the title); else it is a
  // row of its own at the bottom of the content, 上一页, the page and 下一页 in equal thirds of
  // what the tools leave. Nothing in it depends on the page shown (only on the page count), so a
  // page count never changes while the pages are turned.
  std::vector<size_t> tools;
  for (size_t i = 0; i < items_.size(); ++i)
    if (items_[i].tool && !in_modal(i)) tools.push_back(i);
  float pager_h = 0, row_y = 0, row_w = 0, tools_y = 0;
  bool shared = false, stacked = false, row_icons = bar_icons();
  const float ppad = bar_pad();
  auto button_w = [&](const std::string& label, bool icon) {
    return std::max(min_target(), env_.metrics->width(label, cpx, FontFace::body) + 2 * ppad + u(4) +
                                      (icon ? cpx + ppad * 0.5f : 0));
  };
  auto short_info = [&](int page) { return std::to_string(page) + " / " + std::to_string(pages_); };
  // (the page's width whatever the count: "1 / 9" measured before paging became "1 / 10" after it,
  // and the row overran the panel by the extra digit — 1024×768 at 2×, settings)
  auto info_width = [&] {
    return std::max(env_.metrics->width(short_info(pages_), cpx, FontFace::body),
                    env_.metrics->width("00 / 00", cpx, FontFace::body)) + u(4);
  };
  // (its own row: a tool as wide as its label, never wider than a third of the row)
  auto own_tool_w = [&](const Item& it) {
    return std::min(button_w(it.w.label, row_icons && it.icon != Icon::none), std::max(min_target(), W / 3));
  };
  // (a label whole on one line of its box, down to 10 mm)
  auto one_line = [&](const std::string& label, float w, float pad, bool icon) {
    const Fit f = fit_label(label, cpx, u(40), w, pad, icon, 1);
    return f.lines.size() <= 1 && whole_words(label, f.lines);
  };
  // Low reach keeps the caption under the title, above the controls; where the reach line stands
  // above the caption's place there (a short panel: 1366×768, 1280×800), the caption costs the
  // controls its height and shares the pager's strip at the bottom instead (jobs6).
  const float content_top0 = content_top;
  const bool cap_down = env_.show_caption && env_.low_reach && reach_line() < content_top - 0.5f;
  if (!step_fits && (pages_ > 1 || !tools.empty())) {
    const float bottom0 = content_bottom;
    const Rect cap0 = cap_rect;
    for (int pass = 0; pass < 2; ++pass) {
      const bool paged = pages_ > 1;
      // (compact: the pager as low as its label and the minimum target allow)
      pager_h = std::max(min_target(), cpx + 2 * (compact_ ? u(10) : bar_pad()));
      auto shared_w = [&](bool icons) {
        float w = 0;
        for (size_t t : tools) w += button_w(items_[t].w.label, icons && items_[t].icon != Icon::none) + gap();
        if (paged)
          w += button_w(env_.nav.prev_page, icons) + button_w(env_.nav.next_page, icons) + 2 * gap() + info_width();
        else
          w -= gap();
        return w;
      };
      shared = false, stacked = false;
      cap_rect = cap0;
      content_top = content_top0;
      if (env_.show_caption && (!env_.low_reach || cap_down))
        for (bool icons : {bar_icons(), false}) {
          const float w = shared_w(icons);
          if (W - w - gap() >= W / 3) {
            shared = true, row_icons = icons, row_w = w;
            break;
          }
        }
      if (shared) {
        const float row_h = std::max(pager_h, cap_h);
        row_y = nav_y - gap() - row_h + (row_h - pager_h) / 2;
        cap_rect = Rect{margin(), nav_y - gap() - row_h + (row_h - cap_h) / 2, W - row_w - gap(), cap_h};
        content_bottom = nav_y - gap() - row_h - gap();
        if (env_.low_reach) {
          content_top = content_top0 - cap_h - gap();
          controls_top_ = std::max(content_top, reach_line());
        }
      } else {
        row_icons = bar_icons();
        row_y = bottom0 - pager_h;
        content_bottom = row_y - gap();
        // The tools and the pager in one row only when every label keeps its words whole on one
        // line there (768×1366 at 2× in English: "Previous page" had a third of what the filter
        // left and broke inside "Previous"); else the tools take a row of their own above it.
        if (paged && !tools.empty()) {
          float x = 0;
          bool fits = true;
          for (size_t t : tools) {
            const float tw = own_tool_w(items_[t]);
            fits &= one_line(items_[t].w.label, tw, ppad, row_icons && items_[t].icon != Icon::none);
            x += tw + gap();
          }
          const float cw = (W - x - 2 * gap()) / 3;
          const std::string info = substitute(env_.nav.page_of, {{"page", std::to_string(pages_)},
                                                                 {"pages", std::to_string(pages_)}});
          fits = fits && one_line(env_.nav.prev_page, cw, ppad, row_icons) &&
                 one_line(env_.nav.next_page, cw, ppad, row_icons) && one_line(info, cw, 0, false);
          if (!fits) {
            stacked = true;
            tools_y = row_y - gap() - pager_h;
            content_bottom = tools_y - gap();
          }
        }
      }
      if (env_.low_reach && !shared) controls_top_ = std::max(content_top, reach_line());
      bpage.clear();
      by.clear();
      blocks = paginate(laid, content_top, content_bottom, &bpage, &by);
      pages_ = bpage.empty() ? 1 : bpage.back() + 1;
      if ((pages_ > 1) == paged) break;
    }
  }
  // Portrait designed for portrait (KIOSK_UI.md): a one-page screen grows its tiles into the
  // free height (up to square) and brings its controls into the lower two thirds of the panel.
  if (!has_pad && !modal && pages_ == 1 && env_.height > env_.width * 1.2f && !blocks.empty()) {
    auto block_h = [](const std::vector<Placed>& b) {
      float h = 0;
      for (const auto& p : b) h = std::max(h, p.rect.bottom());
      return h;
    };
    float last = 0;
    int tile_rows = 0;
    for (size_t b = 0; b < blocks.size(); ++b) {
      last = std::max(last, by[b] + block_h(blocks[b]));
      bool tiles = false;
      for (const auto& p : blocks[b]) tiles |= tile_on(items_[p.item]);
      tile_rows += tiles;
    }
    float free = content_bottom - last, shift = 0;
    for (size_t b = 0; b < blocks.size() && tile_rows > 0; ++b) {
      by[b] += shift;
      bool tiles = false;
      for (const auto& p : blocks[b]) tiles |= tile_on(items_[p.item]);
      if (!tiles) continue;
      float grow = std::max(0.f, std::min(free / tile_rows, blocks[b][0].rect.w - block_h(blocks[b])));
      for (auto& p : blocks[b]) p.rect.h += grow;
      shift += grow;
    }
    free -= shift;
    float first_ctrl = 1e9f;
    size_t from = blocks.size();
    for (size_t b = 0; b < blocks.size(); ++b)
      for (const auto& p : blocks[b])
        if (role_interactive(items_[p.item].w.role) && by[b] + p.rect.y < first_ctrl)
          first_ctrl = by[b] + p.rect.y, from = std::min(from, b);
    float down = std::min(free, env_.height / 3 - first_ctrl);
    for (size_t b = from; b < blocks.size() && down > 0; ++b) by[b] += down;
  }
  overflow_ = false;
  {
    const float limit = content_bottom + 0.5f;
    for (size_t b = 0; b < blocks.size(); ++b)
      for (const auto& p : blocks[b]) overflow_ |= by[b] + p.rect.bottom() > limit;
  }
  // A line of groups that had to stand one group under the other (taller than a page,
  // Ui::layout_blocks) is a block too tall for its page as well: the ladder in Ui::end then
  // prefers a smaller content size that keeps the columns (settings at 2× on 1366×768 in
  // English: 3 pages in columns at 1×, 7 in one column at 1.5×).
  for (size_t i = 0; i < items_.size() && !laid.empty(); ++i) {
    if (items_[i].kind != Item::groups_begin) continue;
    size_t j = i + 1, groups = 0, in_blocks = 0;
    for (; j < items_.size() && items_[j].kind != Item::groups_end; ++j) groups += items_[j].kind == Item::group;
    int cols = 1;
    for (int n = items_[i].cols; n > 1 && cols == 1; --n)
      if ((W - (n - 1) * gap()) / n >= items_[i].min_w) cols = n;
    for (const auto& b : laid) in_blocks += !b.empty() && b[0].item > i && b[0].item < j;
    if (cols > 1 && in_blocks > (groups + size_t(cols) - 1) / size_t(cols)) overflow_ = true;
  }
  page_ = std::clamp(env_.page, 0, pages_ - 1);
  for (size_t b = 0; b < blocks.size(); ++b)
    for (const auto& p : blocks[b])  // (a paragraph's later parts by their ids, "job.summary#2": jobs8)
      page_of_.emplace(items_[p.item].w.id + (p.part > 0 ? "#" + std::to_string(p.part + 1) : ""), bpage[b]);
  for (size_t t : tools) page_of_.emplace(items_[t].w.id, 0);  // (on every page)

  // A list's tools first in the registry (the focus goes to the filter, then the records, as
  // when it stood above them) but for those asked after the records, drawn in the pager's row.
  float tools_end = margin() + (shared ? W - row_w : 0);
  std::vector<std::pair<size_t, Rect>> tools_at;
  auto tool_w = [&](const Item& it) {
    const bool icon = row_icons && it.icon != Icon::none;
    // (a row of its own above the pager's: as wide as its label, up to the row)
    return shared ? button_w(it.w.label, icon) : stacked ? std::min(button_w(it.w.label, icon), W) : own_tool_w(it);
  };
  // (where the tools' own widths overrun the row — three on a portrait panel, the slip's at
  // larger text — they share it equally)
  float tools_w = 0;
  for (size_t t : tools) tools_w += tool_w(items_[t]) + gap();
  const bool equal = !shared && !tools.empty() && tools_w - gap() > W + 0.5f;
  for (size_t t : step_fits ? std::vector<size_t>{} : tools) {
    const float tw = equal ? (W - float(tools.size() - 1) * gap()) / float(tools.size()) : tool_w(items_[t]);
    tools_at.push_back({t, Rect{tools_end, stacked ? tools_y : row_y, tw, pager_h}});
    tools_end += tw + gap();
  }
  auto emit_tools = [&](bool after) {
    for (const auto& [t, r] : tools_at) {
      const Item& it = items_[t];
      if (it.tool_after != after) continue;
      Widget w = it.w;
      w.rect = r;
      Fit f = fit_label(w.label, cpx, u(40), r.w, ppad, row_icons && it.icon != Icon::none, 1);
      emit_widget(w, f.icon ? it.icon : Icon::none, f.lines, f.px, FontFace::body, false, false, ppad);
    }
  };
  emit_tools(false);
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (bpage[b] != page_) continue;
    for (const auto& p : blocks[b]) {
      const Item& it = items_[p.item];
      if (it.kind == Item::spacer) continue;
      Widget w = it.w;
      if (w.label != shown_label(it)) {
        // (a compact frame's note left off: the registry shows what is drawn, speech says all)
        if (w.speak.empty()) w.speak = w.label;
        w.label = shown_label(it);
      }
      if (p.part > 0) w.id += "#" + std::to_string(p.part + 1);
      if (p.split) {
        // A paragraph split across pages: each part carries (and speaks) its own lines.
        std::string joined;
        for (const auto& l : p.lines) joined += (joined.empty() ? "" : "\n") + l;
        w.label = joined;
      }
      w.rect = Rect{margin() + p.rect.x, by[b] + p.rect.y, p.rect.w, p.rect.h};
      if (it.kind == Item::qr) {
        // QR: light quiet zone, dark modules, whatever the theme (scanners need dark-on-light).
        float n = float(it.modules.size());
        float mpx = w.rect.h / (n + 4);
        float qz = mpx * 2;
        w.rect = Rect{w.rect.x, w.rect.y, w.rect.h, w.rect.h};
        w.fg = Color{0, 0, 0};
        w.bg = Color{255, 255, 255};
        fill(w.rect, w.bg);
        for (size_t yy = 0; yy < it.modules.size(); ++yy)
          for (size_t xx = 0; xx < it.modules[yy].size(); ++xx)
            if (it.modules[yy][xx]) {
              fill(Rect{w.rect.x + qz + xx * mpx, w.rect.y + qz + yy * mpx, mpx + 0.5f,
                        mpx + 0.5f},
                   w.fg);
            }
        widgets_.push_back(w);
        lines_.push_back({});
        continue;
      }
      FontFace face = (tile_on(it) || it.style == TextStyle::heading || it.style == TextStyle::large ||
                       it.style == TextStyle::ticket) ? FontFace::title : FontFace::body;
      if (it.card) {
        emit_card(w, it, p);
        continue;
      }
      if (it.stepper) {
        // A stepper's − and + as large symbols (days9, ACCESSIBILITY.md V1–V2: a resident with
        // low vision sees which way; as a glyph of the title face the minus was a thin dash of
        // about 1 mm): bars half the button's shorter side long (10–18 mm) and a fifth of that
        // thick (≥ 2.5 mm), in the button's text colour (its contrast, focused or not), centred.
        // The registry keeps the label ("−", "+") and the lines; the words are spoken.
        emit_widget(w, it.icon, {}, p.font, FontFace::title, false, true, stepper_pad(p.font));
        lines_.back() = p.lines;
        const Widget& sw = widgets_.back();
        const float len = std::clamp(std::min(sw.rect.w, sw.rect.h) * 0.5f, u(40), u(72));
        const float th = std::max(u(10), len * 0.2f);
        const float cx = sw.rect.cx(), cy = sw.rect.cy();
        fill(Rect{cx - len / 2, cy - th / 2, len, th}, sw.fg, th * 0.25f);
        if (it.w.label == "+") fill(Rect{cx - th / 2, cy - len / 2, th, len}, sw.fg, th * 0.25f);
        continue;
      }
      emit_widget(w, it.icon, p.lines, p.font, face, tile_on(it), false, 0);
    }
  }
  emit_tools(true);
  if (pages_ > 1 || (!step_fits && !tools.empty())) {
    const float py = row_y;
    float x = stacked ? margin() : tools_end;
    if (pages_ > 1) {
      const float rest = margin() + W - x;
      const float cw = (rest - 2 * gap()) / 3;
      const std::string info_full = substitute(env_.nav.page_of, {{"page", std::to_string(page_ + 1)},
                                                                  {"pages", std::to_string(pages_)}});
      const float info_w = shared ? info_width() : cw;
      const float prev_w = shared ? button_w(env_.nav.prev_page, row_icons) : cw;
      const float next_w = shared ? button_w(env_.nav.next_page, row_icons) : cw;
      Widget prev;
      prev.id = "page.prev";
      prev.role = Role::button;
      prev.label = env_.nav.prev_page;
      prev.enabled = page_ > 0;
      prev.group = Group::pager;
      prev.rect = Rect{x, py, prev_w, pager_h};
      Fit pf = fit_label(prev.label, cpx, u(40), prev_w, ppad, row_icons, 1);
      emit_widget(prev, pf.icon ? Icon::left : Icon::none, pf.lines, pf.px, FontFace::body, false,
                  false, ppad);
      x += prev_w + gap();
      Widget info;
      info.id = "page.info";
      info.role = Role::text;
      // (beside the caption: "2 / 5", the words spoken)
      info.label = shared ? short_info(page_ + 1) : info_full;
      if (shared) info.speak = info_full;
      Fit inf = fit_label(info.label, cpx, u(40), info_w, 0, false, 1);
      info.rect = Rect{x, py + (pager_h - inf.px) / 2, info_w, inf.px};
      emit_widget(info, Icon::none, inf.lines, inf.px, FontFace::body, false, true);
      x += info_w + gap();
      Widget next = prev;
      next.id = "page.next";
      next.label = env_.nav.next_page;
      next.enabled = page_ + 1 < pages_;
      next.rect = Rect{x, py, next_w, pager_h};
      Fit nf = fit_label(next.label, cpx, u(40), next_w, ppad, row_icons, 1);
      emit_widget(next, nf.icon ? Icon::right : Icon::none, nf.lines, nf.px, FontFace::body, false,
                  false, ppad);
    }
  }
  if (modal) {
    // Under the dialog: drawn, dimmed, out of the registry — but for the title and step, which
    // stay (every screen has its title, docs/a11y-log.md; a confirmation is a screen with its
    // dialog up from the start) and above the dialog.
    (void)content_widgets;
    size_t kept = 0;
    for (size_t i = 0; i < widgets_.size(); ++i)
      if (widgets_[i].id == "screen.title" || widgets_[i].id == "screen.step" ||
          widgets_[i].id.rfind("header.", 0) == 0) {
        if (kept != i) {
          widgets_[kept] = std::move(widgets_[i]);
          lines_[kept] = std::move(lines_[i]);
        }
        ++kept;
      }
    widgets_.resize(kept);
    lines_.resize(kept);
    const bool cap_up = env_.low_reach && !shared;
    float top = title_bottom + gap() / 2, bottom = env_.show_caption && !cap_up ? cap_rect.y - gap() / 2 : nav_y - gap();
    if (env_.show_caption && cap_up) top = cap_rect.bottom() + gap() / 2;
    build_modal(top, bottom);
  }
  if (env_.show_caption && !env_.caption.empty()) {
    Widget cw;
    cw.id = "caption";
    cw.role = Role::caption;
    cw.label = env_.caption;
    // (the strip's own width: beside the pager's row it is narrower than the content)
    auto lines = wrap_text(*env_.metrics, env_.caption, cap_px, FontFace::body, cap_rect.w - u(32));
    float px = cap_px;
    if (lines.size() > size_t(cap_lines)) {
      // The sentence being heard, at the strip's size or smaller down to the 1× body size (more
      // words a line in the same strip; round 10: at 2× on 768×1366 the station's name wrapped
      // to a second line and the strip showed "…站。", its last line alone).
      cw.label = env_.caption_sentence;
      const float least = std::min(cap_px, u(env_.body_px));
      for (px = cap_px;; px = std::max(least, px * 0.9f)) {
        lines = wrap_text(*env_.metrics, env_.caption_sentence, px, FontFace::body, cap_rect.w - u(32));
        if (lines.size() <= size_t(cap_lines) || px <= least) break;
      }
      if (lines.size() > size_t(cap_lines)) {
        // Longer than the strip even so: its beginning, as it is heard, with an ellipsis after.
        lines.resize(size_t(cap_lines));
        std::string& l = lines.back();
        while (!l.empty() && env_.metrics->width(l + "…", px, FontFace::body) > cap_rect.w - u(32)) {
          size_t k = 0, last = 0;
          while (k < l.size()) {
            last = k;
            next_codepoint(l, &k);
          }
          l.erase(last);
        }
        // (a word cut in half ends at the space before it, when that keeps most of the line)
        const size_t space = l.rfind(' ');
        if (lines.size() == 1 && space != std::string::npos && space > l.size() / 2 &&
            env_.caption_sentence.size() > l.size() && env_.caption_sentence[l.size()] != ' ')
          l.erase(space);
        l += "…";
      }
    }
    cw.rect = cap_rect;
    fill(Rect{cap_rect.x, cap_rect.y, u(6), cap_rect.h}, env_.theme->fg);
    emit_widget(cw, Icon::none, lines, px, FontFace::body, false, false);
    for (size_t k = draw_.size() - lines.size(); k < draw_.size(); ++k) draw_[k].rect.x += u(24);
  }
  build_nav(nav);
  // The focus ring over everything drawn (settings7: the next row's ✓ tab, half in the gap
  // above its option, was drawn over the bottom of a focused option's ring).
  draw_.insert(draw_.end(), rings_.begin(), rings_.end());
  return has_pad ? step_fits : pages_ <= 1;
}

// A scratch Ui's environment (Ui::trial, Ui::best_arrangement's key): this frame's, with nothing
// activated or pressed (so that a draw emits nothing), page 1.
UiEnv Ui::probe_env() const {
  UiEnv env = env_;
  env.activated.clear();
  env.pressed.clear();
  env.page = 0;
  return env;
}

Ui::Trial Ui::trial(const std::function<void(Ui&)>& draw) const {
  Ui probe(probe_env());
  draw(probe);
  probe.end();
  return Trial{probe.pages_, probe.overflow_, probe.content_scale(), probe.compact_};
}

int Ui::best_arrangement(int n, const std::function<void(Ui&, int)>& draw, bool at_1x, bool least_squeezed,
                         int fallback_from) const {
  if ((env_.scale < 1.01f && !at_1x) || n < 2) return 0;
  // (round 12: the slip's and a resident's card's trials cost 10–20 ms a laid-out frame at
  // 1.5–2×, and a frame is laid out again for each sentence of the caption — the choice is kept
  // for the same items in the same sizes; drawing arrangement 0's items alone costs no layout)
  std::string key;
  if (env_.arrangements) {
    Ui probe(probe_env());
    draw(probe, 0);
    key = std::to_string(n) + probe.layout_signature();
    if (auto it = env_.arrangements->find(key); it != env_.arrangements->end()) return it->second;
  }
  int best = 0;
  Trial kept;
  for (int i = 0; i < n; ++i) {
    if (i == fallback_from && kept.pages == 1 && kept.content_scale > 1.01f) break;
    const Trial t = trial([&](Ui& u) { draw(u, i); });
    const bool same_size = std::abs(t.content_scale - kept.content_scale) <= 0.01f;
    const bool better = i == 0 || (!t.over && kept.over) ||
                        (t.over == kept.over && (t.pages < kept.pages ||
                                                 (t.pages == kept.pages && t.content_scale > kept.content_scale + 0.01f) ||
                                                 (least_squeezed && t.pages == kept.pages && same_size && t.level < kept.level)));
    if (better) best = i, kept = t;
    // (nothing to gain past the resident's own size on one page: the other trials not laid out)
    if (!kept.over && kept.pages == 1 && kept.content_scale > env_.scale - 0.01f && (!least_squeezed || kept.level == 0))
      break;
  }
  if (env_.arrangements) {
    if (env_.arrangements->size() >= 64) env_.arrangements->clear();
    (*env_.arrangements)[key] = best;
  }
  return best;
}

// Everything a frame's content layout depends on but the page, the focus, the caption's words and
// the clock (its band is as tall whatever the time): the panel, the text size, the frame's words
// and sizes, and each item as added.
std::string Ui::layout_signature() const {
  std::string s;
  auto add = [&](const std::string& x) { s += x, s += '\x1f'; };
  auto num = [&](float x) { add(std::to_string(x)); };
  for (float x : {env_.width, env_.height, env_.scale, env_.unit, env_.body_px, env_.title_px}) num(x);
  add(std::string(1, char('0' + env_.low_reach)) + char('0' + env_.show_caption) + char('0' + env_.back_enabled) +
      char('0' + env_.nav4_enabled));
  for (const std::string* x : {&env_.nav.back, &env_.nav.home, &env_.nav.repeat, &env_.nav.call_staff, &env_.nav.prev_page,
                               &env_.nav.next_page, &env_.nav.page_of, &env_.nav4_id, &env_.header_station, &screen_,
                               &title_, &step_, &hint_})
    add(*x);
  num(float(fit_pages_)), num(float(fewest_pages_)), num(float(typing_));
  for (const auto& id : first_page_) add(id);
  for (const Item& it : items_) {
    num(float(it.kind)), add(it.w.id), add(it.w.label), num(float(it.w.role)), num(float(it.w.enabled));
    num(float(it.icon)), num(float(it.style)), add(it.note), add(it.badge.text);
    for (const auto& d : it.details) add(d);
    add(std::string{char('0' + it.tile), char('0' + it.card), char('0' + it.records), char('0' + it.in_records),
                    char('0' + it.tool), char('0' + it.tool_after), char('0' + it.choices), char('0' + it.stepper)});
    num(it.min_h), num(it.min_w), num(float(it.cols)), num(float(it.modules.size()));
    for (float x : it.shares) num(x);
  }
  return s;
}

}  // namespace tx
