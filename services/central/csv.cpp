#include "central/csv.h"

namespace tx::central {

std::optional<std::vector<CsvRow>> parse_csv(std::string_view in, std::string* error) {
  if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string cell;
  std::int64_t line = 1;
  row.line = 1;
  bool quoted = false, was_quoted = false, any = false;
  auto end_row = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    bool blank = row.cells.size() == 1 && row.cells[0].empty() && !was_quoted;
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{};
    was_quoted = false;
    any = false;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < in.size() && in[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (!any) row.line = line;
    any = true;
    if (c == '"') {
      if (!cell.empty()) {
        if (error) *error = "line " + std::to_string(line) + ": a quote inside an unquoted field";
        return std::nullopt;
      }
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      cell += c;
    }
  }
  if (quoted) {
    if (error) *error = "line " + std::to_string(row.line) + ": a quoted field is never closed";
    return std::nullopt;
  }
  if (any || !cell.empty()) end_row();
  return rows;
}

}  // namespace tx::central
