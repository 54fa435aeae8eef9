// [SECTION] Index
//   clock (real time + the script's advance_s offset)
//   setup (SDL, GL, fonts, speech, HTTP, App)
//   script runner
//   frame loop
#include "platform/sdl_host.h"

#include <SDL.h>
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/a11y_log.h"
#include "core/app.h"
#include "core/escpos.h"
#include "core/script.h"
#include "devices/wedge.h"
#include "domain/date.h"
#include "platform/espeak_engine.h"
#include "platform/font_atlas.h"
#include "platform/big_alloc.h"
#include "platform/card_reader.h"
#include "platform/http_worker.h"
#include "platform/renderer.h"

namespace tx {

namespace {

class HostClock : public Clock {
 public:
  double now() const override {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count() + offset;
  }
  double offset = 0;
};

// The date at the station's UTC offset once the station has said it, else in this machine's zone
// (a kiosk PC is often left on UTC: between 00:00 and 08:00 in Beijing that is yesterday).
std::string local_today(std::optional<int> utc_offset_minutes) {
  if (utc_offset_minutes) return Date::today(std::chrono::system_clock::now(), *utc_offset_minutes).str();
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Uint32 g_wake_event = 0;

// Wakes the frame loop from worker threads (HTTP result, print done). SDL's own
// SDL_WaitEventTimeout sleeps properly only where the video driver can wait (x11, wayland);
// elsewhere (offscreen, kmsdrm) it polls every millisecond, ~2 % CPU when idle, so there the
// loop sleeps on this condition variable instead.
struct Waker {
  std::mutex mu;
  std::condition_variable cv;
  bool flag = false;
  void wake() {
    {
      std::lock_guard<std::mutex> lk(mu);
      flag = true;
    }
    cv.notify_one();
    SDL_Event e{};
    e.type = g_wake_event;
    SDL_PushEvent(&e);
  }
  void wait(int ms) {
    std::unique_lock<std::mutex> lk(mu);
    cv.wait_for(lk, std::chrono::milliseconds(ms), [&] { return flag; });
    flag = false;
  }
};
Waker g_waker;

void log_err(const std::string& s) { std::fprintf(stderr, "tongxing-kiosk: %s\n", s.c_str()); }

}  // namespace

int run_kiosk(const KioskOptions& o) {
  // ---------------------------------------------------------------- setup
  // TONGXING_BENCH: where the time to the first frame goes (docs/benchmarks.md "Kiosk").
  using SteadyClock = std::chrono::steady_clock;
  // Each phase: its wall time and the main thread's CPU time (the speech worker runs beside it).
  struct Phase {
    const char* name;
    SteadyClock::time_point at;
    double cpu_ms;
  };
  auto thread_cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  };
  std::vector<Phase> phases{{"start", SteadyClock::now(), thread_cpu_ms()}};
  auto phase = [&phases, &thread_cpu_ms](const char* name) { phases.push_back({name, SteadyClock::now(), thread_cpu_ms()}); };
  std::string err;
  std::string assets = find_assets(o);
  Catalog catalog;
  if (!catalog.load(assets + "/i18n", &err)) {
    log_err(err);
    return 2;
  }
  auto themes = load_themes(assets + "/themes/themes.json", &err);
  if (themes.empty()) {
    log_err("themes: " + err + " (using the built-in copy)");
    themes = builtin_themes();
  }
  std::vector<ScriptAction> script;
  bool scripted = !o.script.empty();
  if (scripted) {
    std::ifstream in(o.script);
    if (!in) {
      log_err("cannot read script " + o.script);
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    if (!parse_script(ss.str(), &script, &err)) {
      log_err(err);
      return 2;
    }
  }
  if (!o.screenshot_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.screenshot_dir, ec);
    if (ec) {
      log_err("cannot create screenshot directory " + o.screenshot_dir + ": " + ec.message());
      return 2;
    }
  }
  A11yLog a11y;
  if (!o.a11y_log.empty() && !a11y.open(o.a11y_log)) {
    log_err("cannot write a11y log " + o.a11y_log);
    return 2;
  }

