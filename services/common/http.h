// HTTP plumbing shared by the station and central services: one routing table per service,
// named handlers, and the cross-cutting concerns in one place — request ids, one log line per
// request (path only, escaped and with digit runs masked: query strings and paths may hold ID
// numbers), ApiError/StorageError → the JSON error shape, payload limit → 413, unknown route →
// 404 — and request metrics by route with GET /metrics (Prometheus text; docs/operations.md).
//
// The network edge is GNU libmicrohttpd (epoll, one polling thread; docs/security.md "Network
// edge"): connections cost memory, not threads, so slow or idle clients cannot starve the
// service. A request is read completely (headers and body, within the limits below) before any
// hook or handler sees it, and then runs on a fixed pool of worker threads; a request refused
// before its body is read closes the connection, so an unread body is never parsed as the next
// request. Requests and responses keep cpp-httplib's plain data types (httplib::Request and
// Response), so handlers do not depend on the engine.
#pragma once
#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace tx::metrics {
class Scrape;
}

namespace tx::http {

using json = nlohmann::json;
using Request = httplib::Request;
using Response = httplib::Response;
using Handler = std::function<void(const Request&, Response&)>;

// dump: JSON text; invalid UTF-8 in strings is replaced, never thrown.
std::string dump(const json& j);
void send_json(Response& res, int status, const json& body);
// send_error: the contract error shape with the catalogue's status and messages.
void send_error(Response& res, const std::string& code, const std::string& field = {},
                const std::string& reason = {});

// parse_body: the request body as a JSON object; throws ApiError("malformed_json") otherwise.
json parse_body(const Request& req);
// Field accessors: throw ApiError("invalid_field", name) when missing/wrong type/too long.
std::string str_field(const json& body, const char* name, std::size_t max_len = 200);
std::optional<std::string> opt_str_field(const json& body, const char* name,
                                         std::size_t max_len = 200);
std::int64_t int_field(const json& body, const char* name, std::int64_t min, std::int64_t max);
// Query accessors: empty/nullopt when absent; throw ApiError("invalid_query", name) when bad.
std::string query(const Request& req, const char* name, std::size_t max_len = 200);
int query_int(const Request& req, const char* name, int fallback, int min, int max);
std::int64_t query_i64(const Request& req, const char* name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
// path_id: the numeric capture `index` of the route pattern; throws not_found when out of range.
std::int64_t path_id(const Request& req, int index = 1);
// bearer_token: the token of "Authorization: Bearer <token>", or empty.
std::string bearer_token(const Request& req);
// is_loopback_peer: true for a peer address in 127.0.0.0/8, ::1 or ::ffff:127.x.
bool is_loopback_peer(const std::string& remote_addr);

struct HostPort {
  std::string host;
  int port = 0;
};
// parse_host_port: "127.0.0.1:8480" / "[::1]:8480" / ":8480" (host defaults to 127.0.0.1).
std::optional<HostPort> parse_host_port(const std::string& s);
// is_loopback: the host only accepts connections from this machine (127.0.0.0/8, ::1,
// "localhost"). Anything else, including 0.0.0.0 and ::, is reachable from the LAN.
bool is_loopback(const std::string& host);

// Tls: certificate chain and private key (PEM files) for HTTPS. TLS 1.2 is the minimum.
struct Tls {
  std::string cert_file, key_file;
};

class Server;

// Limits: what one client (or all of them together) may cost the service.
struct Limits {
  std::size_t max_connections = 4096;     // open connections in all; more are refused at accept
  std::size_t max_per_peer = 128;         // open connections from one IP address
  std::size_t connection_memory = 32 * 1024;  // per connection: request line + headers (→ 431
                                              // JSON); libmicrohttpd's pool is twice this
  std::size_t max_headers = 64;           // header fields per request (→ 431)
  unsigned idle_timeout_s = 10;           // between requests (and for a request line to
                                          // arrive), or with no byte moving: closed
  unsigned request_timeout_s = 15;        // from the request line to the end of the body,
                                          // however slowly bytes trickle: closed
  std::size_t body_budget = 256u << 20;   // request bodies held at once, all connections (→ 503)
  std::size_t max_queued = 1024;          // complete requests waiting for a worker (→ 503)

  // configured: the defaults with the four limits both services take from their config files
  // (max_connections, max_connections_per_peer, request_timeout_s, idle_timeout_s).
  static Limits configured(int max_connections, int max_per_peer, int request_timeout_s, int idle_timeout_s) {
    Limits l;
    l.max_connections = std::size_t(max_connections);
    l.max_per_peer = std::size_t(max_per_peer);
    l.request_timeout_s = unsigned(request_timeout_s);
    l.idle_timeout_s = unsigned(idle_timeout_s);
    return l;
  }
};

// stop_on_signals: SIGINT/SIGTERM make `server` stop (run() returns). Call it before starting any
// other thread: the signals are blocked in the calling thread and in threads it starts later, and
// taken by one waiting thread.
void stop_on_signals(Server& server, const std::string& component);
// write_port_file: the bound port, written atomically (tests and scripts wait for the file).
void write_port_file(const std::string& path, int port);

class Server {
 public:
  // component names the service in log lines; threads sizes the worker pool (one per open
  // connection while it is served).
  // tls: serve HTTPS with these files; throws std::runtime_error naming the file when the
  // certificate or key cannot be loaded or do not match.
  Server(std::string component, std::size_t threads = 32, std::size_t max_body = 64 * 1024,
         const std::optional<Tls>& tls = std::nullopt, const Limits& limits = {});
  ~Server();

  void get(const std::string& pattern, Handler h);
  void post(const std::string& pattern, Handler h);
  void put(const std::string& pattern, Handler h);
  void del(const std::string& pattern, Handler h);
  // before: runs before routing (auth, rate limits); return false after writing a response
  // (e.g. send_error) to stop the request there.
  void before(std::function<bool(const Request&, Response&)> hook);
  // lane: requests for exactly `path` run on at most `max_workers` workers at once; the others
  // wait in the queue without holding a worker (still counted against max_queued), so a flood
  // of one kind of request cannot take every worker from the rest. Central puts station batches
  // in a lane: they all wait for the one database writer, and 200 of them on 64 workers kept
  // heartbeats queued for seconds (docs/benchmarks.md). Call before run().
  void lane(const std::string& path, std::size_t max_workers);
  // after: runs after every response is written (metrics). status, path, milliseconds.
  void after(std::function<void(const Request&, const Response&, double ms)> hook);

  // GET /metrics serves the process registry (metrics::global()) plus this server's collectors.
  // Loopback callers need nothing (a scraper or node exporter on the same machine); others must
  // send "Authorization: Bearer <token>" with a token given here (e.g. the admin token), so a
  // station on a LAN never shows its counts to any device that asks.
  void allow_metrics_token(std::string token);
  // collect: a function that adds scrape-time gauges (table counts, disk, sync backlog).
  void collect(std::function<void(metrics::Scrape&)> collector);
  // render_metrics: what GET /metrics answers (for tests and the CLI).
  std::string render_metrics();

  // bind: binds host:port (port 0 = any free port); returns the bound port or -1.
  int bind(const std::string& host, int port);
  // run: serves until stop(); returns false if the listener failed.
  bool run();
  void stop();
  bool running() const;

  // dispatch: runs one request in-process, without a socket, through the same before-hooks,
  // routing table, handlers and error mapping as a real connection (fuzzers, unit tests).
  // `target` may carry a query string; `remote_addr` is the peer it seems to come from.
  // Returns the response that would have been sent.
  Response dispatch(const std::string& method, const std::string& target, const std::string& body,
                    const httplib::Headers& headers = {}, const std::string& remote_addr = "127.0.0.1");

 private:
  struct Engine;
  friend struct Engine;
  Handler wrap(std::string pattern, Handler h);
  // handle: one complete request through hooks, routing, handler and error mapping.
  void handle(Request& req, Response& res);
  void begin_request(const Request& req, Response& res);
  bool run_before(const Request& req, Response& res);
  void internal_error(Response& res, std::exception_ptr ep);
  void count_request(const Request& req, const Response& res);  // metrics, before the write
  void end_request(const Request& req, const Response& res);    // log line and after() hooks
  void route(const char* method, const std::string& pattern, Handler h);
  std::string component_;
  std::vector<std::string> metrics_tokens_;
  std::vector<std::function<void(metrics::Scrape&)>> collectors_;
  std::size_t threads_;
  std::size_t max_body_;
  Limits limits_;
  std::string tls_cert_pem_, tls_key_pem_;  // empty: plain HTTP
  std::unique_ptr<Engine> engine_;
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  std::vector<Route> routes_;
  struct Lane {
    std::string path;
    std::size_t max_workers;
  };
  std::vector<Lane> lanes_;
  int listen_fd_ = -1;
  std::vector<std::function<bool(const Request&, Response&)>> before_;
  std::vector<std::function<void(const Request&, const Response&, double)>> after_;
};

}  // namespace tx::http
