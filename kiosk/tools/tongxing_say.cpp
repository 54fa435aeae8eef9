// tongxing-say: the kiosk's speech path as a command (issue 13; docs/kiosk.md "Speech text").
// Same library as the kiosk: voices.json, replace table, normaliser, lexicon, voice selection.
//   tongxing-say --phonemes            stdin: lines LANG<TAB>TEXT (LANG cmn | yue | en); for each,
//                                      the text as handed to espeak-ng, '\n', espeak-ng's phoneme
//                                      trace (espeakPHONEMES_SHOW, as `espeak-ng -x`), '\n', 0x1E '\n'
//   tongxing-say --wav FILE LANG TEXT  writes the audio the kiosk would play (22050 Hz mono S16)
//   tongxing-say --normalised          like --phonemes' input; prints the text after the replace
//                                      table and the normaliser only (before the lexicon), one line each
// --voices PATH chooses voices.json (default: the assets' ../voices/voices.json, as the kiosk).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/config.h"
#include "platform/espeak_engine.h"

using namespace tx;

namespace {

int say_usage() {
  std::fprintf(stderr,
               "usage: tongxing-say [--voices voices.json] --phonemes < LANG<TAB>TEXT lines\n"
               "       tongxing-say [--voices voices.json] --normalised < LANG<TAB>TEXT lines\n"
               "       tongxing-say [--voices voices.json] --wav FILE LANG TEXT   (LANG: cmn | yue | en)\n");
  return 2;
}

bool parse_lang(const std::string& s, SpeechLang* l) {
  if (s == "cmn") *l = SpeechLang::cmn;
  else if (s == "yue") *l = SpeechLang::yue;
  else if (s == "en") *l = SpeechLang::en;
  else return false;
  return true;
}

void put_le(std::string* out, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(char((v >> (8 * i)) & 0xff));
}

bool write_wav(const std::string& path, const std::vector<int16_t>& pcm, std::string* error) {
  std::string h = "RIFF";
  uint32_t data = uint32_t(pcm.size() * 2);
  put_le(&h, 36 + data, 4);
  h += "WAVEfmt ";
  put_le(&h, 16, 4);
  put_le(&h, 1, 2);          // PCM
  put_le(&h, 1, 2);          // mono
  put_le(&h, 22050, 4);      // rate
  put_le(&h, 22050 * 2, 4);  // bytes per second
  put_le(&h, 2, 2);
  put_le(&h, 16, 2);
  h += "data";
  put_le(&h, data, 4);
  std::ofstream out(path, std::ios::binary);
  out.write(h.data(), std::streamsize(h.size()));
  out.write(reinterpret_cast<const char*>(pcm.data()), std::streamsize(data));
  if (!out) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

// Reads LANG<TAB>TEXT lines; calls f for each good one; a bad line is an error on stderr and
// makes the exit status 1 (the other lines are still done).
template <class F>
int each_line(F f) {
  int rc = 0;
  std::string line;
  for (int n = 1; std::getline(std::cin, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t tab = line.find('\t');
    SpeechLang lang;
    if (tab == std::string::npos || !parse_lang(line.substr(0, tab), &lang)) {
      std::fprintf(stderr, "tongxing-say: line %d: expected LANG<TAB>TEXT with LANG cmn, yue or en\n", n);
      rc = 1;
      continue;
    }
    if (!f(lang, line.substr(tab + 1))) rc = 1;
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string voices_path;
  if (args.size() >= 2 && args[0] == "--voices") {
    voices_path = args[1];
    args.erase(args.begin(), args.begin() + 2);
  }
  if (args.empty()) return say_usage();
  if (voices_path.empty()) voices_path = find_assets(KioskOptions{}) + "/../voices/voices.json";
  VoiceTable voices;
  std::string err;
  if (!load_voices(voices_path, &voices, &err)) {
    std::fprintf(stderr, "tongxing-say: voices: %s\n", err.c_str());
    return 2;
  }
  if (args[0] == "--phonemes" && args.size() == 1) {
    return each_line([&](SpeechLang lang, const std::string& text) {
      std::string spoken, trace;
      bool ok = espeak_phonemes(text, lang, voices, &spoken, &trace, &err);
      if (!ok) std::fprintf(stderr, "tongxing-say: %s\n", err.c_str());
      std::printf("%s\n%s\n\x1e\n", spoken.c_str(), trace.c_str());
      std::fflush(stdout);
      return ok;
    });
  }
  if (args[0] == "--normalised" && args.size() == 1) {
    return each_line([&](SpeechLang lang, const std::string& text) {
      std::printf("%s\n", voices.get(lang).text.normalised(text).c_str());
      return true;
    });
  }
  if (args[0] == "--wav" && args.size() == 4) {
    SpeechLang lang;
    if (!parse_lang(args[2], &lang)) return say_usage();
    std::vector<int16_t> pcm;
    if (!espeak_synthesize(args[3], lang, kRateSteps[kRateDefault], kVolumeSteps[kVolumeDefault], &pcm, &err, voices) ||
        !write_wav(args[1], pcm, &err)) {
      std::fprintf(stderr, "tongxing-say: %s\n", err.c_str());
      return 1;
    }
    return 0;
  }
  return say_usage();
}
