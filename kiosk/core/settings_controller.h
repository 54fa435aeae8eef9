// Settings and language (text size, theme, language, speech, volume and rate, low reach,
// switch scanning, defaults). The volume and rate keys on every screen use it too.
// App routes an intent here when this class has an `on` for it (App::apply: exactly one handler
// per intent, checked at compile time).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/intent.h"
#include "core/station_client.h"
#include "core/transport.h"

namespace tx {

class App;

class SettingsController {
 public:
  explicit SettingsController(App& app) : app_(app) {}
  void on(const intent::SetLang& x);
  void on(const intent::SetText& x);
  void on(const intent::SetTheme& x);
  void on(const intent::ToggleSpeech& x);
  void on(const intent::Volume& x);
  void on(const intent::Rate& x);
  void on(const intent::ToggleLowReach& x);
  void on(const intent::ToggleScanning& x);
  void on(const intent::ScanSpeed& x);
  void on(const intent::SettingsDefault& x);
  void on(const intent::SettingsMore& x);
  // The settings from home or the bar (their first step's focus where it starts, settings11).
  void open();
  void adjust_volume(int d);
  void adjust_rate(int d);

 private:
  App& app_;
};

}  // namespace tx
