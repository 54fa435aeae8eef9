// Staff routes (docs/api.md "Staff API"). One table (kRoutes) says, for every authenticated
// route, which role it needs and whether it counts as activity; one function (guarded) checks
// the session before any handler runs, so no handler can forget to.
#include "station/staff_api.h"

#include <map>

#include "common/errors.h"
#include "common/log.h"
#include "common/secrets.h"
#include "station/slips.h"

namespace tx::station {

using nlohmann::json;
using http::Request;
using http::Response;

namespace {

const std::vector<StaffRouteInfo> kRoutes = {
    // session
    {"POST", "/api/v1/staff/logout", "/api/v1/staff/logout", Need::staff, false, true},
    {"GET", "/api/v1/staff/session", "/api/v1/staff/session", Need::staff, true, true},
    // "I am still here": the kiosk's answer to its own idle warning extends the session.
    {"POST", "/api/v1/staff/session", "/api/v1/staff/session", Need::staff, false, true},
    {"POST", "/api/v1/staff/pin", "/api/v1/staff/pin", Need::staff, false, true},
    // appointments
    {"GET", "/api/v1/staff/appointments", "/api/v1/staff/appointments", Need::staff},
    {"POST", "/api/v1/staff/appointments", "/api/v1/staff/appointments", Need::staff},
    {"POST", "/api/v1/staff/home-assessments", "/api/v1/staff/home-assessments", Need::staff},
    {"GET", R"(/api/v1/staff/appointments/(\d+))", "/api/v1/staff/appointments/1", Need::staff},
    {"POST", R"(/api/v1/staff/appointments/(\d+)/(check-in|no-show|complete|dispatch|visit-failed|cancel))",
     "/api/v1/staff/appointments/1/check-in", Need::staff},
    {"POST", R"(/api/v1/staff/appointments/(\d+)/reschedule)", "/api/v1/staff/appointments/1/reschedule", Need::staff},
    {"GET", R"(/api/v1/staff/slips/([A-Za-z2-7]{1,64}))", "/api/v1/staff/slips/TXSAAAAAAAAAAAAAAAAAAAAAAAA", Need::staff},
    {"POST", R"(/api/v1/staff/appointments/(\d+)/slip)", "/api/v1/staff/appointments/1/slip", Need::staff},
    {"POST", R"(/api/v1/staff/appointments/(\d+)/reveal)", "/api/v1/staff/appointments/1/reveal", Need::staff},
    // residents
    {"POST", "/api/v1/staff/residents/search", "/api/v1/staff/residents/search", Need::staff},
    {"GET", R"(/api/v1/staff/residents/(\d+))", "/api/v1/staff/residents/1", Need::staff},
    {"POST", R"(/api/v1/staff/residents/(\d+)/reveal)", "/api/v1/staff/residents/1/reveal", Need::staff},
    {"POST", R"(/api/v1/staff/residents/(\d+)/verify-identity)", "/api/v1/staff/residents/1/verify-identity", Need::staff},
    {"POST", R"(/api/v1/staff/residents/(\d+)/applications)", "/api/v1/staff/residents/1/applications", Need::staff},
    {"POST", R"(/api/v1/staff/residents/(\d+)/change-reports)", "/api/v1/staff/residents/1/change-reports", Need::staff},
    // work lists
    {"GET", "/api/v1/staff/worklists/renewals", "/api/v1/staff/worklists/renewals", Need::staff},
    {"GET", "/api/v1/staff/worklists/job-interests", "/api/v1/staff/worklists/job-interests", Need::staff},
    {"POST", R"(/api/v1/staff/job-interests/(\d+)/status)", "/api/v1/staff/job-interests/1/status", Need::staff},
    {"POST", R"(/api/v1/staff/job-interests/(\d+)/reveal)", "/api/v1/staff/job-interests/1/reveal", Need::staff},
    {"POST", "/api/v1/staff/exports/renewals", "/api/v1/staff/exports/renewals", Need::station_admin},
    // calls for staff
    {"GET", "/api/v1/staff/calls", "/api/v1/staff/calls", Need::staff, true},
    {"POST", R"(/api/v1/staff/calls/(\d+)/(acknowledge|close))", "/api/v1/staff/calls/1/acknowledge", Need::staff},
    // sync
    {"GET", "/api/v1/staff/sync", "/api/v1/staff/sync", Need::staff, true},
    {"POST", "/api/v1/staff/sync", "/api/v1/staff/sync", Need::staff},
    // station administration
    {"GET", "/api/v1/staff/accounts", "/api/v1/staff/accounts", Need::station_admin},
    {"POST", R"(/api/v1/staff/accounts/(\d+)/(unlock|disable|enable))", "/api/v1/staff/accounts/1/unlock",
     Need::station_admin},
    {"GET", "/api/v1/staff/audit", "/api/v1/staff/audit", Need::station_admin},
    {"GET", "/api/v1/staff/audit/verify", "/api/v1/staff/audit/verify", Need::station_admin},
};

struct Ctx {
  StaffSession session;
  Actor by;
};
using StaffHandler = std::function<void(const Request&, Response&, const Ctx&)>;

void no_store(Response& res) {
  // Answers with personal data must not linger in caches.
  res.set_header("Cache-Control", "no-store");
}

json or_null(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json account_json(const StaffAccount& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"display_name", a.display_name},
          {"role", a.role},
          {"status", a.status},
          {"failures", a.failures},
          {"locked_until", or_null(a.locked_until)},
          {"last_login_at", or_null(a.last_login_at)},
          {"must_change_pin", a.must_change_pin},
          {"created_at", a.created_at}};
}

json session_json(const StaffSession& s, int idle_s) {
  return {{"staff", {{"id", s.account.id},
                     {"username", s.account.username},
                     {"display_name", s.account.display_name},
                     {"role", s.account.role},
                     {"must_change_pin", s.account.must_change_pin}}},
          {"terminal", s.terminal},
          {"created_at", s.created_at},
          {"last_activity", s.last_seen},
          {"idle_timeout_s", idle_s}};
}

json certificate_json(const std::optional<Certificate>& c, bool renewal_due) {
  if (!c) return nullptr;
  json j = station::certificate_json(*c, renewal_due);
  j["replacement"] = c->replacement;
  j["issued_on"] = c->issued_on.str();
  return j;
}

json resident_json(const Resident& r) {
  return {{"id", r.id},
          {"id_masked", r.id_masked},
          {"name_masked", r.name_masked},
          {"phone_masked", or_null(r.phone_masked)},
          {"sex", or_null(r.sex)},
          {"source", r.source},
          {"identity_verified", r.verified()},
          {"verified_at", or_null(r.verified_at)},
          {"verified_by", or_null(r.verified_by)},
          {"identity_flags_open", r.open_flags}};
}

json flag_json(const IdentityFlag& f) {
  return {{"id", f.id},
          {"kind", f.kind},
          {"phone_masked", or_null(f.phone_masked)},
          {"terminal", f.terminal},
          {"created_at", f.created_at},
          {"resolved_at", or_null(f.resolved_at)},
          {"resolved_by", or_null(f.resolved_by)}};
}

json card_json(const ResidentCard& c) {
  json j = resident_json(c.resident);
  j["certificate"] = certificate_json(c.certificate, c.renewal_due);
  j["minor"] = c.minor;
  j["active_appointments"] = c.active_appointments;
  return j;
}

json staff_appointment_json(const Appointment& a) {
  json j = appointment_json(a, nullptr);
  j.erase("bring");  // the slip carries it, with the resident's category
  j["resident_id"] = a.resident_id;
  j["channel"] = a.channel;
  j["terminal"] = a.terminal;
  j["has_address"] = a.has_address;
  j["updated_at"] = a.updated_at;
  return j;
}

json agent_json(const std::optional<Agent>& a) {
  if (!a) return nullptr;
  return {{"relation", a->relation}, {"name_masked", a->name}, {"phone_masked", or_null(a->phone)}};
}

json change_json(const ChangeReport& r) {
  return {{"id", r.id},
          {"resident_id", r.resident_id},
          {"change_type", r.change_type},
          {"programme", or_null(r.programme)},
          {"applicant", r.agent ? r.agent->relation : "self"},
          {"agent", agent_json(r.agent)},
          {"status", r.status},
          {"registered_by", r.registered_by},
          {"created_at", r.created_at}};
}

json interest_json(const InterestRow& x) {
  return {{"id", x.id},
          {"job_id", x.job_id},
          {"job_title", x.job_title},
          {"employer", x.employer},
          {"resident_id", x.resident_id ? json(*x.resident_id) : json(nullptr)},
          {"name_masked", x.name_masked},
          {"phone_masked", or_null(x.phone_masked)},
          {"terminal", x.terminal},
          {"status", x.status},
          {"created_at", x.created_at},
          {"updated_at", or_null(x.updated_at)},
          {"handled_by", or_null(x.handled_by)}};
}

json call_json(const StaffCall& c, std::chrono::system_clock::time_point now) {
  auto created = parse_iso_utc(c.created_at);
  json j = station::call_json(c);
  j["waiting_s"] = created ? std::chrono::duration_cast<std::chrono::seconds>(now - *created).count() : 0;
  j["acknowledged_by"] = or_null(c.acknowledged_by);
  return j;
}

json staff_audit_json(const AuditRow& r) {
  json j = audit_json(r);
  j["has_note"] = r.note_sealed.has_value();
  return j;
}

Date date_query(const Request& req, const char* name, Date fallback) {
  std::string v = http::query(req, name, 20);
  if (v.empty()) return fallback;
  auto d = Date::parse(v);
  if (!d) throw ApiError("invalid_date", name, "format");
  return *d;
}

Agent agent_from(const json& body) {
  auto it = body.find("agent");
  if (it == body.end() || !it->is_object()) throw ApiError("invalid_field", "agent", "type");
  Agent a;
  a.relation = http::str_field(*it, "relation", 40);
  a.name = http::str_field(*it, "name", 120);
  a.phone = http::opt_str_field(*it, "phone", 20);
  a.id_number = http::opt_str_field(*it, "id_number", 40);
  return a;
}

std::optional<Agent> opt_agent(const json& body) {
  auto it = body.find("agent");
  if (it == body.end() || it->is_null()) return std::nullopt;
  return agent_from(body);
}

BookRequest desk_booking(const json& body, const std::string& kind) {
  BookRequest r;
  r.kind = kind.empty() ? http::str_field(body, "kind", 40) : kind;
  r.date = http::str_field(body, "date", 20);
  r.who.id_number = http::str_field(body, "id_number", 40);
  r.who.name = http::opt_str_field(body, "name", 120);
  r.who.phone = http::opt_str_field(body, "phone", 20);
  r.address = http::opt_str_field(body, "address", 300);
  r.reason = http::opt_str_field(body, "reason", 300);
  return r;
}

std::vector<std::string> string_list(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_array() || it->size() > 8) throw ApiError("invalid_field", name, "type");
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string() || v.get_ref<const std::string&>().size() > 40) throw ApiError("invalid_field", name, "type");
    out.push_back(v.get<std::string>());
  }
  return out;
}

