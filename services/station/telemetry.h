// Kiosk telemetry: each kiosk reports its own counters (speech utterances by language, …) to
// the station now and then (POST /api/v1/kiosk/report, docs/api.md); the station turns them
// into Prometheus counters on /metrics. Reports carry cumulative counts since the kiosk started
// plus a boot id, so a repeated or lost report never double-counts or goes backwards: the
// station adds only the growth since the last report of the same boot.
// Memory only: a station restart resets these counters, which Prometheus handles as a reset.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "common/metrics.h"

namespace tx::station {

class KioskTelemetry {
 public:
  // At most this many terminals are tracked; reports from more are counted as terminal "other",
  // so a misbehaving client cannot grow the label set without bound.
  static constexpr std::size_t kMaxTerminals = 64;

  // report: applies one report body. Throws ApiError("invalid_field", …) for a malformed body.
  // `now_s` is the report time (seconds since the epoch).
  void report(const std::string& terminal, const nlohmann::json& body, double now_s);
  // collect: tongxing_kiosk_* series.
  void collect(metrics::Scrape& s) const;

 private:
  struct Kiosk {
    std::string boot_id;
    std::map<std::string, std::uint64_t> last;   // counter name → last cumulative value seen
    std::map<std::string, std::uint64_t> total;  // counter name → total added at the station
    double last_report_s = 0;
    double uptime_s = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, Kiosk> kiosks_;
};

}  // namespace tx::station
