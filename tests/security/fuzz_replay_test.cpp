// Replays every fuzzing seed and every saved regression input (fuzz/corpus, fuzz/regressions)
// through the fuzz targets compiled as plain functions, in the ordinary build: an input that
// once crashed or broke an invariant is checked on every test run, with or without clang.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

extern "C" int tx_fuzz_identity(const std::uint8_t* data, std::size_t size);
extern "C" int tx_fuzz_json_request(const std::uint8_t* data, std::size_t size);
#ifdef TX_HAVE_SYNC_PROTOCOL
extern "C" int tx_fuzz_sync_batch(const std::uint8_t* data, std::size_t size);
#endif

namespace {

int replay(const std::string& target, int (*fn)(const std::uint8_t*, std::size_t)) {
  int n = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    std::filesystem::path dir = std::filesystem::path(TONGXING_SOURCE_DIR) / "fuzz" / kind / target;
    if (!std::filesystem::exists(dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().filename().string().front() == '.') continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string data = ss.str();
      try {
        fn(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
      } catch (const std::exception& ex) {
        ADD_FAILURE() << e.path() << ": " << ex.what();
      }
      ++n;
    }
  }
  return n;
}

}  // namespace

TEST(FuzzReplay, Identity) { EXPECT_GE(replay("identity", tx_fuzz_identity), 20); }
TEST(FuzzReplay, JsonRequests) { EXPECT_GE(replay("json_request", tx_fuzz_json_request), 30); }
#ifdef TX_HAVE_SYNC_PROTOCOL
TEST(FuzzReplay, SyncBatches) { EXPECT_GE(replay("sync_batch", tx_fuzz_sync_batch), 3); }
#endif
