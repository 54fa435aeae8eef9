// Command-line parsing for the thin executables: "--name value", "--name=value", "--flag" and
// positional words. Unknown options are refused by the caller via check().
#pragma once
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tx {

class Args {
 public:
  // flags: options that take no value.
  Args(int argc, char** argv, std::set<std::string> flags = {}, int first = 1);
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  long long int_or(const std::string& name, long long fallback) const;  // throws on non-numbers
  bool flag(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // check: throws std::invalid_argument naming the first option not in `known`.
  void check(const std::set<std::string>& known) const;

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_set_;
  std::vector<std::string> positional_;
};

}  // namespace tx
