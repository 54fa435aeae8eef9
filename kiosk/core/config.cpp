#include "core/config.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <toml++/toml.h>

namespace tx {

std::string usage() {
  return "usage: tongxing-kiosk [--service URL] [--ca-file PEM] [--windowed]\n"
         "                      [--mode resident|staff] [--config FILE] [--script FILE]\n"
         "                      [--a11y-log FILE] [--screenshot-dir DIR] [--assets DIR]\n"
         "                      [--size WxH] [--panel-mm-per-px MM]\n"
         "                      [--card-reader PATH|auto] [--renderer software|opengl]\n";
}

// The panel's pitch (mm per pixel): 0.05 (a 4K phone) to 1.0 (a 1 m wide 1024 px wall) covers
// every kiosk panel; anything else is a typo (inches or px per mm given instead).
static bool set_pitch(double mm, KioskOptions* o, std::string* error) {
  if (!(mm >= 0.05 && mm <= 1.0)) {
    *error = "--panel-mm-per-px (or [kiosk] panel_mm_per_px) wants the panel's millimetres per "
             "pixel, 0.05 to 1.0 (a 1920x1080 21.5\" panel is 0.248), not " + std::to_string(mm);
    return false;
  }
  o->app.mm_per_px = float(mm);
  return true;
}

static bool set_size(const std::string& s, KioskOptions* o, std::string* error) {
  if (std::sscanf(s.c_str(), "%dx%d", &o->width, &o->height) != 2 || o->width < 640 || o->height < 480) {
    *error = "--size (or [kiosk] size) wants WxH, at least 640x480, not " + s;
    return false;
  }
  return true;
}

bool load_config_file(const std::string& path, KioskOptions* o, std::string* error) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    *error = "config " + path + ": " + std::string(e.description());
    return false;
  }
  auto k = t["kiosk"];
  if (auto v = k["service"].value<std::string>()) o->service = *v;
  if (auto v = k["ca_file"].value<std::string>()) o->ca_file = *v;
  if (auto v = k["mode"].value<std::string>()) o->mode = *v;
  if (auto v = k["terminal_id"].value<std::string>()) o->app.terminal_id = *v;
  if (auto v = k["printer"].value<std::string>()) o->app.printer = *v;
  if (auto v = k["station_name"].value<std::string>()) o->app.station_name = *v;
  if (auto v = k["idle_seconds"].value<double>()) o->app.idle.idle_s = *v;
  if (auto v = k["warning_seconds"].value<double>()) o->app.idle.warning_s = std::max(20.0, *v);
  if (auto v = k["speech_time_factor"].value<double>()) o->app.idle.speech_factor = std::max(1.0, *v);
  if (auto v = k["booking_days"].value<int64_t>()) o->app.booking_days = int(std::min<int64_t>(*v, 119));
  if (auto v = k["windowed"].value<bool>()) o->windowed = *v;
  if (auto v = k["repeat_window_seconds"].value<double>()) o->app.repeat_window_s = std::clamp(*v, 0.0, 3.0);
  if (auto v = k["assets"].value<std::string>()) o->assets = *v;
  if (auto v = k["card_reader"].value<std::string>()) o->card_reader = *v;
  if (auto v = k["time_zone"].value<std::string>()) {
    auto z = zone_named(*v, error);
    if (!z) return false;
    o->app.zone = *z;
    o->zone_set = true;
  }
  if (auto v = k["renderer"].value<std::string>()) o->renderer = *v;
  if (auto v = k["size"].value<std::string>())
    if (!set_size(*v, o, error)) return false;
  if (auto v = k["panel_mm_per_px"].value<double>())
    if (!set_pitch(*v, o, error)) return false;
  auto d = t["kiosk"]["defaults"];
  if (auto v = d["theme"].value<int64_t>()) o->app.defaults.theme = int(*v);
  if (auto v = d["text_step"].value<int64_t>()) o->app.defaults.text_step = int(*v);
  if (auto v = d["speech"].value<bool>()) o->app.defaults.speech = *v;
  if (auto v = d["low_reach"].value<bool>()) o->app.defaults.low_reach = *v;
  if (auto v = d["language"].value<std::string>()) {
    o->app.defaults.locale = *v == "en" ? Locale::en : Locale::zh;
    o->app.defaults.cantonese = *v == "yue";
  }
  return true;
}

