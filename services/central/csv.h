// RFC 4180 CSV for the reference-data imports: quoted fields, doubled quotes, CRLF or LF,
// a UTF-8 byte-order mark is skipped. Pure: no I/O.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tx::central {

struct CsvRow {
  std::int64_t line = 0;  // line number where the row starts (1-based)
  std::vector<std::string> cells;
};

// parse_csv: every row, or nullopt with *error ("line N: unterminated quote") when the file
// is not CSV. Blank lines are skipped.
std::optional<std::vector<CsvRow>> parse_csv(std::string_view text, std::string* error);

}  // namespace tx::central
