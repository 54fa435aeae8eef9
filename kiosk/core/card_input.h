// Input from the kiosk's peripherals other than keys and touch: the ID-card reader (a GA 467
// reader through platform/card_reader.h, or the script's {"card": …}) and scanners (a keyboard-
// wedge burst recognised by devices/wedge.h, or the script's {"scan": "…"}). The App applies them
// in app_card.cpp; the a11y log records each one without its text (peripheral_log_entry).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace tx {

struct PeripheralInput {
  enum Kind { card, scan, read_failed, reader_lost, reader_back } kind;
  std::string id_number, name, valid_to;  // card: valid_to "YYYY-MM-DD" or "" (long-term)
  std::string text;                       // scan
};

// The a11y log's record (docs/a11y-log.md "input"): what arrived, never its full text — a card's
// ID number only by its last four characters, a scan by its length and what it looks like.
// `expired` and `what` are the App's reading of it.
nlohmann::json peripheral_log_entry(const PeripheralInput& in, bool expired, const std::string& what);

}  // namespace tx
