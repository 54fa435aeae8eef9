#include "common/http.h"

#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "common/errors.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/secrets.h"

namespace tx::http {

namespace {
thread_local std::chrono::steady_clock::time_point t_start;
thread_local std::string t_request_id;
thread_local std::string t_route;  // the pattern of the handler that ran ("" if none did)
std::atomic<std::uint64_t> g_next_id{1};

// route_label: a route pattern as a bounded metrics label: "/api/v1/appointments/(\d+)/cancel"
// → "/api/v1/appointments/:id/cancel".
std::string route_label(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '(') {
      out += pattern[i];
      continue;
    }
    std::size_t close = pattern.find(')', i);
    if (close == std::string::npos) return out + pattern.substr(i);
    out += pattern.compare(i, close - i + 1, "(\\d+)") == 0 ? ":id" : ":param";
    i = close;
  }
  return out;
}

// A client's own X-Request-Id (the kiosk sends one) is kept when it is short and plain, so one
// id follows a request from kiosk to station in both logs; anything else gets a fresh id.
bool usable_request_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

// Polled endpoints are logged at debug level so a monitor does not drown the journal.
bool quiet_path(const std::string& path) { return path == "/api/v1/health" || path == "/metrics"; }
}  // namespace

const std::string& request_id() { return t_request_id; }

bool is_loopback_peer(const std::string& a) {
  return a.rfind("127.", 0) == 0 || a == "::1" || a.rfind("::ffff:127.", 0) == 0;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

void send_json(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json; charset=utf-8");
}

void send_error(Response& res, const std::string& code, const std::string& field,
                const std::string& reason) {
  ErrorText t = describe_error(code, field, reason);
  json e = {{"code", code}, {"message_zh", t.zh}, {"message_en", t.en}};
  if (!field.empty()) e["field"] = field;
  if (!reason.empty()) e["reason"] = reason;
  send_json(res, t.status, {{"error", e}});
}

json parse_body(const Request& req) {
  json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) throw ApiError("malformed_json");
  return j;
}

std::optional<std::string> opt_str_field(const json& body, const char* name, std::size_t max_len) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw ApiError("invalid_field", name, "type");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_len) throw ApiError("invalid_field", name, "too_long");
  return s;
}

std::string str_field(const json& body, const char* name, std::size_t max_len) {
  auto v = opt_str_field(body, name, max_len);
  if (!v) throw ApiError("invalid_field", name, "missing");
  return *v;
}

std::int64_t int_field(const json& body, const char* name, std::int64_t min, std::int64_t max) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer()) throw ApiError("invalid_field", name, "type");
  auto v = it->get<std::int64_t>();
  if (v < min || v > max) throw ApiError("invalid_field", name, "range");
  return v;
}

std::string query(const Request& req, const char* name, std::size_t max_len) {
  if (!req.has_param(name)) return {};
  std::string v = req.get_param_value(name);
  if (v.size() > max_len) throw ApiError("invalid_query", name, "too_long");
  return v;
}

int query_int(const Request& req, const char* name, int fallback, int min, int max) {
  std::string v = query(req, name, 12);
  if (v.empty()) return fallback;
  int n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') throw ApiError("invalid_query", name, "not_a_number");
    n = n * 10 + (c - '0');
  }
  if (n < min || n > max) throw ApiError("invalid_query", name, "range");
  return n;
}

std::int64_t path_id(const Request& req, int index) {
  if (int(req.matches.size()) <= index) throw ApiError("not_found");
  std::string s = req.matches[index];
  if (s.empty() || s.size() > 18) throw ApiError("not_found");
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') throw ApiError("not_found");
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string bearer_token(const Request& req) {
  std::string h = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (h.size() <= prefix.size() || h.compare(0, prefix.size(), prefix) != 0) return {};
  return h.substr(prefix.size());
}

std::optional<HostPort> parse_host_port(const std::string& s) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  HostPort hp;
  hp.host = s.substr(0, colon);
  if (hp.host.size() >= 2 && hp.host.front() == '[' && hp.host.back() == ']')
    hp.host = hp.host.substr(1, hp.host.size() - 2);
  if (hp.host.empty()) hp.host = "127.0.0.1";
  std::string p = s.substr(colon + 1);
  if (p.empty() || p.size() > 5) return std::nullopt;
  for (char c : p)
    if (c < '0' || c > '9') return std::nullopt;
  hp.port = std::stoi(p);
  if (hp.port > 65535) return std::nullopt;
  return hp;
}

