#include "core/settings_controller.h"

#include <algorithm>

#include "core/app.h"

namespace tx {

using nlohmann::json;

void SettingsController::on(const intent::SetText& x) {
  app_.st_.text_step = x.step;
  app_.page_[app_.screen()] = 0;
}

void SettingsController::on(const intent::SetTheme& x) { app_.st_.theme = x.index; }

void SettingsController::on(const intent::ToggleSpeech&) {
  app_.st_.speech = !app_.st_.speech;
  app_.apply_speech_settings();
  if (app_.st_.speech) app_.say(app_.t("settings.speech_on"), app_.speech_lang(), false);
}

void SettingsController::on(const intent::Volume& x) { adjust_volume(x.delta > 0 ? 1 : -1); }

void SettingsController::on(const intent::Rate& x) { adjust_rate(x.delta > 0 ? 1 : -1); }

void SettingsController::on(const intent::SetLang& x) {
  app_.st_.locale = x.lang == intent::SetLang::en ? Locale::en : Locale::zh;
  app_.st_.cantonese = x.lang == intent::SetLang::yue;
  app_.say(app_.t(app_.st_.cantonese ? "lang.now_yue" : "lang.now"), app_.speech_lang(), false);
}

void SettingsController::on(const intent::ToggleLowReach&) {
  app_.st_.low_reach = !app_.st_.low_reach;
  app_.page_[app_.screen()] = 0;
}

void SettingsController::on(const intent::ToggleScanning&) {
  app_.st_.scanning = !app_.st_.scanning;
  app_.scanner_.restart(app_.clock_->now());
  app_.say(app_.t(app_.st_.scanning ? "settings.scanning_on" : "settings.scanning_off"), app_.speech_lang(), false);
}

void SettingsController::on(const intent::ScanSpeed& x) {
  app_.st_.scan_step = std::clamp(app_.st_.scan_step + (x.delta > 0 ? -1 : 1), 0, kScanCount - 1);
  app_.scanner_.set_interval(kScanSteps[app_.st_.scan_step]);
  app_.say(app_.f("settings.scan_now", {{"s", std::to_string(kScanSteps[app_.st_.scan_step]).substr(0, 3)}}),
              app_.speech_lang(), false);
}

void SettingsController::on(const intent::SettingsDefault&) {
  app_.st_ = app_.cfg_.defaults;
  app_.apply_speech_settings();
  app_.say(app_.t("settings.restored"), app_.speech_lang(), false);
}

// (settings11: the rest of the settings on a step of their own; Back returns to 更多设置)
void SettingsController::on(const intent::SettingsMore&) {
  app_.s_.settings_more_back = true;
  app_.push(Screen::settings_more);
}

void SettingsController::open() {
  app_.s_.settings_more_back = false;
  app_.push(Screen::settings);
}

void SettingsController::adjust_volume(int d) {
  app_.st_.volume = std::clamp(app_.st_.volume + d, 0, kVolumeCount - 1);
  app_.apply_speech_settings();
  app_.say(app_.f("settings.volume_now", {{"n", std::to_string(app_.st_.volume + 1)},
                                        {"max", std::to_string(kVolumeCount)}}),
              app_.speech_lang(), false);
}

void SettingsController::adjust_rate(int d) {
  app_.st_.rate = std::clamp(app_.st_.rate + d, 0, kRateCount - 1);
  app_.apply_speech_settings();
  app_.say(app_.f("settings.rate_now", {{"n", std::to_string(app_.st_.rate + 1)},
                                      {"max", std::to_string(kRateCount)}}),
              app_.speech_lang(), false);
}


}  // namespace tx
