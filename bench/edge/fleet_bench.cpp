// tongxing_bench_fleet: central holding a fleet of stations' keep-alive connections, each sending
// a signed heartbeat every --heartbeat-s seconds, while --ingest stations push their backlogs
// (docs/benchmarks.md "HTTP edge"; issue 14: 10,000 stations, heartbeat p99 < 100 ms while
// ingesting from 200 of them).
//   tongxing_bench_fleet [--stations 10000] [--heartbeat-s 30] [--idle-s 30] [--ingest 200]
//                        [--events 2500] [--batch 500] [--threads 64]
//                        [--batch-workers N] [--heartbeat-flush-ms N]  (central's [central] keys;
//                        default: central's defaults, 8 and 2000)
//                        [--group-batches N]  ([central] group_batches: the group commit's
//                        largest group; 1 = one transaction per batch, as before round 6)
//                        [--pool-size N]  ([postgresql] pool_size; default 8)
//                        [--engine sqlite|postgresql]  (default sqlite; postgresql starts a
//                        throwaway PostgreSQL server as the tests do)
//                        [--pushers epoll|threads] [--pusher-threads 1]  (the ingest stations:
//                        epoll threads writing pre-built requests, default; or one httplib
//                        client thread per station, as before round 5)
// Phases: enrol every station (admin API), open the fleet's connections (from 127.0.1.x, 200 per
// address, under central's per-peer cap), heartbeats alone for --idle-s, then heartbeats while
// the ingest stations send --events each in batches of --batch (the next batch when the last is
// acknowledged, as a station does). One thread drives the whole fleet with epoll; heartbeat
// bodies are sealed and signed as they are sent (a fresh hb_seq each time). Besides events/s it
// prints what the machine's load moves little: CPU seconds per 100,000 events of central
// (/proc/PID/stat) and of the load generator (its threads' own), and the load average.
#include <arpa/inet.h>
#include <cerrno>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>

#include "loopback.h"
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <random>
#include <thread>

#include "common/args.h"
#include "common/secrets.h"
#include "domain/identity.h"
#include "harness.h"
#include "sync/protocol.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

