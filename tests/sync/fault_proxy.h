// A small fault-injecting TCP proxy for HTTP/1.1 requests with Content-Length (one request per
// connection, as the station's sync client sends them). Between the station and one or more
// central processes (round-robin), it can:
//   refuse        close the connection before reading anything
//   cut_request   forward half of the request body, then close both sides
//   drop_reply    forward the whole request, wait for the central server's answer (it has
//                 committed by then) and close without passing it on
//   duplicate     deliver the request twice, pass on the second answer
//   delay         wait 50–250 ms before forwarding
//   replay_later  forward normally and keep a copy, delivered again before a later request
//                 (an old batch arriving out of order)
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace tx::testkit {

enum class Fault { none, refuse, cut_request, drop_reply, duplicate, delay, replay_later };
const char* fault_name(Fault f);

class FaultProxy {
 public:
  explicit FaultProxy(std::vector<int> upstream_ports);
  ~FaultProxy();
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // next: the fault for the next connection (one-shot); queue several by calling again.
  void next(Fault f);
  // only_path: apply queued faults only to requests for this path prefix (others pass).
  void only_path(const std::string& prefix);
  void set_upstreams(std::vector<int> ports);
  std::int64_t connections() const { return connections_; }
  std::int64_t injected() const { return injected_; }
  // Bytes passed on each way (requests to central, replies to the station), headers included.
  std::int64_t bytes_up() const { return bytes_up_; }
  std::int64_t bytes_down() const { return bytes_down_; }
  std::int64_t pending_faults();

 private:
  void accept_loop();
  void serve(int client);
  int connect_upstream();
  static bool read_request(int fd, std::string* req);
  static bool send_all(int fd, const std::string& data);
  static std::string read_to_eof(int fd);

  int listen_fd_ = -1, port_ = 0;
  std::mutex mu_;
  std::vector<int> upstreams_;
  std::size_t rr_ = 0;
  std::deque<Fault> queue_;
  std::string path_prefix_;
  std::vector<std::string> replay_;
  std::atomic<bool> stop_{false};
  std::atomic<std::int64_t> connections_{0}, injected_{0}, active_{0}, bytes_up_{0}, bytes_down_{0};
  std::thread acceptor_;
  std::mt19937 rng_{12345};
};

}  // namespace tx::testkit
