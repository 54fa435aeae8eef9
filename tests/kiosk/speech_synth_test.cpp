// Real espeak-ng synthesis per voice (STACK_NOTES.md): not silent, the voice is the one asked for
// (its language), and the three voices sound different.
#include <espeak-ng/speak_lib.h>
#include <gtest/gtest.h>

#include <SDL.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "platform/espeak_engine.h"

using namespace tx;

namespace {

double rms(const std::vector<int16_t>& pcm) {
  double s = 0;
  for (int16_t v : pcm) s += double(v) * v;
  return pcm.empty() ? 0 : std::sqrt(s / pcm.size());
}

// The voices the kiosk ships (voices/voices.json), as the engine loads them.
const VoiceTable& shipped_voices() {
  static const VoiceTable t = [] {
    VoiceTable v;
    std::string err;
    if (!load_voices(std::string(TONGXING_SOURCE_ASSETS) + "/../voices/voices.json", &v, &err))
      ADD_FAILURE() << err;
    return v;
  }();
  return t;
}

struct Case {
  SpeechLang lang;
  const char* text;
  const char* language;  // espeak-ng voice language tag
};

TEST(EspeakNg, EachVoiceSpeaksItsLanguage) {
  const Case cases[] = {{SpeechLang::cmn, "残疾人证办理预约", "cmn"},
                        {SpeechLang::yue, "残疾人证办理预约", "yue"},
                        {SpeechLang::en, "Book a certificate appointment", "en"}};
  std::vector<std::vector<int16_t>> out;
  for (const auto& c : cases) {
    std::vector<int16_t> pcm;
    std::string err;
    ASSERT_TRUE(espeak_synthesize(c.text, c.lang, 160, 100, &pcm, &err, shipped_voices())) << err;
    const espeak_VOICE* v = espeak_GetCurrentVoice();
    ASSERT_NE(v, nullptr);
    std::string langs = v->languages ? v->languages + 1 : "";  // first byte is the priority
    EXPECT_EQ(langs.rfind(c.language, 0), 0u) << shipped_voices().get(c.lang).voice << " reports " << langs;
    EXPECT_GT(pcm.size(), 22050u / 2) << shipped_voices().get(c.lang).voice << ": under half a second of audio";
    EXPECT_GT(rms(pcm), 300) << shipped_voices().get(c.lang).voice << " is (nearly) silent";
    out.push_back(pcm);
  }
  // Mandarin and Cantonese read the same characters differently; English is another text.
  EXPECT_NE(out[0].size(), out[1].size());
  EXPECT_NE(out[0], out[1]);
}

TEST(EspeakNg, MandarinVoiceDoesNotSpellOutEnglish) {
  // Plain "cmn" in 1.51 reads 残 as "can two"; cmn-latn-pinyin must not take longer than a
  // reasonable syllable rate (8 syllables at 160 wpm ≈ 2–4 s).
  std::vector<int16_t> pcm;
  std::string err;
  ASSERT_TRUE(espeak_synthesize("残疾人证办理预约", SpeechLang::cmn, 160, 100, &pcm, &err, shipped_voices())) << err;
  double seconds = pcm.size() / 22050.0;
  EXPECT_LT(seconds, 5.0);
  EXPECT_GT(seconds, 0.8);
}

TEST(EspeakNg, VolumeStepsChangeLoudness) {
  std::vector<int16_t> quiet, loud;
  std::string err;
  ASSERT_TRUE(espeak_synthesize("音量", SpeechLang::cmn, 160, 25, &quiet, &err, shipped_voices())) << err;
  ASSERT_TRUE(espeak_synthesize("音量", SpeechLang::cmn, 160, 200, &loud, &err, shipped_voices())) << err;
  EXPECT_GT(rms(loud), rms(quiet) * 3);
}

// espeak-ng starts on the engine's worker, off the path to the first frame: the first
// announcement, handed over before espeak-ng is ready, is still synthesised and reaches the
// audio queue (a real espeak-ng, SDL's dummy audio device).
TEST(EspeakEngine, FirstAnnouncementSpokenWhileEspeakStarts) {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  ASSERT_EQ(SDL_Init(0), 0);
  {
    tx::EspeakEngine e;
    std::string err, async_err;
    e.set_error_handler([&](const std::string& m) { async_err = m; });
    auto before = std::chrono::steady_clock::now();
    ASSERT_TRUE(e.start(&err)) << err;
    e.speak(7, "欢迎使用同行自助服务终端", tx::SpeechLang::cmn, 160, 100, true);  // at once
    EXPECT_TRUE(e.busy());  // queued (or already synthesising), never dropped
    ASSERT_TRUE(e.wait_ready(std::chrono::seconds(10))) << async_err;
    auto t0 = std::chrono::steady_clock::now();
    while (e.first_sample_time() < before && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10))
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_GT(e.first_sample_time(), before) << "the first announcement never reached the audio queue";
    EXPECT_EQ(e.playing(), 7u);
    EXPECT_TRUE(async_err.empty()) << async_err;
  }
  SDL_Quit();
}