double pct(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

struct Member {
  std::string id;
  tx::sync::StationKeys keys;
  int fd = -1;
  Clock::time_point due, sent;
  bool waiting = false;
  std::string in;
};

// connect_watched: a blocking connect (loopback) from `from` to central, TCP_NODELAY, added to
// the epoll set `ep` for input with `key`; -1 when refused.
int connect_watched(int ep, int port, const std::string& from, std::size_t key) {
  int fd = tx::bench::connect_from(from, port);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = key;
  ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  return fd;
}

// Fleet: the keep-alive stations, driven by one epoll thread.
class Fleet {
 public:
  Fleet(int port, std::vector<Member> members, std::chrono::seconds every)
      : port_(port), m_(std::move(members)), every_(every), ep_(::epoll_create1(EPOLL_CLOEXEC)) {}
  ~Fleet() {
    for (auto& m : m_)
      if (m.fd >= 0) ::close(m.fd);
    ::close(ep_);
  }

  // connect_all: one connection per station; the first heartbeats spread over one period.
  int connect_all() {
    std::mt19937 rng(7);
    int ok = 0;
    for (std::size_t i = 0; i < m_.size(); ++i) {
      open(i);
      ok += m_[i].fd >= 0;
      m_[i].due = Clock::now() + std::chrono::milliseconds(rng() % (every_.count() * 1000));
    }
    return ok;
  }

  // run: until `stop`, sends heartbeats when due and reads the answers; latencies go to the
  // current phase's list (`phase` is switched by the caller).
  void run(std::atomic<bool>& stop) {
    std::vector<epoll_event> evs(1024);
    while (!stop) {
      auto now = Clock::now();
      for (std::size_t i = 0; i < m_.size(); ++i) {
        auto& m = m_[i];
        if (m.waiting || now < m.due) continue;
        if (m.fd < 0) open(i), ++reconnects_;
        if (m.fd < 0) continue;
        send_heartbeat(m);
      }
      int n = ::epoll_wait(ep_, evs.data(), int(evs.size()), 5);
      for (int k = 0; k < n; ++k) read(std::size_t(evs[k].data.u64));
    }
  }

  std::vector<double> take_latencies() {
    std::lock_guard lock(mu_);
    return std::exchange(lat_, {});
  }
  long failures() const { return failures_; }
  std::string refusals() {
    std::lock_guard lock(mu_);
    std::string out;
    for (const auto& [k, n] : refusals_) out += (out.empty() ? "" : ", ") + k + " x" + std::to_string(n);
    return out.empty() ? "none" : out;
  }
  long reconnects() const { return reconnects_; }

 private:
  void open(std::size_t i) {
    m_[i].fd = connect_watched(ep_, port_, "127.0.1." + std::to_string(1 + i / 200), i);
  }
  void drop(Member& m) {
    ::epoll_ctl(ep_, EPOLL_CTL_DEL, m.fd, nullptr);
    ::close(m.fd);
    m.fd = -1;
    m.waiting = false;
    m.in.clear();
  }
  void send_heartbeat(Member& m) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    std::string plain = R"({"hb_seq":)" + std::to_string(ms.count() * 1000 + (seq_++ % 1000)) +
                        R"(,"backlog":0,"last_seq":0,"acked_seq":0,"disk_free_bytes":1000000000,"last_error":"",)"
                        R"("version":"bench","protocol":1,"done_commands":[]})";
    std::string body = tx::sync::seal_body(m.keys, plain);
    std::string req = std::string("POST ") + tx::sync::kPathHeartbeat + " HTTP/1.1\r\nHost: central\r\n" +
                      tx::sync::kHeaderProtocol + ": 1\r\n" + tx::sync::kHeaderStation + ": " + m.id + "\r\n" +
                      tx::sync::kHeaderSignature + ": " +
                      tx::sync::sign(m.keys, "POST", tx::sync::kPathHeartbeat, m.id, 1, body) +
                      "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + std::to_string(body.size()) +
                      "\r\n\r\n" + body;
    m.sent = Clock::now();
    m.due = m.sent + every_;
    if (::send(m.fd, req.data(), req.size(), MSG_NOSIGNAL) != ssize_t(req.size())) {
      ++failures_;
      drop(m);
      return;
    }
    m.waiting = true;
  }
  void read(std::size_t i) {
    auto& m = m_[i];
    if (m.fd < 0) return;
    char buf[4096];
    ssize_t n = ::recv(m.fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n <= 0) {
      if (m.waiting) ++failures_;
      drop(m);  // closed by the server (idle timeout): reopened at the next heartbeat
      return;
    }
    m.in.append(buf, std::size_t(n));
    auto end = m.in.find("\r\n\r\n");
    if (end == std::string::npos) return;
    auto cl = m.in.find("Content-Length: ");
    std::size_t len = cl == std::string::npos || cl > end ? 0 : std::stoul(m.in.substr(cl + 16));
    if (m.in.size() < end + 4 + len) return;
    bool ok = m.in.rfind("HTTP/1.1 200", 0) == 0;
    if (!ok) {
      std::lock_guard lock(mu_);
      // The status and the error code, e.g. "503 server_busy".
      auto code = m.in.find("\"code\":\"", end);
      refusals_[m.in.substr(9, 3) + (code == std::string::npos ? "" : " " + m.in.substr(code + 8, m.in.find('"', code + 8) - code - 8))]++;
    }
    m.in.erase(0, end + 4 + len);
    m.waiting = false;
    if (!ok) {
      ++failures_;
      return;
    }
    std::lock_guard lock(mu_);
    lat_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - m.sent).count());
  }

  int port_;
  std::vector<Member> m_;
  std::chrono::seconds every_;
  int ep_;
  std::mutex mu_;
  std::vector<double> lat_;
  std::map<std::string, long> refusals_;
  std::atomic<long> failures_{0}, reconnects_{0};
  std::uint64_t seq_ = 0;
};

