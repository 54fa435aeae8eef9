// The kiosk's view of the station service: requests go out without blocking the frame, responses
// come back through drain() at the start of a frame (STYLE rule 4). The platform implements it
// with cpp-httplib on a worker thread; tests of the core use FakeTransport.
#pragma once
#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace tx {

struct HttpRequest {
  std::string method;  // "GET" | "POST"
  std::string path;    // "/api/v1/..." with query string
  nlohmann::json body; // POST body (null for GET)
  // Extra headers (staff mode: "Authorization: Bearer <token>"). Never logged.
  std::vector<std::pair<std::string, std::string>> headers = {};
};

struct HttpResponse {
  int status = 0;             // 0 when the service could not be reached
  nlohmann::json body;        // parsed JSON (null when not JSON)
  std::string transport_error;  // non-empty when status == 0
  bool ok() const { return status >= 200 && status < 300; }
  // The station's error code ("day_full", …) from its JSON error shape; "" when there is none.
  std::string error_code() const {
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
    return body["error"].value("code", "");
  }
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual void submit(uint64_t id, HttpRequest req) = 0;
  virtual std::vector<std::pair<uint64_t, HttpResponse>> drain() = 0;
  virtual size_t in_flight() const = 0;
  // Answers waiting to be drained (lets an idle frame skip work while a long poll is open).
  virtual size_t ready() const = 0;
};

// Test double: records requests; the test answers them.
class FakeTransport : public HttpTransport {
 public:
  void submit(uint64_t id, HttpRequest req) override { sent.push_back({id, std::move(req)}); }
  std::vector<std::pair<uint64_t, HttpResponse>> drain() override {
    std::vector<std::pair<uint64_t, HttpResponse>> out(answered.begin(), answered.end());
    answered.clear();
    return out;
  }
  size_t in_flight() const override { return sent.size(); }
  size_t ready() const override { return answered.size(); }
  // Answers the oldest request.
  void answer(HttpResponse r) {
    answered.push_back({sent.front().first, std::move(r)});
    sent.pop_front();
  }
  std::deque<std::pair<uint64_t, HttpRequest>> sent;
  std::deque<std::pair<uint64_t, HttpResponse>> answered;
};

}  // namespace tx
