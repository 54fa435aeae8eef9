#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#ifndef TONGXING_BIN_DIR
#error "TONGXING_BIN_DIR must be defined by the build"
#endif

namespace tx::test {

std::string bin(const std::string& name) { return std::string(TONGXING_BIN_DIR) + "/" + name; }

TempDir::TempDir() {
  std::string tmpl = "/tmp/tongxing-test-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}
TempDir::~TempDir() {
  if (std::getenv("TONGXING_KEEP_TMP")) return;  // for post-mortems: keep logs and databases
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Process Process::start(const std::vector<std::string>& argv, const std::string& log_file,
                       const std::map<std::string, std::string>& env) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    if (!log_file.empty()) {
      int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
      }
    }
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    execv(args[0], args.data());
    std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  Process p;
  p.pid_ = pid;
  return p;
}

Process::Process(Process&& o) noexcept : pid_(o.pid_), status_(o.status_), reaped_(o.reaped_) {
  o.pid_ = -1;
}
Process& Process::operator=(Process&& o) noexcept {
  if (this != &o) {
    if (pid_ > 0 && !reaped_) stop();
    pid_ = o.pid_;
    status_ = o.status_;
    reaped_ = o.reaped_;
    o.pid_ = -1;
  }
  return *this;
}
Process::~Process() {
  if (pid_ > 0 && !reaped_) stop();
}

bool Process::running() {
  if (pid_ <= 0 || reaped_) return false;
  int st;
  pid_t r = waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    reaped_ = true;
    status_ = st;
    return false;
  }
  return true;
}

static int decode(int st) { return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? -WTERMSIG(st) : -999; }

int Process::wait(std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) return decode(status_);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill9();
  return -1000;
}

int Process::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return 0;
  if (!running()) return decode(status_);
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) return decode(status_);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill9();
  return decode(status_);
}

void Process::kill9() {
  if (pid_ <= 0 || reaped_) return;
  ::kill(pid_, SIGKILL);
  int st;
  waitpid(pid_, &st, 0);
  reaped_ = true;
  status_ = st;
}

int run(const std::vector<std::string>& argv, std::string* output, std::chrono::milliseconds limit,
        const std::map<std::string, std::string>& env) {
  TempDir dir;
  std::string log = dir.file("out.txt");
  auto p = Process::start(argv, log, env);
  int rc = p.wait(limit);
  if (output) *output = read_file(log);
  return rc;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool wait_for_file(const std::string& path, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(path);
    std::string s;
    if (in && std::getline(in, s) && !s.empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

Service start_service(const std::string& binary, std::vector<std::string> args,
                      const std::string& dir, const std::string& name) {
  std::string port_file = dir + "/" + name + ".port";
  std::string log_file = dir + "/" + name + ".log";
  std::remove(port_file.c_str());
  std::vector<std::string> argv = {binary};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--listen", "127.0.0.1:0", "--port-file", port_file});
  Service s;
  s.proc = Process::start(argv, log_file);
  if (!wait_for_file(port_file, std::chrono::seconds(10)) || !s.proc.running())
    throw std::runtime_error(name + " did not start:\n" + read_file(log_file));
  s.port = std::stoi(read_file(port_file));
  httplib::Client c("127.0.0.1", s.port);
  c.set_connection_timeout(1, 0);
  for (int i = 0; i < 200; ++i) {
    if (auto r = c.Get("/api/v1/health"); r && r->status == 200) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error(name + " does not answer /api/v1/health:\n" + read_file(log_file));
}

}  // namespace tx::test