// espeak-ng failing to start on the worker leaves the engine silent, not stuck: the error is
// reported once, queued speech is dropped, busy() is false. (espeak-ng 1.51's espeak_Initialize
// exits the process when its data is missing, so the failure is injected at the same point.)
TEST(EspeakEngine, FailedStartReportsAndStaysSilent) {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  ASSERT_EQ(SDL_Init(0), 0);
  {
    tx::EspeakEngine e;
    std::string err, async_err;
    int reports = 0;
    e.set_error_handler([&](const std::string& m) { async_err = m, ++reports; });
    e.set_initializer_for_test([](std::string* why) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // speech queued meanwhile
      *why = "espeak-ng data missing";
      return false;
    });
    ASSERT_TRUE(e.start(&err)) << err;
    e.speak(1, "你好", tx::SpeechLang::cmn, 160, 100, true);
    EXPECT_TRUE(e.busy());
    EXPECT_FALSE(e.wait_ready(std::chrono::seconds(10)));
    EXPECT_EQ(reports, 1);
    EXPECT_EQ(async_err, "espeak-ng data missing");
    EXPECT_FALSE(e.busy()) << "queued speech not dropped";
    e.speak(2, "再见", tx::SpeechLang::cmn, 160, 100, true);
    EXPECT_FALSE(e.busy());
    EXPECT_EQ(e.queued_audio_bytes(), 0u);
  }
  SDL_Quit();
}

}  // namespace

namespace {

// S4: an action stops speech at once. With SDL's dummy audio driver playing in real time, a
// flush leaves nothing queued and the engine idle within 50 ms.
TEST(EspeakEngine, FlushStopsSpeechWithin50ms) {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  ASSERT_EQ(SDL_Init(0), 0);
  tx::EspeakEngine e;
  std::string err;
  ASSERT_TRUE(e.start(&err)) << err;
  e.speak(1, "第一句话很长，我们一直说下去，说到有人按键为止。第二句话也很长，还在继续说。", tx::SpeechLang::cmn, 130, 100, true);
  auto t0 = std::chrono::steady_clock::now();
  while (!e.busy() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // Audio is playing, with seconds of the long sentence still waiting in the device's queue
  // (espeak-ng synthesises much faster than real time).
  const uint64_t kOneSecond = 22050 * 2;
  while ((e.playing() != 1u || e.queued_audio_bytes() < 2 * kOneSecond) &&
         std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(e.playing(), 1u);
  ASSERT_GE(e.queued_audio_bytes(), 2 * kOneSecond);
  auto t1 = std::chrono::steady_clock::now();
  e.speak(2, "好", tx::SpeechLang::cmn, 130, 100, true);  // the next action's utterance
  // At most 50 ms later the long sentence is gone from the queue: what is queued is at most the
  // one short word (well under a second), and the old utterance never plays again.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_LT(e.queued_audio_bytes(), kOneSecond) << "old speech still queued 50 ms after the action";
  bool old_again = false;
  while (std::chrono::steady_clock::now() - t1 < std::chrono::milliseconds(300)) {
    old_again |= e.playing() == 1u;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_FALSE(old_again) << "the interrupted utterance came back";
  e.stop();
  auto t2 = std::chrono::steady_clock::now();
  while (e.busy() && std::chrono::steady_clock::now() - t2 < std::chrono::milliseconds(200))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  double stop_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t2).count();
  EXPECT_LT(stop_ms, 50);
  SDL_Quit();
}

}  // namespace

namespace {

TEST(Voices, ShippedTableLoadsAndEveryVoiceExists) {
  tx::VoiceTable t;
  std::string err;
  ASSERT_TRUE(tx::load_voices(std::string(TONGXING_SOURCE_ASSETS) + "/../voices/voices.json", &t, &err)) << err;
  EXPECT_EQ(t.cmn.voice, "cmn-latn-pinyin");  // not plain "cmn" (STACK_NOTES)
  EXPECT_LT(t.yue.volume_scale, 1.0);
  for (auto l : {tx::SpeechLang::cmn, tx::SpeechLang::yue, tx::SpeechLang::en}) {
    std::vector<int16_t> pcm;
    ASSERT_TRUE(tx::espeak_synthesize("1", l, 160, 100, &pcm, &err, t)) << err;
    EXPECT_GT(rms(pcm), 300) << t.get(l).voice;
  }
  EXPECT_EQ(tx::text_for_espeak("09:00–11:30", t.cmn), "上午九点到十一点三十分");
  EXPECT_EQ(tx::text_for_espeak("09:00–11:30", t.en), "9:00 to 11:30");
}

}  // namespace
