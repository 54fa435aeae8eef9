#include "common/metrics.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace tx::metrics {

std::string render_labels(const Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i].first;
    out += "=\"";
    for (char c : labels[i].second) {
      if (c == '\\') out += "\\\\";
      else if (c == '"') out += "\\\"";
      else if (c == '\n') out += "\\n";
      else out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::observe(double v) {
  std::size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(sum_mu_);
  sum_ += v;
  ++count_;
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.bounds = bounds_;
  {
    std::lock_guard lock(sum_mu_);
    s.sum = sum_;
    s.count = count_;
  }
  std::uint64_t run = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    run += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(run);
  }
  // A sample observed between reading the sum and the buckets: keep +Inf == count.
  if (s.cumulative.back() != s.count) s.count = s.cumulative.back();
  return s;
}

void Scrape::add(const std::string& name, const std::string& help, const char* type,
                 const std::string& sample_name, const Labels& labels, double value) {
  auto& f = families_[name];
  if (f.type.empty()) {
    f.help = help;
    f.type = type;
  }
  f.samples.emplace_back(sample_name + render_labels(labels), value);
}

void Scrape::gauge(const std::string& name, const std::string& help, double value, const Labels& labels) {
  add(name, help, "gauge", name, labels, value);
}

void Scrape::counter(const std::string& name, const std::string& help, double value, const Labels& labels) {
  add(name, help, "counter", name, labels, value);
}

std::string Scrape::render() const {
  std::string out;
  for (const auto& [name, f] : families_) {
    out += "# HELP " + name + " ";
    for (char c : f.help) out += c == '\n' ? ' ' : c;
    out += "\n# TYPE " + name + " " + f.type + "\n";
    for (const auto& [sample, v] : f.samples) out += sample + " " + format_value(v) + "\n";
  }
  return out;
}

Counter& Registry::counter(const std::string& name, const std::string& help, const Labels& labels) {
  std::string key = render_labels(labels);
  std::lock_guard lock(mu_);
  auto& f = families_[name];
  if (f.help.empty()) f.help = help;
  if (f.histogram) throw std::logic_error("metric " + name + " is a histogram, not a counter");
  auto& slot = f.counters[key];
  if (!slot) {
    slot = std::make_unique<Counter>();
    f.labels[key] = labels;
  }
  return *slot;
}

Histogram& Registry::histogram(const std::string& name, const std::string& help,
                               const std::vector<double>& bounds, const Labels& labels) {
  std::string key = render_labels(labels);
  std::lock_guard lock(mu_);
  auto& f = families_[name];
  if (f.help.empty()) {
    f.help = help;
    f.histogram = true;
  }
  if (!f.histogram) throw std::logic_error("metric " + name + " is a counter, not a histogram");
  auto& slot = f.histograms[key];
  if (!slot) {
    slot = std::make_unique<Histogram>(bounds);
    f.labels[key] = labels;
  }
  return *slot;
}

void Registry::collect(Scrape& s) const {
  std::lock_guard lock(mu_);
  for (const auto& [name, f] : families_) {
    for (const auto& [key, c] : f.counters) s.add(name, f.help, "counter", name, f.labels.at(key), double(c->value()));
    for (const auto& [key, h] : f.histograms) {
      auto snap = h->snapshot();
      const Labels& base = f.labels.at(key);
      for (std::size_t i = 0; i <= snap.bounds.size(); ++i) {
        Labels l = base;
        l.emplace_back("le", i < snap.bounds.size() ? format_value(snap.bounds[i]) : "+Inf");
        s.add(name, f.help, "histogram", name + "_bucket", l, double(snap.cumulative[i]));
      }
      s.add(name, f.help, "histogram", name + "_sum", base, snap.sum);
      s.add(name, f.help, "histogram", name + "_count", base, double(snap.count));
    }
  }
}

Registry& global() {
  static Registry* r = new Registry();  // never destroyed: handlers may still run at exit
  return *r;
}

}  // namespace tx::metrics
