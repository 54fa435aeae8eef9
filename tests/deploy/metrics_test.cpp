// Metrics: the registry's text format, request metrics by route pattern on a real http::Server,
// /metrics access, the kiosk telemetry counters, and the station's /health details.
#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/errors.h"
#include "common/http.h"
#include "common/metrics.h"
#include "process.h"
#include "station/telemetry.h"

namespace tx {
namespace {

using nlohmann::json;

TEST(Metrics, TextFormatGroupsFamiliesAndEscapesLabels) {
  metrics::Registry r;
  r.counter("t_requests_total", "Requests", {{"route", "/a"}}).inc(3);
  r.counter("t_requests_total", "Requests", {{"route", "/b \"q\"\\\n"}}).inc();
  auto& h = r.histogram("t_seconds", "Latency", {0.1, 1.0});
  h.observe(0.05);
  h.observe(0.5);
  h.observe(5);
  metrics::Scrape s;
  r.collect(s);
  s.gauge("t_backlog", "Backlog", 42);
  std::string text = s.render();
  EXPECT_NE(text.find("# HELP t_requests_total Requests\n# TYPE t_requests_total counter\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_requests_total{route=\"/a\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_requests_total{route=\"/b \\\"q\\\"\\\\\\n\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE t_seconds histogram\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{le=\"0.1\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_seconds_bucket{le=\"1\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_seconds_sum 5.55\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_seconds_count 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE t_backlog gauge\nt_backlog 42\n"), std::string::npos) << text;
  // One HELP/TYPE header per family.
  EXPECT_EQ(text.find("# TYPE t_requests_total"), text.rfind("# TYPE t_requests_total"));
  EXPECT_THROW(r.histogram("t_requests_total", "x", {1}), std::logic_error);
}

TEST(Metrics, FormatKeepsTimestampsExact) {
  EXPECT_EQ(metrics::format_value(1795580476.25), "1795580476.25");
  EXPECT_EQ(metrics::format_value(3), "3");
  EXPECT_EQ(metrics::format_value(-1), "-1");
}

TEST(Metrics, LoopbackAddresses) {
  EXPECT_TRUE(http::is_loopback_peer("127.0.0.1"));
  EXPECT_TRUE(http::is_loopback_peer("127.1.2.3"));
  EXPECT_TRUE(http::is_loopback_peer("::1"));
  EXPECT_TRUE(http::is_loopback_peer("::ffff:127.0.0.1"));
  EXPECT_FALSE(http::is_loopback_peer("192.168.1.20"));
  EXPECT_FALSE(http::is_loopback_peer("::ffff:10.0.0.1"));
  EXPECT_FALSE(http::is_loopback_peer(""));
}

// A real server: the route label is the pattern (ids folded to :id), unknown paths share one
// label, and the request id a client sends is echoed back.
TEST(Metrics, ServerCountsRequestsByRoutePattern) {
  http::Server server("test");
  server.get(R"(/things/(\d+))", [](const http::Request&, http::Response& res) { http::send_json(res, 200, {{"ok", true}}); });
  server.collect([](metrics::Scrape& s) { s.gauge("test_collector_gauge", "From a collector", 7); });
  int port = server.bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  std::thread t([&] { server.run(); });
  httplib::Client c("127.0.0.1", port);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(c.Get("/things/" + std::to_string(1000 + i)));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.Get("/no/such/path/" + std::to_string(i)));
  auto r = c.Get("/things/1", {{"X-Request-Id", "kiosk1-42"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("X-Request-Id"), "kiosk1-42");
  auto bad = c.Get("/things/1", {{"X-Request-Id", "has spaces and \"quotes\""}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->get_header_value("X-Request-Id").rfind("r", 0), 0u);

  auto m = c.Get("/metrics");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->status, 200);
  EXPECT_EQ(m->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
  EXPECT_NE(m->body.find("tongxing_http_requests_total{route=\"/things/:id\",method=\"GET\",status=\"200\"} 7"),
            std::string::npos)
      << m->body;
  EXPECT_NE(m->body.find("tongxing_http_requests_total{route=\"unrouted\",method=\"GET\",status=\"404\"} 3"),
            std::string::npos)
      << m->body;
  EXPECT_EQ(m->body.find("/things/1000"), std::string::npos) << "raw paths must not become labels";
  EXPECT_NE(m->body.find("tongxing_http_request_duration_seconds_count{route=\"/things/:id\"} 7"), std::string::npos);
  EXPECT_NE(m->body.find("test_collector_gauge 7"), std::string::npos);
  server.stop();
  t.join();
}

TEST(KioskTelemetry, CountsGrowthPerBootAndNeverDoubleCounts) {
  station::KioskTelemetry k;
  auto text = [&] {
    metrics::Scrape s;
    k.collect(s);
    return s.render();
  };
  k.report("kiosk-1", json::parse(R"({"boot_id":"a","speech_utterances":{"cmn":10,"en":2},"sessions":3})"), 100);
  k.report("kiosk-1", json::parse(R"({"boot_id":"a","speech_utterances":{"cmn":10,"en":2},"sessions":3})"), 110);  // repeated
  k.report("kiosk-1", json::parse(R"({"boot_id":"a","speech_utterances":{"cmn":15,"en":2},"sessions":4})"), 120);
  // The kiosk restarted: its counts start again from zero.
  k.report("kiosk-1", json::parse(R"({"boot_id":"b","speech_utterances":{"cmn":1,"xx":4}})"), 130);
  std::string t = text();
  EXPECT_NE(t.find("tongxing_kiosk_speech_utterances_total{terminal=\"kiosk-1\",lang=\"cmn\"} 16\n"), std::string::npos) << t;
  EXPECT_NE(t.find("tongxing_kiosk_speech_utterances_total{terminal=\"kiosk-1\",lang=\"en\"} 2\n"), std::string::npos) << t;
  EXPECT_NE(t.find("tongxing_kiosk_speech_utterances_total{terminal=\"kiosk-1\",lang=\"other\"} 4\n"), std::string::npos) << t;
  EXPECT_NE(t.find("tongxing_kiosk_sessions_total{terminal=\"kiosk-1\"} 4\n"), std::string::npos) << t;
  EXPECT_NE(t.find("tongxing_kiosk_last_report_timestamp_seconds{terminal=\"kiosk-1\"} 130\n"), std::string::npos) << t;

  // Malformed reports change nothing.
  EXPECT_THROW(k.report("kiosk-1", json::parse(R"({"speech_utterances":{"cmn":99}})"), 140), ApiError);
  EXPECT_THROW(k.report("kiosk-1", json::parse(R"({"boot_id":"b","speech_utterances":{"cmn":-1}})"), 140), ApiError);
  EXPECT_THROW(k.report("kiosk-1", json::parse(R"({"boot_id":"b","speech_utterances":[1]})"), 140), ApiError);
  EXPECT_EQ(text(), t);

  // Bounded label set: terminals beyond the limit share "other".
  for (int i = 0; i < 100; ++i) k.report("t" + std::to_string(i), json::parse(R"({"boot_id":"x","sessions":1})"), 150);
  std::string many = text();
  EXPECT_NE(many.find("terminal=\"other\""), std::string::npos);
  EXPECT_EQ(many.find("terminal=\"t99\""), std::string::npos);
}

// The station's /health and /metrics, and the kiosk report endpoint, on a real stationd.
TEST(StationHealth, ReportsDatabaseDiskAndSync) {
  test::TempDir dir;
  auto svc = test::start_service(test::bin("tongxing-stationd"), {"--db", dir.file("station.db")}, dir.path(), "stationd");
  httplib::Client c("127.0.0.1", svc.port);
  auto h = c.Get("/api/v1/health");
  ASSERT_TRUE(h && h->status == 200);
  auto j = json::parse(h->body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["db"], "ok");
  EXPECT_EQ(j["database"]["status"], "ok");
  EXPECT_GE(j["database"]["schema_version"].get<int>(), 1);
  EXPECT_GT(j["database"]["size_bytes"].get<std::int64_t>(), 0);
  EXPECT_EQ(j["disk"]["status"], "ok");
  EXPECT_GT(j["disk"]["total_bytes"].get<std::int64_t>(), j["disk"]["free_bytes"].get<std::int64_t>() - 1);
  for (const char* k : {"configured", "backlog", "acked_seq", "last_success", "last_error", "running"})
    EXPECT_TRUE(j["sync"].contains(k)) << k << " in " << j["sync"];
  EXPECT_EQ(j["sync"]["backlog"], 0);

  // A staff call writes one outbox event: the backlog shows it.
  ASSERT_TRUE(c.Post("/api/v1/staff-calls", "{}", "application/json"));
  j = json::parse(c.Get("/api/v1/health")->body);
  EXPECT_EQ(j["sync"]["backlog"], 1);

  auto rep = c.Post("/api/v1/kiosk/report", R"({"terminal":"kiosk-7","boot_id":"b1","speech_utterances":{"cmn":3}})",
                    "application/json");
  ASSERT_TRUE(rep);
  EXPECT_EQ(rep->status, 200) << rep->body;
  auto bad = c.Post("/api/v1/kiosk/report", R"({"speech_utterances":{"cmn":3}})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(json::parse(bad->body).contains("error"));

  auto m = c.Get("/metrics");
  ASSERT_TRUE(m && m->status == 200);
  for (const char* want :
       {"tongxing_up{service=\"stationd\"} 1", "tongxing_sync_backlog_events 1", "tongxing_outbox_events 1",
        "tongxing_kiosk_speech_utterances_total{terminal=\"kiosk-7\",lang=\"cmn\"} 3",
        "tongxing_http_requests_total{route=\"/api/v1/staff-calls\",method=\"POST\",status=\"201\"} 1",
        "tongxing_disk_free_bytes ", "tongxing_db_schema_version "})
    EXPECT_NE(m->body.find(want), std::string::npos) << want << "\n" << m->body;
  // Every sample line parses as "name{labels} value".
  std::stringstream ss(m->body);
  std::string line;
  int samples = 0;
  while (std::getline(ss, line)) {
    if (line.empty() || line[0] == '#') continue;
    ++samples;
    auto sp = line.rfind(' ');
    ASSERT_NE(sp, std::string::npos) << line;
    EXPECT_NO_THROW((void)std::stod(line.substr(sp + 1))) << line;
  }
  EXPECT_GT(samples, 10);
  svc.proc.stop();
}

}  // namespace
}  // namespace tx
