// tongxing_bench_edge: a service's HTTP edge under slow connections and a header flood
// (docs/benchmarks.md "HTTP edge"). Starts the real binary on loopback, then
//   1. /api/v1/health latency with no load (baseline) and, for the station, a real booking
//      after each (POST /api/v1/appointments, a first-time applicant),
//   2. the same while --slow connections (from 50 loopback addresses, 127.0.0.2 …) send their
//      headers one line per second and are reopened whenever the server closes them,
//   3. RSS before, during (peak) and after --flood-s seconds of 8 connections sending endless
//      header blocks.
// Usage: tongxing_bench_edge --service station|central [--slow 1000] [--slow-s 60] [--flood-s 60]
//        [--binary PATH] (PATH: another build of the same service, e.g. the one before a change)
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/identity.h"
#include "process.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

#include "loopback.h"

namespace {

using tx::bench::connect_from;

bool send_all(int fd, const std::string& s) { return ::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == ssize_t(s.size()); }

// peer_closed: the server closed (or reset) the connection.
bool peer_closed(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  char buf[512];
  return ::recv(fd, buf, sizeof buf, MSG_DONTWAIT) <= 0 || (p.revents & (POLLHUP | POLLERR));
}

long rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

Clock::time_point g_start = Clock::now();
double since_start() { return std::chrono::duration<double>(Clock::now() - g_start).count(); }

struct Latency {
  std::vector<double> ms;
  std::vector<std::pair<double, double>> at;  // (ms, seconds since start) of every sample
  int failed = 0;
  double pct(double p) {
    if (ms.empty()) return -1;
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, std::size_t(p * double(ms.size())))];
  }
  // slowest: the n slowest samples with when they were taken (to line them up with events).
  std::string slowest(std::size_t n) {
    auto v = at;
    std::sort(v.begin(), v.end(), std::greater<>());
    std::string out;
    char buf[48];
    for (std::size_t i = 0; i < std::min(n, v.size()); ++i) {
      std::snprintf(buf, sizeof buf, "%s%.0f ms @%.1fs", i ? ", " : "", v[i].first, v[i].second);
      out += buf;
    }
    return out;
  }
};

// timed: one request on a fresh connection from 127.0.0.1 (as a kiosk or a monitor that just
// connected); its time goes into `l` when it got the expected status.
template <class F>
void timed(Latency& l, int port, int expect, F&& request) {
  auto t0 = Clock::now();
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(5, 0);
  auto r = request(c);
  if (!r || r->status != expect) {
    ++l.failed;
  } else {
    l.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    l.at.emplace_back(l.ms.back(), since_start());
  }
}

// A booking as a kiosk sends it: a first-time applicant (new ID number each time, full phone)
// booking a first assessment — identity check, registration, a place taken, audit and outbox
// rows, all in one write transaction.
struct Booker {
  std::string day;
  int n = 0;
  httplib::Result operator()(httplib::Client& c) {
    ++n;
    char first17[18];
    std::snprintf(first17, sizeof first17, "110105%04d%02d%02d%03d", 1950 + n / 10000 % 50, 1 + n / 28 % 12, 1 + n % 28,
                  n % 1000);
    std::string id = std::string(first17) + tx::id_check_character(first17);
    char phone[12];
    std::snprintf(phone, sizeof phone, "139%08d", n);
    std::string body = std::string("{\"kind\":\"first_assessment\",\"date\":\"") + day + "\",\"id_number\":\"" + id +
                       "\",\"phone\":\"" + phone + "\"}";
    return c.Post("/api/v1/appointments", {{"X-Tongxing-Terminal", "bench-kiosk"}}, body, "application/json");
  }
};