json slip_json(const Slip& s, const StationConfig& c) {
  json j = appointment_json(s.appointment, &s.facts);
  return {{"slip",
           {{"station", {{"name", c.name}, {"name_en", c.name_en}, {"phone", c.phone}, {"address", c.address}}},
            {"ticket", s.appointment.ticket},
            {"kind", j["kind"]},
            {"kind_zh", j["kind_zh"]},
            {"kind_en", j["kind_en"]},
            {"date", j["date"]},
            {"weekday", j["weekday"]},
            {"start", j["start"]},
            {"end", j["end"]},
            {"place", j["place"]},
            {"institution", j["institution"]},
            {"status", j["status"]},
            {"name_masked", s.appointment.name_masked},
            {"id_masked", s.appointment.id_masked},
            {"queue_ahead", s.queue_ahead},
            {"bring", j["bring"]},
            {"printed_at", s.printed_at}}}};
}

}  // namespace

const std::vector<StaffRouteInfo>& staff_routes() { return kRoutes; }

// The session check of every staff and admin route: a token (401), a chosen PIN unless the
// route is for choosing it (403 pin_change_required), the role (403 forbidden, audited).
static StaffSession require_session(StaffAuth& auth, Store& store, const Request& req, StaffAuth::Use use, Need need,
                             bool before_pin_change) {
  std::string token = http::bearer_token(req);
  if (token.empty()) throw ApiError("unauthorized");
  const std::string terminal = terminal_of(req);
  StaffSession s = auth.authenticate(token, terminal, use);
  if (s.account.must_change_pin && !before_pin_change) throw ApiError("pin_change_required");
  if (need == Need::station_admin && s.role() != Role::station_admin) {
    store.write([&](Writer& w) {
      w.append_audit(s.actor(terminal), {.action = "denied", .object = req.path, .outcome = "denied"});
    });
    throw ApiError("forbidden");
  }
  return s;
}

