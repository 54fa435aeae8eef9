// A small Prometheus registry (text exposition format 0.0.4), no dependencies.
//
//   metrics::global().counter("tongxing_bookings_total", "Bookings made", {{"kind", k}}).inc();
//   auto& h = metrics::global().histogram("x_seconds", "…", metrics::kLatencyBuckets, {...});
//   h.observe(0.004);
//
// Counters and histograms live in one process-wide registry (they are never removed, so a
// reference stays valid for the life of the process). Values that are cheaper to read than to
// keep up to date — rows in a table, free disk, the sync backlog — are gauges that a collector
// computes when /metrics is scraped (Scrape below); http::Server keeps its collectors.
//
// Label values are escaped; label *sets* must stay small and bounded: never put an ID number,
// a phone number, a path with an id in it or anything a client can choose freely in a label.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tx::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Latency buckets in seconds: 1 ms … 10 s.
inline const std::vector<double> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,   0.25,   0.5,   1.0,  2.5,   5.0, 10.0};

class Counter {
 public:
  void inc(std::uint64_t n = 1) { v_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> v_{0};
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double v);
  struct Snapshot {
    std::vector<double> bounds;
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot snapshot() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1 (+Inf)
  mutable std::mutex sum_mu_;
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

// Scrape: what a collector adds while /metrics is rendered. Samples of one name are grouped
// under one HELP/TYPE header whatever order they arrive in.
class Scrape {
 public:
  void gauge(const std::string& name, const std::string& help, double value, const Labels& labels = {});
  void counter(const std::string& name, const std::string& help, double value, const Labels& labels = {});
  // render: the text format, families sorted by name.
  std::string render() const;

 private:
  friend class Registry;
  struct Family {
    std::string help, type;
    std::vector<std::pair<std::string, double>> samples;  // rendered "name{labels}" → value
  };
  void add(const std::string& name, const std::string& help, const char* type,
           const std::string& sample_name, const Labels& labels, double value);
  std::map<std::string, Family> families_;
};

class Registry {
 public:
  // counter / histogram: the series for (name, labels), created on first use. The same name must
  // always be used with the same kind and help (a programmer error otherwise: std::logic_error).
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help,
                       const std::vector<double>& bounds, const Labels& labels = {});
  // collect: adds every series of this registry to `s`.
  void collect(Scrape& s) const;

 private:
  struct Family {
    std::string help;
    bool histogram = false;
    std::map<std::string, std::unique_ptr<Counter>> counters;      // key: rendered labels
    std::map<std::string, std::unique_ptr<Histogram>> histograms;  // key: rendered labels
    std::map<std::string, Labels> labels;
  };
  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

// global: the process-wide registry.
Registry& global();

// render_labels: {a="x",b="y"} with values escaped; empty string for no labels.
std::string render_labels(const Labels& labels);
// format_value: Prometheus float text (integers without a fraction, +Inf, NaN).
std::string format_value(double v);

}  // namespace tx::metrics
