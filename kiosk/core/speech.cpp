#include "core/speech.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace tx {

void Speech::set_enabled(bool on) {
  if (!on) stop();
  enabled_ = on;
}
void Speech::set_rate_step(int s) { rate_step_ = std::clamp(s, 0, kRateCount - 1); }
void Speech::set_volume_step(int s) { volume_step_ = std::clamp(s, 0, kVolumeCount - 1); }

// UTF-8 aware: splits after 。！？；, ". ", "! ", "? " and, when a piece is still too long,
// after ，/, and finally at a character boundary.
std::vector<std::string> Speech::split_sentences(const std::string& text, size_t max_bytes) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t b = cur.find_first_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b));
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    std::string ch = text.substr(i, len);
    cur += ch;
    i += len;
    bool strong = ch == "。" || ch == "！" || ch == "？" || ch == "；" ||
                  ((ch == "." || ch == "!" || ch == "?" || ch == ";") &&
                   (i >= text.size() || text[i] == ' '));
    bool weak = ch == "，" || ch == "、" || (ch == "," && (i >= text.size() || text[i] == ' '));
    weak = weak && cur.size() > max_bytes;
    bool space_break = ch == " " && cur.size() >= max_bytes * 3 / 4;
    if (strong || weak || space_break ||
        cur.size() >= max_bytes * 3 / 2)
      flush();
  }
  flush();
  return out;
}

std::vector<std::pair<std::string, SpeechLang>> Speech::script_runs(const std::string& piece, SpeechLang lang) {
  std::vector<std::pair<std::string, SpeechLang>> out;
  if (lang != SpeechLang::en) return {{piece, lang}};
  for (size_t i = 0; i < piece.size();) {
    const size_t at = i;
    const char32_t c = next_codepoint(piece, &i);
    const std::string ch = piece.substr(at, i - at);
    // (a run changes at a letter or digit of the other script, or at a Han character; spaces and
    // punctuation go with the run they follow)
    SpeechLang want = out.empty() ? SpeechLang::en : out.back().second;
    // (Han characters; the CJK and full-width punctuation around them, "（…）" "，", stays)
    if (is_han(c)) want = SpeechLang::cmn;
    else if (c < 0x80 ? std::isalnum(static_cast<unsigned char>(c)) != 0 : !is_cjk(c)) want = SpeechLang::en;
    if (out.empty() || out.back().second != want) out.push_back({"", want});
    out.back().first += ch;
  }
  if (out.empty()) out.push_back({piece, lang});
  return out;
}

void Speech::start(const std::string& text, SpeechLang lang, bool flush, bool remember) {
  if (remember) {
    last_prompt_ = text;
    last_lang_ = lang;
  }
  if (!enabled_ || text.empty()) return;
  bool cut = flush && (engine_->busy() || cut_pending_);
  if (flush) cut_pending_ = false;
  log_.push_back({text, lang, cut});
  if (flush) chunks_.clear();
  send(text, lang, flush);
  if (chunks_.size() > 64) chunks_.erase(chunks_.begin(), chunks_.end() - 64);
}

// To the engine: a sentence a chunk, each script run of it with its voice; the first cuts off
// what plays when `flush`.
void Speech::send(const std::string& text, SpeechLang lang, bool flush) {
  bool first = true;
  for (const auto& piece : split_sentences(text))
    for (const auto& [run, run_lang] : script_runs(piece, lang)) {
      uint64_t id = next_id_++;
      chunks_.push_back({id, piece, text});  // (the caption shows the sentence, whichever voice reads it)
      engine_->speak(id, run, run_lang, kRateSteps[rate_step_], kVolumeSteps[volume_step_], flush && first);
      first = false;
    }
}

void Speech::say(const std::string& text, SpeechLang lang, bool remember) {
  start(text, lang, true, remember);
}
void Speech::queue(const std::string& text, SpeechLang lang, bool remember) {
  start(text, lang, false, remember);
}
void Speech::alert(const std::string& text, SpeechLang lang) {
  bool cut = engine_->busy() || cut_pending_;
  cut_pending_ = false;
  chunks_.clear();
  engine_->chime(kVolumeSteps[volume_step_]);
  last_prompt_ = text;
  last_lang_ = lang;
  if (!enabled_ || text.empty()) return;
  log_.push_back({text, lang, cut});
  send(text, lang, false);
}

void Speech::stop() {
  if (engine_->busy()) cut_pending_ = true;
  engine_->stop();
  chunks_.clear();
}
void Speech::repeat() {
  if (!last_prompt_.empty()) start(last_prompt_, last_lang_, true, false);
}

std::string Speech::caption() const {
  uint64_t id = engine_->playing();
  if (id == 0) return "";
  for (const auto& c : chunks_)
    if (c.id == id) return c.text;
  return "";
}

std::string Speech::caption_utterance() const {
  uint64_t id = engine_->playing();
  if (id == 0) return "";
  for (const auto& c : chunks_)
    if (c.id == id) return c.utterance;
  return "";
}

std::vector<UtteranceLog> Speech::take_log() {
  std::vector<UtteranceLog> out;
  out.swap(log_);
  cut_pending_ = false;
  return out;
}

}  // namespace tx
