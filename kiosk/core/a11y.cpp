#include "core/a11y.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tx {

const char* role_name(Role r) {
  switch (r) {
    case Role::button: return "button";
    case Role::option: return "option";
    case Role::toggle: return "toggle";
    case Role::key: return "key";
    case Role::input: return "input";
    case Role::text: return "text";
    case Role::title: return "title";
    case Role::caption: return "caption";
    case Role::banner: return "banner";
    case Role::image: return "image";
  }
  return "text";
}

bool role_interactive(Role r) {
  return r == Role::button || r == Role::option || r == Role::toggle || r == Role::key ||
         r == Role::input;
}

const Widget* find_widget(const std::vector<Widget>& ws, const std::string& id) {
  for (const auto& w : ws)
    if (w.id == id) return &w;
  return nullptr;
}

const Widget* hit_test(const std::vector<Widget>& ws, float x, float y) {
  for (auto it = ws.rbegin(); it != ws.rend(); ++it)
    if (it->focusable() && it->rect.contains(x, y)) return &*it;
  return nullptr;
}

std::pair<int, int> position_in_group(const std::vector<Widget>& ws, const std::string& id) {
  const Widget* self = find_widget(ws, id);
  if (!self) return {0, 0};
  int idx = 0, n = 0;
  for (const auto& w : ws) {
    if (!w.focusable() || w.group != self->group) continue;
    // (the choices as the screen's announcement counts them, "共N项可以选择": not a field or the
    // keys typing into it — staff.book_address said "共2项" and then "第1项，共3项")
    if (w.id != id && (w.role == Role::key || w.role == Role::input)) continue;
    ++n;
    if (w.id == id) idx = n;
  }
  return {idx, n};
}

std::optional<std::string> navigate(const std::vector<Widget>& ws, const std::string& focused,
                                    NavDir dir) {
  std::vector<const Widget*> f;
  for (const auto& w : ws)
    if (w.focusable()) f.push_back(&w);
  if (f.empty()) return std::nullopt;
  int cur = -1;
  for (size_t i = 0; i < f.size(); ++i)
    if (f[i]->id == focused) cur = int(i);
  if (cur < 0) return f.front()->id;
  if (dir == NavDir::next) return f[(cur + 1) % f.size()]->id;
  if (dir == NavDir::prev) return f[(cur + f.size() - 1) % f.size()]->id;
  // Spatial: among widgets strictly in that direction, the one with the smallest
  // distance along the axis plus twice the offset across it (prefers the same row/column).
  const Rect& a = f[cur]->rect;
  const Widget* best = nullptr;
  double best_score = std::numeric_limits<double>::max();
  for (const Widget* w : f) {
    if (w == f[cur]) continue;
    const Rect& b = w->rect;
    double along, across;
    switch (dir) {
      case NavDir::down:
        if (b.y < a.bottom() - 1) continue;
        along = b.y - a.bottom();
        across = std::max({0.f, b.x - a.right(), a.x - b.right()});
        break;
      case NavDir::up:
        if (b.bottom() > a.y + 1) continue;
        along = a.y - b.bottom();
        across = std::max({0.f, b.x - a.right(), a.x - b.right()});
        break;
      case NavDir::right:
        if (b.x < a.right() - 1) continue;
        along = b.x - a.right();
        across = std::max({0.f, b.y - a.bottom(), a.y - b.bottom()});
        break;
      case NavDir::left:
        if (b.right() > a.x + 1) continue;
        along = a.x - b.right();
        across = std::max({0.f, b.y - a.bottom(), a.y - b.bottom()});
        break;
      default:
        continue;
    }
    double centre = (dir == NavDir::down || dir == NavDir::up) ? std::fabs(b.cx() - a.cx())
                                                               : std::fabs(b.cy() - a.cy());
    double score = along + 2 * across + 0.01 * centre;
    if (score < best_score) {
      best_score = score;
      best = w;
    }
  }
  if (best) return best->id;
  // Nothing that way: a blind resident must never be stuck (M4), so wrap linearly.
  if (dir == NavDir::down || dir == NavDir::right) return f[(cur + 1) % f.size()]->id;
  return f[(cur + f.size() - 1) % f.size()]->id;
}

void PointerTracker::down(const std::vector<Widget>& ws, float x, float y) {
  const Widget* w = hit_test(ws, x, y);
  down_id_ = w ? w->id : "";
  pressed_ = down_id_;
}

void PointerTracker::move(const std::vector<Widget>& ws, float x, float y) {
  if (down_id_.empty()) return;
  const Widget* w = hit_test(ws, x, y);
  pressed_ = (w && w->id == down_id_) ? down_id_ : "";
}

std::string PointerTracker::up(const std::vector<Widget>& ws, float x, float y, double now) {
  const Widget* w = hit_test(ws, x, y);
  std::string id = (w && w->id == down_id_) ? down_id_ : "";
  down_id_.clear();
  pressed_.clear();
  if (id.empty()) return "";
  if (id == last_id_ && now - last_t_ < debounce_s_) return "";
  last_id_ = id;
  last_t_ = now;
  return id;
}

bool Scanner::due(double now) {
  if (now < next_) return false;
  next_ = now + interval_;
  return true;
}

}  // namespace tx
