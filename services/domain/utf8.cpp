#include "domain/utf8.h"

namespace tx {

bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp) {
  unsigned char c = s[i];
  int extra;
  if (c < 0x80) {
    cp = c;
    ++i;
    return true;
  }
  if ((c >> 5) == 0x6) extra = 1, cp = c & 0x1F;
  else if ((c >> 4) == 0xE) extra = 2, cp = c & 0x0F;
  else if ((c >> 3) == 0x1E) extra = 3, cp = c & 0x07;
  else return ++i, false;
  if (i + extra >= s.size()) return ++i, false;
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = s[i + k];
    if ((cc >> 6) != 0x2) return ++i, false;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return ++i, false;
  i += extra + 1;
  return true;
}

bool utf8_valid(std::string_view s) {
  std::size_t i = 0;
  char32_t cp;
  while (i < s.size())
    if (!next_code_point(s, i, cp)) return false;
  return true;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace tx
