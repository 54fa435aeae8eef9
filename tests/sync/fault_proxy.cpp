#include "fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace tx::testkit {

const char* fault_name(Fault f) {
  switch (f) {
    case Fault::none: return "none";
    case Fault::refuse: return "refuse";
    case Fault::cut_request: return "cut_request";
    case Fault::drop_reply: return "drop_reply";
    case Fault::duplicate: return "duplicate";
    case Fault::delay: return "delay";
    case Fault::replay_later: return "replay_later";
  }
  return "?";
}

FaultProxy::FaultProxy(std::vector<int> upstream_ports) : upstreams_(std::move(upstream_ports)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(listen_fd_, 128) != 0)
    throw std::runtime_error("proxy cannot listen");
  socklen_t len = sizeof a;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stop_ = true;
  shutdown(listen_fd_, SHUT_RDWR);
  close(listen_fd_);
  acceptor_.join();
  // Connection threads are detached; wait (bounded) for them to finish.
  for (int i = 0; i < 500 && active_ > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void FaultProxy::next(Fault f) {
  std::lock_guard lock(mu_);
  queue_.push_back(f);
}
void FaultProxy::only_path(const std::string& prefix) {
  std::lock_guard lock(mu_);
  path_prefix_ = prefix;
}
void FaultProxy::set_upstreams(std::vector<int> ports) {
  std::lock_guard lock(mu_);
  upstreams_ = std::move(ports);
}
std::int64_t FaultProxy::pending_faults() {
  std::lock_guard lock(mu_);
  return std::int64_t(queue_.size());
}

void FaultProxy::accept_loop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    int c = accept(listen_fd_, nullptr, nullptr);
    if (c < 0) continue;
    ++connections_;
    ++active_;
    std::thread([this, c] {
      auto t = std::chrono::steady_clock::now();
      serve(c);
      if (std::getenv("TX_DEBUG_LOG") && std::chrono::steady_clock::now() - t > std::chrono::seconds(2))
        fprintf(stderr, "PROXY slow connection %.1fs\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
      close(c);
      --active_;
    }).detach();
  }
}

int FaultProxy::connect_upstream() {
  int port;
  {
    std::lock_guard lock(mu_);
    if (upstreams_.empty()) return -1;
    port = upstreams_[rr_++ % upstreams_.size()];
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

bool FaultProxy::send_all(int fd, const std::string& d) {
  std::size_t at = 0;
  while (at < d.size()) {
    ssize_t n = send(fd, d.data() + at, d.size() - at, MSG_NOSIGNAL);
    if (n <= 0) return false;
    at += std::size_t(n);
  }
  return true;
}

std::string FaultProxy::read_to_eof(int fd) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, std::size_t(n));
  }
  return out;
}

bool FaultProxy::read_request(int fd, std::string* req) {
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[65536];
  std::size_t header_end = std::string::npos, need = 0;
  for (;;) {
    if (header_end == std::string::npos) {
      header_end = req->find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::string head = req->substr(0, header_end);
        for (auto& ch : head) ch = char(std::tolower((unsigned char)ch));
        auto cl = head.find("content-length:");
        std::size_t len = cl == std::string::npos ? 0 : std::stoull(head.substr(cl + 15));
        need = header_end + 4 + len;
      }
    }
    if (header_end != std::string::npos && req->size() >= need) return true;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    req->append(buf, std::size_t(n));
  }
}

void FaultProxy::serve(int client) {
  Fault f = Fault::none;
  {
    std::lock_guard lock(mu_);
    if (!queue_.empty() && path_prefix_.empty()) {
      f = queue_.front();
      queue_.pop_front();
    }
  }
  if (f == Fault::refuse) {
    ++injected_;
    return;
  }
  std::string req;
  auto t_rd = std::chrono::steady_clock::now();
  if (!read_request(client, &req)) {
    if (std::getenv("TX_DEBUG_LOG")) fprintf(stderr, "PROXY read_request failed after %.1fs: %zu bytes\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t_rd).count(), req.size());
    return;
  }
  if (!path_prefix_.empty()) {
    std::lock_guard lock(mu_);
    auto sp = req.find(' ');
    bool match = sp != std::string::npos && req.compare(sp + 1, path_prefix_.size(), path_prefix_) == 0;
    if (match && !queue_.empty()) {
      f = queue_.front();
      queue_.pop_front();
      if (f == Fault::refuse) {
        ++injected_;
        return;
      }
    }
  }
  // An earlier request delivered again now: out of order.
  std::vector<std::string> replays;
  {
    std::lock_guard lock(mu_);
    if (!replay_.empty() && rng_() % 2 == 0) replays.swap(replay_);
  }
  for (const auto& old : replays) {
    int u = connect_upstream();
    if (u < 0) continue;
    send_all(u, old);
    read_to_eof(u);
    close(u);
  }
  if (f != Fault::none) ++injected_;
  if (f == Fault::delay) std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng_() % 200));
  int up = connect_upstream();
  if (up < 0) return;  // central down: the client sees a closed connection
  if (f == Fault::cut_request) {
    auto body_at = req.find("\r\n\r\n") + 4;
    send_all(up, req.substr(0, body_at + (req.size() - body_at) / 2));
    shutdown(up, SHUT_RDWR);
    close(up);
    return;
  }
  if (f == Fault::duplicate) {
    send_all(up, req);
    read_to_eof(up);
    close(up);
    up = connect_upstream();
    if (up < 0) return;
  }
  if (f == Fault::replay_later) {
    std::lock_guard lock(mu_);
    replay_.push_back(req);
  }
  send_all(up, req);
  bytes_up_ += std::int64_t(req.size());
  auto t_dbg = std::chrono::steady_clock::now();
  std::string resp = read_to_eof(up);
  if (std::getenv("TX_DEBUG_LOG") && std::chrono::steady_clock::now() - t_dbg > std::chrono::seconds(2))
    fprintf(stderr, "PROXY slow upstream %s after %s: %zu bytes: %.80s\n", req.substr(0, 40).c_str(), fault_name(f), resp.size(), resp.c_str());
  close(up);
  if (f == Fault::drop_reply) return;  // the central server committed; the station never hears
  send_all(client, resp);
  bytes_down_ += std::int64_t(resp.size());
}

}  // namespace tx::testkit
