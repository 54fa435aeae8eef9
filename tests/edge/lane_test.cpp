// http::Server lanes (issue 14): requests for a lane's path run on at most its max_workers
// workers; the others wait without holding a worker, so other routes are still answered while a
// lane is flooded (central: station batches all waiting for the database writer must not keep
// heartbeats waiting). A real server on loopback; every handler is bounded.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "common/http.h"

using namespace std::chrono_literals;

namespace {

TEST(HttpLane, AFloodedLaneLeavesWorkersForOtherRoutes) {
  tx::http::Server server("lane-test", 4);
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  int inside = 0, most = 0;
  server.post("/api/v1/slow", [&](const tx::http::Request&, tx::http::Response& res) {
    std::unique_lock lock(mu);
    most = std::max(most, ++inside);
    cv.notify_all();
    cv.wait_for(lock, 15s, [&] { return release; });  // bounded: a failing test still ends
    --inside;
    res.status = 200;
    res.set_content("{}", "application/json");
  });
  server.get("/api/v1/fast", [](const tx::http::Request&, tx::http::Response& res) {
    res.status = 200;
    res.set_content("{}", "application/json");
  });
  server.lane("/api/v1/slow", 2);
  int port = server.bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  std::thread serving([&] { server.run(); });

  // Eight slow requests: two run, six wait in the queue (without a lane, four would take every
  // worker and the fast request below would wait for them).
  std::atomic<int> answered{0};
  std::vector<std::thread> slow;
  for (int i = 0; i < 8; ++i)
    slow.emplace_back([&] {
      httplib::Client cli("127.0.0.1", port);
      cli.set_read_timeout(20, 0);
      auto r = cli.Post("/api/v1/slow", "{}", "application/json");
      if (r && r->status == 200) ++answered;
    });
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, 10s, [&] { return inside == 2; }));
  }
  std::this_thread::sleep_for(300ms);  // room for a third to (wrongly) start
  httplib::Client cli("127.0.0.1", port);
  cli.set_read_timeout(5, 0);
  auto t0 = std::chrono::steady_clock::now();
  auto fast = cli.Get("/api/v1/fast");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(fast) << "the fast route waited for the slow lane";
  EXPECT_EQ(fast->status, 200);
  EXPECT_LT(ms, 5000);
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(most, 2);
    release = true;
  }
  cv.notify_all();
  for (auto& t : slow) t.join();
  EXPECT_EQ(answered.load(), 8);  // every queued request of the lane was served
  EXPECT_EQ(most, 2);
  server.stop();
  serving.join();
}

}  // namespace
