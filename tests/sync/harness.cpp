#include "harness.h"

#include <fcntl.h>
#include <glob.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "common/clock.h"
#include "common/secrets.h"
#include "domain/identity.h"
#include "station/store.h"
#include "sync/protocol.h"

namespace tx::testkit {

namespace fs = std::filesystem;

int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  close(s);
  return port;
}

int wait_port_file(const std::string& path, Process& p, const std::string& log, std::chrono::milliseconds timeout) {
  int port = 0;
  bool ok = wait_until(
      [&] {
        std::ifstream in(path);
        if (in >> port && port > 0) return true;
        if (!p.running()) throw std::runtime_error("process exited before listening; log " + log + ":\n" + read_file(log));
        return false;
      },
      timeout);
  if (!ok) throw std::runtime_error("no port in " + path + "; log:\n" + read_file(log));
  return port;
}

static HttpAnswer answer(const httplib::Result& res) {
  HttpAnswer a;
  if (!res) return a;
  a.status = res->status;
  a.raw = res->body;
  a.body = json::parse(res->body, nullptr, false);
  if (a.body.is_discarded()) a.body = json::object();
  return a;
}

HttpAnswer http_get(int port, const std::string& path, const std::string& token) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(3, 0);
  cli.set_read_timeout(20, 0);
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  return answer(cli.Get(path.c_str(), h));
}

HttpAnswer http_post(int port, const std::string& path, const std::string& body, const std::string& token,
                     const std::string& type) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(3, 0);
  cli.set_read_timeout(20, 0);
  httplib::Headers h;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  return answer(cli.Post(path.c_str(), h, body, type.c_str()));
}

// ------------------------------------------------------------------------------ PgServer

static int run_cmd(const std::string& cmd) { return std::system(cmd.c_str()); }

PgServer::PgServer(const std::string& extra_conf) {
  glob_t g{};
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) != 0 || g.gl_pathc == 0) {
    globfree(&g);
    throw std::runtime_error(
        "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): run deploy/install-deps.sh, "
        "which installs Debian's postgresql package");
  }
  bindir_ = fs::path(g.gl_pathv[g.gl_pathc - 1]).parent_path();
  globfree(&g);
  char tmpl[] = "/tmp/tx-pg-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  as_postgres_ = geteuid() == 0;  // initdb refuses to run as root
  if (as_postgres_) {
    passwd* pw = getpwnam("postgres");
    if (!pw)
      throw std::runtime_error("running as root, but there is no `postgres` user to run PostgreSQL as "
                               "(Debian's postgresql package creates it)");
    if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) throw std::runtime_error("cannot chown " + dir_);
    user_ = "postgres";
  } else {
    passwd* pw = getpwuid(geteuid());
    user_ = pw ? pw->pw_name : "postgres";
  }
  chmod(dir_.c_str(), 0700);
  port_ = free_port();
  std::string prefix = as_postgres_ ? "runuser -u postgres -- " : "";
  std::string cmd = prefix + bindir_ + "/initdb -D " + dir_ + "/data -U " + user_ +
                    " --auth=trust --encoding=UTF8 --locale=C.UTF-8 > " + dir_ + "/initdb.log 2>&1";
  if (run_cmd(cmd) != 0)
    throw std::runtime_error("initdb failed: " + cmd + "\n" + read_file(dir_ + "/initdb.log"));
  std::ofstream conf(dir_ + "/data/postgresql.conf", std::ios::app);
  conf << "listen_addresses = '127.0.0.1'\nport = " << port_ << "\nunix_socket_directories = '" << dir_
       << "'\nmax_connections = 300\nshared_buffers = 128MB\n" << extra_conf;
  conf.close();
  start();
}

