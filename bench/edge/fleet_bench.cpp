// tongxing_bench_fleet: central holding a fleet of stations' keep-alive connections, each sending
// a signed heartbeat every --heartbeat-s seconds, while --ingest stations push their backlogs
// (docs/benchmarks.md "HTTP edge"; issue 14: 10,000 stations, heartbeat p99 < 100 ms while
// ingesting from 200 of them).
//   tongxing_bench_fleet [--stations 10000] [--heartbeat-s 30] [--idle-s 30] [--ingest 200]
//                        [--events 2500] [--batch 500] [--threads 64]
//                        [--batch-workers N] [--heartbeat-flush-ms N]  (central's [central] keys;
//                        default: central's defaults, 8 and 2000)
//                        [--pool-size N]  ([postgresql] pool_size; default 8)
//                        [--engine sqlite|postgresql]  (default sqlite; postgresql starts a
//                        throwaway PostgreSQL server as the tests do)
// Phases: enrol every station (admin API), open the fleet's connections (from 127.0.1.x, 200 per
// address, under central's per-peer cap), heartbeats alone for --idle-s, then heartbeats while
// the ingest stations send --events each in batches of --batch (the next batch when the last is
// acknowledged, as a station does). One thread drives the whole fleet with epoll; heartbeat
// bodies are sealed and signed as they are sent (a fresh hb_seq each time).
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
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
    auto& m = m_[i];
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    std::string from = "127.0.1." + std::to_string(1 + i / 200);
    ::inet_pton(AF_INET, from.c_str(), &src.sin_addr);
    ::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src);
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(std::uint16_t(port_));
    ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
      ::close(fd);
      return;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
    m.fd = fd;
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

// cpu_s: CPU seconds (user + system) a process has used so far.
double cpu_s(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
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
              "heartbeat-flush-ms", "engine", "pool-size"});
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
  std::printf("central (%s) on port %d, %s worker threads\n", engine_name.c_str(), central.port(), threads.c_str());

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
  std::thread driver([&] { f.run(stop); });

  double cpu0 = cpu_s(central.pid());
  std::this_thread::sleep_for(std::chrono::seconds(idle_s));
  auto idle = f.take_latencies();
  std::printf("heartbeats alone (%d s): %zu answered, p50 %.1f ms, p99 %.1f ms; central used %.2f cores\n", idle_s,
              idle.size(), pct(idle, 0.5), pct(idle, 0.99), (cpu_s(central.pid()) - cpu0) / idle_s);

  std::vector<std::vector<std::pair<std::string, std::string>>> work;
  for (const auto& [id, k] : pushers) work.push_back(batches(id, k, events, batch));
  std::atomic<long> retried{0};
  std::vector<double> batch_ms;
  std::map<std::string, long> retry_why;
  std::mutex bmu;
  auto t1 = Clock::now();
  double cpu1 = cpu_s(central.pid());
  std::vector<std::thread> ts;
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
    });
  for (auto& t : ts) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - t1).count();
  double central_cores = (cpu_s(central.pid()) - cpu1) / secs;
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
  std::printf("heartbeats while ingesting: %zu answered, p50 %.1f ms, p99 %.1f ms; %ld failed (%s), %ld reconnects\n",
              during.size(), pct(during, 0.5), pct(during, 0.99), f.failures(), f.refusals().c_str(), f.reconnects());
  return 0;
}
