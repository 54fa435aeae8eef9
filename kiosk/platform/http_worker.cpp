#include "platform/http_worker.h"

#include <httplib.h>

namespace tx {

HttpWorker::HttpWorker(std::string base_url, std::string terminal_id, std::function<void()> wake)
    : base_(std::move(base_url)), terminal_(std::move(terminal_id)), wake_(std::move(wake)) {
  thread_ = std::thread([this] { run(); });
}

HttpWorker::~HttpWorker() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    quit_ = true;
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

void HttpWorker::run() {
  httplib::Client cli(base_);
  cli.set_connection_timeout(2, 0);
  cli.set_read_timeout(8, 0);
  cli.set_write_timeout(8, 0);
  cli.set_keep_alive(true);
  // httplib writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add
  // ~40 ms to every POST (docs/benchmarks.md, station section).
  cli.set_tcp_nodelay(true);
  httplib::Headers headers = {{"X-Tongxing-Terminal", terminal_}};
  for (;;) {
    std::pair<uint64_t, HttpRequest> job;
    {
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait(lk, [&] { return quit_ || !todo_.empty(); });
      if (quit_) return;
      job = std::move(todo_.front());
      todo_.pop_front();
    }
    HttpResponse out;
    httplib::Result res = job.second.method == "POST"
                              ? cli.Post(job.second.path.c_str(), headers,
                                         job.second.body.is_null() ? std::string("{}") : job.second.body.dump(),
                                         "application/json")
                              : cli.Get(job.second.path.c_str(), headers);
    if (!res) {
      out.status = 0;
      out.transport_error = httplib::to_string(res.error());
    } else {
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
