#include "station/api.h"

#include <map>
#include <mutex>
#include <unordered_map>

#include "common/errors.h"
#include "common/metrics.h"
#include "common/rate_limit.h"
#include "common/secrets.h"
#include "common/sysinfo.h"
#include "station/slips.h"
#include "station/staff_api.h"
#include "station/telemetry.h"

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

std::string limit_key(const Request& req) {
  return http::is_loopback_peer(req.remote_addr) ? "local:" + terminal_of(req) : "peer:" + req.remote_addr;
}

namespace {

Actor kiosk(const Request& req) { return Actor::resident_at(terminal_of(req)); }

Identity identity_from(const json& body) {
  Identity who;
  who.id_number = http::str_field(body, "id_number", 40);
  who.phone_last4 = http::opt_str_field(body, "phone_last4", 10);
  who.name = http::opt_str_field(body, "name", 120);
  who.phone = http::opt_str_field(body, "phone", 20);
  if (!who.phone_last4 && !who.phone)
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

}  // namespace

json call_json(const StaffCall& c) {
  return {{"id", c.id},
          {"terminal", c.terminal},
          {"reason", c.reason},
          {"status", c.status},
          {"created_at", c.created_at},
          {"acknowledged_at", c.acknowledged_at ? json(*c.acknowledged_at) : json(nullptr)}};
}

json certificate_json(const Certificate& c, bool renewal_due) {
  const auto* category = disability_category(c.category);
  const auto* level = disability_level(c.level);
  return {{"category", c.category},
          {"category_zh", category ? category->zh : ""},
          {"category_en", category ? category->en : ""},
          {"level", c.level},
          {"level_zh", level ? level->zh : ""},
          {"level_en", level ? level->en : ""},
          {"expires_on", c.expires_on.str()},
          {"status", std::string(to_string(c.status))},
          {"renewal_due", renewal_due}};
}

json audit_json(const AuditRow& r) {
  json detail = json::parse(r.detail, nullptr, false);
  return {{"seq", r.seq},
          {"at", r.at},
          {"actor", r.actor},
          {"role", r.role},
          {"terminal", r.terminal},
          {"action", r.action},
          {"outcome", r.outcome},
          {"object", r.object},
          {"subject", r.subject_hash ? json(to_hex(*r.subject_hash)) : json(nullptr)},
          {"detail", detail.is_discarded() ? json::object() : detail}};
}

// ------------------------------------------------------------------------- health, metrics

namespace {

struct DbFacts {
  bool ok = false;
  int schema_version = 0;
  std::int64_t outbox = 0, backlog = 0, acked_seq = 0;
  std::vector<std::pair<std::string, std::int64_t>> appointments;
};

DbFacts read_db_facts(StationService& svc, bool with_appointments) {
  DbFacts f;
  try {
    svc.store().read([&](Reader& r) {
      f.schema_version = r.schema_version();
      f.outbox = r.count("outbox");
      f.acked_seq = r.meta_int("sync.acked_seq");  // written by the sync engine (SYNC.md)
      f.backlog = r.sync_backlog();
      if (with_appointments) f.appointments = r.appointment_counts();
    });
    f.ok = true;
  } catch (const std::exception&) {
    f.ok = false;
  }
  return f;
}

json sync_view(const ApiOptions& opt, const DbFacts& f) {
  json sync = {{"configured", false}, {"backlog", f.backlog}, {"acked_seq", f.acked_seq},
               {"last_success", nullptr}, {"last_error", nullptr}, {"running", false}};
  if (!opt.sync_status) return sync;
  json st;
  try {
    st = opt.sync_status();
  } catch (const std::exception& e) {
    sync["last_error"] = std::string("sync status unavailable: ") + e.what();
    return sync;
  }
  sync["configured"] = st.value("configured", true);
  if (st.contains("pending_events") && st["pending_events"].is_number_integer()) sync["backlog"] = st["pending_events"];
  for (const char* k : {"acked_seq", "last_seq", "last_success", "last_attempt", "last_error", "running",
                        "consecutive_failures", "totals"})
    if (st.contains(k)) sync[k] = st[k];
  return sync;
}

double iso_to_epoch(const json& v) {
  if (!v.is_string()) return 0;
  auto t = parse_iso_utc(v.get<std::string>());
  return t ? std::chrono::duration<double>(t->time_since_epoch()).count() : 0;
}

void collect_station_metrics(StationService& svc, const ApiOptions& opt, metrics::Scrape& s) {
  DbFacts f = read_db_facts(svc, true);
  s.gauge("tongxing_up", "1 when the service can read its database", f.ok ? 1 : 0, {{"service", "stationd"}});
  s.gauge("tongxing_build_info", "Version of the running service", 1, {{"service", "stationd"}, {"version", opt.version}});
  const std::string& path = svc.store().pool().path();
  auto disk = disk_space(path);
  s.gauge("tongxing_disk_free_bytes", "Free bytes on the file system holding the database", double(disk.free_bytes));
  s.gauge("tongxing_disk_total_bytes", "Size of the file system holding the database", double(disk.total_bytes));
  s.gauge("tongxing_db_size_bytes", "Size of the database file (without its WAL)", double(file_size(path)));
  s.gauge("tongxing_db_wal_bytes", "Size of the database's write-ahead log", double(std::max<std::int64_t>(0, file_size(path + "-wal"))));
  if (!f.ok) return;
  s.gauge("tongxing_db_schema_version", "Schema version of the database", f.schema_version);
  for (const auto& [status, n] : f.appointments)
    s.gauge("tongxing_appointments", "Appointments in the database, by status", double(n), {{"status", status}});
  s.gauge("tongxing_outbox_events", "Events kept in the sync outbox (sent ones stay until purged)", double(f.outbox));
  json sync = sync_view(opt, f);
  s.gauge("tongxing_sync_backlog_events", "Events not yet acknowledged by the central server",
          sync["backlog"].is_number() ? sync["backlog"].get<double>() : 0);
  s.gauge("tongxing_sync_configured", "1 when this station syncs with a central server", sync["configured"].get<bool>() ? 1 : 0);
  if (opt.sync_status) {
    s.gauge("tongxing_sync_last_success_timestamp_seconds", "When the last sync run succeeded (0: never since start)",
            iso_to_epoch(sync["last_success"]));
    s.gauge("tongxing_sync_running", "1 while a sync run is in progress", sync.value("running", false) ? 1 : 0);
    s.gauge("tongxing_sync_consecutive_failures", "Failed sync runs in a row",
            sync.contains("consecutive_failures") && sync["consecutive_failures"].is_number() ? sync["consecutive_failures"].get<double>() : 0);
    s.gauge("tongxing_sync_acked_seq", "Highest outbox sequence the central server acknowledged",
            sync["acked_seq"].is_number() ? sync["acked_seq"].get<double>() : 0);
    if (sync.contains("totals") && sync["totals"].is_object()) {
      const json& t = sync["totals"];
      if (t.contains("events_sent") && t["events_sent"].is_number())
        s.counter("tongxing_sync_events_sent_total", "Outbox events the central server acknowledged since start",
                  t["events_sent"].get<double>());
      if (t.contains("bytes") && t["bytes"].is_number())
        s.counter("tongxing_sync_bytes_sent_total", "Bytes of sync batches sent since start", t["bytes"].get<double>());
    }
  }
}

}  // namespace

json health_json(StationService& svc, const ApiOptions& opt, int* http_status) {
  DbFacts f = read_db_facts(svc, false);
  const std::string& path = svc.store().pool().path();
  auto disk = disk_space(path);
  bool disk_low = disk.free_bytes >= 0 &&
                  (disk.free_bytes < opt.disk_low_bytes ||
                   (disk.total_bytes > 0 && double(disk.free_bytes) / double(disk.total_bytes) < opt.disk_low_ratio));
  json sync = sync_view(opt, f);
  const auto& c = svc.config();
  *http_status = f.ok ? 200 : 503;
  // "status": ok | degraded (serving, but someone should look: disk low, sync failing) |
  // unavailable (the database cannot be read; 503).
  std::string status = !f.ok ? "unavailable" : disk_low ? "degraded" : "ok";
  if (status == "ok" && sync.contains("consecutive_failures") && sync["consecutive_failures"].is_number_integer() &&
      sync["consecutive_failures"].get<int>() >= 5)
    status = "degraded";
  return {{"status", status},
          {"service", "tongxing-stationd"},
          {"version", opt.version},
          {"db", f.ok ? "ok" : "unavailable"},
          {"outbox_events", f.outbox},
          {"time", iso_utc(svc.store().clock().now())},
          {"today", svc.today().str()},
          {"station", {{"id", c.station_id}, {"name", c.name}}},
          {"database",
           {{"status", f.ok ? "ok" : "unavailable"},
            {"schema_version", f.schema_version},
            {"size_bytes", file_size(path)},
            {"wal_bytes", std::max<std::int64_t>(0, file_size(path + "-wal"))}}},
          {"disk",
           {{"status", disk.free_bytes < 0 ? "unknown" : disk_low ? "low" : "ok"},
            {"free_bytes", disk.free_bytes},
            {"total_bytes", disk.total_bytes}}},
          {"sync", sync}};
}

void register_routes(http::Server& server, StationService& svc, StaffAuth& auth, StaffDesk& desk,
                     const ApiOptions& opt) {
  // Per-terminal fixed-window rate limit: a kiosk stuck in a loop cannot starve the others.
  auto limiter = std::make_shared<RateLimiter>(svc.config().terminal_requests_per_minute,
                                               std::chrono::seconds(60), system_clock_instance());
  server.before([limiter](const Request& req, Response& res) {
    if (req.path.rfind("/api/v1/admin/", 0) == 0 || req.path == "/api/v1/health") return true;
    if (limiter->allow(limit_key(req))) return true;
    http::send_error(res, "rate_limited");
    return false;
  });
  register_staff_routes(server, auth, desk, opt);

  server.get("/api/v1/health", [&svc, opt](const Request&, Response& res) {
    int status = 200;
    json body = health_json(svc, opt, &status);
    http::send_json(res, status, body);
  });

  // Kiosk telemetry (speech utterances by language, sessions, prints): cumulative counts per
  // kiosk boot; see station/telemetry.h and docs/api.md.
  auto telemetry = std::make_shared<KioskTelemetry>();
  server.post("/api/v1/kiosk/report", [&svc, telemetry](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    std::string terminal = terminal_of(req);
    if (auto t = http::opt_str_field(body, "terminal", 64)) {
      terminal = *t;
      for (char& c : terminal)
        if (!(std::isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.')) c = '_';
    }
    double now_s = std::chrono::duration<double>(svc.store().clock().now().time_since_epoch()).count();
    telemetry->report(terminal, body, now_s);
    http::send_json(res, 200, {{"ok", true}});
  });

  server.allow_metrics_token(opt.admin_token);
  server.collect([telemetry](metrics::Scrape& s) { telemetry->collect(s); });
  server.collect([&svc, opt](metrics::Scrape& s) { collect_station_metrics(svc, opt, s); });

  server.get("/api/v1/station", [&svc](const Request&, Response& res) {
    const auto& c = svc.config();
    http::send_json(res, 200,
                    {{"station",
                      {{"id", c.station_id}, {"name", c.name}, {"name_en", c.name_en},
                       {"address", c.address}, {"address_en", c.address_en}, {"phone", c.phone},
                       {"hours", c.hours}, {"hours_en", c.hours_en}, {"today", svc.today().str()},
                       {"utc_offset_minutes", c.utc_offset_minutes},
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
    json cert = f.certificate ? certificate_json(*f.certificate, f.renewal_due) : json(nullptr);
    http::send_json(res, 200,
                    {{"resident", {{"name_masked", f.resident.name_masked},
                                   {"id_masked", f.resident.id_masked},
                                   {"minor", f.minor},
                                   // false: a kiosk registration whose ID card staff have not
                                   // checked yet (no certificate, subsidy or payment data).
                                   {"identity_verified", f.resident.verified()},
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
    metrics::global()
        .counter("tongxing_bookings_total", "Appointments booked at this station, by kind and channel",
                 {{"kind", std::string(to_string(a.kind))}, {"channel", r.channel}})
        .inc();
    auto facts = svc.facts(a.resident_id);
    json j = appointment_json(a, &facts);
    j["slip_code"] = slip_code(svc, a);  // the slip's QR code (slips.h)
    http::send_json(res, 201, {{"appointment", j}});
  });

  auto list_appointments = [&svc](const Identity& who, const Actor& by, Response& res) {
    auto list = svc.appointments(who, by);
    json arr = json::array();
    if (!list.empty()) {
      auto facts = svc.facts(list.front().resident_id);
      for (const auto& a : list) {
        arr.push_back(appointment_json(a, &facts));
        arr.back()["slip_code"] = slip_code(svc, a);
      }
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

  // A scanned slip (slips.h) and the phone's last four digits: that appointment.
  server.post("/api/v1/appointments/by-slip", [&svc](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    auto a = resident_appointment_by_slip(svc, http::str_field(body, "slip_code", 64),
                                          http::str_field(body, "phone_last4", 10), kiosk(req));
    auto facts = svc.facts(a.resident_id);
    json j = appointment_json(a, &facts);
    j["slip_code"] = slip_code(svc, a);
    http::send_json(res, 200, {{"appointment", j}});
  });

  server.post(R"(/api/v1/appointments/(\d+)/cancel)", [&svc](const Request& req, Response& res) {
    auto id = http::path_id(req);
    auto body = http::parse_body(req);
    auto a = svc.cancel(id, registered_identity(body), kiosk(req));
    metrics::global()
        .counter("tongxing_cancellations_total", "Appointments cancelled at this station, by kind",
                 {{"kind", std::string(to_string(a.kind))}})
        .inc();
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
