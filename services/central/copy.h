// Moving a central database from SQLite to PostgreSQL (`tongxing-ctl central
// migrate-to-postgres`), and the table-by-table comparison its test and the command use.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "central/storage.h"

namespace tx::central {

struct CopyReport {
  struct Table {
    std::string name;
    std::size_t rows = 0;
  };
  std::vector<Table> tables;
};

// copy_database: copies every table of `from` into `to` in one transaction of `to`, after
// migrating both to this program's schema. Refuses (std::runtime_error) when `to` already holds
// stations or events, so a second run cannot mix two databases.
CopyReport copy_database(Engine& from, Engine& to, const std::function<void(const std::string&)>& progress = {});

// compare_databases: the differences between two databases table by table (empty: equal).
std::vector<std::string> compare_databases(Engine& a, Engine& b);

}  // namespace tx::central
