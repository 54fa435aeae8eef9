// The wire format alone: framing, sealing, signatures; malformed input never crashes.
#include <gtest/gtest.h>

#include <random>

#include "common/secrets.h"
#include "sync/protocol.h"

using namespace tx::sync;

static std::vector<Event> sample(int n, std::int64_t first = 1) {
  std::vector<Event> v;
  for (int i = 0; i < n; ++i)
    v.push_back({first + i, tx::random_hex(16), "appointment.booked", "2030-01-01T00:00:00Z",
                 R"({"id_number":"11010519491231002X","n":)" + std::to_string(i) + "}"});
  return v;
}

TEST(ProtocolTest, FrameRoundTrip) {
  auto ev = sample(100, 41);
  auto back = decode_events(encode_events(ev));
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 100u);
  EXPECT_EQ((*back)[0].seq, 41);
  EXPECT_EQ((*back)[99].seq, 140);
  EXPECT_EQ((*back)[7].event_id, ev[7].event_id);
  EXPECT_EQ((*back)[7].payload, ev[7].payload);
}

TEST(ProtocolTest, NonContiguousOrDamagedFramesRefused) {
  auto ev = sample(3);
  ev[2].seq = 5;
  EXPECT_FALSE(decode_events(encode_events(ev)));
  auto good = encode_events(sample(20));
  std::mt19937 rng(1);
  for (int i = 0; i < 3000; ++i) {
    std::string f = good;
    if (i % 2) f.resize(rng() % f.size());
    else f[rng() % f.size()] ^= char(1 + rng() % 255);
    auto r = decode_events(f);  // must not crash; may decode if only a payload byte changed
    if (r) {
      for (std::size_t k = 1; k < r->size(); ++k) EXPECT_EQ((*r)[k].seq, (*r)[k - 1].seq + 1);
    }
  }
}

TEST(ProtocolTest, SealedBodiesOpenOnlyWithTheStationKeys) {
  auto a = *StationKeys::from_secret(new_station_secret());
  auto b = *StationKeys::from_secret(new_station_secret());
  std::string plain = encode_events(sample(50));
  std::string body = seal_body(a, plain);
  EXPECT_EQ(body.find("11010519491231002X"), std::string::npos);  // nothing in clear text
  EXPECT_EQ(open_body(a, body), plain);
  EXPECT_FALSE(open_body(b, body));
  body[body.size() / 2] ^= 1;
  EXPECT_FALSE(open_body(a, body));
  EXPECT_FALSE(open_body(a, "short"));
  EXPECT_FALSE(StationKeys::from_secret("not hex"));
  auto again = *StationKeys::from_root(a.root).enc.data();
  EXPECT_EQ(again, a.enc[0]);
}

TEST(ProtocolTest, SignatureCoversPathStationProtocolAndBody) {
  auto k = *StationKeys::from_secret(new_station_secret());
  auto sig = sign(k, "POST", "/api/v1/sync/batches", "st-1", 1, "body");
  EXPECT_TRUE(verify(k, "POST", "/api/v1/sync/batches", "st-1", 1, "body", sig));
  EXPECT_FALSE(verify(k, "POST", "/api/v1/sync/pull", "st-1", 1, "body", sig));
  EXPECT_FALSE(verify(k, "POST", "/api/v1/sync/batches", "st-2", 1, "body", sig));
  EXPECT_FALSE(verify(k, "POST", "/api/v1/sync/batches", "st-1", 2, "body", sig));
  EXPECT_FALSE(verify(k, "POST", "/api/v1/sync/batches", "st-1", 1, "bodx", sig));
  EXPECT_FALSE(verify(k, "POST", "/api/v1/sync/batches", "st-1", 1, "body", ""));
}

TEST(ProtocolTest, ProtocolHeaderParsing) {
  EXPECT_EQ(parse_protocol("1"), 1);
  EXPECT_FALSE(parse_protocol(""));
  EXPECT_FALSE(parse_protocol("1a"));
  EXPECT_FALSE(parse_protocol("12345678"));
}