// Pushers: the ingest stations, driven by one epoll thread (--pushers epoll, the default). Each
// station holds one keep-alive connection and writes the pre-built bytes of its next request
// (headers and sealed, signed body, built before the timed window) when the last one is
// acknowledged; a refusal is retried after 10 ms (at most 50 attempts per batch, as before), a
// closed connection is reopened and the batch sent again. The same requests, in the same order,
// as the thread-per-station client (--pushers threads), at a fraction of its CPU.
class Pushers {
 public:
  struct Station {
    std::vector<std::string> requests;  // whole HTTP requests, in order
    std::size_t next = 0;               // the request being sent or awaited
    int attempt = 0;
    int fd = -1;
    std::size_t written = 0;
    std::string in;
    Clock::time_point sent, retry_at;
    bool waiting_retry = false;
  };
  Pushers(int port, std::vector<Station> st) : port_(port), st_(std::move(st)), ep_(::epoll_create1(EPOLL_CLOEXEC)) {}
  ~Pushers() {
    for (auto& s : st_)
      if (s.fd >= 0) ::close(s.fd);
    ::close(ep_);
  }

  // run: until every station's last batch is acknowledged (or given up after 50 attempts).
  void run() {
    active_ = long(st_.size());
    for (std::size_t i = 0; i < st_.size(); ++i) start(i);
    std::vector<epoll_event> evs(256);
    while (active_ > 0) {
      int n = ::epoll_wait(ep_, evs.data(), int(evs.size()), retries_pending_ ? 2 : 100);
      for (int k = 0; k < n; ++k) {
        std::size_t i = std::size_t(evs[k].data.u64);
        if (evs[k].events & EPOLLOUT) write(i);
        if (evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) read(i);
      }
      if (retries_pending_) {
        auto now = Clock::now();
        retries_pending_ = 0;
        for (std::size_t i = 0; i < st_.size(); ++i) {
          auto& s = st_[i];
          if (!s.waiting_retry) continue;
          if (now >= s.retry_at) s.waiting_retry = false, start(i);
          else ++retries_pending_;
        }
      }
    }
  }
  const std::vector<double>& latencies() const { return lat_; }
  long retried() const { return retried_; }
  long opened() const { return opened_; }
  const std::map<std::string, long>& retry_why() const { return why_; }

 private:
  void start(std::size_t i) {
    auto& s = st_[i];
    if (s.next >= s.requests.size()) {
      if (s.fd >= 0) ::epoll_ctl(ep_, EPOLL_CTL_DEL, s.fd, nullptr), ::close(s.fd), s.fd = -1;
      --active_;
      return;
    }
    if (s.fd < 0 && !open(i)) return failed(i, "no answer");
    s.written = 0;
    s.in.clear();
    s.sent = Clock::now();
    write(i);
  }
  bool open(std::size_t i) {
    st_[i].fd = connect_watched(ep_, port_, "127.0.0.1", i);
    if (st_[i].fd < 0) return false;
    ++opened_;
    return true;
  }
  void drop(std::size_t i) {
    auto& s = st_[i];
    ::epoll_ctl(ep_, EPOLL_CTL_DEL, s.fd, nullptr);
    ::close(s.fd);
    s.fd = -1;
  }
  void watch_out(std::size_t i, bool on) {
    epoll_event ev{};
    ev.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    ev.data.u64 = i;
    ::epoll_ctl(ep_, EPOLL_CTL_MOD, st_[i].fd, &ev);
  }
  void write(std::size_t i) {
    auto& s = st_[i];
    const std::string& req = s.requests[s.next];
    if (s.fd < 0 || s.written >= req.size()) return;
    ssize_t n = ::send(s.fd, req.data() + s.written, req.size() - s.written, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) n = 0;
    if (n < 0) return drop(i), failed(i, "no answer");
    bool was_partial = s.written > 0 && s.written < req.size();
    s.written += std::size_t(n);
    if (s.written < req.size()) watch_out(i, true);
    else if (was_partial || n == 0) watch_out(i, false);
  }
  void read(std::size_t i) {
    auto& s = st_[i];
    if (s.fd < 0) return;
    char buf[4096];
    ssize_t n = ::recv(s.fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (n <= 0 && s.waiting_retry) return drop(i);  // closed between attempts: reopened at the next
    if (n <= 0) return drop(i), failed(i, "no answer");
    s.in.append(buf, std::size_t(n));
    auto end = s.in.find("\r\n\r\n");
    if (end == std::string::npos) return;
    auto cl = s.in.find("Content-Length: ");
    std::size_t len = cl == std::string::npos || cl > end ? 0 : std::stoul(s.in.substr(cl + 16));
    if (s.in.size() < end + 4 + len) return;
    if (s.in.rfind("HTTP/1.1 200", 0) != 0) {
      std::string status = s.in.substr(9, 3);
      bool close = s.in.find("Connection: close") < end;
      if (close) drop(i);
      return failed(i, status);
    }
    lat_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s.sent).count());
    ++s.next;
    s.attempt = 0;
    start(i);
  }
  // failed: counted as the threads' client counts it, then retried after 10 ms.
  void failed(std::size_t i, const std::string& why) {
    auto& s = st_[i];
    ++retried_;
    ++why_[why];
    if (++s.attempt >= 50) ++s.next, s.attempt = 0;  // given up: the count of stored events shows it
    s.waiting_retry = true;
    s.retry_at = Clock::now() + 10ms;
    ++retries_pending_;
  }

  int port_;
  std::vector<Station> st_;
  int ep_;
  long active_ = 0;
  long retries_pending_ = 0;
  long retried_ = 0, opened_ = 0;
  std::map<std::string, long> why_;
  std::vector<double> lat_;
};

