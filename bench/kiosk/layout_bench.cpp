// Layout benchmark (docs/benchmarks.md "Kiosk layout"): the CPU time of one frame's layout and
// draw list (App::frame: the screen's widgets, Ui::end's levels, Ui::grow_content) with the real
// font's glyph widths, per panel and text size, over a resident's booking walk — home, the
// kinds, the days, the ID step, "booked here before?", the phone step, the call screen — then the
// slip (round 12: up to three trial arrangements at larger text, Ui::best_arrangement) and, in
// staff mode, a resident's card (up to four). No window, no GPU: what the kiosk's main thread
// spends before ImGui draws.
//   build/bin/layout_bench [--frames 200]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "../../tests/kiosk/harness.h"

using namespace tx;
using namespace tx::testing;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Median microseconds of one frame on the current screen, over `n` frames.
double time_frames(KioskHarness& k, int n) {
  std::vector<double> us;
  for (int i = 0; i < n; ++i) {
    k.wall_now += 60;  // (the header clock's minute changes: the frame is laid out again)
    const auto t0 = std::chrono::steady_clock::now();
    if (!k.app->frame()) std::fprintf(stderr, "a frame was not laid out\n"), std::exit(1);
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  k.app->take_speech_log();
  return median(us);
}

}  // namespace

int main(int argc, char** argv) {
  int frames = 200;
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--frames")) frames = std::max(1, std::atoi(argv[i + 1]));
  std::printf("%-10s %-5s %9s %9s %9s %9s %9s %9s %9s %9s %9s   (median µs a frame, %d frames each)\n", "panel",
              "text", "home", "kind", "day", "id", "returning", "phone", "call", "slip", "card", frames);
  for (auto [w, h] : {std::pair{1366, 768}, {1024, 600}, {1920, 1080}, {1080, 1920}})
    for (int text : {0, 1, 2}) {
      Settings s;
      s.text_step = text;
      KioskHarness k(s, float(w), float(h));
      k.serve();
      // (each screen, then the action that leads to the next)
      const std::vector<std::function<void()>> next = {
          [&] { k.tap_find("home.appointment"); }, [&] { k.tap_find("kind.first_assessment"); },
          [&] { k.tap_find("day.2026-12-15"); }, [&] { k.type(kId), k.tap_find("keypad.ok"); },
          [&] { k.tap_find("returning.yes"); }, [&] { k.tap("nav.call_staff"); }, [] {}};
      std::vector<double> row;
      for (const auto& go : next) {
        row.push_back(time_frames(k, frames));
        go();
      }
      {
        KioskHarness slip(s, float(w), float(h));
        slip.book_returning_to_slip();
        row.push_back(time_frames(slip, frames));
        KioskHarness desk(s, float(w), float(h));
        desk.sign_in_staff();
        desk.tap_find("staff.find");
        desk.type(kId);
        desk.tap_find("keypad.ok");
        if (desk.screen() != "staff.resident") std::fprintf(stderr, "no resident's card\n"), std::exit(1);
        row.push_back(time_frames(desk, frames));
      }
      std::printf("%4dx%-5d %-5s", w, h, text == 0 ? "1x" : text == 1 ? "1.5x" : "2x");
      for (double v : row) std::printf(" %9.0f", v);
      std::printf("\n");
    }
  return 0;
}
