// HttpTransport on a worker thread with cpp-httplib (STYLE rule 4: never block a frame). Results
// wait in a queue that App drains at the start of a frame; `wake` (SDL_PushEvent) gets the frame
// loop out of SDL_WaitEventTimeout when one arrives.
//
// Transport security: `http://` only to the same machine (loopback); to a station on the LAN
// `https://` with the certificate verified against `ca_file` (the station's self-signed
// certificate or the CA that signed it; empty = the system's trust store). check_service_url()
// in core/config.h refuses anything else before a worker is made.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/transport.h"

namespace tx {

struct HttpWorkerOptions {
  std::string ca_file;        // PEM file to verify an https station against ("" = system store)
  int read_timeout_s = 8;     // a long poll (staff calls, wait_s ≤ 25) needs more: 35
};

class HttpWorker : public HttpTransport {
 public:
  HttpWorker(std::string base_url, std::string terminal_id, std::function<void()> wake,
             HttpWorkerOptions opt = {});
  ~HttpWorker() override;
  void submit(uint64_t id, HttpRequest req) override;
  std::vector<std::pair<uint64_t, HttpResponse>> drain() override;
  size_t in_flight() const override;
  size_t ready() const override;

 private:
  void run();
  std::string base_, terminal_;
  std::function<void()> wake_;
  HttpWorkerOptions opt_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<uint64_t, HttpRequest>> todo_;
  std::vector<std::pair<uint64_t, HttpResponse>> done_;
  size_t in_flight_ = 0;
  bool quit_ = false;
  void* client_ = nullptr;  // httplib::Client of the worker (under mu_): stop() aborts a long poll
};

}  // namespace tx
