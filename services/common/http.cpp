#include "common/http.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>
#include <thread>
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
  std::int64_t n = 0;  // at most 12 digits: cannot overflow, and the range check below sees it all
  for (char c : v) {
    if (c < '0' || c > '9') throw ApiError("invalid_query", name, "not_a_number");
    n = n * 10 + (c - '0');
  }
  if (n < min || n > max) throw ApiError("invalid_query", name, "range");
  return int(n);
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

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  // 127.0.0.0/8, written as four decimal parts: "127." and three more.
  if (host.rfind("127.", 0) != 0) return false;
  int parts = 2, digits = 0;  // "127" and the part being read
  for (std::size_t i = 4; i < host.size(); ++i) {
    if (host[i] == '.') {
      if (digits == 0) return false;
      ++parts;
      digits = 0;
    } else if (host[i] >= '0' && host[i] <= '9' && ++digits <= 3) {
    } else {
      return false;
    }
  }
  return parts == 4 && digits > 0;
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

namespace {
// The contract error shape for statuses httplib produced itself (unknown route, 413, bad HTTP).
void fill_error(Response& res) {
  const char* code = res.status == 404   ? "not_found"
                     : res.status == 413 ? "payload_too_large"
                     : res.status == 405 ? "method_not_allowed"
                     : res.status < 500  ? "malformed_json"
                                         : "internal";
  int status = res.status;
  send_error(res, code);
  res.status = status;
}

std::unique_ptr<httplib::Server> make_server(const std::optional<Tls>& tls) {
  if (!tls) return std::make_unique<httplib::Server>();
  std::string problem;
  auto svr = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                  SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (SSL_CTX_use_certificate_chain_file(&ctx, tls->cert_file.c_str()) != 1)
      problem = "cannot load the TLS certificate " + tls->cert_file;
    else if (SSL_CTX_use_PrivateKey_file(&ctx, tls->key_file.c_str(), SSL_FILETYPE_PEM) != 1)
      problem = ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH
                    ? "the TLS private key " + tls->key_file + " does not match the certificate " + tls->cert_file
                    : "cannot load the TLS private key " + tls->key_file;
    else if (SSL_CTX_check_private_key(&ctx) != 1)
      problem = "the TLS private key " + tls->key_file + " does not match the certificate " + tls->cert_file;
    if (!problem.empty()) {
      char buf[256];
      unsigned long e = ERR_get_error();
      if (e) {
        ERR_error_string_n(e, buf, sizeof buf);
        problem += std::string(" (") + buf + ")";
      }
      ERR_clear_error();
      return false;
    }
    return true;
  });
  if (!svr->is_valid())
    throw std::runtime_error(problem.empty() ? "cannot set up TLS" : problem);
  return svr;
}

}  // namespace

Server::Server(std::string component, std::size_t threads, std::size_t max_body,
               const std::optional<Tls>& tls)
    : component_(std::move(component)), svr_(make_server(tls)), max_body_(max_body) {
  svr_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr_->set_payload_max_length(max_body);
  svr_->set_read_timeout(10, 0);
  svr_->set_write_timeout(10, 0);
  svr_->set_keep_alive_timeout(5);
  svr_->set_tcp_nodelay(true);
  // httplib 0.11 listens with a backlog of 5, so a burst of clients (64 kiosks and staff PCs
  // racing, 200 stations syncing) overflows the accept queue and connections fail. Remember the
  // listening socket here and widen the backlog in bind(). SO_REUSEADDR only: SO_REUSEPORT would
  // let a second service bind the same port silently.
  svr_->set_socket_options([this](int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  svr_->set_pre_routing_handler([this](const Request& req, Response& res) {
    // HTTP/1.1 (RFC 9112 6.3): a request with neither Content-Length nor Transfer-Encoding has no
    // body. httplib 0.11 reads such a POST until the client hangs up, so `curl -X POST URL`
    // waited forever. The pre-routing hook runs before the body is read; the request object
    // is httplib's own non-const local, so saying "no body" here is safe.
    if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))
      const_cast<Request&>(req).headers.emplace("Content-Length", "0");
    begin_request(req, res);
    return run_before(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                : httplib::Server::HandlerResponse::Handled;
  });
  // Every status >= 400 without a body of ours (unknown route, 413, malformed HTTP) gets the
  // JSON error shape too.
  svr_->set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    fill_error(res);
    return httplib::Server::HandlerResponse::Handled;
  }));
  svr_->set_exception_handler([this](const Request&, Response& res, std::exception_ptr ep) {
    internal_error(res, ep);
  });
  // Metrics are counted before the response is written (post-routing), so a client that reads
  // an answer and then scrapes /metrics always sees its request counted; the log line follows
  // the write.
  svr_->set_post_routing_handler([this](const Request& req, Response& res) { count_request(req, res); });
  svr_->set_logger([this](const Request& req, const Response& res) { end_request(req, res); });
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