// sample: /api/v1/health every 50 ms for `d` and, with a booker, a booking after each.
Latency sample(int port, std::chrono::seconds d, Booker* booker = nullptr, Latency* bookings = nullptr) {
  Latency l;
  auto end = Clock::now() + d;
  while (Clock::now() < end) {
    timed(l, port, 200, [](httplib::Client& c) { return c.Get("/api/v1/health"); });
    if (booker) timed(*bookings, port, 201, *booker);
    std::this_thread::sleep_for(50ms);
  }
  return l;
}

// The station's config for the booking probe: a first-assessment session every day with room
// for every booking the run makes, and no per-kiosk rate limit in the way.
const char* kStationConfig =
    "[booking]\nterminal_requests_per_minute = 100000\n"
    "[[calendar.session]]\nkinds = [\"first_assessment\"]\nweekdays = [1, 2, 3, 4, 5, 6, 7]\nstart = \"09:00\"\n"
    "end = \"17:00\"\ninstitution = \"bench\"\nplace = \"bench\"\ncapacity = { first_assessment = 10000 }\n";

std::string bookable_day(int port) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get("/api/v1/assessment-days?kind=first_assessment");
  if (!r) return "";
  auto at = r->body.find("\"date\":\"");
  return at == std::string::npos ? "" : r->body.substr(at + 8, 10);
}

}  // namespace

