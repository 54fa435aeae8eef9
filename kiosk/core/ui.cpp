// [SECTION] Index
//   builder calls    – begin/text/button/.../end: collect items
//   layout           – items → blocks (rows of cells, wrapped text) → pages
//   emit             – registry widgets + draw commands, focus ring, nav bar
#include "core/ui.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace tx {

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
  if (role == Role::key) it.min_h = 120, it.min_w = 120;
  items_.push_back(std::move(it));
  return enabled && env_.activated == id;
}

bool Ui::button(const std::string& id, const std::string& label, Icon icon, bool enabled,
                const std::string& speak) {
  return add_interactive(Role::button, id, label, speak, "", enabled, icon);
}

bool Ui::tile(const std::string& id, const std::string& label, Icon icon, float min_h) {
  bool r = add_interactive(Role::button, id, label, "", "", true, icon);
  // At larger text sizes a tall tile would not fit a page: it becomes a plain big button.
  if (env_.scale < 1.01f) {
    items_.back().tile = true;
    items_.back().min_h = min_h;
  }
  return r;
}

bool Ui::option(const std::string& id, const std::string& label, bool selected,
                const std::string& speak, std::optional<SpeechLang> voice) {
  bool hit = add_interactive(Role::option, id, label, speak, selected ? "selected" : "", true,
                             selected ? Icon::check : Icon::none);
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
  it.min_w = min_cell_w;
  items_.push_back(std::move(it));
}

void Ui::end_row() { items_.push_back(Item{Item::row_end}); }

// ---------------------------------------------------------------- layout
float Ui::text_px(TextStyle s) const {
  switch (s) {
    case TextStyle::heading: return body() * 1.15f;
    case TextStyle::large: return body() * 1.5f;
    default: return body();
  }
}

// Padding grows with the text but stops at 20 px: at 2× more padding only costs screen room.
static float button_pad(float px) { return std::clamp(px * 0.33f, 12.f, 20.f); }

