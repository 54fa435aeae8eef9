// Test support: run real Tongxing binaries as child processes (services on a free loopback
// port, the kiosk, the CLI) with a bounded life: every child is killed when its handle goes.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace tx::test {

// bin: path of a built binary, e.g. bin("tongxing-stationd") → <build>/bin/tongxing-stationd.
std::string bin(const std::string& name);

// TempDir: a fresh directory under /tmp, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

class Process {
 public:
  Process() = default;
  // start: fork + exec with stdout/stderr appended to `log_file` (when not empty); `env` adds
  // variables. Throws std::runtime_error if the binary cannot be started.
  static Process start(const std::vector<std::string>& argv, const std::string& log_file = {},
                       const std::map<std::string, std::string>& env = {});
  Process(Process&& o) noexcept;
  Process& operator=(Process&& o) noexcept;
  ~Process();

  pid_t pid() const { return pid_; }
  bool running();
  // stop: SIGTERM, then SIGKILL after `grace`; returns the exit status (or -signal).
  int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));
  void kill9();  // SIGKILL now (crash simulation)
  // wait: waits up to `limit` for the process to exit by itself; returns exit code, or -1000 on
  // timeout (the process is then killed).
  int wait(std::chrono::milliseconds limit);

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

// run: runs a command to completion (bounded), capturing stdout+stderr into *output.
int run(const std::vector<std::string>& argv, std::string* output,
        std::chrono::milliseconds limit = std::chrono::milliseconds(60000),
        const std::map<std::string, std::string>& env = {});

// read_file / wait_for_file: small helpers; wait_for_file returns false on timeout.
std::string read_file(const std::string& path);
bool wait_for_file(const std::string& path, std::chrono::milliseconds limit);

// Service: a tongxing-stationd (or centrald) on a free loopback port.
struct Service {
  Process proc;
  int port = 0;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};
// start_service: starts `binary` with `args` plus --listen 127.0.0.1:0 --port-file, waits until
// it answers /api/v1/health (≤ 10 s) and returns it; throws with the log tail on failure.
Service start_service(const std::string& binary, std::vector<std::string> args,
                      const std::string& dir, const std::string& name = "service");

}  // namespace tx::test