PgServer::~PgServer() {
  try {
    pg_ctl("stop -m immediate");
  } catch (...) {
  }
  if (!std::getenv("TX_KEEP_TMP")) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

void PgServer::pg_ctl(const std::string& args) {
  std::string prefix = as_postgres_ ? "runuser -u postgres -- " : "";
  std::string cmd = prefix + bindir_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/server.log -w -t 30 " + args +
                    " > " + dir_ + "/pg_ctl.log 2>&1";
  if (run_cmd(cmd) != 0)
    throw std::runtime_error("pg_ctl " + args + " failed:\n" + read_file(dir_ + "/pg_ctl.log") + "\n" +
                             read_file(dir_ + "/server.log"));
}

void PgServer::start() { pg_ctl("start"); }
void PgServer::restart() { pg_ctl("restart -m fast"); }
void PgServer::stop_immediate() { pg_ctl("stop -m immediate"); }

std::string PgServer::url(const std::string& db) const {
  return "postgresql://" + user_ + "@127.0.0.1:" + std::to_string(port_) + "/" + db;
}

void PgServer::exec(const std::string& sql, const std::string& db_url) {
  std::string u = db_url.empty() ? url("postgres") : db_url;
  PGconn* c = PQconnectdb(u.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string m = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to the test PostgreSQL: " + m);
  }
  PGresult* r = PQexec(c, sql.c_str());
  auto st = PQresultStatus(r);
  std::string m = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error("SQL failed: " + sql + ": " + m);
}

std::string PgServer::new_database() {
  std::string name = "tx_" + std::to_string(getpid()) + "_" + std::to_string(++next_db_);
  exec("CREATE DATABASE " + name);
  return url(name);
}

PgServer& shared_pg() {
  static PgServer pg;
  return pg;
}

std::string engine_name(Engine e) { return e == Engine::sqlite ? "sqlite" : "postgresql"; }

std::string central_db(Engine e, const std::string& dir, PgServer* pg) {
  if (e == Engine::sqlite) return dir + "/central.db";
  return (pg ? *pg : shared_pg()).new_database();
}

// ------------------------------------------------------------------------------- Central

Central::Central(std::string db, std::string dir, std::vector<std::string> extra, std::string name)
    : db_(std::move(db)), dir_(std::move(dir)), name_(std::move(name)), base_extra_(std::move(extra)) {
  token_file_ = dir_ + "/central.admin-token";
  key_file_ = dir_ + "/central.key";
  start();
}

Central::~Central() { stop(); }

void Central::start(std::vector<std::string> extra) {
  std::string pf = dir_ + "/" + name_ + ".port." + std::to_string(getpid()) + "." + std::to_string(++starts_);
  ::unlink(pf.c_str());
  std::vector<std::string> argv = {bin("tongxing-centrald"), "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_),
                                   "--port-file", pf, "--admin-token-file", token_file_, "--key-file", key_file_,
                                   "--threads", "16"};
  for (const auto& a : base_extra_) argv.push_back(a);
  for (const auto& a : extra) argv.push_back(a);
  proc_ = std::make_unique<Process>(Process::start(argv, dir_ + "/" + name_ + ".log"));
  port_ = wait_port_file(pf, *proc_, dir_ + "/" + name_ + ".log");
  token_ = read_token(token_file_);
}

void Central::kill9() {
  if (proc_) proc_->kill9();
  proc_.reset();
}
void Central::stop() {
  if (proc_) proc_->stop();
  proc_.reset();
}
std::string Central::log() const { return read_file(dir_ + "/" + name_ + ".log"); }

std::pair<std::string, std::string> Central::add_station(const std::string& name) {
  auto a = http_post(port_, "/api/v1/admin/stations", json{{"name", name}}.dump(), token_);
  if (a.status != 201) throw std::runtime_error("station add failed: " + a.raw);
  return {a.body["station_id"], a.body["secret"]};
}

json Central::stations() {
  auto a = http_get(port_, "/api/v1/admin/stations", token_);
  if (a.status != 200) throw std::runtime_error("stations failed: " + std::to_string(a.status) + " " + a.raw);
  return a.body["stations"];
}

json Central::station(const std::string& id) {
  auto a = http_get(port_, "/api/v1/admin/stations/" + id, token_);
  if (a.status != 200) throw std::runtime_error("station failed: " + std::to_string(a.status) + " " + a.raw);
  return a.body["station"];
}

std::vector<std::pair<std::int64_t, std::string>> Central::events(const std::string& id) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  std::int64_t after = 0;
  for (;;) {
    auto a = http_get(port_, "/api/v1/admin/stations/" + id + "/events?limit=10000&after=" + std::to_string(after), token_);
    if (a.status != 200) throw std::runtime_error("events failed: " + std::to_string(a.status) + " " + a.raw);
    if (a.body["events"].empty()) break;
    for (const auto& e : a.body["events"]) out.emplace_back(e["seq"].get<std::int64_t>(), e["event_id"].get<std::string>());
    after = out.back().first;
  }
  return out;
}

