// Speech queue policy (ACCESSIBILITY S2–S4, S8, H1). One queue for the whole kiosk; any resident
// action interrupts what is playing; long texts are split into sentences so the caption on screen
// shows the sentence being heard. The engine behind it (espeak-ng → SDL audio, or a fake in tests)
// does no policy.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/i18n.h"

namespace tx {

class SpeechEngine {
 public:
  virtual ~SpeechEngine() = default;
  // Queues one chunk. flush=true first stops and discards everything queued or playing (≤ 50 ms).
  virtual void speak(uint64_t chunk_id, const std::string& text, SpeechLang lang, int rate_wpm,
                     int volume, bool flush) = 0;
  virtual void stop() = 0;
  // True while any queued chunk has audio left to play.
  virtual bool busy() const = 0;
  // Chunk whose audio is playing now, 0 if none.
  virtual uint64_t playing() const = 0;
  // Stops what is playing and plays a short two-tone chime (staff: a call from a kiosk), then
  // whatever is queued after it. Played even with speech switched off.
  virtual void chime(int volume) { (void)volume; }
};

// Engine that plays nothing (speech off in config, or tests of the pure core).
class NullSpeechEngine : public SpeechEngine {
 public:
  void speak(uint64_t id, const std::string& text, SpeechLang, int, int, bool flush) override {
    if (flush) log.clear();
    log.push_back(text);
    last_ = id;
  }
  void stop() override { last_ = 0; }
  bool busy() const override { return false; }
  uint64_t playing() const override { return last_; }
  void chime(int) override { ++chimes; }
  std::vector<std::string> log;
  int chimes = 0;

 private:
  uint64_t last_ = 0;
};

struct UtteranceLog {
  std::string text;
  SpeechLang lang;
  bool interrupted;  // starting it cut off speech that was still queued or playing
};

// Rate and volume steps (S8): 80–450 wpm, slow default; volume over 18 dB in ~3 dB steps.
inline constexpr int kRateSteps[] = {80, 105, 130, 160, 200, 260, 340, 450};
inline constexpr int kRateDefault = 2;
inline constexpr int kVolumeSteps[] = {25, 35, 50, 70, 100, 140, 200};  // espeak-ng 0..200
inline constexpr int kVolumeDefault = 4;
inline constexpr int kRateCount = sizeof(kRateSteps) / sizeof(int);
inline constexpr int kVolumeCount = sizeof(kVolumeSteps) / sizeof(int);

class Speech {
 public:
  explicit Speech(SpeechEngine* engine) : engine_(engine) {}

  void set_enabled(bool on);
  bool enabled() const { return enabled_; }
  void set_rate_step(int s);
  void set_volume_step(int s);

  // Speaks text now, cutting off anything playing (the default for a resident's action).
  // remember=true keeps it as "the last prompt" for the repeat key.
  void say(const std::string& text, SpeechLang lang, bool remember = true);
  // Speaks after what is already queued (e.g. the focused item after a screen announcement).
  void queue(const std::string& text, SpeechLang lang, bool remember = false);
  // An alert: a chime (even with speech off), then the text spoken after it (H1: the caller
  // shows the same text on screen). Cuts off what was playing.
  void alert(const std::string& text, SpeechLang lang);
  // Stops at once (S4).
  void stop();
  // Repeats the last remembered prompt.
  void repeat();
  // Text currently heard (caption, H1), or "" when silent.
  std::string caption() const;
  // The whole utterance the sentence being heard belongs to ("" when silent).
  std::string caption_utterance() const;
  // Utterances started since the last call (one a11y-log frame).
  std::vector<UtteranceLog> take_log();
  bool busy() const { return engine_->busy(); }
  // Splits into sentence-sized chunks (kept short enough for a two-line caption).
  static std::vector<std::string> split_sentences(const std::string& text, size_t max_bytes = 60);
  // A piece of an English utterance split where Chinese stands in it — a place or an office the
  // station names only in Chinese ("Place: 服务站一楼评定室（…）.") — each run with the voice that
  // reads it: the Chinese by the Mandarin voice, the rest by the English one (English espeak-ng
  // read each character as "Chinese letter", round 14). Punctuation and spaces stay with the run
  // before them; other languages' pieces are one run.
  static std::vector<std::pair<std::string, SpeechLang>> script_runs(const std::string& piece, SpeechLang lang);

 private:
  void start(const std::string& text, SpeechLang lang, bool flush, bool remember);
  void send(const std::string& text, SpeechLang lang, bool flush);
  SpeechEngine* engine_;
  bool enabled_ = true;
  int rate_step_ = kRateDefault, volume_step_ = kVolumeDefault;
  std::string last_prompt_;
  SpeechLang last_lang_ = SpeechLang::cmn;
  uint64_t next_id_ = 1;
  struct Chunk {
    uint64_t id;
    std::string text;
    std::string utterance;
  };
  std::vector<Chunk> chunks_;  // recent chunks, for the caption
  std::vector<UtteranceLog> log_;
  bool cut_pending_ = false;  // stop() cut off speech; the next utterance reports it
};

}  // namespace tx