void register_staff_routes(http::Server& server, StaffAuth& auth, StaffDesk& desk, const ApiOptions& opt) {
  StationService& svc = desk.service();
  Store& store = svc.store();

  // /api/v1/admin/*: the admin token (tongxing-ctl), or a station_admin session.
  server.before([&auth, &store, token = opt.admin_token](const Request& req, Response&) {
    if (req.path.rfind("/api/v1/admin/", 0) != 0) return true;
    std::string got = http::bearer_token(req);
    if (!got.empty() && !token.empty() && constant_time_equal(got, token)) return true;
    require_session(auth, store, req, StaffAuth::Use::active, Need::station_admin, false);
    return true;
  });

  std::map<std::string, StaffHandler> handlers;
  auto on = [&handlers](const char* method, const char* pattern, StaffHandler h) {
    handlers[std::string(method) + " " + pattern] = std::move(h);
  };

  // ----------------------------------------------------------------------------- session
  server.post("/api/v1/staff/login", [&auth](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    auto r = auth.login(http::str_field(body, "username", 64), http::str_field(body, "pin", 64), terminal_of(req),
                        limit_key(req));
    no_store(res);
    json j = session_json(r.session, auth.idle_timeout_s());
    j["token"] = r.token;
    http::send_json(res, 200, j);
  });
  // Public: the names a touch kiosk offers on its sign-in screen (a kiosk has no keyboard for a
  // user name). Active accounts only, user name and display name — no role, lock state or
  // last sign-in. The PIN, the lock after 5 wrong PINs and the per-terminal limit on failed
  // sign-ins protect the accounts; a user name is not a secret (docs/security.md).
  server.get("/api/v1/staff/names", [&auth](const Request&, Response& res) {
    json arr = json::array();
    for (const auto& a : auth.accounts())
      if (a.status == "active") arr.push_back({{"username", a.username}, {"display_name", a.display_name}});
    no_store(res);
    http::send_json(res, 200, {{"staff", arr}});
  });
  on("POST", "/api/v1/staff/logout", [&auth](const Request&, Response& res, const Ctx& c) {
    auth.logout(c.session, c.by.terminal);
    http::send_json(res, 200, {{"signed_out", true}});
  });
  on("GET", "/api/v1/staff/session", [&auth](const Request&, Response& res, const Ctx& c) {
    http::send_json(res, 200, session_json(c.session, auth.idle_timeout_s()));
  });
  on("POST", "/api/v1/staff/session", [&auth](const Request&, Response& res, const Ctx& c) {
    http::send_json(res, 200, session_json(c.session, auth.idle_timeout_s()));
  });
  on("POST", "/api/v1/staff/pin", [&auth](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    auth.change_pin(c.session, http::str_field(body, "old_pin", 64), http::str_field(body, "new_pin", 64), c.by.terminal);
    http::send_json(res, 200, {{"changed", true}});
  });

  // ------------------------------------------------------------------------ appointments
  on("GET", "/api/v1/staff/appointments", [&desk, &svc](const Request& req, Response& res, const Ctx& c) {
    Date today = svc.today();
    AppointmentFilter f;
    if (req.has_param("date")) {
      f.from = f.to = date_query(req, "date", today);
    } else {
      f.from = date_query(req, "from", today);
      f.to = date_query(req, "to", f.from.plus_days(14));
    }
    if (auto s = http::query(req, "status", 20); !s.empty()) {
      f.status = appointment_status_from(s);
      if (!f.status) throw ApiError("invalid_query", "status", "unknown");
    }
    if (auto k = http::query(req, "kind", 40); !k.empty()) {
      f.kind = appointment_kind_from(k);
      if (!f.kind) throw ApiError("invalid_kind", "kind");
    }
    f.limit = http::query_int(req, "limit", 500, 1, 2000);
    json arr = json::array();
    for (const auto& a : desk.appointments(f, c.by)) arr.push_back(staff_appointment_json(a));
    http::send_json(res, 200, {{"appointments", arr}, {"from", f.from.str()}, {"to", f.to.str()}, {"today", today.str()}});
  });
  auto book = [&desk](const std::string& kind) {
    return [&desk, kind](const Request& req, Response& res, const Ctx& c) {
      auto a = desk.book(desk_booking(http::parse_body(req), kind), c.by);
      auto facts = desk.service().facts(a.resident_id);
      json j = appointment_json(a, &facts);
      j["resident_id"] = a.resident_id;
      http::send_json(res, 201, {{"appointment", j}});
    };
  };
  on("POST", "/api/v1/staff/appointments", book(""));
  on("POST", "/api/v1/staff/home-assessments", book("home_assessment"));
  on("GET", R"(/api/v1/staff/appointments/(\d+))", [&desk](const Request& req, Response& res, const Ctx& c) {
    http::send_json(res, 200, {{"appointment", staff_appointment_json(desk.appointment(http::path_id(req), c.by))}});
  });
  // A scanned slip (slips.h): the appointment it names, shown before any change (audited view).
  on("GET", R"(/api/v1/staff/slips/([A-Za-z2-7]{1,64}))", [&desk](const Request& req, Response& res, const Ctx& c) {
    Appointment found = appointment_by_slip(desk.service(), req.matches[1]);
    json j = staff_appointment_json(desk.appointment(found.id, c.by));
    j["slip_code"] = slip_code(desk.service(), found);
    http::send_json(res, 200, {{"appointment", j}});
  });
  on("POST", R"(/api/v1/staff/appointments/(\d+)/(check-in|no-show|complete|dispatch|visit-failed|cancel))",
     [&desk](const Request& req, Response& res, const Ctx& c) {
       static const std::map<std::string, AppointmentStatus> to = {
           {"check-in", AppointmentStatus::checked_in}, {"no-show", AppointmentStatus::no_show},
           {"complete", AppointmentStatus::completed},  {"dispatch", AppointmentStatus::dispatched},
           {"visit-failed", AppointmentStatus::visit_failed}, {"cancel", AppointmentStatus::cancelled}};
       json body = req.body.empty() ? json::object() : http::parse_body(req);
       auto a = desk.transition(http::path_id(req), to.at(req.matches[2]), http::opt_str_field(body, "reason", 600), c.by);
       http::send_json(res, 200, {{"appointment", staff_appointment_json(a)}});
     });
  on("POST", R"(/api/v1/staff/appointments/(\d+)/reschedule)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    auto [old_one, new_one] = desk.reschedule(http::path_id(req), http::str_field(body, "date", 20), c.by);
    http::send_json(res, 200, {{"previous", staff_appointment_json(old_one)}, {"appointment", staff_appointment_json(new_one)}});
  });
  on("POST", R"(/api/v1/staff/appointments/(\d+)/slip)", [&desk, &svc](const Request& req, Response& res, const Ctx& c) {
    Slip s = desk.slip(http::path_id(req), c.by);
    json out = slip_json(s, svc.config());
    out["slip"]["slip_code"] = slip_code(svc, s.appointment);  // its QR code (slips.h)
    http::send_json(res, 200, out);
  });
  on("POST", R"(/api/v1/staff/appointments/(\d+)/reveal)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    auto addr = desk.reveal_address(http::path_id(req), http::str_field(body, "reason", 600), c.by);
    no_store(res);
    http::send_json(res, 200, {{"address", addr}});
  });

  // ---------------------------------------------------------------------------- residents
  on("POST", "/api/v1/staff/residents/search", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    auto id = http::opt_str_field(body, "id_number", 40);
    auto name = http::opt_str_field(body, "name", 120);
    if (!id && !name) throw ApiError("invalid_field", "id_number", "missing");
    auto cards = id ? desk.search_by_id(*id, c.by) : desk.search_by_name(*name, c.by);
    json arr = json::array();
    for (const auto& x : cards) arr.push_back(card_json(x));
    http::send_json(res, 200, {{"residents", arr}});
  });
  on("GET", R"(/api/v1/staff/residents/(\d+))", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto d = desk.resident(http::path_id(req), c.by);
    json j = card_json(d.card);
    json appts = json::array(), apps = json::array(), changes = json::array(), interests = json::array();
    for (const auto& a : d.appointments) appts.push_back(staff_appointment_json(a));
    for (const auto& a : d.applications) {
      json x = application_json(a);
      x["agent_relation"] = or_null(a.agent_relation);
      apps.push_back(x);
    }
    for (const auto& r : d.change_reports) changes.push_back(change_json(r));
    for (const auto& i : d.interests) interests.push_back(interest_json(i));
    j["appointments"] = appts;
    j["applications"] = apps;
    j["change_reports"] = changes;
    j["job_interests"] = interests;
    json flags = json::array();
    for (const auto& f : d.flags) flags.push_back(flag_json(f));
    j["identity_flags"] = flags;
    http::send_json(res, 200, {{"resident", j}});
  });
  // Staff checked the resident's ID card at the desk (the kiosk's card reader, or by eye).
  on("POST", R"(/api/v1/staff/residents/(\d+)/verify-identity)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    StaffDesk::IdentityCheck chk;
    chk.id_number = http::str_field(body, "id_number", 40);
    chk.name = http::opt_str_field(body, "name", 120);
    chk.phone = http::opt_str_field(body, "phone", 20);
    if (auto m = http::opt_str_field(body, "method", 20)) chk.method = *m;
    http::send_json(res, 200, {{"resident", card_json(desk.verify_identity(http::path_id(req), chk, c.by))}});
  });
  on("POST", R"(/api/v1/staff/residents/(\d+)/reveal)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    auto r = desk.reveal(http::path_id(req), string_list(body, "fields"), http::str_field(body, "reason", 600), c.by);
    json j = json::object();
    if (r.id_number) j["id_number"] = *r.id_number;
    if (r.name) j["name"] = *r.name;
    if (r.phone) j["phone"] = *r.phone;
    no_store(res);
    http::send_json(res, 200, {{"resident", j}});
  });
  on("POST", R"(/api/v1/staff/residents/(\d+)/applications)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    DeskApplication a;
    a.resident_id = http::path_id(req);
    auto p = programme_from(http::str_field(body, "programme", 40));
    if (!p) throw ApiError("invalid_field", "programme", "unknown");
    a.programme = *p;
    a.agent = opt_agent(body);
    a.note = http::opt_str_field(body, "note", 2000);
    auto app = desk.register_application(a, c.by);
    json j = application_json(app);
    j["agent_relation"] = or_null(app.agent_relation);
    http::send_json(res, 201, {{"application", j}});
  });
  on("POST", R"(/api/v1/staff/residents/(\d+)/change-reports)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    ChangeReport r;
    r.resident_id = http::path_id(req);
    r.change_type = http::str_field(body, "change_type", 40);
    r.programme = http::opt_str_field(body, "programme", 40);
    r.agent = opt_agent(body);
    r.details = http::opt_str_field(body, "details", 4000);
    http::send_json(res, 201, {{"change_report", change_json(desk.register_change(r, c.by))}});
  });

  // ---------------------------------------------------------------------------- work lists
  on("GET", "/api/v1/staff/worklists/renewals", [&desk, &svc](const Request& req, Response& res, const Ctx& c) {
    int within = http::query_int(req, "within_days", svc.config().renewal_window_days, 0, 730);
    int limit = http::query_int(req, "limit", 100, 1, 500);
    int offset = http::query_int(req, "offset", 0, 0, 1000000);
    json arr = json::array();
    for (const auto& x : desk.renewals(within, limit, offset, c.by)) {
      json j = resident_json(x.resident);
      j["certificate"] = certificate_json(x.certificate, true);
      j["renewal_booked"] = x.renewal_booked;
      arr.push_back(j);
    }
    http::send_json(res, 200, {{"residents", arr}, {"within_days", within}, {"limit", limit}, {"offset", offset}});
  });
  on("GET", "/api/v1/staff/worklists/job-interests", [&desk](const Request& req, Response& res, const Ctx& c) {
    json arr = json::array();
    for (const auto& x : desk.interests(http::query(req, "status", 20), http::query_int(req, "limit", 100, 1, 500), c.by))
      arr.push_back(interest_json(x));
    http::send_json(res, 200, {{"interests", arr}});
  });
  on("POST", R"(/api/v1/staff/job-interests/(\d+)/status)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    auto x = desk.set_interest_status(http::path_id(req), http::str_field(body, "status", 20), c.by);
    http::send_json(res, 200, {{"interest", interest_json(x)}});
  });
  on("POST", R"(/api/v1/staff/job-interests/(\d+)/reveal)", [&desk](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    auto r = desk.reveal_interest(http::path_id(req), http::str_field(body, "reason", 600), c.by);
    no_store(res);
    http::send_json(res, 200, {{"contact", {{"name", or_null(r.name)}, {"phone", or_null(r.phone)}}}});
  });
  on("POST", "/api/v1/staff/exports/renewals", [&desk, &svc](const Request& req, Response& res, const Ctx& c) {
    auto body = http::parse_body(req);
    int within = int(body.contains("within_days") ? http::int_field(body, "within_days", 0, 730)
                                                  : svc.config().renewal_window_days);
    json arr = json::array();
    for (const auto& e : desk.export_renewals(within, http::str_field(body, "reason", 600), c.by))
      arr.push_back({{"resident_id", e.resident_id},
                     {"name", e.name},
                     {"phone", e.phone},
                     {"id_masked", e.id_masked},
                     {"certificate", certificate_json(e.certificate, true)}});
    no_store(res);
    http::send_json(res, 200, {{"residents", arr}, {"within_days", within}});
  });

  // ------------------------------------------------------------------------- staff calls
  on("GET", "/api/v1/staff/calls", [&desk, &svc](const Request& req, Response& res, const Ctx&) {
    std::string status = req.has_param("status") ? http::query(req, "status", 20) : "open";
    if (status == "all") status.clear();
    // Long poll: with since=<version> and wait_s=N, answer as soon as calls change (a kiosk
    // calls, a colleague acknowledges) or after N seconds.
    int wait_s = http::query_int(req, "wait_s", 0, 0, 25);
    std::uint64_t version = svc.calls_version();
    if (req.has_param("since") && wait_s > 0) {
      std::string since_s = http::query(req, "since", 20);
      std::uint64_t since = 0;
      for (char ch : since_s) {
        if (ch < '0' || ch > '9') throw ApiError("invalid_query", "since", "not_a_number");
        since = since * 10 + std::uint64_t(ch - '0');
      }
      if (since == version) version = svc.wait_calls(since, std::chrono::seconds(wait_s));
    }
    auto now = svc.store().clock().now();
    json arr = json::array();
    for (const auto& c : desk.calls(status, http::query_int(req, "limit", 50, 1, 200))) arr.push_back(call_json(c, now));
    http::send_json(res, 200, {{"calls", arr}, {"version", version}});
  });
  on("POST", R"(/api/v1/staff/calls/(\d+)/(acknowledge|close))", [&desk, &svc](const Request& req, Response& res, const Ctx& c) {
    std::string what = req.matches[2];
    auto call = desk.update_call(http::path_id(req), what == "acknowledge" ? "acknowledged" : "closed", c.by);
    http::send_json(res, 200, {{"call", call_json(call, svc.store().clock().now())}});
  });

  // -------------------------------------------------------------------------------- sync
  on("GET", "/api/v1/staff/sync", [&store, status = opt.sync_status](const Request&, Response& res, const Ctx&) {
    json j;
    if (status) {
      j = status();
    } else {
      j = {{"configured", false}, {"running", false},
           {"pending_events", store.read([](Reader& r) { return r.sync_backlog(); })},
           {"last_success", nullptr}, {"last_error", nullptr}};
    }
    http::send_json(res, 200, {{"sync", j}});
  });
  on("POST", "/api/v1/staff/sync", [&store, trigger = opt.sync_trigger, status = opt.sync_status](
                                       const Request&, Response& res, const Ctx& c) {
    bool started = trigger && trigger("staff " + c.by.who);
    store.write([&](Writer& w) {
      w.append_audit(c.by, {.action = "sync", .object = "sync", .detail = {{"started", started}},
                            .outcome = started ? "ok" : "failed"});
    });
    if (!started) throw ApiError("sync_not_configured");
    http::send_json(res, 202, {{"started", true}, {"sync", status ? status() : json(nullptr)}});
  });

  // ------------------------------------------------------------------ station administration
  on("GET", "/api/v1/staff/accounts", [&auth](const Request&, Response& res, const Ctx&) {
    json arr = json::array();
    for (const auto& a : auth.accounts()) arr.push_back(account_json(a));
    http::send_json(res, 200, {{"accounts", arr}});
  });
  on("POST", R"(/api/v1/staff/accounts/(\d+)/(unlock|disable|enable))", [&auth, &store](const Request& req, Response& res,
                                                                                        const Ctx& c) {
    auto id = http::path_id(req);
    std::string what = req.matches[2];
    StaffAccount a;
    if (what == "unlock") {
      a = auth.unlock(id, c.by);
    } else {
      auto acc = store.read([&](Reader& r) { return r.staff_by_id(id); });
      if (!acc) throw ApiError("not_found");
      if (acc->id == c.session.account.id) throw ApiError("invalid_field", "id", "self");
      a = auth.set_status(acc->username, what == "disable" ? "disabled" : "active", c.by);
    }
    http::send_json(res, 200, {{"account", account_json(a)}});
  });
  on("GET", "/api/v1/staff/audit", [&desk](const Request& req, Response& res, const Ctx& c) {
    AuditFilter f;
    f.before_seq = http::query_int(req, "before_seq", 0, 0, 2000000000);
    f.action = http::query(req, "action", 40);
    f.limit = http::query_int(req, "limit", 100, 1, 1000);
    if (auto subject = http::query(req, "subject", 64); !subject.empty()) {
      auto raw = from_hex(subject);
      if (!raw || raw->size() != 32) throw ApiError("invalid_query", "subject", "format");
      f.subject_hash = *raw;
    }
    json arr = json::array();
    for (const auto& r : desk.audit(f, c.by)) arr.push_back(staff_audit_json(r));
    http::send_json(res, 200, {{"entries", arr}});
  });
  on("GET", "/api/v1/staff/audit/verify", [&desk](const Request&, Response& res, const Ctx& c) {
    auto chk = desk.verify_audit(c.by);
    http::send_json(res, 200, {{"ok", chk.ok}, {"entries", chk.entries}, {"first_broken", chk.first_broken},
                               {"problem", chk.problem}, {"message", chk.message}, {"head", chk.head_hex}});
  });

  // Register every route of the table behind the session check; a route without a handler (or
  // a handler without a route) is a programming mistake caught at start.
  if (handlers.size() != kRoutes.size())
    throw std::logic_error("staff_api: the route table and the handlers disagree");
  for (const auto& info : kRoutes) {
    auto it = handlers.find(std::string(info.method) + " " + info.pattern);
    if (it == handlers.end()) throw std::logic_error(std::string("staff_api: no handler for ") + info.pattern);
    auto guarded = [&auth, &store, info, h = it->second](const Request& req, Response& res) {
      Ctx c;
      c.session = require_session(auth, store, req, info.passive ? StaffAuth::Use::passive : StaffAuth::Use::active,
                                  info.need, info.before_pin_change);
      c.by = c.session.actor(terminal_of(req));
      h(req, res, c);
    };
    if (std::string(info.method) == "GET") server.get(info.pattern, guarded);
    else server.post(info.pattern, guarded);
  }
}

}  // namespace tx::station
