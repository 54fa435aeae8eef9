// The station's sync engine (SYNC.md): one worker thread that runs a sync on a timer, on
// demand (admin API, tongxing-ctl) and when the central server asks in a heartbeat reply.
//
// A run: heartbeat (report backlog, last error, version, disk; receive commands and the
// central's acknowledged sequence) → push the outbox in batches, marking events sent only
// after the central server answers with the sequence it durably applied → pull reference data
// page by page, each page applied together with its cursor → purge old acknowledged events →
// final heartbeat. Failures back off exponentially with jitter; the reason is kept for humans.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "station/store.h"
#include "sync/protocol.h"
#include "sync/station_sync_store.h"

namespace tx::sync {

struct EngineOptions {
  std::string central_url;  // http://host:port or https://host[:port][/prefix]
  std::string station_id;
  std::string secret;  // hex, from enrolment
  int interval_s = 300;
  int heartbeat_s = 60;  // between runs: so `sync now` from central arrives within a minute
  int batch_events = 1000;
  int batch_bytes = 256 * 1024;
  int retention_days = 30;
  int protocol = kProtocolVersion;  // tests run a station of another version
  std::string version = "0.1.0";
  double backoff_base_s = 1.0;
  double backoff_max_s = 300.0;
  int timeout_s = 30;
  int pull_page = 200;
  std::string ca_file;  // for https: a CA bundle to trust instead of the system's
  std::string db_path;  // to report free disk space
};

class SyncEngine {
 public:
  SyncEngine(station::Store& store, EngineOptions opt);
  ~SyncEngine();

  bool configured() const { return configured_; }
  // start: launches the worker (no-op when not configured). stop: joins it.
  void start();
  void stop();
  // trigger: asks for a run now (a run in progress is followed by another).
  void trigger(const std::string& why);
  // run_once: one whole run on the caller's thread (tests, `tongxing-ctl sync now --wait`).
  bool run_once();

  // status: the admin view (GET /api/v1/admin/sync/status).
  nlohmann::json status();

 private:
  struct Reply {
    int status = 0;  // 0: no answer (connection failed)
    std::string error_code;
    nlohmann::json body;  // opened reply, or the error object
    std::size_t bytes_out = 0, bytes_in = 0;
    std::string transport_error;
  };
  Reply post(const char* path, const std::string& plain);
  bool heartbeat();
  bool push();
  bool pull();
  void fail(const std::string& why);
  void loop();
  std::int64_t disk_free() const;

  station::Store& store_;
  SyncStore sync_;
  EngineOptions opt_;
  std::optional<StationKeys> keys_;
  bool configured_ = false;
  std::string scheme_host_, prefix_;

  std::thread worker_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, wanted_ = false;
  std::mutex run_mu_;  // one run at a time

  // Status (guarded by mu_ unless atomic).
  std::atomic<bool> running_{false};
  std::string last_error_, last_success_, last_attempt_, last_trigger_;
  int failures_ = 0;
  std::chrono::steady_clock::time_point next_due_{}, next_heartbeat_{};
  std::vector<std::int64_t> done_commands_;
  // The last heartbeat sequence sent: each heartbeat sends max(this + 1, Unix time in ms), so
  // it grows across restarts without being stored; central refuses one that is not newer.
  std::int64_t hb_seq_ = 0;
  // Progress of the current (or last) run.
  std::chrono::steady_clock::time_point run_started_{};
  std::string run_started_iso_;
  std::int64_t run_events_ = 0, run_bytes_ = 0, run_left_ = 0;
  double run_seconds_ = 0;
  std::int64_t total_events_ = 0, total_bytes_ = 0, runs_ = 0;
  std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace tx::sync
