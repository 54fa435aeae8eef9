// tongxing-ctl commands for sync and the central server: station add, stations, sync now,
// sync status (against either service), import jobs/subsidies, central migrate-to-postgres.
// Every command talks to a service's admin API with the token from --token-file (or
// <db>.admin-token when --db FILE is given), except migrate-to-postgres, which opens both
// databases itself.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "central/copy.h"
#include "common/secrets.h"
#include "ctl/ctl.h"

namespace tx::ctl {

using nlohmann::json;

namespace {

const std::set<std::string> kTarget = {"url", "token-file", "db", "json", "help"};

struct Target {
  std::string url, token;
};

Target target(const Args& args) {
  auto url = args.get("url");
  if (!url) throw std::invalid_argument("give --url http://HOST:PORT of the station or central service");
  std::string token_file = args.get_or("token-file", args.get("db") ? *args.get("db") + ".admin-token" : "");
  if (token_file.empty()) throw std::invalid_argument("give --token-file FILE (or --db FILE for <db>.admin-token)");
  return Target{*url, read_token(token_file)};
}

struct Answer {
  int status = 0;
  json body;
};

Answer call(const Target& t, const std::string& method, const std::string& path, const std::string& body = {},
            const std::string& type = "application/json") {
  httplib::Client cli(t.url);
  cli.set_connection_timeout(5, 0);
  cli.set_read_timeout(120, 0);
  httplib::Headers h = {{"Authorization", "Bearer " + t.token}};
  auto res = method == "GET" ? cli.Get(path.c_str(), h) : cli.Post(path.c_str(), h, body, type.c_str());
  if (!res) throw std::runtime_error("cannot reach " + t.url + " (" + httplib::to_string(res.error()) + ")");
  Answer a{res->status, json::parse(res->body, nullptr, false)};
  if (a.body.is_discarded()) a.body = json::object();
  return a;
}

// fail_with: prints the service's error message (both languages) and returns exit code 1.
int fail_with(const Answer& a) {
  const json& e = a.body.contains("error") ? a.body["error"] : json::object();
  std::cerr << "tongxing-ctl: HTTP " << a.status << " " << e.value("code", "") << "\n  " << e.value("message_zh", "")
            << "\n  " << e.value("message_en", "") << "\n";
  return 1;
}

std::string service_of(const Target& t) {
  httplib::Client cli(t.url);
  cli.set_connection_timeout(5, 0);
  auto res = cli.Get("/api/v1/health");
  if (!res) throw std::runtime_error("cannot reach " + t.url + " (" + httplib::to_string(res.error()) + ")");
  json j = json::parse(res->body, nullptr, false);
  return j.is_object() ? j.value("service", "") : "";
}

// pad: `s` padded with spaces to `width` terminal columns (CJK characters take two).
std::string pad(const std::string& s, std::size_t width) {
  std::size_t cols = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cols += n >= 3 ? 2 : 1;
    i += n;
  }
  return cols >= width ? s + " " : s + std::string(width - cols, ' ');
}

std::string cell(const json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

void print_stations(const json& list) {
  std::cout << pad("STATION", 15) << pad("NAME", 26) << pad("LAST SEEN", 22) << pad("ACKED", 10) << pad("EVENTS", 10)
            << pad("BACKLOG", 9) << "LAST ERROR\n";
  for (const auto& s : list) {
    std::string name = cell(s["name"]);
    if (s.value("revoked", false)) name += " (revoked)";
    std::cout << pad(cell(s["station_id"]), 15) << pad(name, 26) << pad(cell(s["last_seen"]), 22)
              << pad(cell(s["acked_seq"]), 10) << pad(cell(s["events_received"]), 10) << pad(cell(s["backlog"]), 9)
              << cell(s["last_error"]) << "\n";
  }
}

}  // namespace

int cmd_station_add(const Args& args) {
  auto known = kTarget;
  known.insert({"name", "secret-file"});
  args.check(known);
  auto t = target(args);
  auto name = args.get("name");
  if (!name) throw std::invalid_argument("station add needs --name NAME");
  auto a = call(t, "POST", "/api/v1/admin/stations", json{{"name", *name}}.dump());
  if (a.status != 201) return fail_with(a);
  if (auto f = args.get("secret-file")) write_secret_file(*f, a.body.value("secret", ""));
  if (args.flag("json")) {
    std::cout << a.body.dump() << "\n";
  } else {
    std::cout << "station_id: " << a.body.value("station_id", "") << "\nsecret: " << a.body.value("secret", "")
              << "\n(give the secret to the station once, e.g. in a 0600 file for --station-secret-file; "
                 "central keeps only keys derived from it)\n";
  }
  return 0;
}

int cmd_stations(const Args& args) {
  args.check(kTarget);
  auto a = call(target(args), "GET", "/api/v1/admin/stations");
  if (a.status != 200) return fail_with(a);
  if (args.flag("json")) std::cout << a.body.dump(2) << "\n";
  else print_stations(a.body["stations"]);
  return 0;
}

int cmd_sync_now(const Args& args) {
  auto known = kTarget;
  known.insert({"station", "wait", "timeout-s"});
  args.check(known);
  auto t = target(args);
  if (service_of(t) == "tongxing-centrald") {
    json body = json::object();
    if (auto s = args.get("station")) body["station_id"] = *s;
    auto a = call(t, "POST", "/api/v1/admin/sync", body.dump());
    if (a.status != 202) return fail_with(a);
    std::cout << "sync requested from " << a.body.value("queued", 0)
              << " station(s); each receives it with its next heartbeat\n";
    return 0;
  }
  auto before = call(t, "GET", "/api/v1/admin/sync/status").body;
  auto a = call(t, "POST", "/api/v1/admin/sync");
  if (a.status != 202) return fail_with(a);
  if (!args.get("wait")) {
    std::cout << "sync started; `tongxing-ctl sync status` shows its progress\n";
    return 0;
  }
  // --wait SECONDS-ish: poll until a run that started after our request has finished.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(args.int_or("wait", 60));
  json st;
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    st = call(t, "GET", "/api/v1/admin/sync/status").body;
    bool new_attempt = st.value("runs", 0) > before.value("runs", 0);
    if (new_attempt && !st.value("running", false)) break;
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "tongxing-ctl: sync still running after the wait; pending " << cell(st["pending_events"]) << "\n";
      return 1;
    }
  }
  std::cout << "pending_events: " << cell(st["pending_events"]) << "  acked_seq: " << cell(st["acked_seq"])
            << "  last_error: " << cell(st["last_error"]) << "\n";
  return st["last_error"].is_null() ? 0 : 1;
}

