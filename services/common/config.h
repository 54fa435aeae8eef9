// Strict TOML configuration (toml++): every value is read through a Section, which remembers
// which keys it was asked for; finish() then refuses any key nobody asked for. Errors name the
// file, the line and the reason: "/etc/tongxing/station.toml:12: booking.horizon_days: must be
// between 1 and 365".
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace toml {
inline namespace v3 {
class table;
class node;
}  // namespace v3
}  // namespace toml

namespace tx::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Section {
 public:
  std::string str(const std::string& key, const std::string& fallback) const;
  std::optional<std::string> opt_str(const std::string& key) const;
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const;
  double number(const std::string& key, double fallback, double min, double max) const;
  bool boolean(const std::string& key, bool fallback) const;
  std::vector<std::int64_t> int_list(const std::string& key, std::vector<std::int64_t> fallback,
                                     std::int64_t min, std::int64_t max) const;
  std::vector<std::string> str_list(const std::string& key,
                                    std::vector<std::string> fallback) const;
  // one_of: a string that must be one of `choices`.
  std::string one_of(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& choices) const;
  // section: a sub-table (an empty one when absent).
  Section section(const std::string& key) const;
  // sections: an array of tables ([[key]]); empty when absent.
  std::vector<Section> sections(const std::string& key) const;
  // keys: the keys present in this table (for free-form maps such as capacities).
  std::vector<std::string> keys() const;
  bool has(const std::string& key) const;
  // fail: throws ConfigError pointing at `key` (or at this section).
  [[noreturn]] void fail(const std::string& key, const std::string& reason) const;
  // tls_files: tls_cert_file and tls_key_file, both or neither (refused otherwise).
  void tls_files(std::string* cert, std::string* key) const;

 private:
  friend class File;
  Section(const toml::table* t, std::string path, std::shared_ptr<std::string> file)
      : t_(t), path_(std::move(path)), file_(std::move(file)), state_(std::make_shared<State>()) {}
  const toml::node* get(const std::string& key) const;
  std::string where(const std::string& key) const;
  void check_unknown() const;

  const toml::table* t_ = nullptr;  // nullptr: an absent section (all defaults)
  std::string path_;
  std::shared_ptr<std::string> file_;
  // Shared by copies of this Section, so reading through any copy counts.
  struct State {
    std::set<std::string> asked;
    std::vector<Section> children;
  };
  std::shared_ptr<State> state_;
};

// File: a parsed TOML file (or an empty configuration when no path is given).
class File {
 public:
  // load: parses `path`; throws ConfigError "file:line:column: reason" on a syntax error.
  static File load(const std::string& path);
  static File empty();
  static File parse(const std::string& text, const std::string& name);
  Section& root() { return *root_; }
  // finish: throws ConfigError for the first key no one read ("unknown key").
  void finish() const;
  const std::string& name() const { return *file_; }

 private:
  std::shared_ptr<toml::table> table_;
  std::shared_ptr<std::string> file_;
  std::unique_ptr<Section> root_;
};

}  // namespace tx::config
