#include "sync/engine.h"

#include <httplib.h>
#include <sys/statvfs.h>

#include <cmath>

#include "common/log.h"
#include "domain/date.h"

namespace tx::sync {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

SyncEngine::SyncEngine(station::Store& store, EngineOptions opt) : store_(store), sync_(store), opt_(std::move(opt)) {
  if (!opt_.central_url.empty() && !opt_.station_id.empty() && !opt_.secret.empty()) {
    keys_ = StationKeys::from_secret(opt_.secret);
    if (!keys_) throw std::invalid_argument("the station secret must be the 64 hex characters printed at enrolment");
    // scheme://host[:port][/prefix]
    auto scheme = opt_.central_url.find("://");
    if (scheme == std::string::npos || (opt_.central_url.rfind("http://", 0) != 0 && opt_.central_url.rfind("https://", 0) != 0))
      throw std::invalid_argument("the central URL must start with http:// or https://, got \"" + opt_.central_url + "\"");
    auto slash = opt_.central_url.find('/', scheme + 3);
    scheme_host_ = opt_.central_url.substr(0, slash);
    if (slash != std::string::npos) prefix_ = opt_.central_url.substr(slash);
    while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
    configured_ = true;
  } else {
    last_error_ = "sync is not configured: give --central URL, --station-id ID and --station-secret-file FILE";
  }
}

SyncEngine::~SyncEngine() { stop(); }

void SyncEngine::start() {
  if (!configured_ || worker_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = false;
    wanted_ = true;  // a first run right after start
  }
  worker_ = std::thread([this] { loop(); });
}

void SyncEngine::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void SyncEngine::trigger(const std::string& why) {
  {
    std::lock_guard lock(mu_);
    wanted_ = true;
    last_trigger_ = why;
  }
  cv_.notify_all();
}

void SyncEngine::loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    auto wake = std::min(next_due_, next_heartbeat_);
    cv_.wait_until(lock, wake, [&] { return stop_ || wanted_; });
    if (stop_) break;
    if (!wanted_ && Clock::now() < next_due_) {
      // Only the heartbeat is due: a light call that may bring commands (sync now, resend).
      next_heartbeat_ = Clock::now() + std::chrono::seconds(opt_.heartbeat_s);
      lock.unlock();
      try {
        std::lock_guard run_lock(run_mu_);
        heartbeat();
      } catch (const std::exception& e) {
        fail(std::string("local error during heartbeat: ") + e.what());
      }
      lock.lock();
      continue;
    }
    wanted_ = false;
    lock.unlock();
    bool ok = run_once();
    lock.lock();
    next_heartbeat_ = Clock::now() + std::chrono::seconds(opt_.heartbeat_s);
    if (ok) {
      next_due_ = Clock::now() + std::chrono::seconds(opt_.interval_s);
    } else {
      // Exponential backoff with full jitter in [d/2, d]: a thousand stations coming back
      // after an outage do not all knock at once.
      double d = std::min(opt_.backoff_max_s, opt_.backoff_base_s * std::pow(2.0, std::min(failures_ - 1, 30)));
      d = std::min(d, double(opt_.interval_s));
      std::uniform_real_distribution<double> jitter(d / 2, d);
      next_due_ = Clock::now() + std::chrono::milliseconds(std::int64_t(jitter(rng_) * 1000));
    }
  }
}

std::int64_t SyncEngine::disk_free() const {
  std::string dir = opt_.db_path.empty() ? "." : opt_.db_path;
  auto slash = dir.rfind('/');
  dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : dir.substr(0, slash));
  struct statvfs s;
  if (::statvfs(dir.c_str(), &s) != 0) return -1;
  return std::int64_t(s.f_bavail) * std::int64_t(s.f_frsize);
}

void SyncEngine::fail(const std::string& why) {
  std::lock_guard lock(mu_);
  last_error_ = why;
  ++failures_;
  log::warn("sync", "sync failed (" + std::to_string(failures_) + " in a row): " + why);
}

