// Keyboard-wedge input (QR/barcode scanners and ID-card readers that "type" what they read): a
// scanner sends its characters as key presses a few milliseconds apart, usually ending with
// Enter; a person types them 100 ms or more apart. WedgeClassifier holds character keys for a
// moment and then either gives them back as the keys they were (typing) or as one scan.
//
// Pure: times are seconds of any monotonic clock, keys are SDL key names ("7", "A", "Return").
#pragma once
#include <limits>
#include <string>
#include <vector>

namespace tx {

struct WedgeOptions {
  double max_gap_s = 0.040;  // longest pause between two keys of one scan
  size_t min_chars = 8;      // shorter bursts are keys (a person's quick double press)
};

struct WedgeOut {
  enum Kind { key, scan } kind;
  std::string s;  // the key name, or the scanned text (letters upper case)
};

class WedgeClassifier {
 public:
  explicit WedgeClassifier(WedgeOptions o = {}) : o_(o) {}
  // A key press at time t. `repeat`: the keyboard's auto-repeat of a held key (never a scan).
  // Whatever is decided goes to *out, in order.
  void key(const std::string& name, double t, bool repeat, std::vector<WedgeOut>* out);
  // Time passing: held keys whose burst ended (no key within max_gap) are decided.
  void tick(double now, std::vector<WedgeOut>* out);
  // When tick() must run next (+inf when nothing is held).
  double deadline() const;
  bool holding() const { return !held_.empty(); }

 private:
  void flush(std::vector<WedgeOut>* out, bool ended_by_enter);
  WedgeOptions o_;
  std::vector<std::string> held_;  // key names held back
  double last_t_ = 0;
};

// A character key a scanner types ("0"…"9", "A"…"Z"; SDL names letters in upper case), or 0.
char wedge_char(const std::string& key_name);

// What a scan is: an ID number (a keyboard-wedge card reader), an appointment slip's code, or
// something the kiosk does not know.
enum class ScanKind { id_number, slip, unknown };
ScanKind classify_scan(const std::string& text);

}  // namespace tx
