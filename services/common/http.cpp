#include "common/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdarg>
#include <deque>
#include <mutex>
#include <unordered_set>

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

std::int64_t query_i64(const Request& req, const char* name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) {
  // Up to 24 characters are read: anything longer is out of range anyway (said so, not "too long").
  std::string v = query(req, name, 24);
  if (v.empty()) return fallback;
  std::int64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') throw ApiError("invalid_query", name, "not_a_number");
    // Stop before overflow: a value past max is out of range whatever digits follow.
    if (n > (max - (c - '0')) / 10) throw ApiError("invalid_query", name, "range");
    n = n * 10 + (c - '0');
  }
  if (n < min || n > max) throw ApiError("invalid_query", name, "range");
  return n;
}

int query_int(const Request& req, const char* name, int fallback, int min, int max) {
  return int(query_i64(req, name, fallback, min, max));
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
// The contract error shape for statuses the edge produces itself (unknown route, 413, 431, ...).
void fill_error(Response& res) {
  const char* code = res.status == 404   ? "not_found"
                     : res.status == 413 ? "payload_too_large"
                     : res.status == 431 ? "headers_too_large"
                     : res.status == 408 ? "request_timeout"
                     : res.status == 405 ? "method_not_allowed"
                     : res.status == 503 ? "server_busy"
                     : res.status < 500  ? "malformed_json"
                                         : "internal";
  int status = res.status;
  send_error(res, code);
  res.status = status;
}

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// check_tls_files: loads the pair with OpenSSL first, for an error that names the file and the
// reason (GnuTLS, which serves the connections, only says that it failed).
void check_tls_files(const Tls& tls) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> holder(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
  SSL_CTX* ctx = holder.get();
  std::string problem;
  if (!ctx)
    problem = "cannot set up TLS";
  else if (SSL_CTX_use_certificate_chain_file(ctx, tls.cert_file.c_str()) != 1)
    problem = "cannot load the TLS certificate " + tls.cert_file;
  else if (SSL_CTX_use_PrivateKey_file(ctx, tls.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    problem = ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH
                  ? "the TLS private key " + tls.key_file + " does not match the certificate " + tls.cert_file
                  : "cannot load the TLS private key " + tls.key_file;
  else if (SSL_CTX_check_private_key(ctx) != 1)
    problem = "the TLS private key " + tls.key_file + " does not match the certificate " + tls.cert_file;
  if (problem.empty()) return;
  char buf[256];
  unsigned long e = ERR_get_error();
  if (e) {
    ERR_error_string_n(e, buf, sizeof buf);
    problem += std::string(" (") + buf + ")";
  }
  ERR_clear_error();
  throw std::runtime_error(problem);
}

// mask_path: a request path as it may be logged: control and non-ASCII bytes escaped, runs of 7
// or more digits or X (an ID number or a phone pasted into a URL) cut to their first two, and at
// most 200 characters.
std::string log_path(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size() && out.size() < 200; ++i) {
    std::size_t run = 0;
    while (i + run < path.size() && (std::isdigit((unsigned char)path[i + run]) || path[i + run] == 'X' || path[i + run] == 'x'))
      ++run;
    if (run >= 7) {
      out += path.substr(i, 2) + "*(" + std::to_string(run) + ")";
      i += run - 1;
      continue;
    }
    unsigned char c = path[i];
    if (c < 0x20 || c >= 0x7f || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out;
}
}  // namespace

// ------------------------------------------------------------------------------------------------
// The libmicrohttpd engine.
//
// One MHD polling thread (epoll) reads and writes every connection. The access handler collects
// a request's headers and body; when it is complete the connection is suspended and the request
// goes to a fixed pool of worker threads (handlers may block: database, long polls). When the
// worker is done the connection is resumed and the response queued. A sweeper closes
// connections that take longer than request_timeout_s to deliver a request.

struct Server::Engine {
  Server& server;
  MHD_Daemon* daemon = nullptr;

  // One request on its way through the engine (MHD's per-request context).
  struct Call {
    MHD_Connection* connection = nullptr;
    Request req;
    Response res;
    std::size_t reserved = 0;  // bytes of body_budget this request holds
    bool queued = false;       // handed to a worker
    bool done = false;         // the worker has filled `res`
    bool refused = false;      // a response was queued while its body was unread (closes)
    int lane = -1;             // Server::lane index, or -1
    std::uint64_t order = 0;   // arrival order, for fairness between lanes
  };
  // One connection, for the request deadline (MHD's per-socket context).
  struct Conn {
    int fd = -1;
    std::chrono::steady_clock::time_point since;
    bool in_request = false;  // its request line has arrived: the rest must follow in time
    bool busy = false;        // a request is with a worker or its response is being written
  };

  std::mutex mu;
  std::condition_variable cv;       // run() and the sweeper wait for stop
  std::condition_variable work_cv;  // workers wait for calls: one is woken per call (waking all
                                    // of them, 64 at central, for every request made the tail)
  std::deque<Call*> queue;                    // complete requests outside any lane
  std::vector<std::deque<Call*>> lane_queue;  // per Server::lane, waiting for a lane worker
  std::vector<std::size_t> lane_busy;         // per Server::lane, calls with a worker now
  std::size_t queued = 0;                     // waiting calls, all queues together
  std::uint64_t arrivals = 0;
  std::vector<std::thread> workers;
  std::thread sweeper;
  bool stopping = false;
  bool stop_requested = false;
  bool running = false;
  std::unordered_set<Conn*> conns;  // under conns_mu
  std::mutex conns_mu;
  std::atomic<std::size_t> body_in_use{0};

  explicit Engine(Server& s) : server(s) {}

  static std::string peer_address(MHD_Connection* c) {
    const MHD_ConnectionInfo* ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return {};
    char buf[INET6_ADDRSTRLEN] = {0};
    const sockaddr* sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
      ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
      ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
    return buf;
  }

  static MHD_Result collect_value(void* cls, MHD_ValueKind kind, const char* key, const char* value) {
    auto* req = static_cast<Request*>(cls);
    if (kind == MHD_HEADER_KIND)
      req->headers.emplace(key, value ? value : "");
    else
      req->params.emplace(key, value ? value : "");
    return MHD_YES;
  }

  // queue: sends `res` on the connection.
  static MHD_Result send(MHD_Connection* c, const Response& res, bool close) {
    MHD_Response* r = MHD_create_response_from_buffer(res.body.size(), const_cast<char*>(res.body.data()),
                                                      MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    for (const auto& [k, v] : res.headers) MHD_add_response_header(r, k.c_str(), v.c_str());
    if (close) MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    MHD_Result ok = MHD_queue_response(c, unsigned(res.status > 0 ? res.status : 200), r);
    MHD_destroy_response(r);
    return ok;
  }

  // refuse: an answer from the edge itself, before the request is complete. The rest of the
  // request is never read, so the connection closes after the answer.
  MHD_Result refuse(Call* call, int status) {
    call->refused = true;
    call->res = Response();
    call->res.status = status;
    fill_error(call->res);
    server.begin_request(call->req, call->res);
    server.count_request(call->req, call->res);
    server.end_request(call->req, call->res);
    return send(call->connection, call->res, true);
  }

  bool reserve(Call* call, std::size_t more) {
    std::size_t before = body_in_use.fetch_add(more);
    call->reserved += more;
    return before + more <= server.limits_.body_budget;
  }

  MHD_Result access(MHD_Connection* c, const char* url, const char* method, const char* upload,
                    std::size_t* upload_size, void** ctx) {
    auto* call = static_cast<Call*>(*ctx);
    if (!call) {
      call = new Call;
      *ctx = call;
      call->connection = c;
      call->req.method = method;
      call->req.path = url;
      call->req.remote_addr = peer_address(c);
      int fields = MHD_get_connection_values(c, MHD_HEADER_KIND, &Engine::collect_value, &call->req);
      MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, &Engine::collect_value, &call->req);
      // The header cap is ours, not the memory pool's (which is twice as large), so a header
      // block over it is answered with the JSON error like any refusal. Only a block that also
      // fills the pool (a flood) gets libmicrohttpd's own 431 and the connection closed.
      std::size_t header_bytes = call->req.method.size() + call->req.path.size() + 11;
      for (const auto& [k, v] : call->req.headers) header_bytes += k.size() + v.size() + 4;
      for (const auto& [k, v] : call->req.params) header_bytes += k.size() + v.size() + 2;
      if (fields < 0 || std::size_t(fields) > server.limits_.max_headers ||
          header_bytes > server.limits_.connection_memory)
        return refuse(call, 431);
      std::string length = call->req.get_header_value("Content-Length");
      if (!length.empty()) {
        if (length.size() > 12 || length.find_first_not_of("0123456789") != std::string::npos) return refuse(call, 400);
        std::size_t n = std::stoull(length);
        if (n > server.max_body_) return refuse(call, 413);
        if (!reserve(call, n)) return refuse(call, 503);
        call->req.body.reserve(n);
      }
      return MHD_YES;
    }
    if (call->refused) {
      *upload_size = 0;
      return MHD_YES;
    }
    if (*upload_size > 0) {
      std::size_t n = *upload_size;
      *upload_size = 0;
      if (call->req.body.size() + n > server.max_body_) return refuse(call, 413);
      if (call->req.body.size() + n > call->reserved && !reserve(call, call->req.body.size() + n - call->reserved))
        return refuse(call, 503);
      call->req.body.append(upload, n);
      return MHD_YES;
    }
    if (!call->queued) {
      // The whole request is here: hand it to a worker.
      {
        std::lock_guard lock(mu);
        if (queue_full()) return refuse(call, 503);
        call->queued = true;
        mark(c, true, true);
        MHD_suspend_connection(c);
        call->order = ++arrivals;
        for (std::size_t i = 0; i < server.lanes_.size(); ++i)
          if (call->req.path == server.lanes_[i].path) call->lane = int(i);
        (call->lane < 0 ? queue : lane_queue[std::size_t(call->lane)]).push_back(call);
        ++queued;
      }
      work_cv.notify_one();
      return MHD_YES;
    }
    if (!call->done) return MHD_YES;  // resumed spuriously; the worker resumes it again
    return send(c, call->res, false);
  }

  bool queue_full() const { return queued >= server.limits_.max_queued || stopping; }

  // next: the oldest waiting call a worker may take now (a lane's calls only while the lane has
  // fewer than its max_workers with a worker), taken off its queue; nullptr if none. Under mu.
  Call* next() {
    std::deque<Call*>* from = queue.empty() ? nullptr : &queue;
    int lane = -1;
    for (std::size_t i = 0; i < lane_queue.size(); ++i)
      if (!lane_queue[i].empty() && lane_busy[i] < server.lanes_[i].max_workers &&
          (!from || lane_queue[i].front()->order < from->front()->order)) {
        from = &lane_queue[i];
        lane = int(i);
      }
    if (!from) return nullptr;
    Call* call = from->front();
    from->pop_front();
    --queued;
    if (lane >= 0) ++lane_busy[std::size_t(lane)];
    return call;
  }

  // mark: a connection's phase changes (request line in, handed to a worker, answered).
  void mark(MHD_Connection* c, bool in_request, bool busy) {
    const MHD_ConnectionInfo* ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (!ci || !ci->socket_context) return;
    std::lock_guard lock(conns_mu);
    auto* conn = static_cast<Conn*>(ci->socket_context);
    conn->in_request = in_request;
    conn->busy = busy;
    conn->since = std::chrono::steady_clock::now();
  }

  void worker() {
    for (;;) {
      Call* call = nullptr;
      {
        std::unique_lock lock(mu);
        // A stopping server still drains what it queued (each lane by its own workers).
        work_cv.wait(lock, [&] { return (call = next()) != nullptr || stopping; });
        if (!call) return;
      }
      server.handle(call->req, call->res);
      bool lane_freed = false;
      {
        std::lock_guard lock(mu);
        call->done = true;
        if (call->lane >= 0) {
          --lane_busy[std::size_t(call->lane)];
          lane_freed = !lane_queue[std::size_t(call->lane)].empty();
        }
      }
      MHD_resume_connection(call->connection);
      if (lane_freed) work_cv.notify_one();
    }
  }

  void completed(MHD_Connection* c, void** ctx) {
    auto* call = static_cast<Call*>(*ctx);
    if (!call) return;
    body_in_use.fetch_sub(call->reserved);
    if (call->queued && !call->done) {
      // Only when the daemon stops with a request still with a worker: leave it to the worker.
      return;
    }
    mark(c, false, false);
    delete call;
    *ctx = nullptr;
  }

  void connection_event(MHD_Connection* c, void** socket_ctx, MHD_ConnectionNotificationCode code) {
    std::lock_guard lock(conns_mu);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
      auto* conn = new Conn;
      const MHD_ConnectionInfo* ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
      conn->fd = ci ? ci->connect_fd : -1;
      conn->since = std::chrono::steady_clock::now();
      conns.insert(conn);
      *socket_ctx = conn;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
      auto* conn = static_cast<Conn*>(*socket_ctx);
      conns.erase(conn);
      delete conn;
      *socket_ctx = nullptr;
    }
  }

  // sweep: every 250 ms, shut down connections that are too slow (a trickle of bytes resets MHD's
  // idle timer, so the idle timeout alone does not bound them): request_timeout_s from the
  // request line to the end of the body, idle_timeout_s between requests (a request line that
  // trickles in counts as idle). The polling thread then sees the socket close.
  void sweep() {
    auto request_limit = std::chrono::seconds(server.limits_.request_timeout_s);
    auto idle_limit = std::chrono::seconds(server.limits_.idle_timeout_s);
    std::unique_lock lock(mu);
    while (!stopping) {
      cv.wait_for(lock, std::chrono::milliseconds(250));
      lock.unlock();  // the workers' queue shares `mu`: never hold it while scanning
      auto now = std::chrono::steady_clock::now();
      std::size_t closed = 0;
      {
        std::lock_guard cl(conns_mu);
        for (auto* conn : conns)
          if (!conn->busy && conn->fd >= 0 && now - conn->since > (conn->in_request ? request_limit : idle_limit)) {
            ::shutdown(conn->fd, SHUT_RDWR);
            conn->fd = -1;
            ++closed;
          }
      }
      if (closed > 0) {
        metrics::global()
            .counter("tongxing_http_connections_timed_out_total",
                     "Connections closed for taking too long to send a request")
            .inc(double(closed));
        log::write(log::Level::debug, server.component_, "closed " + std::to_string(closed) + " slow connection(s)");
      }
      lock.lock();
    }
  }

  static MHD_Result on_access(void* cls, MHD_Connection* c, const char* url, const char* method, const char*,
                              const char* upload, std::size_t* upload_size, void** ctx) {
    return static_cast<Engine*>(cls)->access(c, url, method, upload, upload_size, ctx);
  }
  // on_uri: the request line has arrived (before its headers).
  static void* on_uri(void* cls, const char*, MHD_Connection* c) {
    static_cast<Engine*>(cls)->mark(c, true, false);
    return nullptr;
  }
  static void on_completed(void* cls, MHD_Connection* c, void** ctx, MHD_RequestTerminationCode) {
    static_cast<Engine*>(cls)->completed(c, ctx);
  }
  static void on_connection(void* cls, MHD_Connection* c, void** socket_ctx, MHD_ConnectionNotificationCode code) {
    static_cast<Engine*>(cls)->connection_event(c, socket_ctx, code);
  }
  static void on_mhd_log(void* cls, const char* fmt, va_list ap) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    log::write(log::Level::debug, *static_cast<const std::string*>(cls), std::string("http: ") + buf);
  }
};

Server::Server(std::string component, std::size_t threads, std::size_t max_body,
               const std::optional<Tls>& tls, const Limits& limits)
    : component_(std::move(component)),
      threads_(std::max<std::size_t>(threads, 1)),
      max_body_(max_body),
      limits_(limits),
      engine_(std::make_unique<Engine>(*this)) {
  if (tls) {
    check_tls_files(*tls);
    tls_cert_pem_ = read_whole(tls->cert_file);
    tls_key_pem_ = read_whole(tls->key_file);
    if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
      throw std::runtime_error("this libmicrohttpd was built without TLS support");
  }
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
             "request_id=" + t_request_id + " " + log_path(req.method) + " " + log_path(req.path) + buf);
  for (auto& hook : after_) hook(req, res, ms);
}