int cmd_sync_status(const Args& args) {
  args.check(kTarget);
  auto t = target(args);
  auto a = call(t, "GET", "/api/v1/admin/sync/status");
  if (a.status != 200) return fail_with(a);
  if (args.flag("json")) {
    std::cout << a.body.dump(2) << "\n";
    return 0;
  }
  const json& s = a.body;
  if (s.value("role", "") == "central") {
    std::cout << "central (" << cell(s["engine"]) << "): " << cell(s["stations"]) << " stations, "
              << cell(s["events_received"]) << " events received, reported backlog " << cell(s["backlog"]) << ", "
              << cell(s["stations_with_errors"]) << " with errors\n\n";
    print_stations(s["stations_detail"]);
    return 0;
  }
  const json& p = s["progress"];
  std::cout << "central:        " << cell(s["central_url"]) << " (station " << cell(s["station_id"]) << ")\n"
            << "running:        " << (s.value("running", false) ? "yes" : "no") << "\n"
            << "pending events: " << cell(s["pending_events"]) << "\n"
            << "acked / last:   " << cell(s["acked_seq"]) << " / " << cell(s["last_seq"]) << "\n"
            << "last success:   " << cell(s["last_success"]) << "\n"
            << "last error:     " << cell(s["last_error"]) << "\n"
            << "progress:       " << cell(p["events_left"]) << " left, " << cell(p["events_sent"]) << " sent, "
            << cell(p["bytes_sent"]) << " bytes, " << cell(p["rate_events_per_s"]) << " events/s\n"
            << "next run in:    " << cell(s["next_run_in_s"]) << " s\n";
  return 0;
}

static int import_cmd(const Args& args, const char* what) {
  args.check(kTarget);
  if (args.positional().size() < 3) throw std::invalid_argument(std::string("import ") + what + " needs a CSV FILE");
  const std::string& file = args.positional()[2];
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::stringstream ss;
  ss << in.rdbuf();
  auto a = call(target(args), "POST", std::string("/api/v1/admin/import/") + what, ss.str(), "text/csv");
  const json& rep = a.status == 200 ? a.body : a.body.value("error", json::object());
  if (a.status != 200 && !rep.contains("rejected")) return fail_with(a);
  if (args.flag("json")) {
    std::cout << rep.dump(2) << "\n";
  } else {
    std::cout << file << ": " << rep.value("rows", 0) << " rows, " << rep.value("imported", 0) << " imported\n";
    for (const auto& r : rep.value("rejected", json::array()))
      std::cout << "  line " << r.value("line", 0) << (r.contains("ref") ? " (" + r["ref"].get<std::string>() + ")" : "")
                << ": " << r.value("field", "") << ": " << r.value("reason", "") << "\n";
    if (a.status != 200) std::cout << "nothing was imported: fix the rows above and import the whole file again\n";
  }
  return a.status == 200 ? 0 : 1;
}

int cmd_import_jobs(const Args& args) { return import_cmd(args, "jobs"); }
int cmd_import_subsidies(const Args& args) { return import_cmd(args, "subsidies"); }

int cmd_migrate_to_postgres(const Args& args) {
  args.check({"from", "to", "help"});
  auto from = args.get("from"), to = args.get("to");
  if (!from || !to) throw std::invalid_argument("central migrate-to-postgres needs --from FILE --to postgresql://...");
  if (!central::is_postgres_url(*to)) throw std::invalid_argument("--to must be a postgresql:// URL");
  if (!std::ifstream(*from).good()) throw std::runtime_error(*from + " does not exist");
  auto src = central::open_sqlite_engine(*from, {});
  auto dst = central::open_postgres_engine(*to, {});
  std::cout << "copying " << *from << " to " << central::redact_url(*to) << " in one transaction\n";
  auto rep = central::copy_database(*src, *dst, [](const std::string& line) { std::cout << "  " << line << "\n"; });
  auto diffs = central::compare_databases(*src, *dst);
  if (!diffs.empty()) {
    for (const auto& d : diffs) std::cerr << "  differs: " << d << "\n";
    std::cerr << "tongxing-ctl: the copy does not match the source\n";
    return 1;
  }
  std::cout << "every table matches. Start the central server with\n  tongxing-centrald --db " << central::redact_url(*to)
            << " --key-file " << *from << ".key --admin-token-file " << *from << ".admin-token\n"
            << "(the key file seals the copied data; the old admin token keeps working)\n";
  return 0;
}

}  // namespace tx::ctl