SyncEngine::Reply SyncEngine::post(const char* path, const std::string& plain) {
  Reply r;
  std::string body = seal_body(*keys_, plain, 3);
  r.bytes_out = body.size();
  httplib::Client cli(scheme_host_);
  cli.set_connection_timeout(5, 0);
  cli.set_read_timeout(opt_.timeout_s, 0);
  cli.set_write_timeout(opt_.timeout_s, 0);
  if (!opt_.ca_file.empty()) cli.set_ca_cert_path(opt_.ca_file.c_str());
  httplib::Headers h = {{kHeaderProtocol, std::to_string(opt_.protocol)},
                        {kHeaderStation, opt_.station_id},
                        {kHeaderSignature, sign(*keys_, "POST", path, opt_.station_id, opt_.protocol, body)}};
  auto res = cli.Post((prefix_ + path).c_str(), h, body, "application/octet-stream");
  if (!res) {
    r.transport_error = "cannot reach the central server at " + opt_.central_url + " (" + httplib::to_string(res.error()) + ")";
    return r;
  }
  r.status = res->status;
  r.bytes_in = res->body.size();
  auto theirs = parse_protocol(res->get_header_value(kHeaderProtocol));
  if (theirs && *theirs != opt_.protocol) {
    r.error_code = "protocol_mismatch";
    r.body = {{"server_protocol", *theirs}};
    r.status = res->status == 200 ? 400 : res->status;
    return r;
  }
  if (res->status == 200) {
    if (!verify(*keys_, "REPLY", path, opt_.station_id, opt_.protocol, res->body, res->get_header_value(kHeaderSignature))) {
      r.error_code = "bad_reply";
      r.transport_error = "the reply from " + opt_.central_url + " is not signed with this station's key (wrong URL or secret?)";
      r.status = 0;
      return r;
    }
    auto plain_reply = open_body(*keys_, res->body);
    json j = plain_reply ? json::parse(*plain_reply, nullptr, false) : json();
    if (!plain_reply || j.is_discarded() || !j.is_object()) {
      r.status = 0;
      r.transport_error = "the central server's reply could not be opened";
      return r;
    }
    r.body = std::move(j);
    return r;
  }
  json j = json::parse(res->body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_object()) {
    r.body = j["error"];
    r.error_code = r.body.value("code", "");
  }
  return r;
}

namespace {
std::string explain(const std::string& url, int protocol, int status, const std::string& code, const json& err,
                    const std::string& transport) {
  if (status == 0) return transport;
  if (code == "protocol_mismatch")
    return "protocol mismatch: the central server speaks sync protocol " +
           (err.contains("server_protocol") ? err["server_protocol"].dump() : std::string("(another)")) +
           ", this station speaks " + std::to_string(protocol) +
           "; upgrade the older one. Every event is kept until then.";
  if (code == "station_unauthorized")
    return "the central server refused this station's credentials (HTTP 401): check the station id and "
           "secret file, or whether the station was revoked";
  if (code == "sequence_conflict")
    return "the central server holds different events under the same sequence numbers (HTTP 409): this "
           "station's database may have been replaced; an administrator must resolve it";
  if (status == 503) return "the central server's database is unavailable (HTTP 503, " + code + "); retrying";
  return "the central server at " + url + " answered HTTP " + std::to_string(status) + (code.empty() ? "" : " " + code);
}
}  // namespace

