// Kiosk benchmark (docs/benchmarks.md "Kiosk"): tongxing-kiosk (SDL offscreen + dummy audio,
// against a real tongxing-stationd) with each renderer (--renderer software, opengl) and the same
// home screen as a static page in headless Chromium, alternating, N runs each; medians of start
// to first frame, peak PSS, idle CPU over 10 s, and (kiosk only) key press to first speech
// sample and the time to draw the frame of that key press.
//   build/bin/kiosk_bench [--runs 5] [--chromium /usr/bin/chromium] [--renderers software,opengl]
//                         [--smaps]   (also: where each renderer's PSS goes, by mapping)
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "process.h"

using namespace tx::test;
using Clock = std::chrono::steady_clock;

namespace {

long long mono_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// Processes whose process group is `pgid` (each child runs in its own group: tests/support).
std::vector<pid_t> group(pid_t pgid) {
  std::vector<pid_t> out;
  DIR* d = opendir("/proc");
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    pid_t pid = atoi(e->d_name);
    if (pid <= 0) continue;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s;
    std::getline(in, s);
    size_t r = s.rfind(')');
    if (r == std::string::npos) continue;
    std::istringstream f(s.substr(r + 2));
    std::string state;
    long ppid, pg;
    f >> state >> ppid >> pg;
    if (pg == pgid) out.push_back(pid);
  }
  closedir(d);
  return out;
}

double pss_mb(const std::vector<pid_t>& pids) {
  double kb = 0;
  for (pid_t p : pids) {
    std::ifstream in("/proc/" + std::to_string(p) + "/smaps_rollup");
    std::string k;
    double v;
    std::string unit;
    while (in >> k) {
      if (k == "Pss:") {
        in >> v >> unit;
        kb += v;
        break;
      }
      in.ignore(1 << 20, '\n');
    }
  }
  return kb / 1024;
}

// utime + stime (clock ticks) per pid.
std::map<pid_t, long> cpu_ticks(const std::vector<pid_t>& pids) {
  std::map<pid_t, long> out;
  for (pid_t p : pids) {
    std::ifstream in("/proc/" + std::to_string(p) + "/stat");
    std::string s;
    std::getline(in, s);
    size_t r = s.rfind(')');
    if (r == std::string::npos) continue;
    std::istringstream f(s.substr(r + 2));
    std::vector<std::string> v;
    std::string x;
    while (f >> x) v.push_back(x);
    if (v.size() > 13) out[p] = std::stol(v[11]) + std::stol(v[12]);
  }
  return out;
}