// ------------------------------------------------------------------------------- Station

namespace {
SystemClock g_clock;
std::unique_ptr<station::Store> open_station_store(const std::string& db) {
  bool fresh = !fs::exists(db);
  return std::make_unique<station::Store>(db, Vault::open_or_create(db + ".key", fresh), g_clock, 1);
}
}  // namespace

Station::Station(std::string dir, std::string name) : dir_(std::move(dir)), name_(std::move(name)) {
  db_ = dir_ + "/" + name_ + ".db";
  secret_file_ = dir_ + "/" + name_ + ".secret";
  open_station_store(db_);  // creates and migrates the database and its key
}

Station::~Station() { stop(); }

void Station::configure(const std::string& central_url, const std::string& id, const std::string& secret) {
  central_ = central_url;
  id_ = id;
  ::unlink(secret_file_.c_str());
  write_secret_file(secret_file_, secret);
}

void Station::start(std::vector<std::string> extra) {
  std::string pf = dir_ + "/" + name_ + ".port." + std::to_string(++starts_);
  ::unlink(pf.c_str());
  std::vector<std::string> argv = {bin("tongxing-stationd"), "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_),
                                   "--port-file", pf};
  if (!central_.empty()) {
    for (const char* a : {"--central", central_.c_str(), "--station-id", id_.c_str(), "--station-secret-file",
                          secret_file_.c_str()})
      argv.push_back(a);
  }
  bool has_interval = false;
  for (const auto& a : extra) has_interval |= a == "--sync-interval-s";
  if (!has_interval)
    for (const char* a : {"--sync-interval-s", "1", "--sync-heartbeat-s", "1", "--sync-backoff-base-ms", "50",
                          "--sync-backoff-max-s", "1", "--sync-timeout-s", "5"})
      argv.push_back(a);
  for (const auto& a : extra) argv.push_back(a);
  proc_ = std::make_unique<Process>(Process::start(argv, dir_ + "/" + name_ + ".log"));
  port_ = wait_port_file(pf, *proc_, dir_ + "/" + name_ + ".log");
  token_ = read_token(db_ + ".admin-token");
}

void Station::kill9() {
  if (proc_) proc_->kill9();
  proc_.reset();
}
void Station::stop() {
  if (proc_) proc_->stop();
  proc_.reset();
}
std::string Station::log() const { return read_file(dir_ + "/" + name_ + ".log"); }

void Station::append(int n) {
  auto store = open_station_store(db_);
  store->write([&](station::Writer& w) {
    for (int i = 0; i < n; ++i) {
      ++counter_;
      // The shape of a real booking event, personal data included (synthetic).
      // One of 977 synthetic residents: real county code, birth date 1940-1999, computed check.
      std::uint64_t who = counter_ % 977;
      char first17[18];
      std::snprintf(first17, sizeof first17, "440524%04d%02d%02d%03d", int(1940 + who % 60), int(1 + who % 12),
                    int(1 + who % 28), int(who % 1000));
      std::string id_number = std::string(first17) + id_check_character(first17);
      w.append_event("appointment.booked",
                     {{"appointment_id", counter_}, {"resident_id", 1000 + who},
                      {"id_number", id_number}, {"kind", "renewal"}, {"date", "2030-01-05"},
                      {"ticket", "R" + std::to_string(counter_ % 1000)}, {"channel", "kiosk"},
                      {"terminal", "kiosk-" + std::to_string(who % 3)}, {"created_at", store->now_iso()}});
    }
  });
}

void Station::certify(int n) {
  auto store = open_station_store(db_);
  store->write([&](station::Writer& w) {
    for (int i = 0; i < n; ++i) {
      const std::int64_t k = std::int64_t(certified_++ % 12);
      char first17[18];
      std::snprintf(first17, sizeof first17, "110105%04d%02d%02d%03d", int(1950 + k), int(1 + k % 12), 11, int(100 + k));
      std::string id_number = std::string(first17) + id_check_character(first17);
      auto rid = w.resident_id_by_number(id_number);
      if (!rid) rid = w.add_resident(station::NewResident{id_number, "王" + std::to_string(k), std::nullopt, "M", "station", true, "demo"});
      station::Certificate c;
      c.resident_id = *rid;
      c.category = 1 + int(k % 7);
      c.level = 1 + int(k % 4);
      c.issued_on = Date::from_ymd(2017 + int(certified_ % 9), 1 + int(certified_ * 7 % 12), 15).value();
      c.expires_on = certificate_expiry(c.issued_on);
      c.status = certified_ % 5 == 0 ? CertificateStatus::lost : CertificateStatus::valid;
      w.add_certificate(c);
      expiry_[*rid] = c.status == CertificateStatus::valid ? c.expires_on.plus_days(-180).str().substr(0, 7) : "";
    }
  });
}

