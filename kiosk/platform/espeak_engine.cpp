#include "platform/espeak_engine.h"

#include <algorithm>
#include <cmath>

#include <espeak-ng/speak_lib.h>

#include <cstring>
#include <cstdio>
#include <cstdlib>

namespace tx {

namespace {
std::mutex g_espeak_mu;  // espeak-ng has global state: one user at a time
bool g_espeak_ready = false;
std::vector<int16_t>* g_sink = nullptr;

bool ensure_espeak(std::string* error) {
  if (g_espeak_ready) return true;
  int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, 0);
  if (rate <= 0) {
    *error = "espeak_Initialize failed (is espeak-ng-data installed?)";
    return false;
  }
  if (rate != 22050) {
    *error = "espeak-ng sample rate " + std::to_string(rate) + " (expected 22050)";
    return false;
  }
  g_espeak_ready = true;
  return true;
}

std::string g_voice_name;  // voice currently set (switching costs 12–37 ms)

// One way to ready espeak-ng for an utterance (under g_espeak_mu), for the engine and for
// espeak_synthesize alike: the voice from voices.json, its volume scale, the rate.
bool prepare_voice(const VoiceSettings& vs, int rate, int volume) {
  if (g_voice_name != vs.voice) {
    if (espeak_SetVoiceByName(vs.voice.c_str()) != EE_OK) return false;
    g_voice_name = vs.voice;
  }
  espeak_SetParameter(espeakRATE, rate, 0);
  espeak_SetParameter(espeakVOLUME, int(volume * vs.volume_scale), 0);
  return true;
}

int collect_cb(short* wav, int n, espeak_EVENT*) {
  if (wav && n > 0 && g_sink) g_sink->insert(g_sink->end(), wav, wav + n);
  return 0;
}
}  // namespace

bool espeak_synthesize(const std::string& raw_text, SpeechLang lang, int rate, int volume,
                       std::vector<int16_t>* pcm, std::string* error, const VoiceTable& voices) {
  std::lock_guard<std::mutex> lk(g_espeak_mu);
  if (!ensure_espeak(error)) return false;
  const VoiceSettings& vs = voices.get(lang);
  if (!prepare_voice(vs, rate, volume)) {
    *error = "voice not found: " + vs.voice;
    return false;
  }
  espeak_SetSynthCallback(collect_cb);
  std::string text = text_for_espeak(raw_text, vs);
  pcm->clear();
  g_sink = pcm;
  espeak_ERROR e = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8 | espeakPHONEMES, nullptr, nullptr);
  espeak_Synchronize();
  g_sink = nullptr;
  if (e != EE_OK) {
    *error = "espeak_Synth failed";
    return false;
  }
  return true;
}

bool espeak_phonemes(const std::string& shown, SpeechLang lang, const VoiceTable& voices,
                     std::string* spoken, std::string* trace, std::string* error) {
  std::lock_guard<std::mutex> lk(g_espeak_mu);
  if (!ensure_espeak(error)) return false;
  const VoiceSettings& vs = voices.get(lang);
  if (!prepare_voice(vs, 160, 100)) {
    *error = "voice not found: " + vs.voice;
    return false;
  }
  *spoken = text_for_espeak(shown, vs);
  char* buf = nullptr;
  size_t len = 0;
  FILE* mem = open_memstream(&buf, &len);
  if (!mem) {
    *error = "open_memstream failed";
    return false;
  }
  std::vector<int16_t> pcm;
  espeak_SetSynthCallback(collect_cb);
  g_sink = &pcm;
  espeak_SetPhonemeTrace(espeakPHONEMES_SHOW, mem);
  espeak_ERROR e = espeak_Synth(spoken->c_str(), spoken->size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8 | espeakPHONEMES, nullptr, nullptr);
  espeak_Synchronize();
  espeak_SetPhonemeTrace(0, nullptr);
  g_sink = nullptr;
  std::fclose(mem);
  trace->assign(buf ? buf : "", len);
  std::free(buf);
  while (!trace->empty() && (trace->back() == '\n' || trace->back() == ' ')) trace->pop_back();
  if (e != EE_OK) {
    *error = "espeak_Synth failed";
    return false;
  }
  return true;
}

static EspeakEngine* g_engine = nullptr;

EspeakEngine::~EspeakEngine() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    quit_ = true;
    ++gen_;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  if (dev_) SDL_CloseAudioDevice(dev_);
  g_engine = nullptr;
}

bool EspeakEngine::start(std::string* error) {
  if (SDL_WasInit(SDL_INIT_AUDIO) == 0 && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    *error = std::string("SDL audio: ") + SDL_GetError();
    return false;
  }
  SDL_AudioSpec want{}, have{};
  want.freq = 22050;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 512;  // ~23 ms: bounds how much plays after a flush (S4 ≤ 50 ms)
  dev_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (!dev_) {
    *error = std::string("SDL_OpenAudioDevice: ") + SDL_GetError();
    return false;
  }
  // espeak-ng itself (espeak_Initialize: its data files and dictionaries, ~10 ms of CPU, far
  // more on a cold disk cache) starts on the worker, beside the first frame; what is spoken
  // before it is ready waits in the queue (docs/benchmarks.md "Kiosk", first frame).
  g_engine = this;
  SDL_PauseAudioDevice(dev_, 0);
  worker_ = std::thread([this] { run(); });
  return true;
}

bool EspeakEngine::wait_ready(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lk(mu_);
  ready_cv_.wait_for(lk, timeout, [&] { return init_ != Init::pending; });
  return init_ == Init::ready;
}