// batches: one ingest station's backlog, sealed and signed in advance.
std::vector<std::pair<std::string, std::string>> batches(const std::string& id, const tx::sync::StationKeys& k,
                                                         int events, int batch) {
  static const std::string someone = [] {
    const char* first17 = "44052419600315012";
    return std::string(first17) + tx::id_check_character(first17);
  }();
  std::vector<std::pair<std::string, std::string>> out;
  for (int first = 1; first <= events; first += batch) {
    std::vector<tx::sync::Event> ev;
    for (int q = first; q < std::min(events + 1, first + batch); ++q)
      ev.push_back({q, tx::random_hex(16), "appointment.booked", "2030-01-01T01:02:03Z",
                    R"({"appointment_id":)" + std::to_string(q) + R"(,"resident_id":)" + std::to_string(q % 977) +
                        R"(,"id_number":")" + someone + R"(","kind":"renewal","date":"2030-01-05","channel":"kiosk",)" +
                        R"("terminal":"kiosk-)" + std::to_string(q % 4) + R"("})"});
    std::string body = tx::sync::seal_body(k, tx::sync::encode_events(ev));
    out.emplace_back(body, tx::sync::sign(k, "POST", tx::sync::kPathBatches, id, 1, body));
  }
  return out;
}

// cpu_s: CPU seconds (user + system) a process (or, with a task id, one of our threads) has used.
double cpu_s(pid_t pid, pid_t task = 0) {
  std::ifstream in(task ? "/proc/self/task/" + std::to_string(task) + "/stat" : "/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), {});
  std::istringstream rest(all.substr(all.rfind(')') + 2));
  std::string f;
  unsigned long long ut = 0, st = 0;
  for (int i = 3; i <= 15 && rest >> f; ++i) {
    if (i == 14) ut = std::stoull(f);
    if (i == 15) st = std::stoull(f);
  }
  return double(ut + st) / double(::sysconf(_SC_CLK_TCK));
}

}  // namespace