std::map<std::string, std::int64_t> Station::renewals_due() const {
  std::map<std::string, std::int64_t> out;
  for (const auto& [rid, month] : expiry_)
    if (!month.empty()) out[month] += 1;
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> Station::recorded() {
  auto db = sql::Db::open(db_, {});
  std::vector<std::pair<std::int64_t, std::string>> out;
  auto& s = db->prep("SELECT seq, event_id FROM outbox ORDER BY seq");
  while (s.step()) out.emplace_back(s.i64(0), s.text(1));
  s.reset();
  return out;
}

json Station::status() {
  auto a = http_get(port_, "/api/v1/admin/sync/status", token_);
  if (a.status != 200) throw std::runtime_error("station status failed: " + std::to_string(a.status) + " " + a.raw);
  return a.body;
}

void Station::trigger() { http_post(port_, "/api/v1/admin/sync", "", token_); }

HttpAnswer post_signed(int port, const std::string& id, const std::string& secret, const std::string& path,
                       const std::string& plain, int protocol, bool bad_signature) {
  auto keys = *sync::StationKeys::from_secret(secret);
  std::string body = sync::seal_body(keys, plain);
  std::string sig = sync::sign(keys, "POST", path, id, protocol, body);
  if (bad_signature) sig[0] = sig[0] == '0' ? '1' : '0';
  httplib::Client cli("127.0.0.1", port);
  cli.set_read_timeout(20, 0);
  httplib::Headers h = {{"X-Tongxing-Protocol", std::to_string(protocol)}, {"X-Tongxing-Station", id},
                        {"X-Tongxing-Signature", sig}};
  auto res = cli.Post(path.c_str(), h, body, "application/octet-stream");
  HttpAnswer a;
  if (!res) return a;
  a.status = res->status;
  a.raw = res->body;
  if (res->status == 200) {
    auto p = sync::open_body(keys, res->body);
    a.body = p ? json::parse(*p, nullptr, false) : json();
  } else {
    a.body = json::parse(res->body, nullptr, false);
  }
  return a;
}

std::string exactly_once(Station& s, Central& c) {
  auto mine = s.recorded();
  auto theirs = c.events(s.station_id());
  std::ostringstream out;
  std::set<std::string> ids;
  for (const auto& [seq, id] : theirs)
    if (!ids.insert(id).second) out << "event " << id << " stored twice; ";
  std::map<std::int64_t, std::string> a(mine.begin(), mine.end()), b(theirs.begin(), theirs.end());
  int shown = 0;
  for (const auto& [seq, id] : a) {
    auto it = b.find(seq);
    if (it == b.end()) {
      if (shown++ < 5) out << "seq " << seq << " missing at central; ";
    } else if (it->second != id) {
      if (shown++ < 5) out << "seq " << seq << " differs; ";
    }
  }
  for (const auto& [seq, id] : b)
    if (!a.contains(seq) && shown++ < 5) out << "seq " << seq << " at central but not recorded; ";
  if (mine.size() != theirs.size()) out << "station recorded " << mine.size() << ", central holds " << theirs.size();
  auto row = c.station(s.station_id());
  if (row["events_received"].get<std::int64_t>() != std::int64_t(theirs.size()))
    out << " events_received " << row["events_received"] << " != stored " << theirs.size();
  return out.str();
}

std::vector<sync::Event> booking_events(int n) {
  std::vector<sync::Event> out;
  for (int i = 1; i <= n; ++i) {
    json p;
    std::string type = "appointment.booked";
    if (i % 5 == 0) {
      type = "appointment.checked_in";
      p = {{"appointment_id", i - 1}};
    } else {
      p = {{"appointment_id", i}, {"kind", i % 2 ? "renewal" : "first_assessment"}};
    }
    std::string month = "2026-0" + std::to_string(1 + i % 3);
    out.push_back({i, random_hex(16), type, month + "-10T09:00:00Z", p.dump()});
  }
  return out;
}

}  // namespace tx::testkit