  // Before any other SDL call: the window surface and textures may live in huge pages.
  if (!install_big_alloc_for_sdl()) log_err(std::string("SDL_SetMemoryFunctions: ") + SDL_GetError());
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    log_err(std::string("SDL_Init: ") + SDL_GetError());
    return 2;
  }
  g_wake_event = SDL_RegisterEvents(1);
  const char* driver = SDL_GetCurrentVideoDriver();
  bool offscreen = driver && std::string(driver) == "offscreen";
  bool can_wait = driver && (std::string(driver) == "x11" || std::string(driver) == "wayland");
  const bool software = o.renderer == "software";
  if (!software) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);    // 2D only: no depth or stencil buffers
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  }
  // The software renderer draws into the window's own surface: no GL window, no GL context.
  Uint32 flags = (software ? 0 : SDL_WINDOW_OPENGL) | SDL_WINDOW_ALLOW_HIGHDPI;
  if (!o.windowed && !offscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  SDL_Window* window = SDL_CreateWindow("同行 Tongxing", SDL_WINDOWPOS_CENTERED,
                                        SDL_WINDOWPOS_CENTERED, o.width, o.height, flags);
  if (!window) {
    log_err(std::string("SDL_CreateWindow: ") + SDL_GetError());
    return 2;
  }
  SDL_GLContext gl = software ? nullptr : SDL_GL_CreateContext(window);
  if (!software && !gl) {
    log_err(std::string("SDL_GL_CreateContext: ") + SDL_GetError());
    return 2;
  }
  // Declared before everything that uses SDL, GL or the audio device, so it runs after all of
  // them are gone: the speech worker joined and its audio device closed, the renderer's GL
  // objects freed while the context is still current, the print and HTTP workers joined.
  struct SdlTeardown {
    SDL_Window* window;
    SDL_GLContext gl;
    ~SdlTeardown() {
      if (gl) SDL_GL_DeleteContext(gl);
      SDL_DestroyWindow(window);
      SDL_Quit();
    }
  } teardown{window, gl};
  int w = o.width, h = o.height;
  if (!software) {
    SDL_GL_MakeCurrent(window, gl);
    SDL_GL_SetSwapInterval(offscreen ? 0 : 1);
    SDL_GL_GetDrawableSize(window, &w, &h);
  }
  phase("sdl_window");
  Renderer renderer;
  if (!renderer.init(window, software, &err)) {
    log_err(err);
    return 2;
  }
  if (software) renderer.output_size(&w, &h);
  // Mouse positions come in window points, the layout is in drawable pixels (they differ on a
  // scaled HiDPI output); touch positions are fractions of the window.
  int points_w = w, points_h = h;
  SDL_GetWindowSize(window, &points_w, &points_h);
  const float px_x = points_w > 0 ? float(w) / float(points_w) : 1.f;
  const float px_y = points_h > 0 ? float(h) / float(points_h) : 1.f;

  phase("renderer");
  FontSystem fonts;
  fonts.set_cache_dir(default_cache_dir());  // the home screen's atlas, read back at the next start
  if (!fonts.open(&err)) {
    log_err(err);
    return 2;
  }
  phase("fonts");

  EspeakEngine espeak;
  VoiceTable voices;
  if (!load_voices(assets + "/../voices/voices.json", &voices, &err))
    log_err("voices: " + err + " (using the built-in voices)");
  espeak.set_voices(voices);
  espeak.set_error_handler([](const std::string& e) { log_err("speech unavailable, running silent: " + e); });
  NullSpeechEngine silent;
  SpeechEngine* engine = &espeak;
  if (!espeak.start(&err)) {
    log_err("speech unavailable, running silent: " + err);
    engine = &silent;
  }
  phase("speech");
  HttpWorker http(o.service, o.app.terminal_id, [] { g_waker.wake(); }, {o.ca_file, 8});
  // A second connection for the staff calls long poll (≤ 25 s), so it never holds up a request.
  HttpWorker poll_http(o.service, o.app.terminal_id, [] { g_waker.wake(); }, {o.ca_file, 35});
  HostClock clock;
  App::Deps deps{&catalog, themes, &fonts, &http, engine, &clock, o.app};
  deps.poll_http = &poll_http;
  deps.config.width = float(w);
  deps.config.height = float(h);
  deps.config.today = local_today;
  App app(std::move(deps));
  phase("app");
  // One print at a time (the App refuses a second while printing); the worker is joined before
  // the next and before the App goes away, so it never reports to a destroyed App.
  std::thread printer;
  struct JoinPrinter {
    std::thread& t;
    ~JoinPrinter() {
      if (t.joinable()) t.join();
    }
  } join_printer{printer};
  app.print_hook = [&app, &printer](std::string bytes, std::string path) {
    if (printer.joinable()) printer.join();
    printer = std::thread([&app, bytes = std::move(bytes), path = std::move(path)] {
      std::string e;
      bool ok = write_printer(path, bytes, &e);
      if (!ok) log_err("printer: " + e);
      app.finish_print(ok, e);
      g_waker.wake();
    });
  };
  if (offscreen && !scripted) log_err("no display: running on SDL's offscreen video driver");

  // Peripherals: the ID-card reader on its own thread (events drained at frame start), and the
  // keyboard-wedge classifier that tells a scanner's burst of keys from a person typing.
  std::unique_ptr<CardReader> card_reader;
  if (!o.card_reader.empty())
    card_reader = std::make_unique<CardReader>(o.card_reader, [] { g_waker.wake(); },
                                               [](const std::string& m) { log_err(m); });
  WedgeClassifier wedge;
  auto sdl_seconds = [] { return SDL_GetTicks() / 1000.0; };
  auto pass_wedge = [&app](std::vector<WedgeOut>& outs) {
    for (auto& o1 : outs) {
      if (o1.kind == WedgeOut::key) app.key(o1.s);
      else app.peripheral({PeripheralInput::scan, "", "", "", o1.s});
    }
    outs.clear();
  };
  std::vector<WedgeOut> wedge_out;

  // ---------------------------------------------------------------- frame loop
  long frame_no = 0;
  size_t next_action = 0;
  double wait_until = 0;          // real-time wait of a wait_ms action
  auto action_started = std::chrono::steady_clock::now();
  bool quit = false;
  int exit_code = 0;
  bool bench = std::getenv("TONGXING_BENCH") != nullptr;
  auto t_start = std::chrono::steady_clock::now();
  bool first_frame = true;
  std::chrono::steady_clock::time_point last_key{};
  bool pending_key_probe = false;
  bool pending_frame_probe = false;  // bench: time to draw and show the key press's frame
  int find_turns = 0;  // pages turned by the current tap_find

  // false when the glyphs do not fit the GPU's largest texture: the kiosk stops with exit code 3
  // (through the normal teardown, so the workers are joined first).
  auto render_frame = [&] {
    const Ui& ui = app.ui();
    if (fonts.need(ui.draw(), ui.body(), ui.title_size())) {
      if (!fonts.rebuild(renderer.max_texture_size(), &err)) {
        log_err("FATAL: " + err);
        return false;
      }
      if (first_frame) phase("atlas");
    }
    renderer.draw(ui.draw(), ui.clear_color(), fonts, w, h);
    return true;
  };

  while (!quit) {
    // Wait for input or the app's next deadline (idle timer, scanning, caption, HTTP wake-up).
    double now = clock.now();
    double deadline = app.next_deadline();
    int timeout_ms = 1000;
    if (deadline <= now) timeout_ms = 0;
    else if (deadline - now < 1.0) timeout_ms = int((deadline - now) * 1000) + 1;
    if (wedge.holding())
      timeout_ms = std::min(timeout_ms, std::max(0, int((wedge.deadline() - sdl_seconds()) * 1000) + 1));
    if (scripted && next_action < script.size()) {
      // Sleep through a wait_ms action (no polling: the idle CPU benchmark runs inside one);
      // poll briefly while the app is busy (a request in flight), else go on at once.
      double real_now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
      int until_wait = int(std::max(0.0, wait_until - real_now) * 1000) + 1;
      if (real_now < wait_until) timeout_ms = std::min(timeout_ms, until_wait);
      else timeout_ms = std::min(timeout_ms, app.busy() ? 10 : 0);
    }
    SDL_Event e;
    bool got;
    if (can_wait) {
      got = SDL_WaitEventTimeout(&e, timeout_ms);
    } else {
      // Offscreen has no input to wait for; a display without a waiting driver (kmsdrm) is
      // polled every 10 ms so that keys still reach speech quickly.
      if (timeout_ms > 0) g_waker.wait(offscreen ? timeout_ms : std::min(timeout_ms, 10));
      got = SDL_PollEvent(&e);
    }
    while (got) {
      switch (e.type) {
        case SDL_QUIT: quit = true; break;
        case SDL_KEYDOWN: {
          const char* name = SDL_GetKeyName(e.key.keysym.sym);
          std::string k = name ? name : "";
          if ((e.key.keysym.mod & KMOD_SHIFT) && k == "Tab") k = "Shift+Tab";  // a row of the key table
          last_key = std::chrono::steady_clock::now();
          pending_key_probe = bench;
          pending_frame_probe = bench;
          // Character keys wait a moment in the classifier: a scanner's burst becomes one scan.
          wedge.key(k, e.key.timestamp / 1000.0, e.key.repeat != 0, &wedge_out);
          pass_wedge(wedge_out);
          break;
        }
        case SDL_TEXTINPUT: app.platform_text(e.text.text); break;
        case SDL_MOUSEBUTTONDOWN:
          if (e.button.which != SDL_TOUCH_MOUSEID) app.pointer_down(e.button.x * px_x, e.button.y * px_y);
          break;
        case SDL_MOUSEMOTION:
          if (e.motion.which != SDL_TOUCH_MOUSEID && (e.motion.state & SDL_BUTTON_LMASK))
            app.pointer_move(e.motion.x * px_x, e.motion.y * px_y);
          break;
        case SDL_MOUSEBUTTONUP:
          if (e.button.which != SDL_TOUCH_MOUSEID) app.pointer_up(e.button.x * px_x, e.button.y * px_y);
          break;
        case SDL_FINGERDOWN: app.pointer_down(e.tfinger.x * w, e.tfinger.y * h); break;
        case SDL_FINGERMOTION: app.pointer_move(e.tfinger.x * w, e.tfinger.y * h); break;
        case SDL_FINGERUP: app.pointer_up(e.tfinger.x * w, e.tfinger.y * h); break;
        case SDL_WINDOWEVENT: break;
        default: break;
      }
      got = SDL_PollEvent(&e);
    }
    wedge.tick(sdl_seconds(), &wedge_out);
    pass_wedge(wedge_out);
    if (card_reader)
      for (auto& ce : card_reader->drain()) {
        using K = CardReaderEvent;
        PeripheralInput in{ce.kind == K::card          ? PeripheralInput::card
                           : ce.kind == K::read_failed ? PeripheralInput::read_failed
                           : ce.kind == K::reader_lost ? PeripheralInput::reader_lost
                                                       : PeripheralInput::reader_back};
        in.id_number = std::move(ce.text.id_number);
        in.name = std::move(ce.text.name);
        in.valid_to = std::move(ce.text.valid_to);
        app.peripheral(std::move(in));
      }

    // Script: one action whenever the kiosk has settled (no request in flight, no queued input).
    if (scripted && next_action < script.size() && frame_no > 0) {
      double real_now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
      bool settled = !app.busy() && !wedge.holding() && real_now >= wait_until;
      double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - action_started).count();
      if (!settled && waited > 15 && real_now >= wait_until) {
        log_err("script line " + std::to_string(script[next_action].line) +
                ": kiosk still busy after 15 s, going on");
        settled = true;
      }
      if (settled && script[next_action].kind == ScriptAction::wait_for) {
        const ScriptAction& a = script[next_action];
        bool there = find_widget(app.ui().widgets(), a.s) != nullptr;
        for (const auto& wd : app.ui().widgets()) there |= wd.label == a.s;
        if (there) {
          ++next_action;
          action_started = std::chrono::steady_clock::now();
        } else if (waited > kWaitForSeconds) {
          log_err("script line " + std::to_string(a.line) + ": no widget '" + a.s + "' on screen '" +
                  app.ui().screen() + "' within " + std::to_string(int(kWaitForSeconds)) + " s");
          exit_code = 4;
          quit = true;
        } else {
          wait_until = real_now + 0.05;  // look again after the next frames
        }
      } else if (settled && script[next_action].kind == ScriptAction::tap_find) {
        // Turn pages (forward, then back from the last one) until the widget is there.
        const ScriptAction& a = script[next_action];
        auto on_page = [&](const std::string& id) -> const Widget* {
          const Widget* t = find_widget(app.ui().widgets(), id);
          if (!t)
            for (const auto& wd : app.ui().widgets())
              if (wd.label == id && role_interactive(wd.role)) return &wd;
          return t && t->focusable() ? t : nullptr;
        };
        const Widget* target = on_page(a.s);
        const Widget* turn = on_page(find_turns < 16 ? "page.next" : "page.prev");
        if (!target && find_turns < 16 && !turn) find_turns = 16, turn = on_page("page.prev");
        if (target) {
          app.pointer_down(target->rect.cx(), target->rect.cy());
          app.pointer_up(target->rect.cx(), target->rect.cy());
          ++next_action;
          find_turns = 0;
        } else if (turn && find_turns < 32) {
          app.pointer_down(turn->rect.cx(), turn->rect.cy());
          app.pointer_up(turn->rect.cx(), turn->rect.cy());
          ++find_turns;
          // (a second press of the same pager within the repeat window would count once, M3)
          wait_until = real_now + std::max(0.0, o.app.repeat_window_s) + 0.05;
        } else {
          log_err("script line " + std::to_string(a.line) + ": no widget '" + a.s + "' on any page of '" +
                  app.ui().screen() + "'");
          exit_code = 4;
          quit = true;
        }
        action_started = std::chrono::steady_clock::now();
      } else if (settled) {
        const ScriptAction& a = script[next_action++];
        action_started = std::chrono::steady_clock::now();
        switch (a.kind) {
          case ScriptAction::key: {
            // As a real key press: an SDL key event, read back by the event loop above (so the
            // scripts exercise the key-name translation too). A name SDL does not know goes
            // to the App as it is, which says it is not a key it has.
            bool shift = a.s == "Shift+Tab";
            SDL_Keycode code = SDL_GetKeyFromName(shift ? "Tab" : a.s.c_str());
            if (code == SDLK_UNKNOWN) {
              app.key(a.s);
              break;
            }
            SDL_Event ev{};
            ev.type = SDL_KEYDOWN;
            ev.key.state = SDL_PRESSED;
            ev.key.keysym.sym = code;
            ev.key.keysym.mod = shift ? KMOD_LSHIFT : KMOD_NONE;
            ev.key.windowID = SDL_GetWindowID(window);
            SDL_PushEvent(&ev);
            g_waker.wake();
            break;
          }
          case ScriptAction::type: app.text_input(a.s); break;
          case ScriptAction::card: app.peripheral({PeripheralInput::card, a.s, a.name, a.valid_to, ""}); break;
          case ScriptAction::scan: {
            // As a keyboard-wedge scanner: its characters as key events at once, then Enter,
            // through the classifier like any keyboard's. Text a scanner could not type as keys
            // goes to the App as a scan directly.
            bool keys = true;
            for (char c : a.s) keys &= wedge_char(std::string(1, c)) != 0;
            if (!keys) {
              app.peripheral({PeripheralInput::scan, "", "", "", a.s});
              break;
            }
            std::string names = a.s + "\n";
            for (char c : names) {
              SDL_Event ev{};
              ev.type = SDL_KEYDOWN;
              ev.key.state = SDL_PRESSED;
              ev.key.keysym.sym = c == '\n' ? SDLK_RETURN : SDL_GetKeyFromName(std::string(1, c).c_str());
              ev.key.windowID = SDL_GetWindowID(window);
              SDL_PushEvent(&ev);
            }
            g_waker.wake();
            break;
          }
          case ScriptAction::tap: {
            const Widget* target = find_widget(app.ui().widgets(), a.s);
            if (!target)
              for (const auto& wd : app.ui().widgets())
                if (wd.label == a.s && role_interactive(wd.role)) { target = &wd; break; }
            if (!target || !target->focusable()) {
              log_err("script line " + std::to_string(a.line) + ": no enabled widget '" + a.s +
                      "' on screen '" + app.ui().screen() + "'");
              exit_code = 4;
              quit = true;
              break;
            }
            app.pointer_down(target->rect.cx(), target->rect.cy());
            app.pointer_up(target->rect.cx(), target->rect.cy());
            break;
          }
          case ScriptAction::wait_ms: wait_until = real_now + a.n / 1000.0; break;
          case ScriptAction::advance_s: clock.offset += a.n; break;
          case ScriptAction::screenshot: {
            if (!render_frame()) {
              exit_code = 3;
              quit = true;
              break;
            }
            std::string path = a.s;
            if (!path.empty() && path[0] != '/') path = o.screenshot_dir + "/" + path;
            if (!renderer.screenshot(path, w, h, &err)) {
              log_err(err);  // a run asked for a picture it did not get: not a success
              exit_code = 5;
              quit = true;
            }
            break;
          }
          case ScriptAction::quit: quit = true; break;
          case ScriptAction::tap_find:
          case ScriptAction::wait_for: break;  // handled above
        }
      }
    } else if (scripted && next_action >= script.size() && !app.busy()) {
      quit = true;  // the script ran to its end
    }

    bool changed = app.frame();
    if (first_frame) phase("first_layout");
    ++frame_no;
    auto speech = app.take_speech_log();
    auto input = app.take_input_log();
    if (changed || !speech.empty() || !input.empty() || frame_no == 1)
      a11y.frame(frame_no, app.ui().screen(), app.ui().widgets(), speech,
                 FocusRing{app.theme().focus_ring, app.ui().ring_px(), app.ui().env().mm_per_px}, app.theme().bg, input);
    if (changed || first_frame) {
      auto t_draw = std::chrono::steady_clock::now();
      if (!render_frame()) {
        exit_code = 3;
        break;
      }
      if (first_frame) phase("draw_lists");
      renderer.present(window);
      if (pending_frame_probe && !first_frame) {
        std::fprintf(stderr, "bench: key_frame_ms=%.2f\n",
                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_draw).count());
        pending_frame_probe = false;
      }
      if (first_frame && bench) {
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start).count();
        long long mono_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                std::chrono::steady_clock::now().time_since_epoch()).count();
        phase("drawn");
        std::string ph, ph_cpu;
        for (size_t i = 1; i < phases.size(); ++i) {
          ph += std::string(" ") + phases[i].name + "=" +
                std::to_string(int(std::chrono::duration<double, std::milli>(phases[i].at - phases[i - 1].at).count()));
          char b[64];
          std::snprintf(b, sizeof b, " %s=%.1f", phases[i].name, phases[i].cpu_ms - phases[i - 1].cpu_ms);
          ph_cpu += b;
        }
        // CPU time of the whole process (all threads) so far: unlike wall time, it hardly changes
        // when other processes share the cores.
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        double cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
        std::fprintf(stderr, "bench: phases_ms%s first_frame_cpu_ms=%.1f\n", ph.c_str(), cpu_ms);
        std::fprintf(stderr, "bench: phases_main_thread_cpu_ms%s process_start_cpu_ms=%.1f\n", ph_cpu.c_str(),
                     phases[0].cpu_ms);
        std::fprintf(stderr, "bench: first_frame_ms=%.1f first_frame_mono_ns=%lld atlas=%dx%d glyphs=%zu atlas_cached=%d renderer=%s\n",
                     ms, mono_ns, fonts.atlas_w(), fonts.atlas_h(), fonts.glyph_count(), int(fonts.atlas_from_cache()),
                     o.renderer.c_str());
      }
      first_frame = false;
    }
    if (pending_key_probe && engine == &espeak && espeak.first_sample_time() > last_key) {
      std::fprintf(stderr, "bench: key_to_speech_ms=%.2f\n",
                   std::chrono::duration<double, std::milli>(espeak.first_sample_time() - last_key).count());
      pending_key_probe = false;
    }
  }
  return exit_code;
}

}  // namespace tx