// CPU % of one core used by the group over `seconds`, sampling PSS meanwhile.
double idle_cpu(pid_t pgid, double seconds, double* peak_pss) {
  auto a = cpu_ticks(group(pgid));
  auto t0 = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - t0).count() < seconds) {
    *peak_pss = std::max(*peak_pss, pss_mb(group(pgid)));
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  auto b = cpu_ticks(group(pgid));
  double el = std::chrono::duration<double>(Clock::now() - t0).count();
  long ticks = 0;
  for (auto& [p, t] : b) ticks += t - (a.count(p) ? a[p] : 0);
  return 100.0 * ticks / sysconf(_SC_CLK_TCK) / el;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

struct Result {
  std::vector<double> first_frame_ms, first_frame_cpu_ms, main_cpu_ms, pss_mb, idle_cpu, key_ms, frame_ms;
  std::map<std::string, double> smaps_kb;  // PSS by mapping, summed over the runs
};

// PSS (kB) of one process by mapping: a file's path, or [heap], [stack], [anon] for the rest.
std::map<std::string, double> pss_by_mapping(pid_t pid) {
  std::map<std::string, double> out;
  std::ifstream in("/proc/" + std::to_string(pid) + "/smaps");
  std::string line, name;
  while (std::getline(in, line)) {
    if (!line.empty() && std::isxdigit(static_cast<unsigned char>(line[0])) && line.find('-') < 16 &&
        line.find(':') > line.find(' ')) {
      std::istringstream f(line);
      std::string range, perms, off, dev, inode;
      f >> range >> perms >> off >> dev >> inode;
      std::getline(f, name);
      name.erase(0, name.find_first_not_of(' '));
      if (name.empty()) name = "[anon]";
      if (name.rfind("[anon:", 0) == 0 || name.rfind("/memfd:", 0) == 0) name = "[anon]";
    } else if (line.rfind("Pss:", 0) == 0) {
      out[name] += std::stod(line.substr(4));
    }
  }
  return out;
}

double field(const std::string& log, const std::string& key) {
  size_t p = log.find(key + "=");
  return p == std::string::npos ? -1 : std::stod(log.substr(p + key.size() + 1));
}

void run_kiosk(const std::string& dir, const std::string& url, const std::string& renderer, int i, Result* r) {
  std::string script = dir + "/bench.jsonl", log = dir + "/kiosk_" + renderer + std::to_string(i) + ".log";
  // Settle (first announcement spoken), 10 s idle window, then one key press.
  std::ofstream(script) << "{\"wait_ms\":20000}\n{\"key\":\"Down\"}\n{\"wait_ms\":500}\n{\"quit\":true}\n";
  long long t0 = mono_ns();
  Process k = Process::start({bin("tongxing-kiosk"), "--service", url, "--renderer", renderer, "--script", script,
                              "--a11y-log", dir + "/a11y.jsonl"},
                             log, {{"SDL_VIDEODRIVER", "offscreen"}, {"SDL_AUDIODRIVER", "dummy"}, {"TONGXING_BENCH", "1"}});
  double peak = 0;
  for (int w = 0; w < 60; ++w) {  // until the first frame (≤ 6 s), sampling memory
    peak = std::max(peak, pss_mb(group(k.pid())));
    if (read_file(log).find("first_frame_mono_ns") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::this_thread::sleep_for(std::chrono::seconds(8));  // the home screen's announcement ends
  r->idle_cpu.push_back(idle_cpu(k.pid(), 10, &peak));
  for (auto& [name, kb] : pss_by_mapping(k.pid())) r->smaps_kb[name] += kb;
  k.wait(std::chrono::seconds(20));
  std::string out = read_file(log);
  double ff_ns = field(out, "first_frame_mono_ns");
  r->first_frame_ms.push_back(ff_ns > 0 ? (ff_ns - t0) / 1e6 : -1);
  r->first_frame_cpu_ms.push_back(field(out, "first_frame_cpu_ms"));
  // The main thread's CPU from exec to the first frame: the sum of its phases (the kiosk prints
  // "bench: phases_main_thread_cpu_ms a=1.0 b=2.0 … process_start_cpu_ms=40.0").
  size_t p = out.find("phases_main_thread_cpu_ms");
  double main_cpu = -1;
  if (p != std::string::npos) {
    std::istringstream line(out.substr(p, out.find('\n', p) - p));
    std::string item;
    main_cpu = 0;
    while (line >> item)
      if (size_t eq = item.find('='); eq != std::string::npos) main_cpu += std::stod(item.substr(eq + 1));
  }
  r->main_cpu_ms.push_back(main_cpu);
  r->key_ms.push_back(field(out, "key_to_speech_ms"));
  r->frame_ms.push_back(field(out, "key_frame_ms"));
  r->pss_mb.push_back(peak);
}

void run_chromium(const std::string& chromium, const std::string& dir, int i, Result* r) {
  std::string page = std::string("file://") + TONGXING_BENCH_DIR + "/home.html";
  std::vector<std::string> common = {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                     "--disable-background-networking", "--disable-component-update",
                                     "--disable-sync", "--window-size=1920,1080", "--hide-scrollbars"};
  // 1) Start to first frame: until the screenshot of the page is written.
  std::string udd = dir + "/chromium-a" + std::to_string(i), shot = dir + "/chromium" + std::to_string(i) + ".png";
  auto argv = common;
  argv.insert(argv.end(), {"--user-data-dir=" + udd, "--screenshot=" + shot, page});
  long long t0 = mono_ns();
  Process c = Process::start(argv, dir + "/chromium.log");
  double first = -1;
  for (int w = 0; w < 3000; ++w) {  // ≤ 30 s (a loaded machine)
    struct stat st;
    if (stat(shot.c_str(), &st) == 0 && st.st_size > 0) {
      first = (mono_ns() - t0) / 1e6;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  c.wait(std::chrono::seconds(20));
  r->first_frame_ms.push_back(first);
  // 2) Memory and idle CPU of a headless browser kept open on the page.
  argv = common;
  argv.insert(argv.end(), {"--user-data-dir=" + dir + "/chromium-b" + std::to_string(i), "--remote-debugging-port=0", page});
  Process b = Process::start(argv, dir + "/chromium.log");
  double peak = 0;
  for (int w = 0; w < 50; ++w) {
    peak = std::max(peak, pss_mb(group(b.pid())));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  r->idle_cpu.push_back(idle_cpu(b.pid(), 10, &peak));
  r->pss_mb.push_back(peak);
  ::kill(-b.pid(), SIGTERM);
  b.wait(std::chrono::seconds(10));
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::string chromium = "/usr/bin/chromium";
  std::vector<std::string> renderers = {"software", "opengl"};
  bool smaps = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--smaps") smaps = true;
    else if (i + 1 >= argc) break;
    else if (a == "--runs") runs = std::atoi(argv[++i]);
    else if (a == "--chromium") chromium = argv[++i];
    else if (a == "--renderers") {
      renderers.clear();
      std::stringstream ss(argv[++i]);
      for (std::string x; std::getline(ss, x, ',');) renderers.push_back(x);
    }
  }
  TempDir dir;
  std::string out;
  if (run({bin("tongxing-ctl"), "demo-data", "--db", dir.file("station.db")}, &out) != 0) {
    std::fprintf(stderr, "demo-data failed: %s\n", out.c_str());
    return 1;
  }
  Service station = start_service(bin("tongxing-stationd"), {"--db", dir.file("station.db")}, dir.path(), "stationd");
  bool have_chromium = access(chromium.c_str(), X_OK) == 0;
  if (!have_chromium) std::fprintf(stderr, "%s not found: kiosk only (deploy/install-deps.sh --bench)\n", chromium.c_str());
  std::map<std::string, Result> k;
  Result c;
  for (int i = 0; i < runs; ++i) {  // alternating, so all see the same machine load
    for (const auto& rd : renderers) {
      Result& r = k[rd];
      run_kiosk(dir.path(), station.url(), rd, i, &r);
      std::fprintf(stderr,
                   "run %d kiosk %s: first frame %.0f ms (CPU %.0f ms, main thread %.0f ms), PSS %.1f MB, idle CPU %.2f %%, key→speech %.2f ms, "
                   "key frame %.2f ms\n",
                   i + 1, rd.c_str(), r.first_frame_ms.back(), r.first_frame_cpu_ms.back(), r.main_cpu_ms.back(), r.pss_mb.back(), r.idle_cpu.back(), r.key_ms.back(),
                   r.frame_ms.back());
    }
    if (have_chromium) {
      run_chromium(chromium, dir.path(), i, &c);
      std::fprintf(stderr, "run %d chromium: first frame %.0f ms, PSS %.1f MB, idle CPU %.2f %%\n", i + 1,
                   c.first_frame_ms.back(), c.pss_mb.back(), c.idle_cpu.back());
    }
  }
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  std::printf("load average at the end: %.1f %.1f %.1f (%ld cores)\n\n", load[0], load[1], load[2],
              sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("| measure (median of %d) |", runs);
  for (const auto& rd : renderers) std::printf(" tongxing-kiosk, %s |", rd.c_str());
  std::printf(" headless Chromium, static page | target (kiosk) |\n|---|");
  for (size_t i = 0; i < renderers.size(); ++i) std::printf("---|");
  std::printf("---|---|\n");
  auto col = [&](const std::vector<double>& v, const char* fmt) {
    if (v.empty()) return std::string("—");
    char b[64];
    std::snprintf(b, sizeof b, fmt, median(v));
    return std::string(b);
  };
  auto row = [&](const char* name, std::vector<double> Result::*m, const char* fmt, const std::string& browser,
                 const char* target) {
    std::printf("| %s |", name);
    for (const auto& rd : renderers) std::printf(" %s |", col(k[rd].*m, fmt).c_str());
    std::printf(" %s | %s |\n", browser.c_str(), target);
  };
  row("start to first frame", &Result::first_frame_ms, "%.0f ms", col(c.first_frame_ms, "%.0f ms"), "< 150 ms");
  row("CPU time to first frame (all threads)", &Result::first_frame_cpu_ms, "%.0f ms", "—", "—");
  row("main thread's CPU time to first frame", &Result::main_cpu_ms, "%.0f ms", "—", "—");
  row("peak PSS", &Result::pss_mb, "%.1f MB", col(c.pss_mb, "%.1f MB"), "< 60 MB (software)");
  row("idle CPU over 10 s", &Result::idle_cpu, "%.2f %%", col(c.idle_cpu, "%.2f %%"), "< 1 %");
  row("key press to first speech sample", &Result::key_ms, "%.2f ms", "— (no speech)", "< 5 ms");
  row("drawing the key press's frame", &Result::frame_ms, "%.1f ms", "—", "—");
  if (smaps)
    for (const auto& rd : renderers) {
      std::vector<std::pair<double, std::string>> top;
      double total = 0;
      for (auto& [name, kb] : k[rd].smaps_kb) {
        top.push_back({kb / runs, name});
        total += kb / runs;
      }
      std::sort(top.rbegin(), top.rend());
      std::printf("\nPSS by mapping, %s (mean of %d runs, end of the idle window): %.1f MB\n", rd.c_str(), runs,
                  total / 1024);
      for (size_t i = 0; i < top.size() && i < 15; ++i)
        std::printf("  %7.1f MB  %s\n", top[i].first / 1024, top[i].second.c_str());
    }
  return 0;
}
