#include "central/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tx::central {

std::string statistics_workbook(const nlohmann::json& stats) {
  std::string path = (std::filesystem::temp_directory_path() / "tx-statistics-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("xlsx: no temporary file");
  close(fd);
  struct Remove {
    const std::string& p;
    ~Remove() { std::filesystem::remove(p); }
  } remove{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("xlsx: the workbook could not be created");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "statistics");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const std::string by = stats.value("by", std::string("key"));
  worksheet_write_string(ws, 0, 0, by.c_str(), bold);
  lxw_col_t col = 1;
  for (const auto& m : stats["metrics"]) worksheet_write_string(ws, 0, col++, m.get<std::string>().c_str(), bold);
  lxw_row_t row = 1;
  for (const auto& r : stats["rows"]) {
    const std::string key = r["key"].get<std::string>();
    if (!key.empty()) worksheet_write_string(ws, row, 0, key.c_str(), nullptr);  // '' (no district): blank
    col = 1;
    for (const auto& m : stats["metrics"])
      worksheet_write_number(ws, row, col++, double(r["values"].value(m.get<std::string>(), std::int64_t(0))), nullptr);
    ++row;
  }
  worksheet_set_column(ws, 0, 0, 16, nullptr);
  worksheet_freeze_panes(ws, 1, 1);
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(e));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace tx::central
