#include "station/telemetry.h"

#include "common/errors.h"

namespace tx::station {

using nlohmann::json;

namespace {
// The languages the kiosk speaks (ARCHITECTURE.md a11y log); anything else is "other".
std::string lang_label(const std::string& l) {
  return l == "cmn" || l == "yue" || l == "en" ? l : "other";
}

std::uint64_t count_field(const json& v, const char* name) {
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0) throw ApiError("invalid_field", name, "type");
  return v.get<std::uint64_t>();
}
}  // namespace

void KioskTelemetry::report(const std::string& terminal, const json& body, double now_s) {
  auto boot = body.find("boot_id");
  if (boot == body.end() || !boot->is_string() || boot->get_ref<const std::string&>().empty() ||
      boot->get_ref<const std::string&>().size() > 64)
    throw ApiError("invalid_field", "boot_id", "missing");

  // Parse everything before touching state: a bad report changes nothing.
  std::map<std::string, std::uint64_t> now;
  if (auto it = body.find("speech_utterances"); it != body.end()) {
    if (!it->is_object() || it->size() > 16) throw ApiError("invalid_field", "speech_utterances", "type");
    for (const auto& [lang, v] : it->items()) now["speech:" + lang_label(lang)] += count_field(v, "speech_utterances");
  }
  for (const char* name : {"speech_interrupted", "sessions", "print_jobs", "print_failures"})
    if (auto it = body.find(name); it != body.end()) now[name] = count_field(*it, name);
  double uptime = 0;
  if (auto it = body.find("uptime_s"); it != body.end() && it->is_number()) uptime = it->get<double>();

  std::lock_guard lock(mu_);
  std::string key = terminal;
  if (!kiosks_.count(key) && kiosks_.size() >= kMaxTerminals) key = "other";
  Kiosk& k = kiosks_[key];
  const std::string& b = boot->get_ref<const std::string&>();
  if (k.boot_id != b) {  // a new kiosk process: its counters start again from zero
    k.boot_id = b;
    k.last.clear();
  }
  for (const auto& [name, value] : now) {
    std::uint64_t prev = k.last[name];
    if (value > prev) k.total[name] += value - prev;
    k.last[name] = std::max(prev, value);
  }
  k.last_report_s = now_s;
  k.uptime_s = uptime;
}

void KioskTelemetry::collect(metrics::Scrape& s) const {
  std::lock_guard lock(mu_);
  for (const auto& [terminal, k] : kiosks_) {
    for (const auto& [name, v] : k.total) {
      if (name.rfind("speech:", 0) == 0)
        s.counter("tongxing_kiosk_speech_utterances_total", "Utterances the kiosks spoke, by language",
                  double(v), {{"terminal", terminal}, {"lang", name.substr(7)}});
      else if (name == "speech_interrupted")
        s.counter("tongxing_kiosk_speech_interrupted_total",
                  "Utterances cut short by the next one (the resident moved on)", double(v),
                  {{"terminal", terminal}});
      else if (name == "sessions")
        s.counter("tongxing_kiosk_sessions_total", "Resident sessions started at a kiosk", double(v),
                  {{"terminal", terminal}});
      else if (name == "print_jobs")
        s.counter("tongxing_kiosk_print_jobs_total", "Slips printed by a kiosk", double(v), {{"terminal", terminal}});
      else if (name == "print_failures")
        s.counter("tongxing_kiosk_print_failures_total", "Slips a kiosk could not print", double(v),
                  {{"terminal", terminal}});
    }
    s.gauge("tongxing_kiosk_last_report_timestamp_seconds",
            "When the kiosk last reported (a kiosk that stops reporting is down or cut off)",
            k.last_report_s, {{"terminal", terminal}});
    s.gauge("tongxing_kiosk_uptime_seconds", "How long the kiosk process has run, as it reported",
            k.uptime_s, {{"terminal", terminal}});
  }
}

}  // namespace tx::station
