// [SECTION] index: helpers · session and authorization · static files · /admin/api routes ·
// metrics and audit hooks
#include "central/console.h"
#include "central/xlsx.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/errors.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/secrets.h"
#include "domain/date.h"

namespace tx::central {

using nlohmann::json;
using http::Request;
using http::Response;

namespace {

constexpr const char* kCookie = "tx_admin";

// cookie: the value of one cookie of the request's Cookie header, or empty.
std::string cookie(const Request& req, const std::string& name) {
  std::string h = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < h.size()) {
    std::size_t end = h.find(';', pos);
    if (end == std::string::npos) end = h.size();
    std::string part = h.substr(pos, end - pos);
    std::size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

bool is_change(const Request& req) { return req.method != "GET" && req.method != "HEAD"; }

std::string content_type(const std::string& path) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"}};
  for (const auto& [ext, type] : types)
    if (path.size() > std::strlen(ext) && path.compare(path.size() - std::strlen(ext), std::string::npos, ext) == 0)
      return type;
  return "application/octet-stream";
}

// The station id in /api/v1/admin/stations/<id>/… or /admin/api/stations/<id>/…, or empty.
std::string station_in_path(const std::string& path) {
  for (const char* prefix : {"/api/v1/admin/stations/", "/admin/api/stations/"}) {
    std::string p = prefix;
    if (path.rfind(p, 0) != 0) continue;
    std::string rest = path.substr(p.size());
    return rest.substr(0, rest.find('/'));
  }
  return {};
}

std::string month_param(const Request& req, const char* name, const std::string& fallback) {
  std::string m = http::query(req, name, 7);
  if (m.empty()) return fallback;
  if (m.size() != 7 || m[4] != '-' || !Date::parse(m + "-01")) throw ApiError("invalid_query", name);
  return m;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string default_console_dir(const std::string& argv0) {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) exe = std::filesystem::absolute(argv0, ec);
  return (exe.parent_path().parent_path() / "share" / "tongxing" / "console").string();
}

Console::Console(CentralStore& store, AdminAccounts& accounts, ConsoleOptions opt)
    : store_(store), accounts_(accounts), opt_(std::move(opt)) {}

// ---------------------------------------------------------- session and authorization

std::optional<AdminSession> Console::session_of(const Request& req) {
  std::string token = cookie(req, kCookie);
  if (token.empty()) return std::nullopt;
  return accounts_.session(token);
}

bool Console::in_scope(const AdminUser& u, const std::string& station_id) {
  if (!u.district) return true;
  auto s = store_.station(station_id);
  return s && s->district == u.district;
}

bool Console::authorize(const Request& req, Response& res) {
  bool had_cookie = !cookie(req, kCookie).empty();
  auto s = session_of(req);
  if (!s) {
    http::send_error(res, had_cookie ? "session_expired" : "unauthorized");
    return false;
  }
  if (is_change(req)) {
    if (!constant_time_equal(req.get_header_value("X-CSRF-Token"), s->csrf)) {
      http::send_error(res, "forbidden", "X-CSRF-Token", "csrf");
      return false;
    }
    if (!s->user.may_change()) {
      http::send_error(res, "forbidden", "role", "viewer");
      return false;
    }
  }
  if (s->user.district && req.path.rfind("/api/v1/admin/", 0) == 0) {
    // A district account reaches only its own stations' routes through the script API.
    std::string id = station_in_path(req.path);
    if (id.empty() || !in_scope(s->user, id)) {
      http::send_error(res, "forbidden", "district", "scope");
      return false;
    }
  }
  return true;
}

json Console::fleet(const std::optional<std::string>& district) {
  const auto now = parse_iso_utc(store_.now()).value();
  json counts = {{"ok", 0}, {"late", 0}, {"stale", 0}, {"never", 0}, {"error", 0}};
  json arr = json::array();
  for (const auto& s : store_.stations()) {
    if (district && s.district != district) continue;
    std::string state = stats::state_name(stats::fleet_state(s.last_seen, s.last_error, now, opt_.rules));
    if (!s.revoked_at) counts[state] = counts[state].get<int>() + 1;
    json j = station_json(s);
    j["state"] = s.revoked_at ? "revoked" : state;
    arr.push_back(std::move(j));
  }
  return {{"now", iso_utc(now)}, {"counts", counts}, {"stations", arr},
          {"late_after_s", 2 * opt_.rules.heartbeat_interval.count()}, {"stale_after_s", opt_.rules.stale_after.count()}};
}

// ----------------------------------------------------------------------------- routes

void Console::register_routes(http::Server& server) {
  // /admin/api/*: a session for everything but signing in; CSRF, role and district below.
  server.before([this](const Request& req, Response& res) {
    if (req.path.rfind("/admin/api/", 0) != 0 || req.path == "/admin/api/login") return true;
    try {
      auto s = session_of(req);
      if (!s) {
        http::send_error(res, cookie(req, kCookie).empty() ? "unauthorized" : "session_expired");
        return false;
      }
      if (is_change(req) && !constant_time_equal(req.get_header_value("X-CSRF-Token"), s->csrf)) {
        http::send_error(res, "forbidden", "X-CSRF-Token", "csrf");
        return false;
      }
      std::string id = station_in_path(req.path);
      if (!id.empty() && !in_scope(s->user, id)) {
        http::send_error(res, "not_found");
        return false;
      }
      return true;
    } catch (const StorageError& e) {
      log::error("central", std::string("database unavailable: ") + e.what());
      http::send_error(res, "database_unavailable");
      return false;
    }
  });

  // Every change through the admin API or the console is audited with its answer's status.
  server.after([this](const Request& req, const Response& res, double) {
    if (!is_change(req) || req.path == "/admin/api/login" || req.path == "/admin/api/logout") return;
    if (req.path.rfind("/api/v1/admin/", 0) != 0 && req.path.rfind("/admin/api/", 0) != 0) return;
    try {
      std::string actor = "anonymous";
      if (!http::bearer_token(req).empty() && store_.admin_token_ok(http::bearer_token(req))) actor = "token";
      else if (auto s = session_of(req)) actor = s->user.username;
      accounts_.audit(actor, req.method + " " + req.path, station_in_path(req.path), res.status, req.remote_addr);
    } catch (const std::exception& e) {
      log::error("central", std::string("audit not written: ") + e.what());
    }
  });

  server.collect([this](metrics::Scrape& s) {
    try {
      auto f = fleet(std::nullopt);
      for (auto it = f["counts"].begin(); it != f["counts"].end(); ++it)
        s.gauge("tongxing_central_stations", "Stations by state (ok, late, stale, never, error); revoked not counted",
                it.value().get<double>(), {{"state", it.key()}});
    } catch (const std::exception&) {
    }
  });

  server.post("/admin/api/login", [this](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    std::string user = http::str_field(body, "username", 64), password = http::str_field(body, "password", 128);
    auto login = accounts_.login(user, password, req.remote_addr);
    if (!login) throw ApiError("login_failed");
    res.set_header("Set-Cookie", std::string(kCookie) + "=" + login->token + "; Path=/; HttpOnly; SameSite=Strict" +
                                     (opt_.secure_cookie ? "; Secure" : ""));
    const auto& u = login->session.user;
    http::send_json(res, 200, {{"username", u.username}, {"role", u.role}, {"district", u.district ? json(*u.district) : json(nullptr)},
                               {"csrf", login->session.csrf}});
  });

  server.post("/admin/api/logout", [this](const Request& req, Response& res) {
    auto s = session_of(req);
    accounts_.logout(cookie(req, kCookie));
    if (s) accounts_.audit(s->user.username, "logout", "console", 200, req.remote_addr);
    res.set_header("Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                     (opt_.secure_cookie ? "; Secure" : ""));
    http::send_json(res, 200, {{"signed_out", true}});
  });

  server.get("/admin/api/me", [this](const Request& req, Response& res) {
    auto s = session_of(req).value();
    http::send_json(res, 200, {{"username", s.user.username}, {"role", s.user.role},
                               {"district", s.user.district ? json(*s.user.district) : json(nullptr)}, {"csrf", s.csrf}});
  });

  server.get("/admin/api/fleet", [this](const Request& req, Response& res) {
    http::send_json(res, 200, fleet(session_of(req).value().user.district));
  });

  server.get(R"(/admin/api/stations/([A-Za-z0-9_-]+))", [this](const Request& req, Response& res) {
    auto s = store_.station(req.matches[1]);
    if (!s) throw ApiError("not_found");
    json j = station_json(*s);
    j["state"] = s->revoked_at ? "revoked"
                               : stats::state_name(stats::fleet_state(s->last_seen, s->last_error,
                                                                      parse_iso_utc(store_.now()).value(), opt_.rules));
    j["commands"] = store_.station_commands(s->station_id);
    http::send_json(res, 200, {{"station", j}});
  });

  server.get(R"(/admin/api/stations/([A-Za-z0-9_-]+)/history)", [this](const Request& req, Response& res) {
    int days = http::query_int(req, "days", 7, 1, 31);
    if (!store_.station(req.matches[1])) throw ApiError("not_found");
    json arr = json::array();
    for (const auto& p : store_.station_history(req.matches[1], days))
      arr.push_back({{"hour", p.hour}, {"events", p.events}, {"backlog", p.backlog ? json(*p.backlog) : json(nullptr)},
                     {"heartbeats", p.heartbeats}, {"errors", p.errors}, {"max_gap_s", p.max_gap_s}});
    http::send_json(res, 200, {{"station_id", std::string(req.matches[1])}, {"days", days}, {"hours", arr}});
  });

  server.post(R"(/admin/api/stations/([A-Za-z0-9_-]+)/district)", [this](const Request& req, Response& res) {
    auto s = session_of(req).value();
    if (!s.user.may_change() || s.user.district) throw ApiError("forbidden", "role");
    auto body = http::parse_body(req);
    std::string d = http::str_field(body, "district", 100);
    if (!store_.set_district(req.matches[1], d)) throw ApiError("not_found");
    http::send_json(res, 200, {{"station_id", std::string(req.matches[1])}, {"district", d}});
  });

  server.get("/admin/api/statistics", [this](const Request& req, Response& res) {
    auto s = session_of(req).value();
    std::string by = http::query(req, "by", 10);
    if (by.empty()) by = "station";
    std::string this_month = store_.now().substr(0, 7);
    std::string from = month_param(req, "from", "0000-01"), to = month_param(req, "to", this_month);
    json stats = store_.statistics(by, from, to, s.user.district.value_or("*"));
    const std::string format = http::query(req, "format", 10);
    if (format == "xlsx") {
      res.set_header("Content-Disposition", "attachment; filename=\"tongxing-statistics-" + by + ".xlsx\"");
      res.status = 200;
      res.set_content(statistics_workbook(stats), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      return;
    }
    if (format != "csv") {
      http::send_json(res, 200, stats);
      return;
    }
    std::ostringstream out;
    out << "\xEF\xBB\xBF" << by;  // BOM: spreadsheet programs then read the UTF-8 names right
    for (const auto& m : stats["metrics"]) out << "," << m.get<std::string>();
    out << "\r\n";
    for (const auto& row : stats["rows"]) {
      out << csv_cell(row["key"].get<std::string>());
      for (const auto& m : stats["metrics"]) out << "," << row["values"].value(m.get<std::string>(), 0);
      out << "\r\n";
    }
    res.set_header("Content-Disposition", "attachment; filename=\"tongxing-statistics-" + by + ".csv\"");
    res.status = 200;
    res.set_content(out.str(), "text/csv; charset=utf-8");
  });

  server.get("/admin/api/audit", [this](const Request& req, Response& res) {
    auto s = session_of(req).value();
    if (!s.user.may_change()) throw ApiError("forbidden", "role");
    http::send_json(res, 200, {{"audit", accounts_.audit_log(http::query_int(req, "limit", 100, 1, 1000))}});
  });

  // -------------------------------------------------------------------- static files
  server.get("/admin", [](const Request&, Response& res) {
    res.status = 302;
    res.set_header("Location", "/admin/");
  });
  server.get(R"(/admin/([A-Za-z0-9._/-]*))", [this](const Request& req, Response& res) {
    std::string rel = req.matches[1];
    if (rel.empty()) rel = "index.html";
    if (rel.find("..") != std::string::npos || rel.front() == '/') throw ApiError("not_found");
    std::ifstream f(opt_.static_dir + "/" + rel, std::ios::binary);
    if (!f || std::filesystem::is_directory(opt_.static_dir + "/" + rel)) throw ApiError("not_found");
    std::string body((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", rel == "index.html" ? "no-cache" : "max-age=300");
    res.status = 200;
    res.set_content(body, content_type(rel));
  });
}

}  // namespace tx::central
