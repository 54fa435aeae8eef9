#include "core/text.h"

#include "domain/utf8.h"

namespace tx {

char32_t next_codepoint(std::string_view s, size_t* i) {
  char32_t cp = 0;
  return next_code_point(s, *i, cp) ? cp : 0xFFFD;  // the domain's decoder; garbage skips a byte
}

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F);
}

float ApproxMetrics::width(std::string_view text, float px, FontFace face) const {
  float w = 0, em = px / 1.45f * (face == FontFace::title ? 1.02f : 1.0f);
  for (size_t i = 0; i < text.size();) {
    char32_t c = next_codepoint(text, &i);
    w += is_cjk(c) ? em : (c == ' ' ? 0.25f * em : 0.55f * em);
  }
  return w;
}

// The closing quote of an opening one (0: not an opening quote).
static char32_t closing_quote(char32_t c) {
  switch (c) {
    case U'\u201c': return U'\u201d';  // “ ”
    case U'\u2018': return U'\u2019';  // ‘ ’
    case U'\u300c': return U'\u300d';  // 「 」
    case U'\u300e': return U'\u300f';  // 『 』
    case U'\u300a': return U'\u300b';  // 《 》
    default: return 0;
  }
}

size_t quoted_end(std::string_view s, size_t at) {
  if (at >= s.size()) return at;
  size_t k = at;
  const char32_t close = closing_quote(next_codepoint(s, &k));
  if (!close) return at;
  for (size_t n = 0; k < s.size() && n <= kQuotedMax;) {
    const char32_t d = next_codepoint(s, &k);
    if (d == close) return n > 0 ? k : at;
    if (d == ' ' || d == '\n') return at;
    ++n;
  }
  return at;
}

std::vector<std::string> quoted_phrases(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    if (size_t q = quoted_end(s, i); q != i) {
      out.emplace_back(s.substr(i, q - i));
      i = q;
    } else {
      next_codepoint(s, &i);
    }
  }
  return out;
}

static bool no_break_before(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'、': case U'：': case U'；': case U'！': case U'？':
    case U'）': case U'」': case U'》': case U'…': case U',': case U'.': case U':':
    case U'”': case U'’': case U'』': case U'】': case U'〉':  // (a line never starts with ”)
    case U';': case U'!': case U'?': case U')':
      return true;
    default:
      return false;
  }
}

