// espeak-ng speech on a worker thread, played through SDL audio (STACK_NOTES.md "espeak-ng 1.51"):
// synthesise to PCM (AUDIO_OUTPUT_SYNCHRONOUS, 22050 Hz mono S16) and SDL_QueueAudio it. A flush
// bumps a generation counter: the synth callback returns 1 to abort at once and the SDL queue is
// cleared, so an action cuts speech off within one audio buffer (~23 ms, S4).
#pragma once
#include <SDL.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/speech.h"
#include "core/speech_text.h"

namespace tx {

// Synthesises text to 22050 Hz mono S16 PCM in the calling thread (initialises espeak-ng once per
// process), with the voice, volume scale and text path (text_for_espeak) of `voices` as the engine does. For
// tests and benchmarks; not thread-safe against a running EspeakEngine.
bool espeak_synthesize(const std::string& text, SpeechLang lang, int rate, int volume,
                       std::vector<int16_t>* pcm, std::string* error, const VoiceTable& voices = VoiceTable{});

// The text exactly as handed to espeak-ng for `shown` (*spoken) and espeak-ng's phoneme trace of
// it (espeakPHONEMES_SHOW, as `espeak-ng -x` prints; lines joined by '\n'). tongxing-say --phonemes.
bool espeak_phonemes(const std::string& shown, SpeechLang lang, const VoiceTable& voices,
                     std::string* spoken, std::string* trace, std::string* error);

class EspeakEngine : public SpeechEngine {
 public:
  EspeakEngine() = default;
  ~EspeakEngine() override;
  // Opens the SDL audio device and starts the worker. false + *error if the audio device cannot
  // be opened (the kiosk then runs silent and says so on stderr). espeak-ng is initialised on
  // the worker, off the path to the first frame: utterances spoken before it is ready wait in
  // the queue; if it fails, on_error (set before start) hears why and the engine stays silent.
  bool start(std::string* error);
  void set_voices(VoiceTable t) { voices_ = std::move(t); }
  void set_error_handler(std::function<void(const std::string&)> f) { on_error_ = std::move(f); }
  // Tests: what the worker runs instead of espeak_Initialize (to make it fail).
  void set_initializer_for_test(std::function<bool(std::string*)> f) { init_fn_ = std::move(f); }
  // Waits until espeak-ng is initialised (true) or has failed (false), at most `timeout`.
  bool wait_ready(std::chrono::milliseconds timeout) const;

  void speak(uint64_t chunk_id, const std::string& text, SpeechLang lang, int rate_wpm, int volume,
             bool flush) override;
  void stop() override;
  bool busy() const override;
  uint64_t playing() const override;
  void chime(int volume) override;

  // Bytes of PCM waiting in the audio device's queue (tests: a flush must empty it).
  uint64_t queued_audio_bytes() const;
  // Time the first PCM of the latest flushing utterance reached the audio queue (benchmark).
  std::chrono::steady_clock::time_point first_sample_time() const;
  // espeak-ng synth callback (events is espeak_EVENT*); returns 1 to abort synthesis.
  static int callback(short* wav, int n, void* events);

 private:
  struct Job {
    uint64_t id, gen;
    std::string text;
    SpeechLang lang;
    int rate, volume;
  };
  void run();
  void drop_queued_locked();

  VoiceTable voices_;
  std::function<void(const std::string&)> on_error_;
  std::function<bool(std::string*)> init_fn_;
  enum class Init { pending, ready, failed };
  Init init_ = Init::pending;  // under mu_
  mutable std::condition_variable ready_cv_;
  SDL_AudioDeviceID dev_ = 0;
  std::thread worker_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool quit_ = false;
  std::atomic<uint64_t> gen_{0};
  // Playback bookkeeping (under mu_): bytes queued since the last flush and where each chunk ends.
  uint64_t queued_bytes_ = 0;
  std::vector<std::pair<uint64_t, uint64_t>> chunk_end_;
  bool synthesising_ = false;
  uint64_t cur_gen_ = 0;
  uint64_t cur_id_ = 0;
  bool first_pending_ = false;
  std::chrono::steady_clock::time_point first_sample_{};
};

}  // namespace tx
