#include "central/copy.h"

#include <stdexcept>

namespace tx::central {

CopyReport copy_database(Engine& from, Engine& to, const std::function<void(const std::string&)>& progress) {
  from.migrate();
  to.migrate();
  CopyReport report;
  to.transact(Engine::write, [&](Conn& c) {
    for (const char* t : {"meta", "stations", "events", "admin_tokens"}) {
      auto d = to.dump_table(t, "1");
      if (!d.rows.empty())
        throw std::runtime_error(std::string("the target database already holds ") + t +
                                 ": migrate into a new, empty database");
    }
    for (const auto& t : central_tables()) {
      auto d = from.dump_table(t.name, t.order_by);
      to.load_table(c, t.name, d);
      report.tables.push_back({t.name, d.rows.size()});
      if (progress) progress(std::string(t.name) + ": " + std::to_string(d.rows.size()) + " rows");
    }
    to.after_load(c);
  });
  return report;
}

namespace {
std::string show(const Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) return "NULL";
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* s = std::get_if<std::string>(&v)) return "'" + s->substr(0, 40) + "'";
  return "<" + std::to_string(std::get<Blob>(v).bytes.size()) + " bytes>";
}
bool same(const Value& a, const Value& b) {
  if (a.index() == b.index()) {
    if (auto* x = std::get_if<Blob>(&a)) return x->bytes == std::get<Blob>(b).bytes;
    return a == b;
  }
  return false;
}
}  // namespace

std::vector<std::string> compare_databases(Engine& a, Engine& b) {
  std::vector<std::string> diffs;
  for (const auto& t : central_tables()) {
    auto x = a.dump_table(t.name, t.order_by), y = b.dump_table(t.name, t.order_by);
    if (x.columns != y.columns) {
      diffs.push_back(std::string(t.name) + ": columns differ");
      continue;
    }
    if (x.rows.size() != y.rows.size()) {
      diffs.push_back(std::string(t.name) + ": " + std::to_string(x.rows.size()) + " rows vs " +
                      std::to_string(y.rows.size()));
      continue;
    }
    for (std::size_t r = 0; r < x.rows.size() && diffs.size() < 20; ++r)
      for (std::size_t c = 0; c < x.columns.size(); ++c)
        if (!same(x.rows[r][c], y.rows[r][c]))
          diffs.push_back(std::string(t.name) + " row " + std::to_string(r) + " column " + x.columns[c] + ": " +
                          show(x.rows[r][c]) + " vs " + show(y.rows[r][c]));
  }
  return diffs;
}

}  // namespace tx::central