bool SyncEngine::heartbeat() {
  auto st = sync_.state();
  std::vector<std::int64_t> done;
  std::string last_error;
  {
    std::lock_guard lock(mu_);
    done = done_commands_;
    last_error = last_error_;
  }
  auto next_seq = [this] {
    std::lock_guard lock(mu_);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now().time_since_epoch()).count();
    hb_seq_ = std::max<std::int64_t>(hb_seq_ + 1, ms);
    return hb_seq_;
  };
  json hb = {{"hb_seq", next_seq()}, {"backlog", st.pending}, {"last_seq", st.last_seq}, {"acked_seq", st.acked_seq},
             {"disk_free_bytes", disk_free()}, {"last_error", last_error}, {"version", opt_.version},
             {"protocol", opt_.protocol}, {"done_commands", done}};
  auto r = post(kPathHeartbeat, hb.dump());
  if (r.status == 409 && r.error_code == "heartbeat_replayed" && r.body.contains("last_hb_seq") &&
      r.body["last_hb_seq"].is_number_integer()) {
    // Central accepted a later sequence than ours (this station's clock went back): continue
    // after it. Moving forward is all the (unsigned) answer can make us do.
    std::int64_t last = r.body["last_hb_seq"].get<std::int64_t>();
    if (last > 0 && last < (std::int64_t(1) << 62)) {
      {
        std::lock_guard lock(mu_);
        hb_seq_ = std::max(hb_seq_, last);
      }
      log::warn("sync", "central has a newer heartbeat sequence (" + std::to_string(last) + "); continuing after it");
      hb["hb_seq"] = next_seq();
      r = post(kPathHeartbeat, hb.dump());
    }
  }
  if (r.status != 200) {
    fail(explain(opt_.central_url, opt_.protocol, r.status, r.error_code, r.body, r.transport_error));
    return false;
  }
  std::vector<std::int64_t> now_done;
  bool want_run = false;
  for (const auto& c : r.body.value("commands", json::array())) {
    std::string type = c.value("type", "");
    std::int64_t id = c.value("id", std::int64_t(0));
    if (type == "sync_now") {
      want_run = true;
    } else if (type == "resend_from") {
      std::int64_t seq = c.value("seq", std::int64_t(0));
      if (seq >= 1 && seq <= st.acked_seq) {
        if (st.oldest_kept > 0 && seq >= st.oldest_kept) {
          sync_.set_acked(seq - 1);
          log::info("sync", "central asked to resend from seq " + std::to_string(seq));
        } else {
          std::lock_guard lock(mu_);
          last_error_ = "cannot resend from seq " + std::to_string(seq) + ": the outbox keeps events from seq " +
                        std::to_string(st.oldest_kept) + " on (older ones were purged after acknowledgement)";
        }
      }
      want_run = true;
    }
    now_done.push_back(id);
  }
  // The central server's own acknowledged sequence (authenticated): ahead of ours means a
  // reply was lost after it committed; behind means it was restored from a backup.
  if (r.body.contains("acked_seq") && r.body["acked_seq"].is_number_integer()) {
    std::int64_t central = r.body["acked_seq"].get<std::int64_t>();
    auto now = sync_.state();
    if (central > now.acked_seq && central <= now.last_seq) {
      sync_.set_acked(central);
    } else if (central < now.acked_seq) {
      if (now.oldest_kept > 0 && central + 1 >= now.oldest_kept) {
        log::warn("sync", "central acknowledges only up to seq " + std::to_string(central) + " (this station: " +
                              std::to_string(now.acked_seq) + "): resending");
        sync_.set_acked(central);
      } else {
        std::lock_guard lock(mu_);
        last_error_ = "the central server lost events up to seq " + std::to_string(now.acked_seq) +
                      " that this station already purged; restore the central database";
      }
    }
  }
  std::lock_guard lock(mu_);
  std::erase_if(done_commands_, [&](std::int64_t id) { return std::find(done.begin(), done.end(), id) != done.end(); });
  for (auto id : now_done) done_commands_.push_back(id);
  if (want_run) wanted_ = true;
  return true;
}

bool SyncEngine::push() {
  int gap_rounds = 0;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return false;
    }
    auto st = sync_.state();
    {
      std::lock_guard lock(mu_);
      run_left_ = st.pending;
    }
    if (st.pending == 0) return true;
    auto batch = sync_.next_batch(st.acked_seq, opt_.batch_events, std::size_t(opt_.batch_bytes));
    if (batch.empty()) return true;
    if (batch.front().seq != st.acked_seq + 1) {
      fail("the outbox has no event " + std::to_string(st.acked_seq + 1) + " (next is " +
           std::to_string(batch.front().seq) + "): events were removed by hand");
      return false;
    }
    auto r = post(kPathBatches, encode_events(batch));
    if (r.status == 200) {
      std::int64_t acked = r.body.value("acked_seq", std::int64_t(0));
      std::int64_t mine = std::min(acked, batch.back().seq);
      if (mine < st.acked_seq) {
        // The central server is behind us (restored): send again from its position.
        if (st.oldest_kept == 0 || mine + 1 < st.oldest_kept) {
          fail("the central server acknowledges only up to seq " + std::to_string(mine) +
               " but this station purged older events; restore the central database");
          return false;
        }
      }
      sync_.set_acked(mine);
      std::lock_guard lock(mu_);
      std::int64_t n = std::max<std::int64_t>(0, mine - st.acked_seq);
      run_events_ += n;
      total_events_ += n;
      run_bytes_ += std::int64_t(r.bytes_out + r.bytes_in);
      total_bytes_ += std::int64_t(r.bytes_out + r.bytes_in);
      run_left_ = st.pending - n;
      gap_rounds = 0;
      continue;
    }
    if (r.error_code == "sequence_gap" && r.body.contains("expected_seq") && r.body["expected_seq"].is_number_integer()) {
      std::int64_t target = r.body["expected_seq"].get<std::int64_t>() - 1;
      if (++gap_rounds > 3 || target >= st.acked_seq || target < 0) {
        fail("the central server refuses the batch from seq " + std::to_string(batch.front().seq) +
             " as a gap and expects seq " + std::to_string(target + 1));
        return false;
      }
      if (st.oldest_kept == 0 || target + 1 < st.oldest_kept) {
        fail("the central server expects seq " + std::to_string(target + 1) +
             " but this station purged events before seq " + std::to_string(st.oldest_kept));
        return false;
      }
      log::warn("sync", "central expects seq " + std::to_string(target + 1) + ": resending from there");
      sync_.set_acked(target);
      continue;
    }
    fail(explain(opt_.central_url, opt_.protocol, r.status, r.error_code, r.body, r.transport_error));
    return false;
  }
}

