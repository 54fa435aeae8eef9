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
    else return bad("unknown action '" + k + "'");
    out->push_back(a);
  }
  return true;
}

}  // namespace tx
