// Cost of the speech text path (replace table → normaliser → lexicon, kiosk/core/speech_text.h) per
// utterance, on every zh-Hans catalog string with sample values, per voice. It runs on the speech
// worker before espeak_Synth, so it adds to "key press to first speech sample" (docs/benchmarks.md).
//   build/bin/speech_text_bench [--rounds 200]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/i18n.h"
#include "core/speech_text.h"

using namespace tx;

int main(int argc, char** argv) {
  int rounds = 200;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--rounds") rounds = std::atoi(argv[++i]);
  std::string assets = TONGXING_SOURCE_ASSETS, err;
  Catalog cat;
  VoiceTable voices;
  if (!cat.load(assets + "/i18n", &err) || !load_voices(assets + "/../voices/voices.json", &voices, &err)) {
    std::fprintf(stderr, "%s\n", err.c_str());
    return 2;
  }
  const Params sample = {{"date", "2026-12-15"}, {"ticket", "A023"}, {"phone", "138****8000"}, {"v", "217.50"},
                         {"n", "3"}, {"lo", "3500"}, {"hi", "4800"}, {"name", "朝阳区残疾人服务站"},
                         {"expires", "2027-02-28"}, {"arrived", "9:30"}, {"period", "2026-11"}};
  std::vector<std::string> texts;
  for (const auto& [k, v] : cat.table(Locale::zh)) texts.push_back(substitute(v, sample));
  std::printf("| voice | strings | median per utterance | 99th percentile | longest |\n|---|---|---|---|---|\n");
  for (SpeechLang l : {SpeechLang::cmn, SpeechLang::yue, SpeechLang::en}) {
    std::vector<double> us;
    size_t sink = 0;
    for (const auto& t : texts) {
      auto a = std::chrono::steady_clock::now();
      for (int r = 0; r < rounds; ++r) sink += text_for_espeak(t, voices.get(l)).size();
      us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - a).count() / rounds);
    }
    std::sort(us.begin(), us.end());
    std::printf("| %s | %zu | %.1f µs | %.1f µs | %.1f µs |%s\n", speech_lang_code(l), us.size(), us[us.size() / 2],
                us[us.size() * 99 / 100], us.back(), sink ? "" : " ");
  }
  return 0;
}
