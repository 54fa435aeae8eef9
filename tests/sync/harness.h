// Test kit for sync: real processes on loopback (tongxing-centrald, tongxing-stationd), a
// PostgreSQL server of the test's own (initdb + pg_ctl in a temporary directory, as the
// unprivileged `postgres` user when run as root), the fault-injecting proxy, and the check
// "central holds exactly the events the station recorded". Everything is bounded in time.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "process.h"
#include "sync/protocol.h"

namespace tx::testkit {

using nlohmann::json;

// Temporary directories, child processes and binaries come from the shared test support.
using test::bin;
using test::Process;
using test::read_file;
using test::TempDir;

int free_port();
// wait_port_file: the port written by a service, or throws after `timeout`.
int wait_port_file(const std::string& path, Process& p, const std::string& log,
                   std::chrono::milliseconds timeout = std::chrono::seconds(20));

struct HttpAnswer {
  int status = 0;  // 0: no connection
  json body;
  std::string raw;
};
HttpAnswer http_get(int port, const std::string& path, const std::string& token = {});
HttpAnswer http_post(int port, const std::string& path, const std::string& body, const std::string& token = {},
                     const std::string& type = "application/json");

// PgServer: a private PostgreSQL cluster; fails (throws with the reason) when it cannot start.
class PgServer {
 public:
  // extra_conf: lines appended to postgresql.conf (the tests run with fsync off; benchmarks
  // pass their own settings).
  explicit PgServer(const std::string& extra_conf = "fsync = off\nfull_page_writes = off\n");
  const std::string& data_dir() const { return dir_; }
  ~PgServer();
  // new_database: CREATE DATABASE <unique name>; returns its URL.
  std::string new_database();
  void restart();      // pg_ctl restart -m fast (connections dropped)
  void stop_immediate();  // crash-stop
  void start();
  // exec: runs SQL on the maintenance database (or `db_url`).
  void exec(const std::string& sql, const std::string& db_url = {});
  int port() const { return port_; }
  std::string url(const std::string& db) const;

 private:
  void pg_ctl(const std::string& args);
  std::string dir_, bindir_, user_;
  int port_ = 0;
  bool as_postgres_ = false;
  int next_db_ = 0;
};
// shared_pg: one server per test process (started on first use).
PgServer& shared_pg();

// Central: one tongxing-centrald process on a database (SQLite file or PostgreSQL URL).
class Central {
 public:
  // name: the log and port files' name; processes in one `dir` share the token and key files.
  Central(std::string db, std::string dir, std::vector<std::string> extra = {}, std::string name = "central");
  ~Central();
  void start(std::vector<std::string> extra = {});
  void kill9();
  void stop();
  bool running() const { return proc_ != nullptr; }
  pid_t pid() const { return proc_ ? proc_->pid() : -1; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& token() const { return token_; }
  const std::string& token_file() const { return token_file_; }
  const std::string& key_file() const { return key_file_; }
  const std::string& db() const { return db_; }  // the SQLite file or PostgreSQL URL
  std::string log() const;

  // Admin helpers (assert on failure).
  std::pair<std::string, std::string> add_station(const std::string& name);  // id, secret
  json stations();
  json station(const std::string& id);
  // events: (seq, event_id) of every event stored for a station.
  std::vector<std::pair<std::int64_t, std::string>> events(const std::string& id);

 private:
  std::string db_, dir_, token_file_, key_file_, token_, name_;
  std::vector<std::string> base_extra_;
  std::unique_ptr<Process> proc_;
  int port_ = 0;
  int starts_ = 0;
};

// Station: a station database the test writes events into, and the tongxing-stationd serving it.
class Station {
 public:
  Station(std::string dir, std::string name);
  ~Station();
  // configure: the central URL (or the proxy's), id and secret used by start().
  void configure(const std::string& central_url, const std::string& id, const std::string& secret);
  void start(std::vector<std::string> extra = {});
  void kill9();
  void stop();
  bool running() const { return proc_ != nullptr; }
  int port() const { return port_; }
  const std::string& db() const { return db_; }
  std::string log() const;
  const std::string& station_id() const { return id_; }

  // append: n events written straight into the outbox (like the service does, same
  // transaction shape), with synthetic personal data. Works while stationd runs.
  void append(int n);
  // certify: n certificates written through the station's own store (Writer::add_certificate,
  // which appends each "certificate.expiry" event), to the first 12 residents in turn (added
  // the first time), expiring in varying months, every fifth lost (not to be renewed).
  void certify(int n);
  // renewals_due: what central must count from them: month -> residents whose current
  // certificate is to be renewed in that month.
  std::map<std::string, std::int64_t> renewals_due() const;
  // recorded: (seq, event_id) of every event in the outbox.
  std::vector<std::pair<std::int64_t, std::string>> recorded();
  json status();      // GET /api/v1/admin/sync/status
  void trigger();     // POST /api/v1/admin/sync
  const std::string& token() const { return token_; }

 private:
  std::string dir_, name_, db_, id_, secret_file_, central_, token_;
  std::unique_ptr<Process> proc_;
  int port_ = 0;
  int starts_ = 0;
  std::uint64_t counter_ = 0;
  std::uint64_t certified_ = 0;
  std::map<std::int64_t, std::string> expiry_;  // resident -> month due ("" = none)
};

// wait_until: polls `f` every 20 ms until true or the timeout; returns the last result.
template <class F>
bool wait_until(F&& f, std::chrono::milliseconds timeout) {
  auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (f()) return true;
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// exactly_once: "" when central holds exactly the station's recorded events (same seqs, same
// ids, none missing, none twice); otherwise a description of the first differences.
std::string exactly_once(Station& s, Central& c);

// post_signed: a sync request made by the test itself with a station's secret (the reply is
// opened when it is a 200).
HttpAnswer post_signed(int port, const std::string& station_id, const std::string& secret, const std::string& path,
                       const std::string& plain, int protocol = 1, bool bad_signature = false);

// booking_events: n events of one station (seq 1..n, fresh ids): bookings over three months,
// every fifth a check-in of the booking before it. Statistics: n - n/5 "booked".
std::vector<sync::Event> booking_events(int n);

// Test parameter: which central engine.
enum class Engine { sqlite, postgresql };
std::string engine_name(Engine e);
// central_db: a fresh database for a central server: a file in `dir` or a new PG database.
std::string central_db(Engine e, const std::string& dir, PgServer* pg = nullptr);

}  // namespace tx::testkit
