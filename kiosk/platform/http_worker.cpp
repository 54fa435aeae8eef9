#include "platform/http_worker.h"

#include <httplib.h>

#include <cstdio>

namespace tx {

HttpWorker::HttpWorker(std::string base_url, std::string terminal_id, std::function<void()> wake,
                       HttpWorkerOptions opt)
    : base_(std::move(base_url)), terminal_(std::move(terminal_id)), wake_(std::move(wake)),
      opt_(std::move(opt)) {
  thread_ = std::thread([this] { run(); });
}

HttpWorker::~HttpWorker() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    quit_ = true;
    // A request in progress (a staff calls long poll waits up to 25 s) is cut off, so that
    // quitting never waits for it.
    if (client_) static_cast<httplib::Client*>(client_)->stop();
  }
  cv_.notify_all();
  thread_.join();
}

void HttpWorker::submit(uint64_t id, HttpRequest req) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    todo_.push_back({id, std::move(req)});
    ++in_flight_;
  }
  cv_.notify_one();
}

std::vector<std::pair<uint64_t, HttpResponse>> HttpWorker::drain() {
  std::lock_guard<std::mutex> lk(mu_);
  std::vector<std::pair<uint64_t, HttpResponse>> out;
  out.swap(done_);
  in_flight_ -= out.size();
  return out;
}

size_t HttpWorker::in_flight() const {
  std::lock_guard<std::mutex> lk(mu_);
  return in_flight_;
}

size_t HttpWorker::ready() const {
  std::lock_guard<std::mutex> lk(mu_);
  return done_.size();
}

void HttpWorker::run() {
  httplib::Client cli(base_);
  {
    std::lock_guard<std::mutex> lk(mu_);
    client_ = &cli;
  }
  cli.set_connection_timeout(2, 0);
  cli.set_read_timeout(opt_.read_timeout_s, 0);
  cli.set_write_timeout(8, 0);
  // https: the station's certificate is verified (chain and host name); never turned off.
  if (!opt_.ca_file.empty()) cli.set_ca_cert_path(opt_.ca_file.c_str());
  cli.enable_server_certificate_verification(true);
  cli.set_keep_alive(true);
  // httplib writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add
  // ~40 ms to every POST (docs/benchmarks.md, station section).
  cli.set_tcp_nodelay(true);
  std::string last_error;
  const httplib::Headers base_headers = {{"X-Tongxing-Terminal", terminal_}};
  for (;;) {
    std::pair<uint64_t, HttpRequest> job;
    {
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait(lk, [&] { return quit_ || !todo_.empty(); });
      if (quit_) {
        client_ = nullptr;
        return;
      }
      job = std::move(todo_.front());
      todo_.pop_front();
    }
    HttpResponse out;
    httplib::Headers headers = base_headers;
    for (const auto& [k, v] : job.second.headers) headers.emplace(k, v);
    httplib::Result res = job.second.method == "POST"
                              ? cli.Post(job.second.path.c_str(), headers,
                                         job.second.body.is_null() ? std::string("{}") : job.second.body.dump(),
                                         "application/json")
                              : cli.Get(job.second.path.c_str(), headers);
    if (!res) {
      out.status = 0;
      out.transport_error = httplib::to_string(res.error());
      // Said once per kind of failure, so that a wrong CA file or URL is visible in the log.
      bool quitting;
      {
        std::lock_guard<std::mutex> lk(mu_);
        quitting = quit_;
      }
      if (quitting) {
        std::lock_guard<std::mutex> lk(mu_);
        client_ = nullptr;
        return;
      }
      if (out.transport_error != last_error) {
        last_error = out.transport_error;
        std::fprintf(stderr, "tongxing-kiosk: cannot reach the station at %s: %s\n", base_.c_str(),
                     last_error.c_str());
      }
    } else {
      last_error.clear();
      out.status = res->status;
      out.body = nlohmann::json::parse(res->body, nullptr, false);
      if (out.body.is_discarded()) out.body = nullptr;
    }
    {
      std::lock_guard<std::mutex> lk(mu_);
      done_.push_back({job.first, std::move(out)});
    }
    if (wake_) wake_();
  }
}

}  // namespace tx
