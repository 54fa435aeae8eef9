#include "common/config.h"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>

namespace tx::config {

const toml::node* Section::get(const std::string& key) const {
  state_->asked.insert(key);
  return t_ ? t_->get(key) : nullptr;
}

std::string Section::where(const std::string& key) const {
  std::string line;
  const toml::node* n = t_ ? t_->get(key) : nullptr;
  if (n && n->source().begin.line > 0) line = ":" + std::to_string(n->source().begin.line);
  else if (t_ && t_->source().begin.line > 0) line = ":" + std::to_string(t_->source().begin.line);
  std::string full = path_.empty() ? key : path_ + (key.empty() ? "" : "." + key);
  return *file_ + line + ": " + full;
}

void Section::tls_files(std::string* cert, std::string* key) const {
  *cert = str("tls_cert_file", "");
  *key = str("tls_key_file", "");
  if (cert->empty() != key->empty())
    fail(cert->empty() ? "tls_cert_file" : "tls_key_file", "give both tls_cert_file and tls_key_file, or neither");
}

void Section::fail(const std::string& key, const std::string& reason) const {
  throw ConfigError(where(key) + ": " + reason);
}

std::optional<std::string> Section::opt_str(const std::string& key) const {
  const toml::node* n = get(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) fail(key, "must be a string in quotes");
  return n->as_string()->get();
}

std::string Section::str(const std::string& key, const std::string& fallback) const {
  return opt_str(key).value_or(fallback);
}

std::int64_t Section::integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                              std::int64_t max) const {
  const toml::node* n = get(key);
  if (!n) return fallback;
  if (!n->is_integer()) fail(key, "must be a whole number");
  std::int64_t v = n->as_integer()->get();
  if (v < min || v > max)
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v;
}

double Section::number(const std::string& key, double fallback, double min, double max) const {
  const toml::node* n = get(key);
  if (!n) return fallback;
  double v;
  if (n->is_integer()) v = double(n->as_integer()->get());
  else if (n->is_floating_point()) v = n->as_floating_point()->get();
  else fail(key, "must be a number");
  if (v < min || v > max) {
    std::ostringstream os;
    os << "must be between " << min << " and " << max;
    fail(key, os.str());
  }
  return v;
}

bool Section::boolean(const std::string& key, bool fallback) const {
  const toml::node* n = get(key);
  if (!n) return fallback;
  if (!n->is_boolean()) fail(key, "must be true or false");
  return n->as_boolean()->get();
}

std::vector<std::int64_t> Section::int_list(const std::string& key,
                                            std::vector<std::int64_t> fallback, std::int64_t min,
                                            std::int64_t max) const {
  const toml::node* n = get(key);
  if (!n) return fallback;
  if (!n->is_array()) fail(key, "must be a list of whole numbers, e.g. [5, 15, 25]");
  std::vector<std::int64_t> out;
  for (const auto& e : *n->as_array()) {
    if (!e.is_integer()) fail(key, "must be a list of whole numbers, e.g. [5, 15, 25]");
    auto v = e.as_integer()->get();
    if (v < min || v > max)
      fail(key, "each value must be between " + std::to_string(min) + " and " + std::to_string(max));
    out.push_back(v);
  }
  return out;
}

std::vector<std::string> Section::str_list(const std::string& key,
                                           std::vector<std::string> fallback) const {
  const toml::node* n = get(key);
  if (!n) return fallback;
  if (!n->is_array()) fail(key, "must be a list of strings, e.g. [\"a\", \"b\"]");
  std::vector<std::string> out;
  for (const auto& e : *n->as_array()) {
    if (!e.is_string()) fail(key, "must be a list of strings, e.g. [\"a\", \"b\"]");
    out.push_back(e.as_string()->get());
  }
  return out;
}

std::string Section::one_of(const std::string& key, const std::string& fallback,
                            const std::vector<std::string>& choices) const {
  std::string v = str(key, fallback);
  for (const auto& c : choices)
    if (v == c) return v;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  fail(key, "must be one of: " + list);
}

Section Section::section(const std::string& key) const {
  const toml::node* n = get(key);
  if (n && !n->is_table()) fail(key, "must be a table ([" + key + "])");
  Section s(n ? n->as_table() : nullptr, path_.empty() ? key : path_ + "." + key, file_);
  state_->children.push_back(s);
  return s;
}

std::vector<Section> Section::sections(const std::string& key) const {
  const toml::node* n = get(key);
  std::vector<Section> out;
  if (!n) return out;
  if (!n->is_array_of_tables()) fail(key, "must be a list of tables ([[" + key + "]])");
  int i = 0;
  for (const auto& e : *n->as_array()) {
    Section s(e.as_table(), (path_.empty() ? key : path_ + "." + key) + "[" + std::to_string(i++) + "]",
              file_);
    state_->children.push_back(s);
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> Section::keys() const {
  std::vector<std::string> out;
  if (t_)
    for (const auto& [k, v] : *t_) out.emplace_back(k.str());
  return out;
}

bool Section::has(const std::string& key) const { return t_ && t_->contains(key); }

void Section::check_unknown() const {
  if (!t_) return;
  for (const auto& [k, v] : *t_) {
    std::string key(k.str());
    if (!state_->asked.contains(key)) {
      std::string line = v.source().begin.line > 0 ? ":" + std::to_string(v.source().begin.line) : "";
      std::string full = path_.empty() ? key : path_ + "." + key;
      throw ConfigError(*file_ + line + ": " + full + ": unknown key (see the example configuration)");
    }
  }
}

File File::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read the configuration file");
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

File File::parse(const std::string& text, const std::string& name) {
  File f;
  f.file_ = std::make_shared<std::string>(name);
  try {
    f.table_ = std::make_shared<toml::table>(toml::parse(text, name));
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << name << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
       << e.description();
    throw ConfigError(os.str());
  }
  f.root_.reset(new Section(f.table_.get(), "", f.file_));
  return f;
}

File File::empty() {
  File f;
  f.file_ = std::make_shared<std::string>("(defaults)");
  f.root_.reset(new Section(nullptr, "", f.file_));
  return f;
}

void File::finish() const {
  // Walk the tree the same way it was read: every table's unread keys are unknown.
  std::vector<const Section*> stack = {root_.get()};
  while (!stack.empty()) {
    const Section* s = stack.back();
    stack.pop_back();
    s->check_unknown();
    for (const auto& c : s->state_->children) stack.push_back(&c);
  }
}

}  // namespace tx::config
