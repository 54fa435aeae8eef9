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
  httplib::SSLClient c("127.0.0.1", port);
  c.set_ca_cert_path(cert_.c_str());
  c.enable_server_certificate_verification(true);
  c.set_connection_timeout(2, 0);
  auto r = c.Get("/api/v1/health");
  for (int i = 0; i < 100 && !r; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = c.Get("/api/v1/health");
  }
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
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
  httplib::SSLClient c("127.0.0.1", port);
  c.set_ca_cert_path(cert_.c_str());
  c.enable_server_certificate_verification(true);
  auto r = c.Get("/api/v1/health");
  for (int i = 0; i < 100 && !r; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = c.Get("/api/v1/health");
  }
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

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