int EspeakEngine::callback(short* wav, int n, void*) {
  EspeakEngine* self = g_engine;
  if (!self) return 1;
  std::lock_guard<std::mutex> lk(self->mu_);
  if (self->quit_ || self->cur_gen_ != self->gen_.load()) return 1;  // interrupted: abort now
  if (wav && n > 0) {
    SDL_QueueAudio(self->dev_, wav, Uint32(n) * 2);
    self->queued_bytes_ += uint64_t(n) * 2;
    if (!self->chunk_end_.empty() && self->chunk_end_.back().first == self->cur_id_)
      self->chunk_end_.back().second = self->queued_bytes_;
    else
      self->chunk_end_.push_back({self->cur_id_, self->queued_bytes_});
    if (self->first_pending_) {
      self->first_pending_ = false;
      self->first_sample_ = std::chrono::steady_clock::now();
    }
  }
  return 0;
}

static int engine_cb(short* wav, int n, espeak_EVENT* ev) { return EspeakEngine::callback(wav, n, ev); }

void EspeakEngine::run() {
  {
    std::string err;
    bool ok;
    if (init_fn_) {
      ok = init_fn_(&err);
    } else {
      std::lock_guard<std::mutex> lk(g_espeak_mu);
      ok = ensure_espeak(&err);
    }
    // Reported before the state is published, so whoever waits in wait_ready() sees it.
    if (!ok && on_error_) on_error_(err);
    {
      std::lock_guard<std::mutex> lk(mu_);
      init_ = ok ? Init::ready : Init::failed;
      if (!ok) drop_queued_locked();  // silent from now on: speak() drops, busy() is false
    }
    ready_cv_.notify_all();
    if (!ok) return;
  }
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lk(mu_);
      cv_.wait(lk, [&] { return quit_ || !jobs_.empty(); });
      if (quit_) return;
      job = jobs_.front();
      jobs_.pop_front();
      if (job.gen != gen_.load()) continue;
      synthesising_ = true;
      cur_gen_ = job.gen;
      cur_id_ = job.id;
    }
    {
      // The normaliser and lexicon run here, on the worker, not in the frame that took the key.
      std::string text = text_for_espeak(job.text, voices_.get(job.lang));
      std::lock_guard<std::mutex> lk(g_espeak_mu);
      prepare_voice(voices_.get(job.lang), job.rate, job.volume);  // a missing voice keeps the last one
      espeak_SetSynthCallback(engine_cb);
      espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakPHONEMES,
                   nullptr, nullptr);
    }
    std::lock_guard<std::mutex> lk(mu_);
    synthesising_ = false;
  }
}

void EspeakEngine::speak(uint64_t id, const std::string& text, SpeechLang lang, int rate,
                         int volume, bool flush) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (init_ == Init::failed) return;
    if (flush) {
      drop_queued_locked();
      first_pending_ = true;
    }
    jobs_.push_back({id, gen_.load(), text, lang, rate, volume});
  }
  cv_.notify_one();
}

// Drops every waiting job and the audio already queued; an utterance being synthesised sees
// the new generation in its callback and aborts (S4).
void EspeakEngine::drop_queued_locked() {
  ++gen_;
  jobs_.clear();
  if (dev_) SDL_ClearQueuedAudio(dev_);
  queued_bytes_ = 0;
  chunk_end_.clear();
}

void EspeakEngine::stop() {
  std::lock_guard<std::mutex> lk(mu_);
  drop_queued_locked();
}

bool EspeakEngine::busy() const {
  std::lock_guard<std::mutex> lk(mu_);
  if (!jobs_.empty() || synthesising_) return true;
  return dev_ && SDL_GetQueuedAudioSize(dev_) > 0;
}

uint64_t EspeakEngine::queued_audio_bytes() const {
  std::lock_guard<std::mutex> lk(mu_);
  return dev_ ? SDL_GetQueuedAudioSize(dev_) : 0;
}

uint64_t EspeakEngine::playing() const {
  std::lock_guard<std::mutex> lk(mu_);
  if (!dev_) return 0;
  uint64_t left = SDL_GetQueuedAudioSize(dev_);
  uint64_t consumed = queued_bytes_ >= left ? queued_bytes_ - left : 0;
  for (const auto& [id, end] : chunk_end_)
    if (end > consumed) return id;
  if (!jobs_.empty()) return jobs_.front().id;
  return 0;
}

// Two soft tones (660 Hz then 880 Hz, 10 ms fades), straight into the audio queue after a flush;
// speech queued afterwards plays when the chime has finished.
void EspeakEngine::chime(int volume) {
  std::lock_guard<std::mutex> lk(mu_);
  drop_queued_locked();
  if (!dev_) return;
  const int rate = 22050;
  const double amp = 9000.0 * std::clamp(volume, 0, 200) / 100.0;
  std::vector<int16_t> pcm;
  auto tone = [&](double hz, double secs) {
    int n = int(rate * secs), fade = rate / 100;
    for (int i = 0; i < n; ++i) {
      double env = std::min({1.0, double(i) / fade, double(n - i) / fade});
      pcm.push_back(int16_t(std::clamp(amp * env * std::sin(2 * M_PI * hz * i / rate), -32000.0, 32000.0)));
    }
  };
  tone(660, 0.18);
  pcm.insert(pcm.end(), rate / 25, 0);
  tone(880, 0.26);
  pcm.insert(pcm.end(), rate / 10, 0);
  SDL_QueueAudio(dev_, pcm.data(), Uint32(pcm.size() * 2));
  queued_bytes_ += pcm.size() * 2;
  chunk_end_.push_back({0, queued_bytes_});
}

std::chrono::steady_clock::time_point EspeakEngine::first_sample_time() const {
  std::lock_guard<std::mutex> lk(mu_);
  return first_sample_;
}

}  // namespace tx