Server::Server(std::string component, std::size_t threads, std::size_t max_body)
    : component_(std::move(component)) {
  svr_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr_.set_payload_max_length(max_body);
  svr_.set_read_timeout(10, 0);
  svr_.set_write_timeout(10, 0);
  svr_.set_keep_alive_timeout(5);
  svr_.set_tcp_nodelay(true);
  // httplib 0.11 listens with a backlog of 5, so a burst of clients (64 kiosks and staff PCs
  // racing, 200 stations syncing) overflows the accept queue and connections fail. Remember the
  // listening socket here and widen the backlog in bind(). SO_REUSEADDR only: SO_REUSEPORT would
  // let a second service bind the same port silently.
  svr_.set_socket_options([this](int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  svr_.set_pre_routing_handler([this](const Request& req, Response& res) {
    t_start = std::chrono::steady_clock::now();
    t_route.clear();
    std::string theirs = req.get_header_value("X-Request-Id");
    if (usable_request_id(theirs)) {
      t_request_id = theirs;
    } else {
      char buf[24];
      std::snprintf(buf, sizeof buf, "r%llx", (unsigned long long)g_next_id++);
      t_request_id = buf;
    }
    res.set_header("X-Request-Id", t_request_id);
    for (auto& hook : before_) {
      try {
        if (!hook(req, res)) return httplib::Server::HandlerResponse::Handled;
      } catch (const ApiError& e) {
        send_error(res, e.code(), e.field(), e.reason());
        return httplib::Server::HandlerResponse::Handled;
      } catch (const StorageError& e) {
        log::error(component_, std::string("storage error: ") + e.what());
        send_error(res, "storage_unavailable");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Every status >= 400 without a body of ours (unknown route, 413, malformed HTTP) gets the
  // JSON error shape too.
  svr_.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const char* code = res.status == 404   ? "not_found"
                       : res.status == 413 ? "payload_too_large"
                       : res.status == 405 ? "method_not_allowed"
                       : res.status < 500  ? "malformed_json"
                                           : "internal";
    int status = res.status;
    send_error(res, code);
    res.status = status;
    return httplib::Server::HandlerResponse::Handled;
  }));
  svr_.set_exception_handler([this](const Request&, Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log::error(component_, "request_id=" + t_request_id + " internal error: " + what);
    send_error(res, "internal");
  });
  svr_.set_logger([this](const Request& req, const Response& res) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start).count();
    char buf[64];
    std::snprintf(buf, sizeof buf, " status=%d ms=%.2f", res.status, ms);
    // Path only, never the query string or body: they may hold ID numbers.
    log::write(quiet_path(req.path) ? log::Level::debug : log::Level::info, component_,
               "request_id=" + t_request_id + " " + req.method + " " + req.path + buf);
    // Metrics by route pattern, never by raw path: the label set stays small whatever clients send.
    std::string route = t_route.empty() ? "unrouted" : route_label(t_route);
    auto& reg = metrics::global();
    reg.counter("tongxing_http_requests_total", "HTTP requests answered, by route, method and status",
                {{"route", route}, {"method", req.method}, {"status", std::to_string(res.status)}})
        .inc();
    reg.histogram("tongxing_http_request_duration_seconds", "Time to answer an HTTP request, by route",
                  metrics::kLatencyBuckets, {{"route", route}})
        .observe(ms / 1000.0);
    for (auto& hook : after_) hook(req, res, ms);
  });
  get("/metrics", [this](const Request& req, Response& res) {
    bool allowed = is_loopback_peer(req.remote_addr);
    std::string got = bearer_token(req);
    for (const auto& t : metrics_tokens_)
      if (!got.empty() && constant_time_equal(got, t)) allowed = true;
    if (!allowed) throw ApiError("unauthorized");
    res.status = 200;
    res.set_content(render_metrics(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

Server::~Server() { stop(); }

Handler Server::wrap(std::string pattern, Handler h) {
  return [this, pattern = std::move(pattern), h = std::move(h)](const Request& req, Response& res) {
    t_route = pattern;
    try {
      h(req, res);
    } catch (const ApiError& e) {
      send_error(res, e.code(), e.field(), e.reason());
    } catch (const StorageError& e) {
      log::error(component_, "request_id=" + t_request_id + " storage error: " + e.what());
      send_error(res, "storage_unavailable");
    } catch (const json::exception& e) {
      // A type mismatch a handler did not check for: the client's input, not our failure.
      send_error(res, "invalid_field");
    }
  };
}

void Server::get(const std::string& p, Handler h) { svr_.Get(p, wrap(p, std::move(h))); }
void Server::post(const std::string& p, Handler h) { svr_.Post(p, wrap(p, std::move(h))); }
void Server::put(const std::string& p, Handler h) { svr_.Put(p, wrap(p, std::move(h))); }
void Server::del(const std::string& p, Handler h) { svr_.Delete(p, wrap(p, std::move(h))); }

void Server::allow_metrics_token(std::string token) {
  if (!token.empty()) metrics_tokens_.push_back(std::move(token));
}

void Server::collect(std::function<void(metrics::Scrape&)> collector) {
  collectors_.push_back(std::move(collector));
}

std::string Server::render_metrics() {
  metrics::Scrape s;
  metrics::global().collect(s);
  for (auto& c : collectors_) {
    try {
      c(s);
    } catch (const std::exception& e) {
      // A collector that cannot read (database busy, disk gone) leaves its gauges out; the
      // scrape still answers, and the failure is visible as a missing series and in the log.
      log::warn(component_, std::string("metrics collector failed: ") + e.what());
    }
  }
  return s.render();
}
void Server::before(std::function<bool(const Request&, Response&)> hook) {
  before_.push_back(std::move(hook));
}
void Server::after(std::function<void(const Request&, const Response&, double)> hook) {
  after_.push_back(std::move(hook));
}

int Server::bind(const std::string& host, int port) {
  int bound = port == 0 ? svr_.bind_to_any_port(host) : (svr_.bind_to_port(host, port) ? port : -1);
  if (bound > 0 && listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return bound;
}
bool Server::run() { return svr_.listen_after_bind(); }
void Server::stop() {
  if (svr_.is_running()) svr_.stop();
}
bool Server::running() const { return svr_.is_running(); }

}  // namespace tx::http
