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
// PayloadReader: fills a Payload's members from its JSON without building a document (nlohmann's
// SAX interface: the same lexer and the same errors as json::parse, none of the DOM's
// allocations). The answers are json::parse's: not an object or not valid JSON → no members; a
// repeated key → the last one; any other value (object, array, float, bool, null) → `other`.
class PayloadReader final : public nlohmann::json_sax<json> {
 public:
  using Members = std::vector<std::pair<std::string, Payload::Member>>;
  explicit PayloadReader(Members& members) : members_(members) {}

  bool null() override { return value(Payload::Member::other); }
  bool boolean(bool) override { return value(Payload::Member::other); }
  bool number_integer(number_integer_t v) override { return value(Payload::Member::integer, v); }
  bool number_unsigned(number_unsigned_t v) override { return value(Payload::Member::integer, std::int64_t(v)); }
  bool number_float(number_float_t, const string_t&) override { return value(Payload::Member::other); }
  bool string(string_t& v) override {
    if (depth_ == 1 && object_) {
      put(Payload::Member::text).s = std::move(v);
      return true;
    }
    return value(Payload::Member::other);
  }
  bool binary(binary_t&) override { return value(Payload::Member::other); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return --depth_, true; }
  bool end_array() override { return --depth_, true; }
  bool key(string_t& k) override {
    if (depth_ == 1) key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  // kept: a member whose name Tally::add reads (the others are lexed, as json::parse would, and
  // dropped: no copy of an ID number or a date the statistics never look at).
  static bool kept(const std::string& name) {
    static const char* const names[] = {"kind", "appointment_id", "programme", "status",
                                        "resident_id", "due_month", "call_id", "at"};
    for (const char* n : names)
      if (name == n) return true;
    return false;
  }
  Payload::Member& put(Payload::Member::Kind kind) {
    if (!kept(key_)) return ignored_ = Payload::Member{};
    Payload::Member* m = nullptr;
    for (auto& [k, v] : members_)
      if (k == key_) m = &v;
    if (!m) m = &members_.emplace_back(key_, Payload::Member{}).second;
    *m = Payload::Member{};
    m->kind = kind;
    return *m;
  }
  bool value(Payload::Member::Kind kind, std::int64_t i = 0) {
    if (depth_ == 1 && object_) put(kind).i = i;
    return true;
  }
  bool open(bool object) {
    if (depth_ == 0) object_ = object;                             // the payload itself: only an object has members
    else if (depth_ == 1 && object_) put(Payload::Member::other);  // a nested value is neither
    ++depth_;
    return true;
  }
  Members& members_;
  Payload::Member ignored_;  // a dropped member's value goes here
  std::string key_;
  int depth_ = 0;
  bool object_ = false;
};

// A metric suffix taken from the payload: short, and only [a-z0-9_] (it becomes a CSV column).
std::string word(const std::string& s) {
  if (s.empty() || s.size() > 40) return "other";
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return "other";
  return s;
}
}  // namespace

bool reads_payload(const std::string& type) {
  return type == "appointment.booked" || type == "appointment.completed" || type == "application.registered" ||
         type == "job_interest.updated" || type == "certificate.expiry" || type.rfind("staff_call.", 0) == 0;
}

Payload::Payload(const std::string& json) {
  members_.reserve(4);
  PayloadReader reader(members_);
  if (!json::sax_parse(json, &reader)) members_.clear();
}
const Payload::Member* Payload::find(const char* name) const {
  for (const auto& [k, m] : members_)
    if (k == name) return &m;
  return nullptr;
}
std::string Payload::text(const char* name) const {
  const Member* m = find(name);
  return m && m->kind == Member::text ? m->s : std::string();
}
std::optional<std::int64_t> Payload::integer(const char* name) const {
  const Member* m = find(name);
  if (!m || m->kind != Member::integer) return std::nullopt;
  return m->i;
}

std::string month_of(const std::string& iso) { return is_month(iso) ? iso.substr(0, 7) : "0000-00"; }

void Tally::add(const std::string& type, const std::string& created_at, const std::string& payload) {
  add(type, created_at, Payload(payload));
}

void Tally::add(const std::string& type, const std::string& created_at, const Payload& p) {
  const std::string month = month_of(created_at);
  auto count = [&](const std::string& metric, std::int64_t n = 1) { counts_[{month, metric}] += n; };
  static const std::map<std::string, std::string> simple = {
      {"appointment.checked_in", "checked_in"},
      {"appointment.no_show", "no_show"},         {"appointment.cancelled", "cancelled"},
      {"appointment.rescheduled", "rescheduled"}, {"appointment.dispatched", "dispatched"},
      {"appointment.visit_failed", "visit_failed"}, {"resident.registered", "residents_registered"},
      {"change_report.registered", "change_reports"}};
  if (auto it = simple.find(type); it != simple.end()) {
    count(it->second);
  } else if (type == "appointment.booked") {
    const std::string kind = word(p.text("kind"));
    count("booked");
    count("booked." + kind);
    if (auto id = p.integer("appointment_id")) appointments_.booked(*id, kind);
  } else if (type == "appointment.completed") {
    count("completed");
    if (auto id = p.integer("appointment_id"))
      if (auto kind = appointments_.kind_of(*id)) count("completed." + *kind);
  } else if (type == "application.registered") {
    count("applications");
    count("applications." + word(p.text("programme")));
  } else if (type == "job_interest.registered") {
    count("job_interests");
  } else if (type == "job_interest.updated") {
    count("job_interest." + word(p.text("status")));
  } else if (type == "certificate.expiry") {
    // Counted in the month the renewal window opens; only a well-formed "YYYY-MM" counts.
    auto rid = p.integer("resident_id");
    if (!rid) return;
    std::optional<std::string> month;
    if (std::string m = p.text("due_month"); m.size() == 7 && is_month(m) && Date::parse(m + "-01")) month = m;
    auto before = certificates_.expiry(*rid, month);
    if (before == month) return;
    if (before) counts_[{*before, "renewals_due"}] -= 1;
    if (month) counts_[{*month, "renewals_due"}] += 1;
  } else if (type.rfind("staff_call.", 0) == 0) {
    auto id = p.integer("call_id");
    if (!id) return;
    if (type == "staff_call.created") {
      count("staff_calls");
      calls_.open(*id, created_at);
      return;
    }
    auto opened = calls_.take(*id);
    if (!opened || type != "staff_call.acknowledged") return;  // closed unanswered, or answered before
    std::string at = p.text("at");
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
