#include "devices/wedge.h"

#include "domain/slip_code.h"
#include "domain/identity.h"

namespace tx {

char wedge_char(const std::string& k) {
  if (k.size() != 1) return 0;
  char c = k[0];
  if (c >= '0' && c <= '9') return c;
  if (c >= 'A' && c <= 'Z') return c;
  if (c >= 'a' && c <= 'z') return char(c - 'a' + 'A');
  return 0;
}

void WedgeClassifier::flush(std::vector<WedgeOut>* out, bool ended_by_enter) {
  if (held_.empty()) return;
  if (held_.size() >= o_.min_chars) {
    std::string text;
    for (const auto& k : held_) text += wedge_char(k);
    out->push_back({WedgeOut::scan, text});
  } else {
    for (auto& k : held_) out->push_back({WedgeOut::key, std::move(k)});
  }
  held_.clear();
  (void)ended_by_enter;
}

void WedgeClassifier::key(const std::string& name, double t, bool repeat, std::vector<WedgeOut>* out) {
  tick(t, out);  // a burst that ended before this key is decided first
  bool enter = name == "Return" || name == "Keypad Enter";
  if (enter && !held_.empty()) {
    bool scan = held_.size() >= o_.min_chars && t - last_t_ <= o_.max_gap_s;
    flush(out, true);
    if (!scan) out->push_back({WedgeOut::key, name});  // a person's Enter after a few keys
    return;
  }
  if (repeat || !wedge_char(name)) {
    flush(out, false);
    out->push_back({WedgeOut::key, name});
    return;
  }
  held_.push_back(name);
  last_t_ = t;
}

void WedgeClassifier::tick(double now, std::vector<WedgeOut>* out) {
  if (!held_.empty() && now - last_t_ > o_.max_gap_s) flush(out, false);
}

double WedgeClassifier::deadline() const {
  return held_.empty() ? std::numeric_limits<double>::infinity() : last_t_ + o_.max_gap_s;
}

ScanKind classify_scan(const std::string& text) {
  bool digits17 = text.size() == 18;
  for (size_t i = 0; digits17 && i < 17; ++i) digits17 = text[i] >= '0' && text[i] <= '9';
  if (digits17 && id_check_character(text.substr(0, 17)) == text[17]) return ScanKind::id_number;
  if (looks_like_slip_code(text)) return ScanKind::slip;
  return ScanKind::unknown;
}

}  // namespace tx
