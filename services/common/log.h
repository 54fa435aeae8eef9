// One line per event on stderr (journald picks it up): "LEVEL component key=value ...".
// Never pass personal data (full ID numbers, phone numbers, names) to these functions; callers
// log masked forms or keyed hashes only. A test greps everything a full run writes. Control
// characters in a message are escaped (\xNN), so text from a client cannot forge lines or
// send terminal escapes.
#pragma once
#include <string_view>

namespace tx::log {

enum class Level { debug, info, warn, error };
void set_min_level(Level l);
// "debug", "info", "warn" or "error" (a --log-level flag); anything else is refused with the
// accepted words, never quietly taken as "info".
Level parse_level(std::string_view word);
void write(Level l, std::string_view component, std::string_view message);
inline void info(std::string_view c, std::string_view m) { write(Level::info, c, m); }
inline void warn(std::string_view c, std::string_view m) { write(Level::warn, c, m); }
inline void error(std::string_view c, std::string_view m) { write(Level::error, c, m); }

}  // namespace tx::log