bool parse_options(int argc, char** argv, KioskOptions* o, std::string* error) {
  // The config file first, so flags override it.
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--config") {
      o->config_path = argv[i + 1];
      if (!load_config_file(o->config_path, o, error)) return false;
    }
  if (!o->zone_set) o->app.zone = resolve_zone("", std::getenv("TZ"));
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&](std::string* out) {
      if (i + 1 >= argc) {
        *error = a + " needs a value";
        return false;
      }
      *out = argv[++i];
      return true;
    };
    std::string ignored;
    if (a == "--service") { if (!val(&o->service)) return false; }
    else if (a == "--ca-file") { if (!val(&o->ca_file)) return false; }
    else if (a == "--windowed") o->windowed = true;
    else if (a == "--mode") {
      if (!val(&o->mode)) return false;
    } else if (a == "--config") { if (!val(&ignored)) return false; }
    else if (a == "--script") { if (!val(&o->script)) return false; }
    else if (a == "--a11y-log") { if (!val(&o->a11y_log)) return false; }
    else if (a == "--screenshot-dir") { if (!val(&o->screenshot_dir)) return false; }
    else if (a == "--assets") { if (!val(&o->assets)) return false; }
    else if (a == "--card-reader") { if (!val(&o->card_reader)) return false; }
    else if (a == "--renderer") { if (!val(&o->renderer)) return false; }
    else if (a == "--size") {
      std::string s;
      if (!val(&s) || !set_size(s, o, error)) return false;
    } else if (a == "--panel-mm-per-px") {
      std::string s;
      if (!val(&s)) return false;
      char* end = nullptr;
      double mm = std::strtod(s.c_str(), &end);
      if (end == s.c_str() || *end) mm = -1;
      if (!set_pitch(mm, o, error)) return false;
    } else if (a == "--help" || a == "-h") {
      *error = "";
      return false;
    } else {
      *error = "unknown argument " + a;
      return false;
    }
  }
  while (!o->service.empty() && o->service.back() == '/') o->service.pop_back();
  if (o->mode != "resident" && o->mode != "staff") {
    *error = "--mode (or [kiosk] mode) must be resident or staff";
    return false;
  }
  if (o->renderer != "software" && o->renderer != "opengl") {
    *error = "--renderer (or [kiosk] renderer) must be software or opengl, not " + o->renderer;
    return false;
  }
  o->app.staff_terminal = o->mode == "staff";
  return check_service_url(o->service, error);
}

bool check_service_url(const std::string& url, std::string* error) {
  auto host_of = [](const std::string& rest) {
    std::string h = rest.substr(0, rest.find('/'));
    if (!h.empty() && h[0] == '[') return h.substr(0, h.find(']') + 1);  // [::1]:8480
    return h.substr(0, h.find(':'));
  };
  if (url.rfind("https://", 0) == 0 && url.size() > 8) return true;
  if (url.rfind("http://", 0) == 0) {
    std::string h = host_of(url.substr(7));
    bool ipv4 = !h.empty() && h.find_first_not_of("0123456789.") == std::string::npos;
    if (h == "localhost" || h == "[::1]" || (ipv4 && h.rfind("127.", 0) == 0)) return true;
    *error = "the station " + url + " is not on this machine: use https:// (and --ca-file with the "
             "station's certificate) so that personal data never crosses the network in clear text";
    return false;
  }
  *error = "--service wants http://127.0.0.1:PORT (same machine) or https://HOST:PORT, not " + url;
  return false;
}

static bool is_dir(const std::string& p) {
  struct stat st;
  return !p.empty() && stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string find_assets(const KioskOptions& o) {
  if (is_dir(o.assets)) return o.assets;
  if (const char* e = std::getenv("TONGXING_ASSETS"); e && is_dir(e)) return e;
  if (is_dir(TONGXING_SOURCE_ASSETS)) return TONGXING_SOURCE_ASSETS;
  return TONGXING_INSTALL_ASSETS;
}

}  // namespace tx