int main(int argc, char** argv) {
  tx::Args args(argc, argv);
  args.check({"stations", "heartbeat-s", "idle-s", "ingest", "events", "batch", "threads", "batch-workers",
              "heartbeat-flush-ms", "engine", "pool-size", "pushers", "group-batches",
              "pusher-threads"});
  const std::string pusher_mode = args.get_or("pushers", "epoll");
  const int pusher_threads = int(args.int_or("pusher-threads", 1));
  if ((pusher_mode != "epoll" && pusher_mode != "threads") || pusher_threads < 1) {
    std::fprintf(stderr, "--pushers: epoll or threads; --pusher-threads: 1 or more\n");
    return 2;
  }
  int stations = int(args.int_or("stations", 10000)), every = int(args.int_or("heartbeat-s", 30));
  int idle_s = int(args.int_or("idle-s", 30)), ingest = int(args.int_or("ingest", 200));
  int events = int(args.int_or("events", 2500)), batch = int(args.int_or("batch", 500));
  std::string threads = std::to_string(args.int_or("threads", 64));
  rlimit rl{};
  ::getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &rl);

  TempDir dir;
  std::vector<std::string> extra = {"--threads", threads};
  std::string toml;
  if (args.get("batch-workers")) toml += "batch_workers = " + std::to_string(args.int_or("batch-workers", 8)) + "\n";
  if (args.get("heartbeat-flush-ms"))
    toml += "heartbeat_flush_ms = " + std::to_string(args.int_or("heartbeat-flush-ms", 2000)) + "\n";
  if (args.get("group-batches"))
    toml += "group_batches = " + std::to_string(args.int_or("group-batches", 32)) + "\n";
  if (!toml.empty()) toml = "[central]\n" + toml;
  if (args.get("pool-size"))
    toml += "[postgresql]\npool_size = " + std::to_string(args.int_or("pool-size", 8)) + "\n";
  if (!toml.empty()) {
    std::ofstream(dir.file("central.toml")) << toml;
    extra.insert(extra.end(), {"--config", dir.file("central.toml")});
    std::printf("central config: %s", toml.c_str());
  }
  const std::string engine_name = args.get("engine").value_or("sqlite");
  if (engine_name != "sqlite" && engine_name != "postgresql") {
    std::fprintf(stderr, "--engine: sqlite or postgresql\n");
    return 2;
  }
  const Engine engine = engine_name == "sqlite" ? Engine::sqlite : Engine::postgresql;
  Central central(central_db(engine, dir.path()), dir.path(), extra);
  std::printf("central (%s) on port %d, pid %d, %s worker threads\n", engine_name.c_str(), central.port(),
              int(central.pid()), threads.c_str());

  auto t0 = Clock::now();
  std::vector<Member> fleet(static_cast<std::size_t>(stations));
  std::vector<std::pair<std::string, tx::sync::StationKeys>> pushers;
  {
    std::vector<std::thread> ts;
    std::atomic<int> next{0};
    std::mutex mu;
    for (int t = 0; t < 4; ++t)
      ts.emplace_back([&] {
        for (int i; (i = next++) < stations + ingest;) {
          auto [id, secret] = central.add_station("bench-" + std::to_string(i));
          auto keys = *tx::sync::StationKeys::from_secret(secret);
          if (i < stations) {
            fleet[std::size_t(i)].id = id;
            fleet[std::size_t(i)].keys = keys;
          } else {
            std::lock_guard lock(mu);
            pushers.emplace_back(id, keys);
          }
        }
      });
    for (auto& t : ts) t.join();
  }
  std::printf("enrolled %d + %d stations in %.1f s\n", stations, ingest,
              std::chrono::duration<double>(Clock::now() - t0).count());

  Fleet f(central.port(), std::move(fleet), std::chrono::seconds(every));
  int open = f.connect_all();
  std::printf("%d of %d keep-alive connections open\n", open, stations);
  std::atomic<bool> stop{false};
  std::atomic<pid_t> driver_tid{0};
  std::thread driver([&] {
    driver_tid = pid_t(::syscall(SYS_gettid));
    f.run(stop);
  });
  while (!driver_tid) std::this_thread::sleep_for(1ms);

  double cpu0 = cpu_s(central.pid());
  // A connection's first request touches its fresh memory (page faults); with --idle-s of two
  // heartbeat periods or more, the heartbeats' cost is also taken over the last period alone,
  // when every connection has been used once (the steady state the ingest runs in).
  double steady_cores = -1;
  if (idle_s >= 2 * every) {
    std::this_thread::sleep_for(std::chrono::seconds(idle_s - every));
    double c = cpu_s(central.pid());
    std::this_thread::sleep_for(std::chrono::seconds(every));
    steady_cores = (cpu_s(central.pid()) - c) / every;
  } else {
    std::this_thread::sleep_for(std::chrono::seconds(idle_s));
  }
  auto idle = f.take_latencies();
  double idle_cores = (cpu_s(central.pid()) - cpu0) / idle_s;  // the fleet's heartbeats alone
  if (steady_cores >= 0) {
    std::printf("heartbeats alone, last %d s (every connection used before): central used %.2f cores\n", every,
                steady_cores);
  }
  std::printf("heartbeats alone (%d s): %zu answered, p50 %.1f ms, p99 %.1f ms; central used %.2f cores\n", idle_s,
              idle.size(), pct(idle, 0.5), pct(idle, 0.99), idle_cores);

  std::vector<std::vector<std::pair<std::string, std::string>>> work;
  for (const auto& [id, k] : pushers) work.push_back(batches(id, k, events, batch));
  std::atomic<long> retried{0}, opened{0};
  std::vector<double> batch_ms;
  std::map<std::string, long> retry_why;
  std::mutex bmu;
  std::atomic<double> gen_cpu{0};  // the pushers' own CPU seconds (their threads' getrusage)
  auto thread_cpu = [] {
    rusage ru{};
    ::getrusage(RUSAGE_THREAD, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  };
  auto add_cpu = [&](double v) {
    for (double cur = gen_cpu; !gen_cpu.compare_exchange_weak(cur, cur + v);) {
    }
  };
  // The epoll pushers' requests: built (headers and all) before the clock starts.
  std::vector<Pushers::Station> prebuilt;
  if (pusher_mode == "epoll")
    for (std::size_t s = 0; s < pushers.size(); ++s) {
      Pushers::Station st;
      for (const auto& [body, sig] : work[s])
        st.requests.push_back(std::string("POST ") + tx::sync::kPathBatches + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                              tx::sync::kHeaderProtocol + ": 1\r\n" + tx::sync::kHeaderStation + ": " +
                              pushers[s].first + "\r\n" + tx::sync::kHeaderSignature + ": " + sig +
                              "\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body);
      prebuilt.push_back(std::move(st));
    }
  auto load_avg = [] {
    std::ifstream in("/proc/loadavg");
    double a = 0;
    in >> a;
    return a;
  };
  double load0 = load_avg();
  rusage self0{};
  ::getrusage(RUSAGE_SELF, &self0);
  double driver0 = cpu_s(0, driver_tid.load());
  auto t1 = Clock::now();
  double cpu1 = cpu_s(central.pid());
  std::vector<std::thread> ts;
  if (pusher_mode == "epoll") {
    for (int t = 0; t < pusher_threads; ++t)
      ts.emplace_back([&, t] {
        std::vector<Pushers::Station> mine;
        for (std::size_t s = std::size_t(t); s < prebuilt.size(); s += std::size_t(pusher_threads))
          mine.push_back(std::move(prebuilt[s]));
        Pushers p(central.port(), std::move(mine));
        p.run();
        add_cpu(thread_cpu());
        std::lock_guard lock(bmu);
        batch_ms.insert(batch_ms.end(), p.latencies().begin(), p.latencies().end());
        retried += p.retried();
        opened += p.opened();
        for (const auto& [why, n] : p.retry_why()) retry_why[why] += n;
      });
  } else {
    for (std::size_t s = 0; s < pushers.size(); ++s)
      ts.emplace_back([&, s] {
        httplib::Client cli("127.0.0.1", central.port());
        cli.set_keep_alive(true);
        cli.set_read_timeout(60, 0);
        for (const auto& [body, sig] : work[s]) {
          for (int attempt = 0; attempt < 50; ++attempt) {
            httplib::Headers h = {{tx::sync::kHeaderProtocol, "1"}, {tx::sync::kHeaderStation, pushers[s].first},
                                  {tx::sync::kHeaderSignature, sig}};
            auto t = Clock::now();
            auto res = cli.Post(tx::sync::kPathBatches, h, body, "application/octet-stream");
            if (res && res->status == 200) {
              std::lock_guard lock(bmu);
              batch_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
              break;
            }
            ++retried;
            {
              std::lock_guard lock(bmu);
              retry_why[res ? std::to_string(res->status) : std::string("no answer")]++;
            }
            std::this_thread::sleep_for(10ms);
          }
        }
        add_cpu(thread_cpu());
      });
  }
  for (auto& t : ts) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - t1).count();
  double central_cpu = cpu_s(central.pid()) - cpu1;
  double central_cores = central_cpu / secs;
  double driver_cpu = cpu_s(0, driver_tid.load()) - driver0;
  rusage self1{};
  ::getrusage(RUSAGE_SELF, &self1);
  auto tv = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  double self_cpu = tv(self1.ru_utime) + tv(self1.ru_stime) - tv(self0.ru_utime) - tv(self0.ru_stime);
  double load1 = load_avg();
  auto during = f.take_latencies();
  stop = true;
  driver.join();
  std::int64_t stored = 0;
  for (const auto& s : central.stations()) stored += s["events_received"].get<std::int64_t>();
  std::printf("ingest: %lld of %lld events in %.1f s = %.0f events/s; batch p50 %.1f ms, p99 %.1f ms; %ld retried; "
              "central used %.2f cores\n",
              (long long)stored, (long long)ingest * events, secs, double(stored) / secs, pct(batch_ms, 0.5),
              pct(batch_ms, 0.99), retried.load(), central_cores);
  for (const auto& [why, n] : retry_why) std::printf("  batch retried after %s: %ld\n", why.c_str(), n);
  if (pusher_mode == "epoll") std::printf("  pushers opened %ld connections for %zu batches\n", opened.load(), batch_ms.size());
  {
    // Group commit (round 6): how many transactions applied the batches (central's /metrics).
    httplib::Client cli("127.0.0.1", central.port());
    auto m = cli.Get("/metrics");
    auto value = [&](const std::string& name) {
      if (!m) return 0.0;
      auto at = m->body.find("\n" + name + " ");
      return at == std::string::npos ? 0.0 : std::atof(m->body.c_str() + at + name.size() + 2);
    };
    double tx = value("tongxing_central_batch_transactions_total"), all = value("tongxing_central_batches_applied_total");
    std::printf("group commit: %.0f batches in %.0f transactions (%.1f per transaction), %.0f shared one\n", all, tx,
                tx > 0 ? all / tx : 0.0, value("tongxing_central_batches_grouped_total"));
    // The serial part: the writer's own CPU per 100k events, and the rate one core could apply.
    double writer_s = value("tongxing_central_batch_writer_cpu_microseconds_total") / 1e6;
    if (stored > 0 && writer_s > 0)
      std::printf("writer: %.3f CPU s per 100k events in the transactions; one core's ceiling %.0f events/s\n",
                  writer_s * 1e5 / double(stored), double(stored) / writer_s);
  }
  // The figures the machine's load does not move much: CPU seconds per 100,000 events stored.
  double per100k = stored > 0 ? 1e5 / double(stored) : 0;
  std::printf("cpu per 100k events: central %.3f s (user+sys); load generator: pushers (%s) %.3f s, fleet driver "
              "%.3f s, whole bench process %.3f s; load average %.2f -> %.2f\n",
              central_cpu * per100k, pusher_mode.c_str(), gen_cpu.load() * per100k, driver_cpu * per100k,
              self_cpu * per100k, load0, load1);
  // The heartbeats go on while ingesting: what is left after their rate alone is the events' own.
  if (steady_cores >= 0) idle_cores = steady_cores;
  const double events_cpu = std::max(0.0, central_cpu - idle_cores * secs);
  std::printf("central: %.3f CPU s per 100k events net of the heartbeats (%.2f cores while alone); 100,000 "
              "events/s with this fleet needs %.2f cores for central\n",
              events_cpu * per100k, idle_cores, events_cpu * per100k + idle_cores);
  std::printf("heartbeats while ingesting: %zu answered, p50 %.1f ms, p99 %.1f ms; %ld failed (%s), %ld reconnects\n",
              during.size(), pct(during, 0.5), pct(during, 0.99), f.failures(), f.refusals().c_str(), f.reconnects());
  return 0;
}
