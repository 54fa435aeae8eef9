#include "station/api.h"

#include <map>
#include <mutex>
#include <unordered_map>

#include "common/errors.h"
#include "common/rate_limit.h"
#include "common/secrets.h"
#include "station/staff_api.h"

namespace tx::station {

using nlohmann::json;
using http::Request;
using http::Response;

// ----------------------------------------------------------------------------- JSON views

static json money(std::int64_t fen) { return double(fen) / 100.0; }

json appointment_json(const Appointment& a, const StationService::ResidentFacts* facts) {
  json j = {{"id", a.id},
            {"ticket", a.ticket},
            {"date", a.session.date.str()},
            {"weekday", a.session.date.iso_weekday()},
            {"kind", std::string(to_string(a.kind))},
            {"kind_zh", kind_name_zh(a.kind)},
            {"kind_en", kind_name_en(a.kind)},
            {"status", std::string(to_string(a.status))},
            {"status_zh", status_name_zh(a.status)},
            {"status_en", status_name_en(a.status)},
            {"start", a.session.start},
            {"end", a.session.end},
            {"place", a.session.place},
            {"institution", a.session.institution},
            {"name_masked", a.name_masked},
            {"id_masked", a.id_masked},
            {"created_at", a.created_at},
            {"cancellable", can_transition(a.kind, a.status, AppointmentStatus::cancelled)}};
  if (a.reason) j["reason"] = *a.reason;
  int category = facts && facts->certificate ? facts->certificate->category : 0;
  bool minor = facts && facts->minor;
  json bring = json::array();
  for (const auto& key : what_to_bring(a.kind, category, minor))
    bring.push_back({{"key", key}, {"zh", bring_item_zh(key)}, {"en", bring_item_en(key)}});
  j["bring"] = bring;
  return j;
}

json application_json(const Application& a) {
  json j = {{"id", a.id},
            {"programme", std::string(to_string(a.programme))},
            {"programme_zh", programme_name_zh(a.programme)},
            {"programme_en", programme_name_en(a.programme)},
            {"status", std::string(to_string(a.status))},
            {"status_zh", status_plain_zh(a.status)},
            {"status_en", status_plain_en(a.status)},
            {"stage_date", a.stage_date},
            {"office", a.office},
            {"applicant", a.applicant},
            {"monthly_amount", a.monthly_amount_fen ? money(*a.monthly_amount_fen) : json(nullptr)},
            {"start_month", a.start_month ? json(*a.start_month) : json(nullptr)},
            {"payout_account_masked", a.payout_account_masked ? json(*a.payout_account_masked) : json(nullptr)},
            {"next_review", a.next_review ? json(*a.next_review) : json(nullptr)},
            {"reason", a.reason ? json(*a.reason) : json(nullptr)}};
  if (a.reason) {
    if (auto r = stop_reason_from(*a.reason)) {
      j["reason_zh"] = stop_reason_zh(*r);
      j["reason_en"] = stop_reason_en(*r);
    } else {
      j["reason_zh"] = *a.reason;
      j["reason_en"] = *a.reason;
    }
  }
  if (a.status == ApplicationStatus::stopped || a.status == ApplicationStatus::rejected ||
      a.status == ApplicationStatus::suspended) {
    j["appeal_zh"] = "如有异议，可在收到通知之日起10个工作日内向服务站提出复核申请，或在60日内申请行政复议。";
    j["appeal_en"] = "If you disagree, ask the station for a recheck within 10 working days of the notice, or apply for administrative review within 60 days.";
  }
  json pays = json::array();
  for (const auto& p : a.payments)
    pays.push_back({{"period", p.period}, {"amount", money(p.amount_fen)}, {"paid_on", p.paid_on}});
  j["payments"] = pays;
  return j;
}

json job_json(const Job& j, bool full) {
  json o = {{"id", j.id},
            {"title", j.title},
            {"employer", j.employer},
            {"district", j.district},
            {"places", j.places},
            {"salary_min", j.salary_min ? json(*j.salary_min) : json(nullptr)},
            {"salary_max", j.salary_max ? json(*j.salary_max) : json(nullptr)},
            {"hours", j.hours},
            {"job_type", j.job_type},
            {"mode", j.mode},
            {"categories", j.categories},
            {"accessibility", j.accessibility},
            {"deadline", j.deadline.str()}};
  if (full) {
    o["education"] = j.education;
    o["address"] = j.address;
    o["levels"] = j.levels;
    o["physical_demands"] = j.physical_demands;
    o["board_lodging"] = j.board_lodging;
    o["training"] = j.training;
    o["description"] = j.description;
    // Residents are contacted through the station, never given the employer's personal phone.
    o["contact"] = j.contact;
  }
  return o;
}

json session_day_json(const std::vector<Session>& sessions) {
  json days = json::array();
  std::map<std::string, json> by_day;
  for (const auto& s : sessions) {
    auto& d = by_day[s.date.str()];
    if (d.is_null()) d = {{"date", s.date.str()}, {"weekday", s.date.iso_weekday()}, {"kinds", json::object()}};
    d["kinds"][std::string(to_string(s.kind))] = {
        {"capacity", s.capacity}, {"left", s.left()},         {"start", s.start},
        {"end", s.end},           {"place", s.place},         {"institution", s.institution},
        {"categories", split_ints(s.categories)}};
  }
  for (auto& [date, d] : by_day) days.push_back(std::move(d));
  return days;
}

// ----------------------------------------------------------------------------- handlers

std::string terminal_of(const Request& req) {
  std::string t = req.get_header_value("X-Tongxing-Terminal");
  if (t.empty() || t.size() > 64) t = req.remote_addr;
  for (char& c : t)
    if (!(std::isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == ':')) c = '_';
  return t;
}

namespace {

Actor kiosk(const Request& req) { return Actor::resident_at(terminal_of(req)); }

Identity identity_from(const json& body) {
  Identity who;
  who.id_number = http::str_field(body, "id_number", 40);
  who.phone_last4 = http::opt_str_field(body, "phone_last4", 10);
  who.name = http::opt_str_field(body, "name", 120);
  who.phone = http::opt_str_field(body, "phone", 20);
  if (!who.phone_last4 && !(who.name && who.phone))
    throw ApiError("invalid_field", "phone_last4", "missing");
  return who;
}

// registered_identity: id_number + phone_last4 from a JSON body (both required).
Identity registered_identity(const json& body) {
  Identity who;
  who.id_number = http::str_field(body, "id_number", 40);
  who.phone_last4 = http::str_field(body, "phone_last4", 10);
  return who;
}

Identity identity_from_query(const Request& req) {
  Identity who;
  who.id_number = http::query(req, "id_number", 40);
  if (who.id_number.empty()) throw ApiError("invalid_field", "id_number", "missing");
  std::string last4 = http::query(req, "phone_last4", 10);
  if (last4.empty()) throw ApiError("invalid_field", "phone_last4", "missing");
  who.phone_last4 = last4;
  return who;
}

json call_json(const StaffCall& c) {
  return {{"id", c.id},
          {"terminal", c.terminal},
          {"reason", c.reason},
          {"status", c.status},
          {"created_at", c.created_at},
          {"acknowledged_at", c.acknowledged_at ? json(*c.acknowledged_at) : json(nullptr)}};
}

}  // namespace

void register_routes(http::Server& server, StationService& svc, StaffAuth& auth, StaffDesk& desk,
                     const ApiOptions& opt) {
  // Per-terminal fixed-window rate limit: a kiosk stuck in a loop cannot starve the others.
  auto limiter = std::make_shared<RateLimiter>(svc.config().terminal_requests_per_minute,
                                               std::chrono::seconds(60), system_clock_instance());
  server.before([limiter](const Request& req, Response& res) {
    if (req.path.rfind("/api/v1/admin/", 0) == 0 || req.path == "/api/v1/health") return true;
    if (limiter->allow(terminal_of(req))) return true;
    http::send_error(res, "rate_limited");
    return false;
  });
  register_staff_routes(server, auth, desk, opt);

  server.get("/api/v1/health", [&svc, version = opt.version](const Request&, Response& res) {
    json db = "ok";
    std::int64_t pending = 0;
    try {
      pending = svc.store().read([](Reader& r) { return r.count("outbox"); });
    } catch (const std::exception&) {
      db = "unavailable";
    }
    const auto& c = svc.config();
    http::send_json(res, db == "ok" ? 200 : 503,
                    {{"status", db == "ok" ? "ok" : "degraded"},
                     {"service", "tongxing-stationd"},
                     {"version", version},
                     {"db", db},
                     {"outbox_events", pending},
                     {"time", iso_utc(svc.store().clock().now())},
                     {"today", svc.today().str()},
                     {"station", {{"id", c.station_id}, {"name", c.name}}}});
  });

  server.get("/api/v1/station", [&svc](const Request&, Response& res) {
    const auto& c = svc.config();
    http::send_json(res, 200,
                    {{"station",
                      {{"id", c.station_id}, {"name", c.name}, {"name_en", c.name_en},
                       {"address", c.address}, {"address_en", c.address_en}, {"phone", c.phone},
                       {"hours", c.hours}, {"hours_en", c.hours_en}, {"today", svc.today().str()},
                       {"printer", !c.printer_device.empty()}}}});
  });

  server.get("/api/v1/assessment-days", [&svc](const Request& req, Response& res) {
    auto sessions = svc.assessment_days(http::query(req, "from", 20), http::query(req, "to", 20),
                                        http::query(req, "kind", 40));
    http::send_json(res, 200, {{"days", session_day_json(sessions)}});
  });

  server.post("/api/v1/residents/verify", [&svc](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    auto f = svc.facts_for(registered_identity(body), kiosk(req));
    json cert = nullptr;
    if (f.certificate) {
      const auto& c = *f.certificate;
      cert = {{"category", c.category},
              {"category_zh", disability_category(c.category)->zh},
              {"category_en", disability_category(c.category)->en},
              {"level", c.level},
              {"level_zh", disability_level(c.level)->zh},
              {"level_en", disability_level(c.level)->en},
              {"expires_on", c.expires_on.str()},
              {"status", std::string(to_string(c.status))},
              {"renewal_due", f.renewal_due}};
    }
    http::send_json(res, 200,
                    {{"resident", {{"name_masked", f.resident.name_masked},
                                   {"id_masked", f.resident.id_masked},
                                   {"minor", f.minor},
                                   {"certificate", cert}}}});
  });

  server.post("/api/v1/appointments", [&svc](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    BookRequest r;
    r.kind = http::str_field(body, "kind", 40);
    r.date = http::str_field(body, "date", 20);
    r.who = identity_from(body);
    r.address = http::opt_str_field(body, "address", 300);
    r.reason = http::opt_str_field(body, "reason", 300);
    r.channel = "kiosk";
    r.terminal = terminal_of(req);
    auto a = svc.book(r);
    auto facts = svc.facts(a.resident_id);
    http::send_json(res, 201, {{"appointment", appointment_json(a, &facts)}});
  });

  auto list_appointments = [&svc](const Identity& who, const Actor& by, Response& res) {
    auto list = svc.appointments(who, by);
    json arr = json::array();
    if (!list.empty()) {
      auto facts = svc.facts(list.front().resident_id);
      for (const auto& a : list) arr.push_back(appointment_json(a, &facts));
    }
    http::send_json(res, 200, {{"appointments", arr}});
  };
  server.get("/api/v1/appointments", [list_appointments](const Request& req, Response& res) {
    list_appointments(identity_from_query(req), kiosk(req), res);
  });
  server.post("/api/v1/appointments/lookup", [list_appointments](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    list_appointments(registered_identity(body), kiosk(req), res);
  });

  server.post(R"(/api/v1/appointments/(\d+)/cancel)", [&svc](const Request& req, Response& res) {
    auto id = http::path_id(req);
    auto body = http::parse_body(req);
    auto a = svc.cancel(id, registered_identity(body), kiosk(req));
    http::send_json(res, 200, {{"appointment", appointment_json(a, nullptr)}});
  });

  auto subsidies = [&svc](const Identity& who, const Actor& by, Response& res) {
    std::string as_of;
    auto apps = svc.subsidies(who, &as_of, by);
    json arr = json::array();
    for (const auto& a : apps) arr.push_back(application_json(a));
    const auto& c = svc.config();
    http::send_json(res, 200,
                    {{"applications", arr},
                     {"as_of", as_of},
                     {"station_contact", {{"name", c.name}, {"phone", c.phone}, {"hours", c.hours}}}});
  };
  server.get("/api/v1/subsidies", [subsidies](const Request& req, Response& res) {
    subsidies(identity_from_query(req), kiosk(req), res);
  });
  server.post("/api/v1/subsidies/query", [subsidies](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    subsidies(registered_identity(body), kiosk(req), res);
  });

  server.get("/api/v1/jobs", [&svc](const Request& req, Response& res) {
    JobSearch s;
    s.q = http::query(req, "q", 100);
    s.district = http::query(req, "district", 100);
    s.job_type = http::query(req, "job_type", 100);
    s.category = http::query_int(req, "category", 0, 0, 7);
    s.page = http::query_int(req, "page", 1, 1, 100000);
    s.page_size = http::query_int(req, "page_size", 20, 1, 100);
    auto page = svc.jobs(s);
    json arr = json::array();
    for (const auto& j : page.jobs) arr.push_back(job_json(j, false));
    http::send_json(res, 200, {{"jobs", arr}, {"total", page.total}, {"page", s.page}, {"page_size", s.page_size}});
  });

  server.get("/api/v1/jobs/facets", [&svc](const Request&, Response& res) {
    Date t = svc.today();
    auto out = svc.store().read([&](Reader& r) {
      return json{{"districts", r.job_districts(t)}, {"job_types", r.job_types(t)}};
    });
    http::send_json(res, 200, out);
  });

  server.get(R"(/api/v1/jobs/(\d+))", [&svc](const Request& req, Response& res) {
    auto j = svc.job(http::path_id(req));
    if (!j) throw ApiError("not_found");
    http::send_json(res, 200, {{"job", job_json(*j, true)}});
  });

  server.post(R"(/api/v1/jobs/(\d+)/interest)", [&svc](const Request& req, Response& res) {
    auto job_id = http::path_id(req);
    auto body = http::parse_body(req);
    Identity who;
    who.id_number = http::opt_str_field(body, "id_number", 40).value_or("");
    who.phone_last4 = http::opt_str_field(body, "phone_last4", 10);
    who.name = http::opt_str_field(body, "name", 120);
    who.phone = http::opt_str_field(body, "phone", 20);
    auto id = svc.register_interest(job_id, who, terminal_of(req));
    http::send_json(res, 201, {{"interest", {{"id", id}, {"job_id", job_id}, {"status", "registered"}}}});
  });

  server.post("/api/v1/staff-calls", [&svc](const Request& req, Response& res) {
    json body = req.body.empty() ? json::object() : http::parse_body(req);
    std::string reason = http::opt_str_field(body, "reason", 40).value_or("help");
    for (char c : reason)
      if (!(std::isalnum((unsigned char)c) || c == '_')) throw ApiError("invalid_field", "reason", "characters");
    auto c = svc.call_staff(terminal_of(req), reason);
    http::send_json(res, 201, {{"call", call_json(c)}});
  });

  server.get(R"(/api/v1/staff-calls/(\d+))", [&svc](const Request& req, Response& res) {
    auto c = svc.staff_call(http::path_id(req));
    if (!c) throw ApiError("not_found");
    http::send_json(res, 200, {{"call", call_json(*c)}});
  });
}

}  // namespace tx::station
