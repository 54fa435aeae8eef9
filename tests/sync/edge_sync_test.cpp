// Sync hardening at central (issue 14, findings 7 and 8), through the real tongxing-centrald:
// decompression bombs are refused before they are allocated and are not counted as wrong
// secrets; a replayed heartbeat changes nothing; refused requests leave a bounded log.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sodium.h>
#include <zstd.h>

#include <fstream>

#include "central/storage.h"
#include "harness.h"
#include "sync/protocol.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

long rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// post_sealed: a request with a body the test sealed itself (any zstd frame inside).
HttpAnswer post_sealed(int port, const std::string& id, const tx::sync::StationKeys& k, const std::string& path,
                       const std::string& frame) {
  std::string body(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + frame.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(body.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(frame.data()),
                        frame.size(), nonce, reinterpret_cast<const unsigned char*>(k.enc.data()));
  httplib::Client cli("127.0.0.1", port);
  cli.set_read_timeout(20, 0);
  httplib::Headers h = {{"X-Tongxing-Protocol", "1"}, {"X-Tongxing-Station", id},
                        {"X-Tongxing-Signature", tx::sync::sign(k, "POST", path, id, 1, body)}};
  auto res = cli.Post(path.c_str(), h, body, "application/octet-stream");
  HttpAnswer a;
  if (!res) return a;
  a.status = res->status;
  a.raw = res->body;
  a.body = json::parse(res->body, nullptr, false);
  return a;
}

// zstd_unsized: a frame that does not declare its decompressed size (streamed compression).
std::string zstd_unsized(const std::string& plain) {
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> c(ZSTD_createCCtx(), ZSTD_freeCCtx);
  ZSTD_CCtx_setParameter(c.get(), ZSTD_c_contentSizeFlag, 0);
  std::string out(ZSTD_compressBound(plain.size()), '\0');
  std::size_t n = ZSTD_compress2(c.get(), out.data(), out.size(), plain.data(), plain.size());
  out.resize(n);
  return out;
}

class SyncEdge : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.file("central.toml")) << "[central]\nmax_frame_bytes = 1048576\nauth_failures_kept = 50\n";
    central_ = std::make_unique<Central>(dir_.file("central.db"), dir_.path(),
                                         std::vector<std::string>{"--config", dir_.file("central.toml")});
    std::tie(id_, secret_) = central_->add_station("边界站");
    keys_ = *tx::sync::StationKeys::from_secret(secret_);
  }
  pid_t central_pid() { return central_->pid(); }
  TempDir dir_;
  std::unique_ptr<Central> central_;
  std::string id_, secret_;
  tx::sync::StationKeys keys_;
};

