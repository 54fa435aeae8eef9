// The station listens on loopback by default, and on the LAN only with TLS: a non-loopback
// --listen without a certificate refuses to start; with one (self-signed, made here with the
// openssl tool) it serves HTTPS that a client verifying the certificate accepts, and plain HTTP
// gets nothing.
#include <httplib.h>

#include <fstream>

#include "harness.h"

using namespace tx;
using namespace tx::security_test;

namespace {

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = dir_.file("cert.pem");
    key_ = dir_.file("key.pem");
    std::string out;
    int rc = test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", key_, "-out", cert_, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost"},
                       &out);
    ASSERT_EQ(rc, 0) << out;
    ::chmod(key_.c_str(), 0600);
    db_ = dir_.file("station.db");
  }

  std::string config(const std::string& cert, const std::string& key) {
    std::string path = dir_.file("station.toml");
    std::ofstream(path) << "[service]\ntls_cert_file = \"" << cert << "\"\ntls_key_file = \"" << key << "\"\n";
    return path;
  }

  // start: runs stationd with these arguments; returns its port, or 0 when it exited (output in *log).
  int start(std::vector<std::string> args, std::string* log) {
    std::string port_file = dir_.file("port");
    std::remove(port_file.c_str());
    std::vector<std::string> argv = {test::bin("tongxing-stationd"), "--db", db_, "--port-file", port_file};
    argv.insert(argv.end(), args.begin(), args.end());
    proc_ = test::Process::start(argv, dir_.file("stationd.log"));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (test::wait_for_file(port_file, std::chrono::milliseconds(50))) return std::stoi(test::read_file(port_file));
      if (!proc_.running()) break;
    }
    *log = test::read_file(dir_.file("stationd.log"));
    return 0;
  }

  // verified_health: GET /api/v1/health over HTTPS trusting only our certificate, retried while
  // the service starts.
  httplib::Result verified_health(int port) {
    httplib::SSLClient c("127.0.0.1", port);
    c.set_ca_cert_path(cert_.c_str());
    c.enable_server_certificate_verification(true);
    c.set_connection_timeout(2, 0);
    auto r = c.Get("/api/v1/health");
    for (int i = 0; i < 100 && !r; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      r = c.Get("/api/v1/health");
    }
    return r;
  }

  test::TempDir dir_;
  std::string cert_, key_, db_;
  test::Process proc_;
};

}  // namespace

TEST_F(Tls, TheLanWithoutTlsIsRefused) {
  std::string log;
  EXPECT_EQ(start({"--listen", "0.0.0.0:0"}, &log), 0);
  EXPECT_NE(proc_.wait(std::chrono::seconds(5)), 0);
  EXPECT_NE(log.find("tls_cert_file"), std::string::npos) << log;
}

TEST_F(Tls, HttpsWithAVerifiedCertificateAndNothingForPlainHttp) {
  std::string log;
  int port = start({"--listen", "127.0.0.1:0", "--config", config(cert_, key_)}, &log);
  ASSERT_GT(port, 0) << log;
  auto r = verified_health(port);
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  httplib::SSLClient c("127.0.0.1", port);
  c.set_ca_cert_path(cert_.c_str());
  c.enable_server_certificate_verification(true);
  EXPECT_EQ(c.Post("/api/v1/staff/login", R"({"username":"nobody","pin":"246813"})", "application/json")->status, 401);

  // A client that does not trust the certificate refuses to talk.
  httplib::SSLClient strict("127.0.0.1", port);
  strict.set_ca_cert_path(dir_.file("nonexistent.pem").c_str());
  strict.enable_server_certificate_verification(true);
  EXPECT_FALSE(strict.Get("/api/v1/health"));

  // Plain HTTP to the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", port);
  plain.set_read_timeout(2, 0);
  auto p = plain.Get("/api/v1/health");
  EXPECT_TRUE(!p || p->status != 200);
  EXPECT_NE(test::read_file(dir_.file("stationd.log")).find("https://"), std::string::npos);
}

TEST_F(Tls, TheLanWithTlsStarts) {
  std::string log;
  int port = start({"--listen", "0.0.0.0:0", "--config", config(cert_, key_)}, &log);
  ASSERT_GT(port, 0) << log;
  auto r = verified_health(port);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

#ifdef TX_HAVE_KIOSK
// The real kiosk (a staff PC or a second kiosk on the LAN) talking to a TLS station: with
// --ca-file it verifies the certificate and works (a call for staff goes through); without the
// right CA it refuses the connection and says the service cannot be reached.
TEST_F(Tls, TheKioskTalksHttpsWithItsCaFileAndRefusesAnUntrustedStation) {
  std::string log;
  int port = start({"--listen", "127.0.0.1:0", "--config", config(cert_, key_)}, &log);
  ASSERT_GT(port, 0) << log;
  ASSERT_TRUE(verified_health(port));
  std::string script = dir_.file("call.jsonl");
  std::ofstream(script) << "{\"tap\":\"nav.call_staff\"}\n{\"wait_ms\":300}\n";
  auto run_kiosk = [&](const std::string& name, const std::string& ca) {
    std::vector<std::string> argv = {test::bin("tongxing-kiosk"), "--service", "https://127.0.0.1:" + std::to_string(port),
                                     "--ca-file", ca, "--script", script, "--a11y-log", dir_.file(name + ".jsonl")};
    auto p = test::Process::start(argv, dir_.file(name + ".out"), {{"SDL_VIDEODRIVER", "offscreen"}, {"SDL_AUDIODRIVER", "dummy"}});
    EXPECT_EQ(p.wait(std::chrono::seconds(60)), 0) << test::read_file(dir_.file(name + ".out"));
    return test::read_file(dir_.file(name + ".jsonl"));
  };
  std::string trusted = run_kiosk("kiosk-tls", cert_);
  EXPECT_NE(trusted.find("\"call.banner\""), std::string::npos) << trusted.substr(trusted.size() > 3000 ? trusted.size() - 3000 : 0);
  EXPECT_NE(test::read_file(dir_.file("stationd.log")).find("POST /api/v1/staff-calls"), std::string::npos);

  // Another certificate for 127.0.0.1, not the station's: the kiosk will not talk.
  std::string other = dir_.file("other.pem"), other_key = dir_.file("other.key"), out;
  ASSERT_EQ(test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-nodes", "-keyout", other_key, "-out", other, "-days", "2", "-subj", "/CN=127.0.0.1"},
                      &out),
            0)
      << out;
  std::string untrusted = run_kiosk("kiosk-untrusted", other);
  EXPECT_EQ(untrusted.find("\"call.banner\""), std::string::npos);
  EXPECT_NE(untrusted.find("\"error.message\""), std::string::npos) << untrusted.substr(untrusted.size() > 3000 ? untrusted.size() - 3000 : 0);
}
#endif

TEST_F(Tls, BadCertificatesStopTheServiceWithTheReason) {
  std::string log;
  EXPECT_EQ(start({"--listen", "127.0.0.1:0", "--config", config(dir_.file("missing.pem"), key_)}, &log), 0);
  EXPECT_NE(log.find("missing.pem"), std::string::npos) << log;
  // A key that belongs to another certificate.
  std::string out;
  ASSERT_EQ(test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-nodes", "-keyout", dir_.file("other.key"), "-out", dir_.file("other.pem"), "-days", "1", "-subj",
                       "/CN=other"},
                      &out),
            0)
      << out;
  EXPECT_EQ(start({"--listen", "127.0.0.1:0", "--config", config(cert_, dir_.file("other.key"))}, &log), 0);
  EXPECT_NE(log.find("does not match"), std::string::npos) << log;
}
