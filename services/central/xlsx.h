// The city statistics as an .xlsx workbook (issue 15), beside the CSV download. Written with
// libxlsxwriter (Debian's libxlsxwriter-dev: a small, well-kept C library, BSD-2-Clause; the C
// sibling of Python's XlsxWriter): real number cells, a bold frozen header row.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace tx::central {

// statistics_workbook: CentralStore::statistics()'s answer as one sheet: the grouping ("station",
// "district" or "month") and each metric id as the header, one row per key, numbers as numbers.
// The library writes a file: a temporary one, read back and removed. Throws std::runtime_error.
std::string statistics_workbook(const nlohmann::json& stats);

}  // namespace tx::central