std::vector<std::string> wrap_text(const TextMetrics& m, std::string_view text, float px,
                                   FontFace face, float max_w) {
  std::vector<std::string> lines;
  size_t para_start = 0;
  while (para_start <= text.size()) {
    size_t nl = text.find('\n', para_start);
    std::string_view para = text.substr(para_start, nl == std::string_view::npos ? std::string_view::npos : nl - para_start);
    // Tokens: a CJK character alone, or a run of non-space non-CJK characters, or spaces.
    std::vector<std::string_view> toks;
    for (size_t i = 0; i < para.size();) {
      size_t s = i;
      if (s == 0 || para[s - 1] == ' ') {
        // A short phrase between spaces ("下一步", "星期二", "还有20个名额": ≤ 8 characters, at
        // least two of them CJK) is one token: a line never breaks inside it unless it alone
        // is wider than the line.
        size_t e = para.find(' ', s);
        if (e == std::string_view::npos) e = para.size();
        size_t n = 0, cjk = 0;
        for (size_t k = s; k < e; ++n) cjk += is_cjk(next_codepoint(para, &k));
        if (cjk >= 2 && n <= 8 && para[s] != ' ') {
          toks.push_back(para.substr(s, e - s));
          i = e;
          continue;
        }
      }
      // A quoted key name or phrase (“下一步”, 「确认预约」: up to kQuotedMax characters
      // inside its quotes) is one token, quotes included.
      if (size_t q = quoted_end(para, s); q != s) {
        toks.push_back(para.substr(s, q - s));
        i = q;
        continue;
      }
      char32_t c = next_codepoint(para, &i);
      if (is_cjk(c)) { toks.push_back(para.substr(s, i - s)); continue; }
      if (c == ' ') {
        while (i < para.size() && para[i] == ' ') ++i;
        toks.push_back(para.substr(s, i - s));
        continue;
      }
      size_t j = i;
      while (j < para.size()) {
        size_t k = j;
        char32_t d = next_codepoint(para, &k);
        if (d == ' ' || is_cjk(d)) break;
        j = k;
      }
      i = j;
      toks.push_back(para.substr(s, i - s));
    }
    std::string cur;
    auto push = [&](std::string line) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      lines.push_back(line);
    };
    for (size_t t = 0; t < toks.size(); ++t) {
      std::string_view tok = toks[t];
      if (cur.empty() && tok[0] == ' ') continue;
      std::string cand = cur + std::string(tok);
      // Keep closing punctuation with the character before it.
      if (t + 1 < toks.size()) {
        size_t k = 0;
        char32_t nc = next_codepoint(toks[t + 1], &k);
        if (no_break_before(nc) && k == toks[t + 1].size()) cand += std::string(toks[t + 1]);
      }
      if (m.width(cand, px, face) <= max_w || cur.empty()) {
        if (m.width(cand, px, face) > max_w && cur.empty()) {
          // A single token wider than the line: break it by characters.
          std::string piece;
          for (size_t i = 0; i < tok.size();) {
            size_t s = i;
            next_codepoint(tok, &i);
            std::string next = piece + std::string(tok.substr(s, i - s));
            if (!piece.empty() && m.width(next, px, face) > max_w) {
              push(piece);
              piece = std::string(tok.substr(s, i - s));
            } else {
              piece = next;
            }
          }
          cur = piece;
          continue;
        }
        cur += std::string(tok);
      } else {
        push(cur);
        cur = tok[0] == ' ' ? std::string() : std::string(tok);
      }
    }
    push(cur);
    if (nl == std::string_view::npos) break;
    para_start = nl + 1;
  }
  return lines;
}

std::vector<std::string> wrap_phrases(const TextMetrics& m, std::string_view text, float px,
                                      FontFace face, float max_w) {
  if (const size_t nl = text.find('\n'); nl != std::string_view::npos) {  // (paragraphs apart)
    auto lines = wrap_phrases(m, text.substr(0, nl), px, face, max_w);
    for (auto& l : wrap_phrases(m, text.substr(nl + 1), px, face, max_w)) lines.push_back(std::move(l));
    return lines;
  }
  // Phrases: a new one starts at " · " and after "、" / "，" (and the other clause ends).
  std::vector<std::string> phrases(1);
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 4, " \u00b7 ") == 0 && !phrases.back().empty()) phrases.emplace_back();
    const size_t start = i;
    const char32_t c = next_codepoint(text, &i);
    phrases.back() += text.substr(start, i - start);
    // (、，。；：！？ end a phrase: a prompt breaks between its clauses)
    if (c == U'\u3001' || c == U'\uff0c' || c == U'\u3002' || c == U'\uff1b' || c == U'\uff1a' ||
        c == U'\uff01' || c == U'\uff1f')
      phrases.emplace_back();
  }
  std::vector<std::string> lines;
  std::string cur;
  for (const auto& ph : phrases) {
    if (ph.empty()) continue;
    // (a phrase wider than a line alone starts where the line is: no line left half empty)
    if (cur.empty() || m.width(cur + ph, px, face) <= max_w || m.width(ph, px, face) > max_w) {
      cur += ph;
    } else {
      lines.push_back(cur);
      cur = ph;
    }
    if (m.width(cur, px, face) > max_w) {  // a phrase alone wider than a line
      auto parts = wrap_text(m, cur, px, face, max_w);
      for (size_t k = 0; k + 1 < parts.size(); ++k) lines.push_back(parts[k]);
      cur = parts.empty() ? std::string() : parts.back();
    }
  }
  if (!cur.empty() || lines.empty()) lines.push_back(cur);
  return lines;
}

}  // namespace tx
