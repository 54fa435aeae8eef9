// Command line and config file of tongxing-kiosk (ARCHITECTURE.md "Kiosk automation"):
//   tongxing-kiosk [--service URL] [--ca-file PEM] [--windowed] [--mode resident|staff]
//                  [--config FILE] [--script FILE] [--a11y-log FILE] [--screenshot-dir DIR]
// The config file is TOML (deploy/ has an example); flags win over the file.
#pragma once
#include <string>

#include "core/app.h"

namespace tx {

struct KioskOptions {
  std::string service = "http://127.0.0.1:8480";  // deploy/demo.sh
  bool windowed = false;
  std::string mode = "resident";   // "staff": a staff PC (sign-in first, staff screens only)
  std::string ca_file;             // https station: PEM to verify its certificate against
  std::string config_path;
  std::string script;
  std::string a11y_log;
  std::string screenshot_dir = ".";
  std::string assets;              // asset directory ("" = search the usual places)
  std::string card_reader;         // ID-card reader: a serial device, "auto" or "" (none)
  int width = 1920, height = 1080;
  bool zone_set = false;           // [kiosk] time_zone given (else TZ, else Asia/Shanghai)
  // "opengl" (ImGui's opengl3 backend; Mesa's llvmpipe on a PC without a GPU driver) or
  // "software" (SDL's software renderer: no GL in the process). docs/kiosk.md "Renderer".
  std::string renderer = "opengl";
  AppConfig app;
};

// Parses argv (then the config file if --config was given). false + *error on a bad flag/file.
bool parse_options(int argc, char** argv, KioskOptions* o, std::string* error);
// Reads a TOML config file into o ([kiosk] table). false + *error when unreadable/invalid.
bool load_config_file(const std::string& path, KioskOptions* o, std::string* error);
// The asset directory: o.assets, $TONGXING_ASSETS, the source tree, the install prefix.
std::string find_assets(const KioskOptions& o);
// The station URL must be http:// to this machine (loopback) or https:// (verified, see
// platform/http_worker.h): personal data never crosses the LAN in clear text. false + *error.
bool check_service_url(const std::string& url, std::string* error);
std::string usage();

}  // namespace tx
