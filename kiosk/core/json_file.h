// read_json_object: the kiosk's asset files (catalogs, themes, voices) are JSON objects read once
// at start; a missing or malformed file is an error naming the file.
#pragma once
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace tx {

inline bool read_json_object(const std::string& path, nlohmann::json* doc, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  *doc = nlohmann::json::parse(in, nullptr, false);
  if (doc->is_discarded() || !doc->is_object()) {
    *error = path + " is not a JSON object";
    return false;
  }
  return true;
}

}  // namespace tx