bool SyncEngine::pull() {
  std::int64_t cursor = sync_.cursor();
  for (int pages = 0; pages < 100000; ++pages) {
    auto r = post(kPathPull, json{{"after", cursor}, {"limit", opt_.pull_page}}.dump());
    if (r.status != 200) {
      fail(explain(opt_.central_url, opt_.protocol, r.status, r.error_code, r.body, r.transport_error));
      return false;
    }
    const json& changes = r.body.contains("changes") ? r.body["changes"] : json::array();
    std::int64_t next = r.body.value("next_cursor", cursor);
    if (!changes.empty() || next != cursor) {
      int n = sync_.apply_page(changes, next);
      if (n > 0) log::info("sync", "applied " + std::to_string(n) + " reference changes, cursor " + std::to_string(next));
      cursor = next;
    }
    if (!r.body.value("more", false)) return true;
  }
  return true;
}

bool SyncEngine::run_once() {
  if (!configured_) return false;
  std::lock_guard run_lock(run_mu_);
  {
    std::lock_guard lock(mu_);
    run_started_ = Clock::now();
    run_started_iso_ = iso_utc(std::chrono::system_clock::now());
    last_attempt_ = run_started_iso_;
    ++runs_;
    run_events_ = run_bytes_ = 0;
    run_seconds_ = 0;
  }
  running_ = true;
  bool ok = false;
  try {
    ok = heartbeat() && push() && pull();
    if (ok) {
      sync_.purge(opt_.retention_days);
      {
        std::lock_guard lock(mu_);
        last_error_.clear();
      }
      ok = heartbeat();  // report the new backlog, hand back done commands
    }
  } catch (const std::exception& e) {
    fail(std::string("local error during sync: ") + e.what());
    ok = false;
  }
  running_ = false;
  std::lock_guard lock(mu_);
  run_seconds_ = std::chrono::duration<double>(Clock::now() - run_started_).count();
  if (ok) {
    failures_ = 0;
    last_error_.clear();
    last_success_ = iso_utc(std::chrono::system_clock::now());
    if (run_events_ > 0)
      log::info("sync", "sent " + std::to_string(run_events_) + " events (" + std::to_string(run_bytes_) +
                            " bytes) in " + std::to_string(run_seconds_) + " s");
  }
  return ok;
}

json SyncEngine::status() {
  OutboxState st;
  std::int64_t cursor = 0;
  json db = "ok";
  try {
    st = sync_.state();
    cursor = sync_.cursor();
  } catch (const std::exception&) {
    db = "unavailable";
  }
  std::lock_guard lock(mu_);
  double elapsed = running_ ? std::chrono::duration<double>(Clock::now() - run_started_).count() : run_seconds_;
  double next_in = std::max(0.0, std::chrono::duration<double>(next_due_ - Clock::now()).count());
  return {{"configured", configured_},
          {"central_url", opt_.central_url},
          {"station_id", opt_.station_id},
          {"protocol", opt_.protocol},
          {"running", running_.load()},
          {"pending_events", st.pending},
          {"acked_seq", st.acked_seq},
          {"last_seq", st.last_seq},
          {"oldest_kept_seq", st.oldest_kept},
          {"cursor", cursor},
          {"db", db},
          {"last_success", last_success_.empty() ? json(nullptr) : json(last_success_)},
          {"last_attempt", last_attempt_.empty() ? json(nullptr) : json(last_attempt_)},
          {"last_error", last_error_.empty() ? json(nullptr) : json(last_error_)},
          {"consecutive_failures", failures_},
          {"next_run_in_s", running_ ? 0.0 : std::round(next_in * 10) / 10},
          {"interval_s", opt_.interval_s},
          {"progress",
           {{"events_left", running_ ? run_left_ : st.pending},
            {"events_sent", run_events_},
            {"bytes_sent", run_bytes_},
            {"seconds", std::round(elapsed * 1000) / 1000},
            {"rate_events_per_s", elapsed > 0 ? std::round(double(run_events_) / elapsed) : 0.0},
            {"started_at", run_started_iso_.empty() ? json(nullptr) : json(run_started_iso_)}}},
          {"runs", runs_},
          {"totals", {{"events_sent", total_events_}, {"bytes", total_bytes_}}}};
}

}  // namespace tx::sync
