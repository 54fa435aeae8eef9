#include "core/script.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace tx {

bool parse_script(const std::string& text, std::vector<ScriptAction>* out, std::string* error) {
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    auto bad = [&](const std::string& why) {
      *error = "script line " + std::to_string(n) + ": " + why;
      return false;
    };
    if (j.is_discarded() || !j.is_object() || j.size() != 1) return bad("expected one JSON object with one action");
    ScriptAction a{ScriptAction::quit};
    a.line = n;
    auto it = j.begin();
    const std::string& k = it.key();
    const auto& v = it.value();
    if (k == "key" && v.is_string()) a.kind = ScriptAction::key, a.s = v;
    else if (k == "tap" && v.is_string()) a.kind = ScriptAction::tap, a.s = v;
    else if (k == "tap_find" && v.is_string()) a.kind = ScriptAction::tap_find, a.s = v;
    else if (k == "wait_for" && v.is_string()) a.kind = ScriptAction::wait_for, a.s = v;
    else if (k == "type" && v.is_string()) a.kind = ScriptAction::type, a.s = v;
    else if (k == "wait_ms" && v.is_number()) a.kind = ScriptAction::wait_ms, a.n = v.get<double>();
    else if (k == "advance_s" && v.is_number()) a.kind = ScriptAction::advance_s, a.n = v.get<double>();
    else if (k == "screenshot" && v.is_string()) a.kind = ScriptAction::screenshot, a.s = v;
    else if (k == "quit") a.kind = ScriptAction::quit;
    else if (k == "scan" && v.is_string() && !v.get<std::string>().empty()) a.kind = ScriptAction::scan, a.s = v;
    else if (k == "card" && v.is_object()) {
      a.kind = ScriptAction::card;
      if (!v.contains("id_number") || !v["id_number"].is_string()) return bad("card needs an \"id_number\" string");
      a.s = v["id_number"];
      if (v.contains("name") && !v["name"].is_string()) return bad("card \"name\" must be a string");
      a.name = v.value("name", "");
      if (v.contains("valid_to") && !v["valid_to"].is_string()) return bad("card \"valid_to\" must be a string");
      a.valid_to = v.value("valid_to", "");
      const std::string& d = a.valid_to;
      bool date = d.size() == 10 && d[4] == '-' && d[7] == '-';
      for (size_t i = 0; date && i < d.size(); ++i) date = i == 4 || i == 7 || (d[i] >= '0' && d[i] <= '9');
      if (!d.empty() && !date) return bad("card \"valid_to\" must be YYYY-MM-DD");
    }
    else return bad("unknown action '" + k + "'");
    out->push_back(a);
  }
  return true;
}

}  // namespace tx