void Server::handle(Request& req, Response& res) {
  begin_request(req, res);
  if (req.body.size() > max_body_) {
    res.status = 413;
    fill_error(res);
  } else if (run_before(req, res)) {
    const Route* found = nullptr;
    for (const auto& r : routes_)
      if (r.method == req.method && std::regex_match(req.path, req.matches, r.pattern)) {
        found = &r;
        break;
      }
    if (!found) {
      res.status = 404;
    } else {
      try {
        found->handler(req, res);
        if (res.status == -1) res.status = 200;
      } catch (...) {
        internal_error(res, std::current_exception());
      }
    }
    if (res.status >= 400 && res.body.empty()) fill_error(res);
  }
  count_request(req, res);
  end_request(req, res);
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
  // The query string is split and decoded as a socket's would be.
  if (q != std::string::npos) httplib::detail::parse_query_text(target.substr(q + 1), req.params);
  Response res;
  handle(req, res);
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

Server::~Server() {
  stop();
  std::unique_lock lock(engine_->mu);
  engine_->cv.wait(lock, [this] { return !engine_->running; });
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

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
  routes_.push_back(Route{method, std::regex(p), wrap(p, std::move(h))});
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

void Server::lane(const std::string& path, std::size_t max_workers) {
  lanes_.push_back(Lane{path, std::max<std::size_t>(1, max_workers)});
}

void Server::before(std::function<bool(const Request&, Response&)> hook) {
  before_.push_back(std::move(hook));
}
void Server::after(std::function<void(const Request&, const Response&, double)> hook) {
  after_.push_back(std::move(hook));
}

int Server::bind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string h = host == "localhost" ? "127.0.0.1" : host;
  if (::getaddrinfo(h.empty() ? nullptr : h.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> holder(found, ::freeaddrinfo);
  int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  // SO_REUSEADDR only: SO_REUSEPORT would let a second service bind the same port silently.
  int yes = 1, no = 0;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (found->ai_family == AF_INET6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
  if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
    ::close(fd);
    return -1;
  }
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  listen_fd_ = fd;
  return ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port)
                                  : ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
}

bool Server::run() {
  Engine& e = *engine_;
  if (listen_fd_ < 0) return false;
  {
    std::lock_guard lock(e.mu);
    if (e.stop_requested || e.running) return false;
  }
  // Every connection is a file descriptor: let the process have as many as it may.
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &rl);
  }
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  if (!tls_cert_pem_.empty()) flags |= MHD_USE_TLS;
  std::vector<MHD_OptionItem> opts = {
      {MHD_OPTION_LISTEN_SOCKET, listen_fd_, nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, intptr_t(limits_.max_connections), nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, intptr_t(limits_.max_per_peer), nullptr},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, intptr_t(2 * limits_.connection_memory), nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, intptr_t(limits_.idle_timeout_s), nullptr},
      {MHD_OPTION_NOTIFY_COMPLETED, intptr_t(&Engine::on_completed), &e},
      {MHD_OPTION_NOTIFY_CONNECTION, intptr_t(&Engine::on_connection), &e},
      {MHD_OPTION_URI_LOG_CALLBACK, intptr_t(&Engine::on_uri), &e},
      {MHD_OPTION_EXTERNAL_LOGGER, intptr_t(&Engine::on_mhd_log), &component_},
  };
  if (!tls_cert_pem_.empty()) {
    opts.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, tls_cert_pem_.data()});
    opts.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, tls_key_pem_.data()});
    // TLS 1.2 is the minimum, as before.
    opts.push_back({MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>("NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2")});
  }
  opts.push_back({MHD_OPTION_END, 0, nullptr});
  {
    // Before the daemon starts: its polling thread queues requests as soon as it runs.
    std::lock_guard lock(e.mu);
    e.lane_queue.assign(lanes_.size(), {});
    e.lane_busy.assign(lanes_.size(), 0);
  }
  e.daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &Engine::on_access, &e, MHD_OPTION_ARRAY, opts.data(), MHD_OPTION_END);
  if (!e.daemon) {
    log::error(component_, "cannot start the HTTP engine");
    return false;
  }
  {
    std::lock_guard lock(e.mu);
    e.running = true;
    e.stopping = false;
  }
  for (std::size_t i = 0; i < threads_; ++i) e.workers.emplace_back([&e] { e.worker(); });
  e.sweeper = std::thread([&e] { e.sweep(); });
  {
    std::unique_lock lock(e.mu);
    e.cv.wait(lock, [&] { return e.stop_requested; });
    e.stopping = true;
  }
  e.cv.notify_all();
  e.work_cv.notify_all();
  for (auto& t : e.workers) t.join();
  e.workers.clear();
  e.sweeper.join();
  // Workers are gone: resume what they left suspended so the daemon can close it.
  MHD_stop_daemon(e.daemon);
  e.daemon = nullptr;
  ::close(listen_fd_);
  listen_fd_ = -1;
  {
    std::lock_guard lock(e.mu);
    e.running = false;
  }
  e.cv.notify_all();
  return true;
}

void Server::stop() {
  Engine& e = *engine_;
  std::unique_lock lock(e.mu);
  e.stop_requested = true;
  e.cv.notify_all();
}

bool Server::running() const {
  std::lock_guard lock(engine_->mu);
  return engine_->running && !engine_->stop_requested;
}

}  // namespace tx::http
