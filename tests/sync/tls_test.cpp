// An https central URL served by tongxing-centrald itself ([central] tls_cert_file/tls_key_file):
// the station speaks TLS (OpenSSL through cpp-httplib) and checks the server's certificate
// against --central-ca-file; without the CA it refuses and keeps its events.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "harness.h"

using namespace tx::testkit;
using namespace std::chrono_literals;

namespace {

TEST(SyncTls, CentralServesHttpsWithAPrivateCa) {
  TempDir dir;
  std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                    "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert + " > " +
                    dir.file("openssl.log") + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_file(dir.file("openssl.log"));
  std::string cfg = dir.file("central-tls.toml");
  std::ofstream(cfg) << "[central]\ntls_cert_file = \"" << cert << "\"\ntls_key_file = \"" << key << "\"\n";

  // Enrol over loopback HTTP, then serve the same database over HTTPS.
  Central central(dir.file("central.db"), dir.path());
  auto [id, secret] = central.add_station("tls");
  central.stop();
  central.start({"--config", cfg});
  ASSERT_NE(central.log().find("listening on https://"), std::string::npos) << central.log();
  std::string https = "https://127.0.0.1:" + std::to_string(central.port());

  Station station(dir.path(), "station");
  station.configure(https, id, secret);
  station.append(200);
  station.start({"--central-ca-file", cert});
  bool ok = wait_until([&] { return station.status()["pending_events"] == 0; }, 20s);
  auto status = station.status();
  station.stop();
  ASSERT_TRUE(ok) << status.dump() << central.log();

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
  EXPECT_TRUE(refused);
  EXPECT_EQ(pending, 10);

  // Back on plain loopback HTTP: the 10 kept events arrive, and central holds all 210 once each.
  central.stop();
  central.start();
  EXPECT_EQ(central.station(id)["acked_seq"], 200);
  station.configure(central.url(), id, secret);
  station.start();
  EXPECT_TRUE(wait_until([&] { return station.status()["pending_events"] == 0; }, 20s));
  station.stop();
  EXPECT_EQ(exactly_once(station, central), "");
}

}  // namespace
