// An https central URL: the station speaks TLS (OpenSSL through cpp-httplib) and checks the
// server's certificate against --central-ca-file. The TLS end here is a small terminating
// relay in front of tongxing-centrald, as nginx would be in a deployment.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <thread>

#include "harness.h"

using namespace tx::testkit;
using namespace std::chrono_literals;

namespace {

TEST(SyncTls, HttpsCentralWithAPrivateCa) {
  TempDir dir;
  std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                    "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert + " > " +
                    dir.file("openssl.log") + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_file(dir.file("openssl.log"));
  Central central(dir.file("central.db"), dir.path());
  auto [id, secret] = central.add_station("tls");

  httplib::SSLServer tls(cert.c_str(), key.c_str());
  ASSERT_TRUE(tls.is_valid());
  int upstream = central.port();
  tls.Post(R"(/api/v1/sync/.*)", [upstream](const httplib::Request& req, httplib::Response& res) {
    httplib::Client cli("127.0.0.1", upstream);
    httplib::Headers h;
    for (const char* k : {"X-Tongxing-Protocol", "X-Tongxing-Station", "X-Tongxing-Signature"})
      h.emplace(k, req.get_header_value(k));
    auto r = cli.Post(req.path.c_str(), h, req.body, "application/octet-stream");
    if (!r) {
      res.status = 502;
      return;
    }
    res.status = r->status;
    for (const char* k : {"X-Tongxing-Protocol", "X-Tongxing-Station", "X-Tongxing-Signature"})
      if (r->has_header(k)) res.set_header(k, r->get_header_value(k));
    res.set_content(r->body, r->get_header_value("Content-Type").c_str());
  });
  int port = tls.bind_to_any_port("127.0.0.1");
  std::thread serve([&] { tls.listen_after_bind(); });

  Station station(dir.path(), "station");
  station.configure("https://127.0.0.1:" + std::to_string(port), id, secret);
  station.append(200);
  station.start({"--central-ca-file", cert});
  bool ok = wait_until([&] { return central.station(id)["acked_seq"] == 200; }, 20s);
  auto status = station.status();
  std::string once = ok ? exactly_once(station, central) : "not synced";
  station.stop();
  // Without the CA the certificate is not trusted: refused, nothing marked sent.
  station.append(10);
  station.start();
  bool refused = wait_until(
      [&] {
        auto e = station.status()["last_error"];
        return e.is_string() && e.get<std::string>().find("cannot reach") != std::string::npos;
      },
      10s);
  auto pending = station.status()["pending_events"];
  station.stop();
  tls.stop();
  serve.join();
  ASSERT_TRUE(ok) << status.dump();
  EXPECT_EQ(once, "");
  EXPECT_TRUE(refused);
  EXPECT_EQ(pending, 10);
}

}  // namespace