// Finding 7: a signed frame declaring far more than max_frame_bytes is refused unread (413
// frame_too_large, not 401), so central neither allocates it nor records a wrong secret; a
// frame that hides its size is abandoned as soon as it passes the limit.
TEST_F(SyncEdge, DecompressionBombsAreRefusedBeforeAllocation) {
  std::string zeros(32u << 20, '\0');
  std::string declared(ZSTD_compressBound(zeros.size()), '\0');
  declared.resize(ZSTD_compress(declared.data(), declared.size(), zeros.data(), zeros.size(), 3));
  std::string unsized = zstd_unsized(zeros);
  ASSERT_LT(declared.size(), 64u * 1024);  // ~1 KB of body for 32 MiB
  ASSERT_EQ(ZSTD_getFrameContentSize(unsized.data(), unsized.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  pid_t pid = central_pid();
  ASSERT_GT(pid, 0);
  long before = rss_kb(pid);
  for (int i = 0; i < 6; ++i) {
    auto a = post_sealed(central_->port(), id_, keys_, tx::sync::kPathBatches, declared);
    EXPECT_EQ(a.status, 413) << a.raw;
    EXPECT_EQ(a.body["error"]["code"], "frame_too_large") << a.raw;
    auto b = post_sealed(central_->port(), id_, keys_, tx::sync::kPathHeartbeat, unsized);
    EXPECT_EQ(b.status, 413) << b.raw;
    EXPECT_EQ(b.body["error"]["code"], "frame_too_large") << b.raw;
  }
  long after = rss_kb(pid);
  EXPECT_LT(after - before, 16 * 1024) << "central grew from " << before << " kB to " << after << " kB";
  EXPECT_EQ(central_->station(id_)["auth_failures"], 0);
  // Within the limit the same path still works.
  auto ok = post_signed(central_->port(), id_, secret_, tx::sync::kPathHeartbeat,
                        json{{"hb_seq", 1}, {"backlog", 0}}.dump());
  EXPECT_EQ(ok.status, 200) << ok.raw;
}

// Finding 8: heartbeats carry a sequence; the same signed request sent again is refused and
// does not refresh last_seen (a dead station must not look alive). One without a sequence is a
// 400.
TEST_F(SyncEdge, AReplayedHeartbeatChangesNothing) {
  std::string plain = json{{"hb_seq", 5000}, {"backlog", 3}}.dump();
  std::string body = tx::sync::seal_body(keys_, plain);
  auto send = [&] {
    httplib::Client cli("127.0.0.1", central_->port());
    httplib::Headers h = {{"X-Tongxing-Protocol", "1"}, {"X-Tongxing-Station", id_},
                          {"X-Tongxing-Signature", tx::sync::sign(keys_, "POST", tx::sync::kPathHeartbeat, id_, 1, body)}};
    auto r = cli.Post(tx::sync::kPathHeartbeat, h, body, "application/octet-stream");
    return r ? r->status : 0;
  };
  ASSERT_EQ(send(), 200);
  auto seen = central_->station(id_)["last_seen"];
  std::this_thread::sleep_for(1100ms);  // last_seen has a one-second resolution
  EXPECT_EQ(send(), 409);
  EXPECT_EQ(central_->station(id_)["last_seen"], seen);
  auto old = post_signed(central_->port(), id_, secret_, tx::sync::kPathHeartbeat, json{{"hb_seq", 4999}}.dump());
  EXPECT_EQ(old.status, 409);
  EXPECT_EQ(old.body["error"]["code"], "heartbeat_replayed");
  EXPECT_EQ(old.body["error"]["last_hb_seq"], 5000);
  auto none = post_signed(central_->port(), id_, secret_, tx::sync::kPathHeartbeat, json{{"backlog", 1}}.dump());
  EXPECT_EQ(none.status, 400) << none.raw;
  EXPECT_EQ(central_->station(id_)["last_seen"], seen);
  auto next = post_signed(central_->port(), id_, secret_, tx::sync::kPathHeartbeat, json{{"hb_seq", 5001}}.dump());
  EXPECT_EQ(next.status, 200) << next.raw;
}

// Finding 8: every unauthenticated sync request adds a row to auth_failures; only the newest
// auth_failures_kept (50 here) are kept. And numbers out of range are 400, never 500.
TEST_F(SyncEdge, AuthFailureLogIsBoundedAndNumbersAreRangeChecked) {
  for (int i = 0; i < 120; ++i) {
    auto a = post_signed(central_->port(), i % 2 ? id_ : "nobody-" + std::to_string(i), secret_,
                         tx::sync::kPathHeartbeat, "{}", 1, true);
    ASSERT_EQ(a.status, 401);
  }
  central_->stop();
  {
    auto db = tx::central::open_sqlite_engine(dir_.file("central.db"), {});
    auto rows = db->dump_table("auth_failures", "id").rows.size();
    EXPECT_LE(rows, 51u);
    EXPECT_GE(rows, 50u);
  }
  central_->start();
  auto& tok = central_->token();
  for (const char* after : {"9223372036854775808", "99999999999999999999999", "-1", "1e3"}) {
    auto r = http_get(central_->port(), "/api/v1/admin/stations/" + id_ + "/events?after=" + after, tok);
    EXPECT_EQ(r.status, 400) << after << " " << r.raw;
    EXPECT_EQ(r.body["error"]["code"], "invalid_query") << r.raw;
  }
  EXPECT_EQ(http_get(central_->port(), "/api/v1/admin/stations/" + id_ + "/events?after=4611686018427387904", tok).status, 200);
  auto pull = post_signed(central_->port(), id_, secret_, tx::sync::kPathPull,
                          R"({"after": 18446744073709551615, "limit": 10})");
  EXPECT_EQ(pull.status, 400) << pull.raw;
  auto hb = post_signed(central_->port(), id_, secret_, tx::sync::kPathHeartbeat,
                        R"({"hb_seq": 9223372036854775807, "backlog": 1})");
  EXPECT_EQ(hb.status, 400) << hb.raw;
}

}  // namespace