int main(int argc, char** argv) {
  std::string service = "station", binary;
  int slow = 1000, slow_s = 60, flood_s = 60;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--service") service = v;
    else if (k == "--binary") binary = v;
    else if (k == "--slow") slow = std::stoi(v);
    else if (k == "--slow-s") slow_s = std::stoi(v);
    else if (k == "--flood-s") flood_s = std::stoi(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  rlimit rl{};
  ::getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &rl);
  bool station = service == "station";
  if (binary.empty()) binary = tx::test::bin(station ? "tongxing-stationd" : "tongxing-centrald");
  tx::test::TempDir dir;
  std::vector<std::string> args = {"--db", dir.file(station ? "station.db" : "central.db")};
  if (station) {
    std::ofstream(dir.file("station.toml")) << kStationConfig;
    args.insert(args.end(), {"--config", dir.file("station.toml")});
  }
  auto svc = tx::test::start_service(binary, args, dir.path(), service);
  std::printf("%s (%s), port %d\n", service.c_str(), binary.c_str(), svc.port);
  Booker booker;
  if (station) booker.day = bookable_day(svc.port);
  Booker* book = station && !booker.day.empty() ? &booker : nullptr;

  Latency base_booked;
  auto base = sample(svc.port, 5s, book, &base_booked);
  std::printf("baseline            /health p50 %.1f ms  p99 %.1f ms  failed %d of %zu\n", base.pct(0.5), base.pct(0.99),
              base.failed, base.ms.size() + std::size_t(base.failed));
  if (book)
    std::printf("baseline            booking p50 %.1f ms  p99 %.1f ms  failed %d of %zu\n", base_booked.pct(0.5),
                base_booked.pct(0.99), base_booked.failed, base_booked.ms.size() + std::size_t(base_booked.failed));

  // Slow connections: a header line per second each, reopened when the server closes them.
  std::atomic<bool> stop{false};
  std::atomic<long> reopened{0}, open_now{0};
  long before_round = 0;
  std::mutex bursts_mu;
  std::vector<std::pair<double, long>> bursts;  // (seconds since start, connections reopened)
  std::thread slow_thread([&] {
    std::vector<int> fds(std::size_t(slow), -1);
    auto open = [&](std::size_t i) {
      fds[i] = connect_from("127.0.0." + std::to_string(2 + i % 50), svc.port);
      if (fds[i] >= 0 && !send_all(fds[i], "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")) {
        ::close(fds[i]);
        fds[i] = -1;
      }
    };
    for (std::size_t i = 0; i < fds.size() && !stop; ++i) open(i);
    while (!stop) {
      long n = 0;
      for (std::size_t i = 0; i < fds.size() && !stop; ++i) {
        if (fds[i] >= 0 && (peer_closed(fds[i]) || !send_all(fds[i], "X-Slow: 1\r\n"))) {
          ::close(fds[i]);
          fds[i] = -1;
        }
        if (fds[i] < 0) {
          open(i);
          ++reopened;
        }
        if (fds[i] >= 0) ++n;
      }
      open_now = n;
      if (reopened - before_round >= 100) {  // a burst: the server cut many off at once
        std::lock_guard lock(bursts_mu);
        bursts.push_back({since_start(), reopened - before_round});
      }
      before_round = reopened;
      std::this_thread::sleep_for(1s);
    }
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  });
  std::this_thread::sleep_for(3s);
  long rss_slow_before = rss_kb(svc.proc.pid());
  Latency loaded_booked;
  auto loaded = sample(svc.port, std::chrono::seconds(slow_s), book, &loaded_booked);
  long rss_slow = rss_kb(svc.proc.pid());
  std::printf("%d slow (%ld open)  /health p50 %.1f ms  p99 %.1f ms  failed %d of %zu; reopened %ld; RSS %ld → %ld kB\n",
              slow, open_now.load(), loaded.pct(0.5), loaded.pct(0.99), loaded.failed,
              loaded.ms.size() + std::size_t(loaded.failed), reopened.load(), rss_slow_before, rss_slow);
  std::printf("  slowest /health: %s\n", loaded.slowest(6).c_str());
  {
    std::lock_guard lock(bursts_mu);
    std::string b;
    for (const auto& [t, n] : bursts) b += (b.empty() ? "" : ", ") + std::to_string(n) + " @" + std::to_string(int(t)) + "s";
    std::printf("  reopen bursts (connections cut off by the request deadline, reopened): %s\n", b.c_str());
  }
  if (book) std::printf("  slowest bookings: %s\n", loaded_booked.slowest(6).c_str());
  if (book)
    std::printf("%d slow            booking p50 %.1f ms  p99 %.1f ms  failed %d of %zu\n", slow, loaded_booked.pct(0.5),
                loaded_booked.pct(0.99), loaded_booked.failed, loaded_booked.ms.size() + std::size_t(loaded_booked.failed));
  stop = true;
  slow_thread.join();

  // Header flood.
  std::this_thread::sleep_for(2s);
  long before = rss_kb(svc.proc.pid());
  std::atomic<long> peak{before};
  std::atomic<bool> flood_stop{false};
  std::atomic<long> refused{0};
  std::vector<std::thread> flooders;
  std::string chunk;
  for (int i = 0; i < 64; ++i) chunk += "X-Flood-" + std::to_string(i) + ": " + std::string(200, 'a') + "\r\n";
  for (int t = 0; t < 8; ++t)
    flooders.emplace_back([&, t] {
      while (!flood_stop) {
        int fd = connect_from("127.0.0." + std::to_string(100 + t), svc.port);
        if (fd < 0) {
          std::this_thread::sleep_for(10ms);
          continue;
        }
        send_all(fd, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n");
        while (!flood_stop && send_all(fd, chunk)) {
        }
        ++refused;
        ::close(fd);
      }
    });
  std::atomic<bool> sampling{true};
  std::thread watch([&] {
    while (sampling) {
      std::this_thread::sleep_for(500ms);
      peak = std::max(peak.load(), rss_kb(svc.proc.pid()));
    }
  });
  auto during = sample(svc.port, std::chrono::seconds(flood_s));
  sampling = false;
  watch.join();
  flood_stop = true;
  for (auto& t : flooders) t.join();
  std::this_thread::sleep_for(2s);
  long after = rss_kb(svc.proc.pid());
  std::printf("header flood %d s   RSS before %ld kB, peak %ld kB (+%.1f MB), after %ld kB; %ld connections cut off; "
              "/health p99 %.1f ms, failed %d\n",
              flood_s, before, peak.load(), double(peak.load() - before) / 1024.0, after, refused.load(), during.pct(0.99),
              during.failed);
  return 0;
}
