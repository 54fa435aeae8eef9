#include "common/args.h"

namespace tx {

Args::Args(int argc, char** argv, std::set<std::string> flags, int first) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      values_[name] = value;
    } else if (flags.contains(name)) {
      flags_set_.insert(name);
    } else {
      if (i + 1 >= argc) throw std::invalid_argument("--" + name + " needs a value");
      values_[name] = argv[++i];
    }
  }
}

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

long long Args::int_or(const std::string& name, long long fallback) const {
  auto v = get(name);
  if (!v) return fallback;
  std::size_t pos = 0;
  long long n = 0;
  try {
    n = std::stoll(*v, &pos);
  } catch (const std::exception&) {
    pos = 0;
  }
  if (pos != v->size() || v->empty()) throw std::invalid_argument("--" + name + " must be a number");
  return n;
}

bool Args::flag(const std::string& name) const { return flags_set_.contains(name); }

void Args::check(const std::set<std::string>& known) const {
  for (const auto& [k, v] : values_)
    if (!known.contains(k)) throw std::invalid_argument("unknown option --" + k);
  for (const auto& k : flags_set_)
    if (!known.contains(k)) throw std::invalid_argument("unknown option --" + k);
}

}  // namespace tx
