// The station service as the kiosk controller sees it (docs/api.md): one function per endpoint,
// each giving a station::Call — which endpoint it is and the HTTP request — and typed results
// for the answers the controller reads fields from. The only place in the kiosk that knows a
// URL, a query parameter or a request body's field names. Pure: no HTTP library, no SDL; the
// requests go out through HttpTransport (core/transport.h) and come back to App::on_response.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/transport.h"

namespace tx::station {

enum class Endpoint {
  // resident kiosk
  days, verify, book, lookup, cancel, subsidies, jobs, facets, job, interest, call, call_status, station,
  report, slip_open,
  // staff mode (token in the Authorization header: App::staff_send)
  s_names, s_login, s_pin, s_touch, s_logout, s_appts, s_transition, s_slip, s_days, s_reschedule,
  s_search, s_resident, s_reveal, s_book, s_apply, s_change, s_renewals, s_interests, s_interest_status,
  s_calls, s_call_update, s_sync, s_sync_now, s_slip_lookup, s_verify_identity
};
bool is_staff(Endpoint e);

struct Call {
  Endpoint endpoint;
  HttpRequest http;
};

// A resident's identity as the resident endpoints take it (ID number + last four phone digits).
struct Who {
  std::string id_number, phone_last4;
};

// ---- resident endpoints
Call station_info();                                              // GET /station
// from/to "" = the station's default range.
Call assessment_days(const std::string& kind, const std::string& from, const std::string& to);
Call verify(const Who& who);
struct Booking {
  Who who;                  // returning resident
  std::string phone;        // first-time applicant: the whole number (then who.phone_last4 is unused)
  std::string kind, date;
  std::string reason, address;  // home assessment only
  std::string name;         // first-time applicant: the name read from an ID card ("" = none)
};
Call book(const Booking& b);
Call lookup(const Who& who);
Call cancel(long appointment_id, const Who& who);
Call subsidies(const Who& who);
struct JobFilter {
  std::string district, job_type;
  int category = 0;
};
Call jobs(const JobFilter& f);
Call job_facets();
Call job(long id);
Call job_interest(long job_id, const Who& who);
Call call_staff();
Call call_status(long call_id);
Call report(const nlohmann::json& counters);
// A scanned slip's appointment, opened with the holder's last four phone digits.
Call slip_open(const std::string& slip_code, const std::string& phone_last4);

// ---- staff endpoints
Call staff_names();
Call staff_login(const std::string& username, const std::string& pin);
Call staff_pin(const std::string& old_pin, const std::string& new_pin);
Call staff_touch();
Call staff_logout(const std::string& token);
Call staff_appointments();
Call staff_transition(long appointment_id, const std::string& action);  // check-in | complete | no-show | cancel
Call staff_slip(long appointment_id);
Call staff_days(const std::string& kind, const std::string& from, const std::string& to);
Call staff_reschedule(long appointment_id, const std::string& date);
Call staff_search(const std::string& id_number);
Call staff_resident(long resident_id);
Call staff_reveal(long resident_id, const std::string& reason);
Call staff_book(const nlohmann::json& body, bool home_visit);
Call staff_apply(long resident_id, const nlohmann::json& body);
Call staff_change(long resident_id, const nlohmann::json& body);
Call staff_renewals();
Call staff_interests();
Call staff_contacted(long interest_id);
// The calls long poll: the first asks for all; then it waits (≤ 20 s) for a change since `version`.
Call staff_calls(std::optional<uint64_t> since_version);
Call staff_call_acknowledge(long call_id);
Call staff_call_close(long call_id);
Call staff_sync_status();
Call staff_sync_now();
Call staff_slip_lookup(const std::string& slip_code);  // a slip scanned at the desk
// The resident's ID card read at the desk: marks a kiosk registration verified (issue 14);
// `name` from the card fills a name still to be checked.
Call staff_verify_identity(long resident_id, const std::string& id_number, const std::string& name);

// ---- typed results (nullopt: the answer is not shaped as documented)
struct StationInfo {
  std::string name, name_en;
  std::optional<int> utc_offset_minutes;
};
std::optional<StationInfo> parse_station(const nlohmann::json& body);
struct CallState {
  long id = 0;
  std::string status;  // open | acknowledged | closed
};
std::optional<CallState> parse_call(const nlohmann::json& body);
struct StaffLogin {
  std::string token, display_name;
  bool must_change_pin = false;
  int idle_timeout_s = 600;
};
std::optional<StaffLogin> parse_login(const nlohmann::json& body);

}  // namespace tx::station
