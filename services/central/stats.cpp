#include "central/stats.h"

#include "domain/date.h"

namespace tx::central::stats {

using nlohmann::json;

namespace {
bool is_month(const std::string& s) {
  if (s.size() < 7 || s[4] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}
std::string text_of(const json& p, const char* name) {
  auto it = p.find(name);
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}
// A metric suffix taken from the payload: short, and only [a-z0-9_] (it becomes a CSV column).
std::string word(const std::string& s) {
  if (s.empty() || s.size() > 40) return "other";
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return "other";
  return s;
}
}  // namespace

std::string month_of(const std::string& iso) { return is_month(iso) ? iso.substr(0, 7) : "0000-00"; }

void Tally::add(const std::string& type, const std::string& created_at, const std::string& payload) {
  const std::string month = month_of(created_at);
  auto count = [&](const std::string& metric, std::int64_t n = 1) { counts_[{month, metric}] += n; };
  json p = json::parse(payload, nullptr, false);
  if (!p.is_object()) p = json::object();
  static const std::map<std::string, std::string> simple = {
      {"appointment.checked_in", "checked_in"},
      {"appointment.no_show", "no_show"},         {"appointment.cancelled", "cancelled"},
      {"appointment.rescheduled", "rescheduled"}, {"appointment.dispatched", "dispatched"},
      {"appointment.visit_failed", "visit_failed"}, {"resident.registered", "residents_registered"},
      {"change_report.registered", "change_reports"}};
  if (auto it = simple.find(type); it != simple.end()) {
    count(it->second);
  } else if (type == "appointment.booked") {
    const std::string kind = word(text_of(p, "kind"));
    count("booked");
    count("booked." + kind);
    if (auto id = p.find("appointment_id"); id != p.end() && id->is_number_integer())
      appointments_.booked(id->get<std::int64_t>(), kind);
  } else if (type == "appointment.completed") {
    count("completed");
    if (auto id = p.find("appointment_id"); id != p.end() && id->is_number_integer())
      if (auto kind = appointments_.kind_of(id->get<std::int64_t>())) count("completed." + *kind);
  } else if (type == "application.registered") {
    count("applications");
    count("applications." + word(text_of(p, "programme")));
  } else if (type == "job_interest.registered") {
    count("job_interests");
  } else if (type == "job_interest.updated") {
    count("job_interest." + word(text_of(p, "status")));
  } else if (type == "certificate.expiry") {
    // Counted in the month the renewal window opens; only a well-formed "YYYY-MM" counts.
    auto rid = p.find("resident_id");
    if (rid == p.end() || !rid->is_number_integer()) return;
    std::optional<std::string> month;
    if (std::string m = text_of(p, "due_month"); m.size() == 7 && is_month(m) && Date::parse(m + "-01")) month = m;
    auto before = certificates_.expiry(rid->get<std::int64_t>(), month);
    if (before == month) return;
    if (before) counts_[{*before, "renewals_due"}] -= 1;
    if (month) counts_[{*month, "renewals_due"}] += 1;
  } else if (type.rfind("staff_call.", 0) == 0) {
    auto id = p.find("call_id");
    if (id == p.end() || !id->is_number_integer()) return;
    if (type == "staff_call.created") {
      count("staff_calls");
      calls_.open(id->get<std::int64_t>(), created_at);
      return;
    }
    auto opened = calls_.take(id->get<std::int64_t>());
    if (!opened || type != "staff_call.acknowledged") return;  // closed unanswered, or answered before
    std::string at = text_of(p, "at");
    auto t0 = parse_iso_utc(*opened), t1 = parse_iso_utc(at.empty() ? created_at : at);
    if (!t0 || !t1) return;
    count("staff_calls_answered");
    count("staff_call_answer_s",
          std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::seconds>(*t1 - *t0).count()));
  }
}

const char* state_name(State s) {
  switch (s) {
    case State::never: return "never";
    case State::stale: return "stale";
    case State::late: return "late";
    case State::error: return "error";
    case State::ok: return "ok";
  }
  return "ok";
}

State fleet_state(const std::optional<std::string>& last_seen, const std::optional<std::string>& last_error,
                  std::chrono::system_clock::time_point now, const StateRules& rules) {
  if (!last_seen) return State::never;
  auto seen = parse_iso_utc(*last_seen);
  if (!seen) return State::never;
  auto quiet = now - *seen;
  if (quiet > rules.stale_after) return State::stale;
  if (quiet > 2 * rules.heartbeat_interval) return State::late;
  if (last_error && !last_error->empty()) return State::error;
  return State::ok;
}

}  // namespace tx::central::stats