void Server::begin_request(const Request& req, Response& res) {
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
}

bool Server::run_before(const Request& req, Response& res) {
  for (auto& hook : before_) {
    try {
      if (!hook(req, res)) return false;
    } catch (const ApiError& e) {
      send_error(res, e.code(), e.field(), e.reason());
      return false;
    } catch (const StorageError& e) {
      log::error(component_, std::string("storage error: ") + e.what());
      send_error(res, "storage_unavailable");
      return false;
    }
  }
  return true;
}

void Server::internal_error(Response& res, std::exception_ptr ep) {
  std::string what = "unknown exception";
  try {
    if (ep) std::rethrow_exception(ep);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  log::error(component_, "request_id=" + t_request_id + " internal error: " + what);
  send_error(res, "internal");
}

void Server::count_request(const Request& req, const Response& res) {
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start).count();
  // Metrics by route pattern, never by raw path: the label set stays small whatever clients send.
  std::string route = t_route.empty() ? "unrouted" : route_label(t_route);
  auto& reg = metrics::global();
  reg.counter("tongxing_http_requests_total", "HTTP requests answered, by route, method and status",
              {{"route", route}, {"method", req.method}, {"status", std::to_string(res.status)}})
      .inc();
  reg.histogram("tongxing_http_request_duration_seconds", "Time to answer an HTTP request, by route",
                metrics::kLatencyBuckets, {{"route", route}})
      .observe(ms / 1000.0);
}

void Server::end_request(const Request& req, const Response& res) {
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start).count();
  char buf[64];
  std::snprintf(buf, sizeof buf, " status=%d ms=%.2f", res.status, ms);
  // Path only, never the query string or body: they may hold ID numbers.
  log::write(quiet_path(req.path) ? log::Level::debug : log::Level::info, component_,
             "request_id=" + t_request_id + " " + req.method + " " + req.path + buf);
  for (auto& hook : after_) hook(req, res, ms);
}

Response Server::dispatch(const std::string& method, const std::string& target,
                          const std::string& body, const httplib::Headers& headers,
                          const std::string& remote_addr) {
  Request req;
  req.method = method;
  req.body = body;
  req.headers = headers;
  req.remote_addr = remote_addr;
  auto q = target.find('?');
  req.path = target.substr(0, q);
  // The query string is split and decoded as httplib does it for a socket.
  if (q != std::string::npos) httplib::detail::parse_query_text(target.substr(q + 1), req.params);
  Response res;
  begin_request(req, res);
  if (body.size() > max_body_) {
    res.status = 413;
    fill_error(res);
  } else if (run_before(req, res)) {
    const Route* found = nullptr;
    for (const auto& r : routes_)
      if (r.method == method && std::regex_match(req.path, req.matches, r.pattern)) {
        found = &r;
        break;
      }
    if (!found) {
      res.status = 404;
    } else {
      try {
        found->handler(req, res);
      } catch (...) {
        internal_error(res, std::current_exception());
      }
    }
    if (res.status >= 400 && res.body.empty()) fill_error(res);
  }
  count_request(req, res);
  end_request(req, res);
  return res;
}

void stop_on_signals(Server& server, const std::string& component) {
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  std::thread([&server, component, sigs] {
    int sig = 0;
    sigwait(&sigs, &sig);
    log::info(component, "signal " + std::to_string(sig) + ", stopping");
    server.stop();
  }).detach();
}

void write_port_file(const std::string& path, int port) {
  std::string tmp = path + ".tmp";
  std::ofstream(tmp) << port << "\n";
  std::rename(tmp.c_str(), path.c_str());
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

void Server::route(const char* method, const std::string& p, Handler h) {
  Handler w = wrap(p, std::move(h));
  routes_.push_back(Route{method, std::regex(p), w});
  std::string m = method;
  if (m == "GET") svr_->Get(p, w);
  else if (m == "POST") svr_->Post(p, w);
  else if (m == "PUT") svr_->Put(p, w);
  else svr_->Delete(p, w);
}
void Server::get(const std::string& p, Handler h) { route("GET", p, std::move(h)); }
void Server::post(const std::string& p, Handler h) { route("POST", p, std::move(h)); }
void Server::put(const std::string& p, Handler h) { route("PUT", p, std::move(h)); }
void Server::del(const std::string& p, Handler h) { route("DELETE", p, std::move(h)); }
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
  int bound = port == 0 ? svr_->bind_to_any_port(host) : (svr_->bind_to_port(host, port) ? port : -1);
  if (bound > 0 && listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return bound;
}
bool Server::run() { return svr_->listen_after_bind(); }
void Server::stop() {
  if (svr_->is_running()) svr_->stop();
}
bool Server::running() const { return svr_->is_running(); }

}  // namespace tx::http
