// The station's endpoints (docs/api.md "Kiosk API" and "Staff API"); see station_client.h.
#include "core/station_client.h"

#include <cctype>

namespace tx::station {

using nlohmann::json;

namespace {

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += char(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

const std::string kApi = "/api/v1";
Call get(Endpoint e, const std::string& path) { return {e, {"GET", kApi + path, nullptr}}; }
Call post(Endpoint e, const std::string& path, json body = json::object()) {
  return {e, {"POST", kApi + path, std::move(body)}};
}
json who_json(const Who& w) { return {{"id_number", w.id_number}, {"phone_last4", w.phone_last4}}; }
std::string days_query(const std::string& kind, const std::string& from, const std::string& to) {
  if (from.empty() || to.empty()) return "/assessment-days?kind=" + url_encode(kind);
  return "/assessment-days?from=" + from + "&to=" + to + "&kind=" + url_encode(kind);
}
std::string n(long v) { return std::to_string(v); }

}  // namespace

bool is_staff(Endpoint e) { return e >= Endpoint::s_names; }

Call station_info() { return get(Endpoint::station, "/station"); }
Call assessment_days(const std::string& kind, const std::string& from, const std::string& to) {
  return get(Endpoint::days, days_query(kind, from, to));
}
Call verify(const Who& who) { return post(Endpoint::verify, "/residents/verify", who_json(who)); }
Call book(const Booking& b) {
  json body = b.phone.empty() ? who_json(b.who) : json{{"id_number", b.who.id_number}, {"phone", b.phone}};
  if (!b.phone.empty() && !b.name.empty()) body["name"] = b.name;
  body["kind"] = b.kind;
  body["date"] = b.date;
  if (!b.reason.empty()) body["reason"] = b.reason;
  if (!b.address.empty()) body["address"] = b.address;
  return post(Endpoint::book, "/appointments", body);
}
Call lookup(const Who& who) { return post(Endpoint::lookup, "/appointments/lookup", who_json(who)); }
Call cancel(long id, const Who& who) { return post(Endpoint::cancel, "/appointments/" + n(id) + "/cancel", who_json(who)); }
Call subsidies(const Who& who) { return post(Endpoint::subsidies, "/subsidies/query", who_json(who)); }
Call jobs(const JobFilter& f) {
  std::string q = "/jobs?page=1&page_size=50";
  if (!f.district.empty()) q += "&district=" + url_encode(f.district);
  if (!f.job_type.empty()) q += "&job_type=" + url_encode(f.job_type);
  if (f.category) q += "&category=" + std::to_string(f.category);
  return get(Endpoint::jobs, q);
}
Call job_facets() { return get(Endpoint::facets, "/jobs/facets"); }
Call job(long id) { return get(Endpoint::job, "/jobs/" + n(id)); }
Call job_interest(long job_id, const Who& who) {
  return post(Endpoint::interest, "/jobs/" + n(job_id) + "/interest", who_json(who));
}
Call call_staff() { return post(Endpoint::call, "/staff-calls", {{"reason", "help"}}); }
Call call_status(long call_id) { return get(Endpoint::call_status, "/staff-calls/" + n(call_id)); }
Call report(const json& counters) { return post(Endpoint::report, "/kiosk/report", counters); }

Call staff_names() { return get(Endpoint::s_names, "/staff/names"); }
Call staff_login(const std::string& username, const std::string& pin) {
  return post(Endpoint::s_login, "/staff/login", {{"username", username}, {"pin", pin}});
}
Call staff_pin(const std::string& old_pin, const std::string& new_pin) {
  return post(Endpoint::s_pin, "/staff/pin", {{"old_pin", old_pin}, {"new_pin", new_pin}});
}
Call staff_touch() { return post(Endpoint::s_touch, "/staff/session"); }
Call staff_logout(const std::string& token) {
  Call c = post(Endpoint::s_logout, "/staff/logout");
  c.http.headers.push_back({"Authorization", "Bearer " + token});
  return c;
}
Call staff_appointments() { return get(Endpoint::s_appts, "/staff/appointments?limit=500"); }
Call staff_transition(long id, const std::string& action) {
  return post(Endpoint::s_transition, "/staff/appointments/" + n(id) + "/" + action);
}
Call slip_open(const std::string& code, const std::string& phone_last4) {
  return post(Endpoint::slip_open, "/appointments/by-slip", {{"slip_code", code}, {"phone_last4", phone_last4}});
}
Call staff_slip_lookup(const std::string& code) { return get(Endpoint::s_slip_lookup, "/staff/slips/" + code); }
Call staff_verify_identity(long resident_id, const std::string& id_number, const std::string& name) {
  json body{{"id_number", id_number}, {"method", "card_reader"}};
  if (!name.empty()) body["name"] = name;
  return post(Endpoint::s_verify_identity, "/staff/residents/" + n(resident_id) + "/verify-identity", body);
}
Call staff_slip(long id) { return post(Endpoint::s_slip, "/staff/appointments/" + n(id) + "/slip"); }
Call staff_days(const std::string& kind, const std::string& from, const std::string& to) {
  return get(Endpoint::s_days, days_query(kind, from, to));
}
Call staff_reschedule(long id, const std::string& date) {
  return post(Endpoint::s_reschedule, "/staff/appointments/" + n(id) + "/reschedule", {{"date", date}});
}
Call staff_search(const std::string& id_number) {
  return post(Endpoint::s_search, "/staff/residents/search", {{"id_number", id_number}});
}
Call staff_resident(long id) { return get(Endpoint::s_resident, "/staff/residents/" + n(id)); }
Call staff_reveal(long id, const std::string& reason) {
  return post(Endpoint::s_reveal, "/staff/residents/" + n(id) + "/reveal",
              {{"fields", {"id_number", "name", "phone"}}, {"reason", reason}});
}
Call staff_book(const json& body, bool home_visit) {
  return post(Endpoint::s_book, home_visit ? "/staff/home-assessments" : "/staff/appointments", body);
}
Call staff_apply(long id, const json& body) { return post(Endpoint::s_apply, "/staff/residents/" + n(id) + "/applications", body); }
Call staff_change(long id, const json& body) {
  return post(Endpoint::s_change, "/staff/residents/" + n(id) + "/change-reports", body);
}
Call staff_renewals() { return get(Endpoint::s_renewals, "/staff/worklists/renewals?limit=100"); }
Call staff_interests() {
  return get(Endpoint::s_interests, "/staff/worklists/job-interests?status=registered&limit=100");
}
Call staff_contacted(long interest_id) {
  return post(Endpoint::s_interest_status, "/staff/job-interests/" + n(interest_id) + "/status", {{"status", "contacted"}});
}
Call staff_calls(std::optional<uint64_t> since) {
  std::string q = "/staff/calls?status=all&limit=30";
  if (since) q += "&since=" + std::to_string(*since) + "&wait_s=20";
  return get(Endpoint::s_calls, q);
}
Call staff_call_acknowledge(long id) { return post(Endpoint::s_call_update, "/staff/calls/" + n(id) + "/acknowledge"); }
Call staff_call_close(long id) { return post(Endpoint::s_call_update, "/staff/calls/" + n(id) + "/close"); }
Call staff_sync_status() { return get(Endpoint::s_sync, "/staff/sync"); }
Call staff_sync_now() { return post(Endpoint::s_sync_now, "/staff/sync"); }

std::optional<StationInfo> parse_station(const json& body) {
  if (!body.is_object() || !body.contains("station") || !body["station"].is_object()) return std::nullopt;
  const json& s = body["station"];
  StationInfo out;
  if (s.contains("name") && s["name"].is_string()) out.name = s["name"];
  if (s.contains("name_en") && s["name_en"].is_string()) out.name_en = s["name_en"];
  if (s.contains("utc_offset_minutes") && s["utc_offset_minutes"].is_number_integer())
    out.utc_offset_minutes = s["utc_offset_minutes"].get<int>();
  return out;
}

std::optional<CallState> parse_call(const json& body) {
  if (!body.is_object() || !body.contains("call") || !body["call"].is_object()) return std::nullopt;
  const json& c = body["call"];
  CallState out;
  if (c.contains("id") && c["id"].is_number_integer()) out.id = c["id"].get<long>();
  out.status = c.contains("status") && c["status"].is_string() ? c["status"].get<std::string>() : "open";
  return out;
}

std::optional<StaffLogin> parse_login(const json& body) {
  if (!body.is_object() || !body.contains("token") || !body["token"].is_string()) return std::nullopt;
  StaffLogin out;
  out.token = body["token"];
  if (body.contains("staff") && body["staff"].is_object()) {
    const json& s = body["staff"];
    if (s.contains("display_name") && s["display_name"].is_string()) out.display_name = s["display_name"];
    if (s.contains("must_change_pin") && s["must_change_pin"].is_boolean()) out.must_change_pin = s["must_change_pin"];
  }
  if (body.contains("idle_timeout_s") && body["idle_timeout_s"].is_number_integer())
    out.idle_timeout_s = body["idle_timeout_s"].get<int>();
  return out;
}

}  // namespace tx::station
