// UTF-8 decoding shared by validation, masking and search. Strict: overlong forms, surrogates
// and code points past U+10FFFF are invalid.
#pragma once
#include <cstddef>
#include <string_view>

namespace tx {

// next_code_point: decodes the code point at s[i] into cp and advances i past it. On an invalid
// sequence returns false and advances i by one byte, so callers can skip garbage.
bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp);
bool utf8_valid(std::string_view s);
std::size_t utf8_length(std::string_view s);  // code points (of valid input)

}  // namespace tx