std::vector<std::vector<Ui::Placed>> Ui::layout_blocks(float width) const {
  const TextMetrics& m = *env_.metrics;
  std::vector<std::vector<Placed>> blocks;
  auto layout_button = [&](size_t idx, float w) {
    const Item& it = items_[idx];
    float px = body();
    FontFace face = it.tile ? FontFace::title : FontFace::body;
    if (it.tile) px = std::max(body(), std::min(title_size(), body() * 1.3f));
    float pad = it.w.role == Role::key ? std::max(10.f, (120 - px) / 2) : button_pad(px);
    float icon_w = (it.icon != Icon::none && !it.tile) ? px + pad * 0.5f : 0;
    auto lines = wrap_text(m, it.w.label, px, face, std::max(10.f, w - 2 * pad - icon_w));
    float h = lines.size() * px + 2 * pad + (it.tile && it.icon != Icon::none ? px * 1.6f : 0);
    h = std::max({h, 96.f, it.min_h});
    return Placed{idx, Rect{0, 0, w, h}, lines, px};
  };
  auto layout_item = [&](size_t idx, float w) -> Placed {
    const Item& it = items_[idx];
    if (it.kind == Item::text) {
      float px = text_px(it.style);
      float pad = it.style == TextStyle::banner ? button_pad(px) : 0;
      FontFace face = (it.style == TextStyle::heading || it.style == TextStyle::large)
                          ? FontFace::title : FontFace::body;
      auto lines = wrap_text(m, it.w.label, px, face, w - 2 * pad);
      return Placed{idx, Rect{0, 0, w, lines.size() * px + 2 * pad}, lines, px};
    }
    if (it.kind == Item::qr) {
      // Modules plus a two-module light quiet zone on each side.
      float n = it.modules.empty() ? 1 : float(it.modules.size());
      float side = std::floor(std::max(4.f, std::min(10.f, 200.f / n))) * (n + 4);
      return Placed{idx, Rect{0, 0, side, side}, {}, 0};
    }
    return layout_button(idx, w);
  };
  for (size_t i = 0; i < items_.size(); ++i) {
    const Item& it = items_[i];
    if (it.kind == Item::text || it.kind == Item::button || it.kind == Item::qr) {
      blocks.push_back({layout_item(i, width)});
    } else if (it.kind == Item::row_begin) {
      size_t j = i + 1;
      std::vector<size_t> cells;
      while (j < items_.size() && items_[j].kind != Item::row_end) cells.push_back(j++);
      int cols = std::min<int>(it.cols, std::max<size_t>(1, cells.size()));
      // Text beside controls only at the normal size: at larger sizes the text (a row's name,
      // a slip's details) takes the full width above the rest of the row.
      if (env_.scale > 1.01f) {
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
        if (cw < std::max(it.min_w, 96.f)) continue;
        bool ok = true;
        for (size_t c : cells) {
          if (items_[c].kind != Item::button) continue;
          auto p = layout_button(c, cw);
          if (items_[c].w.role != Role::key && p.lines.size() > 2) ok = false;
        }
        if (ok) break;
      }
      float cw = (width - (cols - 1) * gap()) / cols;
      // A keypad stays in one piece on one page; other rows may break between lines.
      bool keypad = !cells.empty();
      for (size_t c : cells) keypad &= items_[c].w.role == Role::key;
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
    for (const auto& p : b) controls |= role_interactive(items_[p.item].w.role) || items_[p.item].kind == Item::qr;
    // V6 low reach: controls never above the line; text may sit above it.
    if (controls && y < controls_top_) y = controls_top_;
    if (y > top) try_split(2);
    if (y > top && y + h > bottom) {
      ++page;
      y = top;
      // Keep a heading with what follows it, and a text field with its keypad.
      auto keep_with_next = [&](const Placed& p) {
        const Item& it = items_[p.item];
        return (it.kind == Item::text && (it.style == TextStyle::heading || p.keep_with_next) && p.lines.size() <= 2) ||
               it.w.role == Role::input;
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
    if (controls && y < controls_top_) y = controls_top_;
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
  d.thickness = std::max(4.f, r.w / 12);
  draw_.push_back(d);
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
  } else {
    w.fg = t.button_fg;
    w.bg = t.button_bg;
  }
  const Rect& r = w.rect;
  if (w.role == Role::banner) {
    DrawCmd f{DrawCmd::k_fill};
    f.rect = r;
    f.color = w.bg;
    f.rounding = 8;
    draw_.push_back(f);
    float pad = button_pad(px);
    emit_text_lines(lines, r.inset(pad), px, face, w.fg, false);
  } else if (role_interactive(w.role)) {
    DrawCmd f{DrawCmd::k_fill};
    f.rect = r;
    f.color = w.bg;
    f.rounding = 12;
    draw_.push_back(f);
    DrawCmd s{DrawCmd::k_stroke};
    s.rect = r;
    s.color = t.button_border;
    s.thickness = w.enabled ? 4 : 2;
    s.rounding = 12;
    if (!(w.focused || pressed)) draw_.push_back(s);
    if (!w.enabled) {
      // Disabled: a diagonal hatch would be noise; a thin border plus the word in the label
      // (callers add "不可用/full") says it without colour (V5).
    }
    float pad = pad_override > 0 ? pad_override
                : w.role == Role::key ? std::max(10.f, (120 - px) / 2) : button_pad(px);
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
      bool ctr = center || w.role == Role::key;
      Rect tr{x, r.cy() - text_h / 2, r.right() - pad - x, text_h};
      emit_text_lines(lines, tr, px, face, w.fg, ctr);
    }
    if (w.focused) {
      // V4: ≥ 6 px ring outside the widget, in a colour ≥ 3:1 against the screen background.
      DrawCmd ring{DrawCmd::k_stroke};
      ring.rect = Rect{r.x - 9, r.y - 9, r.w + 18, r.h + 18};
      ring.color = t.focus_ring;
      ring.thickness = 8;
      ring.rounding = 16;
      draw_.push_back(ring);
    }
  } else if (w.role == Role::image) {
    // drawn by the caller (QR modules)
  } else {
    emit_text_lines(lines, r, px, face, w.fg, center);
  }
  widgets_.push_back(std::move(w));
}

// The bar and the pager drop their icons and use a smaller padding at larger text sizes so that
// every label stays on one line (a two-line bar would leave no room for content at 2×).
float Ui::bar_pad() const { return env_.scale > 1.01f ? 16.f : button_pad(body()); }
bool Ui::bar_icons() const { return env_.scale < 1.01f; }

float Ui::nav_height() const {
  float cw = (env_.width - 2 * margin() - 3 * gap()) / 4;
  float pad = bar_pad();
  float icon = bar_icons() ? body() + pad * 0.5f : 0;
  size_t lines = 1;
  for (const auto* s : {&env_.nav.back, &env_.nav.home, &env_.nav.repeat, &env_.nav.call_staff})
    lines = std::max(lines, wrap_text(*env_.metrics, *s, body(), FontFace::body,
                                      cw - 2 * pad - icon).size());
  return std::max(120.f, lines * body() + 2 * pad);
}

void Ui::build_nav(float y, float h) {
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
  float cw = (env_.width - 2 * margin() - 3 * gap()) / 4;
  float pad = bar_pad();
  float icon = bar_icons() ? body() + pad * 0.5f : 0;
  for (int i = 0; i < 4; ++i) {
    Widget w;
    w.id = items[i].id;
    w.role = Role::button;
    w.label = *items[i].label;
    w.enabled = items[i].enabled;
    w.group = Group::nav;
    w.rect = Rect{margin() + i * (cw + gap()), y, cw, h};
    auto lines = wrap_text(*env_.metrics, w.label, body(), FontFace::body, cw - 2 * pad - icon);
    emit_widget(w, bar_icons() ? items[i].icon : Icon::none, lines, body(), FontFace::body, false,
                false, pad);
  }
}

void Ui::end() {
  if (open_row_ >= 0) end_row();
  const float W = env_.width - 2 * margin();
  float y = 24;
  // Title, with the step ("第2步，共4步") on the same line when it fits.
  float step_w = step_.empty() ? 0 : env_.metrics->width(step_, body(), FontFace::body) + gap();
  bool step_inline = step_w > 0 && step_w < W * 0.4f;
  auto tlines = wrap_text(*env_.metrics, title_, title_size(), FontFace::title,
                          W - (step_inline ? step_w : 0));
  Widget tw;
  tw.id = "screen.title";
  tw.role = Role::title;
  tw.label = title_;
  tw.rect = Rect{margin(), y, W - (step_inline ? step_w : 0), tlines.size() * title_size()};
  emit_widget(tw, Icon::none, tlines, title_size(), FontFace::title, false, false);
  float title_bottom = tw.rect.bottom();
  if (!step_.empty()) {
    Widget sw;
    sw.id = "screen.step";
    sw.role = Role::text;
    sw.label = step_;
    if (step_inline) {
      sw.rect = Rect{env_.width - margin() - step_w + gap(), y + (title_size() - body()) / 2,
                     step_w - gap(), body()};
    } else {
      auto sl = wrap_text(*env_.metrics, step_, body(), FontFace::body, W);
      sw.rect = Rect{margin(), title_bottom + 8, W, sl.size() * body()};
      title_bottom = sw.rect.bottom();
    }
    emit_widget(sw, Icon::none, {step_}, body(), FontFace::body, false, false);
  }
  // Regions: nav bar at the bottom; caption above it (or under the title in low-reach mode,
  // since it is not a control); content in between.
  float nav_h = nav_height();
  float nav_y = env_.height - 24 - nav_h;
  float cap_lines = env_.scale > 1.01f ? 1 : 2;
  float cap_h = env_.show_caption ? cap_lines * body() + 16 : 0;
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
  controls_top_ = env_.low_reach ? std::max(content_top, env_.height * 0.33f) : 0;

  auto laid = layout_blocks(W);
  std::vector<int> bpage;
  std::vector<float> by;
  auto blocks = paginate(laid, content_top, content_bottom, &bpage, &by);
  pages_ = bpage.empty() ? 1 : bpage.back() + 1;
  float pager_h = 0;
  if (pages_ > 1) {
    pager_h = std::max(96.f, body() + 2 * bar_pad());
    bpage.clear();
    by.clear();
    blocks = paginate(laid, content_top, content_bottom - pager_h - gap(), &bpage, &by);
    pages_ = bpage.back() + 1;
  }
  page_ = std::clamp(env_.page, 0, pages_ - 1);

  for (size_t b = 0; b < blocks.size(); ++b) {
    if (bpage[b] != page_) continue;
    for (const auto& p : blocks[b]) {
      const Item& it = items_[p.item];
      Widget w = it.w;
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
        DrawCmd bg{DrawCmd::k_fill};
        bg.rect = w.rect;
        bg.color = w.bg;
        draw_.push_back(bg);
        for (size_t yy = 0; yy < it.modules.size(); ++yy)
          for (size_t xx = 0; xx < it.modules[yy].size(); ++xx)
            if (it.modules[yy][xx]) {
              DrawCmd d{DrawCmd::k_fill};
              d.rect = Rect{w.rect.x + qz + xx * mpx, w.rect.y + qz + yy * mpx, mpx + 0.5f,
                            mpx + 0.5f};
              d.color = w.fg;
              draw_.push_back(d);
            }
        widgets_.push_back(w);
        continue;
      }
      FontFace face = (it.tile || it.style == TextStyle::heading || it.style == TextStyle::large)
                          ? FontFace::title : FontFace::body;
      emit_widget(w, it.icon, p.lines, p.font, face, it.tile, false);
    }
  }
  if (pages_ > 1) {
    float py = content_bottom - pager_h;
    float cw = (W - 2 * gap()) / 3;
    Widget prev;
    prev.id = "page.prev";
    prev.role = Role::button;
    prev.label = env_.nav.prev_page;
    prev.enabled = page_ > 0;
    prev.group = Group::pager;
    prev.rect = Rect{margin(), py, cw, pager_h};
    float ppad = bar_pad();
    float picon = bar_icons() ? body() + ppad * 0.5f : 0;
    emit_widget(prev, bar_icons() ? Icon::left : Icon::none,
                wrap_text(*env_.metrics, prev.label, body(), FontFace::body, cw - 2 * ppad - picon),
                body(), FontFace::body, false, false, ppad);
    Widget info;
    info.id = "page.info";
    info.role = Role::text;
    info.label = substitute(env_.nav.page_of, {{"page", std::to_string(page_ + 1)},
                                               {"pages", std::to_string(pages_)}});
    info.rect = Rect{margin() + cw + gap(), py + (pager_h - body()) / 2, cw, body()};
    emit_widget(info, Icon::none, {info.label}, body(), FontFace::body, false, true);
    Widget next = prev;
    next.id = "page.next";
    next.label = env_.nav.next_page;
    next.enabled = page_ + 1 < pages_;
    next.rect = Rect{margin() + 2 * (cw + gap()), py, cw, pager_h};
    emit_widget(next, bar_icons() ? Icon::right : Icon::none,
                wrap_text(*env_.metrics, next.label, body(), FontFace::body, cw - 2 * ppad - picon),
                body(), FontFace::body, false, false, ppad);
  }
  if (env_.show_caption && !env_.caption.empty()) {
    Widget cw;
    cw.id = "caption";
    cw.role = Role::caption;
    cw.label = env_.caption;
    auto lines = wrap_text(*env_.metrics, env_.caption, body(), FontFace::body, W - 32);
    if (lines.size() > size_t(cap_lines)) {
      cw.label = env_.caption_sentence;
      lines = wrap_text(*env_.metrics, env_.caption_sentence, body(), FontFace::body, W - 32);
      if (lines.size() > size_t(cap_lines)) {
        // A sentence longer than the strip: show its end, with an ellipsis in front.
        lines.erase(lines.begin(), lines.end() - size_t(cap_lines));
        lines.front() = "…" + lines.front();
      }
    }
    cw.rect = cap_rect;
    DrawCmd line{DrawCmd::k_fill};
    line.rect = Rect{cap_rect.x, cap_rect.y, 6, cap_rect.h};
    line.color = env_.theme->fg;
    draw_.push_back(line);
    emit_widget(cw, Icon::none, lines, body(), FontFace::body, false, false);
    for (size_t k = draw_.size() - lines.size(); k < draw_.size(); ++k) draw_[k].rect.x += 24;
  }
  build_nav(nav_y, nav_h);
}

}  // namespace tx
