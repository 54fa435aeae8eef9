#include "devices/id_card.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace tx::idcard {

namespace {

// Text fields of the 256-byte block: offset and size in bytes (UCS-2LE).
struct Field {
  size_t off, len;
};
constexpr Field kName{0, 30}, kSex{30, 2}, kEthnicity{32, 4}, kBirth{36, 16}, kAddress{52, 70},
    kIdNumber{122, 36}, kAuthority{158, 30}, kValidFrom{188, 16}, kValidTo{204, 16}, kReserved{220, 36};
static_assert(kReserved.off + kReserved.len == 256);
static_assert(kName.len + kSex.len + kEthnicity.len + kBirth.len + kAddress.len + kIdNumber.len +
                  kAuthority.len + kValidFrom.len + kValidTo.len + kReserved.len == 256);

uint8_t xor_of(const std::string& s, size_t from, size_t to) {
  uint8_t x = 0;
  for (size_t i = from; i < to; ++i) x ^= uint8_t(s[i]);
  return x;
}

std::string frame(const std::string& body) {  // body: what the checksum covers after the length
  std::string f(reinterpret_cast<const char*>(kPreamble), sizeof kPreamble);
  size_t len = body.size() + 1;
  f += char(len >> 8);
  f += char(len & 0xFF);
  f += body;
  f += char(xor_of(f, sizeof kPreamble, f.size()));
  return f;
}

// A field's text without the space/NUL padding.
std::string field_text(const std::string& text, Field f) {
  std::string s = ucs2le_to_utf8(text.substr(f.off, f.len));
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

bool all_digits(const std::string& s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

std::string encode_request(Command c) {
  std::string body;
  body += char(uint16_t(c) >> 8);
  body += char(uint16_t(c) & 0xFF);
  return frame(body);
}

std::string encode_reply(uint8_t sw1, uint8_t sw2, uint8_t sw3, const std::string& data) {
  std::string body;
  body += char(sw1);
  body += char(sw2);
  body += char(sw3);
  return frame(body + data);
}

ReplyParser::Result ReplyParser::next(Reply* out) {
  const std::string pre(reinterpret_cast<const char*>(kPreamble), sizeof kPreamble);
  for (;;) {
    size_t at = buf_.find(pre);
    if (at == std::string::npos) {
      // Keep a tail that may be the start of a preamble still arriving.
      size_t keep = std::min(buf_.size(), sizeof kPreamble - 1);
      buf_.erase(0, buf_.size() - keep);
      return Result::need_more;
    }
    buf_.erase(0, at);
    if (buf_.size() < sizeof kPreamble + 2) return Result::need_more;
    size_t len = (size_t(uint8_t(buf_[5])) << 8) | uint8_t(buf_[6]);
    if (len < 4 || len > kMaxReplyLength) {
      buf_.erase(0, 1);  // not a frame: look for the next preamble
      return Result::bad_length;
    }
    size_t total = sizeof kPreamble + 2 + len;
    if (buf_.size() < total) return Result::need_more;
    uint8_t sum = xor_of(buf_, sizeof kPreamble, total - 1);
    if (sum != uint8_t(buf_[total - 1])) {
      buf_.erase(0, 1);
      return Result::bad_checksum;
    }
    out->sw1 = uint8_t(buf_[7]);
    out->sw2 = uint8_t(buf_[8]);
    out->sw3 = uint8_t(buf_[9]);
    out->data = buf_.substr(10, total - 1 - 10);
    buf_.erase(0, total);
    return Result::reply;
  }
}

std::string ucs2le_to_utf8(const std::string& in) {
  std::string out;
  for (size_t i = 0; i + 1 < in.size(); i += 2) {
    uint32_t c = uint8_t(in[i]) | (uint32_t(uint8_t(in[i + 1])) << 8);
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xC0 | (c >> 6));
      out += char(0x80 | (c & 0x3F));
    } else {
      out += char(0xE0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string utf8_to_ucs2le(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size();) {
    uint8_t b = uint8_t(in[i]);
    uint32_t c = 0xFFFD;
    size_t n = 1;
    if (b < 0x80) c = b;
    else if ((b & 0xE0) == 0xC0 && i + 1 < in.size()) c = ((b & 0x1F) << 6) | (uint8_t(in[i + 1]) & 0x3F), n = 2;
    else if ((b & 0xF0) == 0xE0 && i + 2 < in.size())
      c = ((b & 0x0F) << 12) | ((uint8_t(in[i + 1]) & 0x3F) << 6) | (uint8_t(in[i + 2]) & 0x3F), n = 3;
    else if ((b & 0xF8) == 0xF0) n = 4;  // outside the BMP: not on a card
    i += n;
    out += char(c & 0xFF);
    out += char(c >> 8);
  }
  return out;
}

bool decode_card_text(const std::string& d, CardText* out, std::string* error) {
  if (d.size() < 4 + 256) {
    *error = "read reply too short (" + std::to_string(d.size()) + " bytes)";
    return false;
  }
  size_t text_len = (size_t(uint8_t(d[0])) << 8) | uint8_t(d[1]);
  if (text_len != 256) {
    *error = "unexpected text length " + std::to_string(text_len);
    return false;
  }
  std::string text = d.substr(4, 256);
  CardText c;
  c.id_number = field_text(text, kIdNumber);
  for (auto& ch : c.id_number)
    if (ch == 'x') ch = 'X';
  c.name = field_text(text, kName);
  std::string to = field_text(text, kValidTo);
  bool id_ok = c.id_number.size() == 18 && all_digits(c.id_number.substr(0, 17)) &&
               (std::isdigit(uint8_t(c.id_number[17])) || c.id_number[17] == 'X');
  if (!id_ok) {
    *error = "no ID number in the card text";
    return false;
  }
  if (to == "长期") {
    c.valid_to = "";
  } else if (to.size() == 8 && all_digits(to)) {
    c.valid_to = to.substr(0, 4) + "-" + to.substr(4, 2) + "-" + to.substr(6, 2);
  } else {
    *error = "unreadable valid-to date on the card";
    return false;
  }
  *out = std::move(c);
  return true;
}

std::string encode_card_text(const std::string& name, const std::string& id_number,
                             const std::string& valid_from, const std::string& valid_to) {
  std::string text(256, '\0');
  auto put = [&](Field f, const std::string& utf8) {
    std::string u = utf8_to_ucs2le(utf8);
    u.resize(f.len < u.size() ? f.len : u.size());
    while (u.size() < f.len) u += std::string("\x20\x00", 2);
    text.replace(f.off, f.len, u);
  };
  put(kName, name);
  put(kSex, "1");
  put(kEthnicity, "01");
  put(kBirth, id_number.size() >= 14 ? id_number.substr(6, 8) : "");
  put(kAddress, "北京市东城区某某街道1号");
  put(kIdNumber, id_number);
  put(kAuthority, "北京市公安局东城分局");
  put(kValidFrom, valid_from);
  put(kValidTo, valid_to);
  put(kReserved, "");
  return text;
}

std::string encode_read_data(const std::string& text256, size_t photo_bytes) {
  std::string d;
  d += char(text256.size() >> 8);
  d += char(text256.size() & 0xFF);
  d += char(photo_bytes >> 8);
  d += char(photo_bytes & 0xFF);
  d += text256;
  d += std::string(photo_bytes, '\x57');
  return d;
}

bool expired(const CardText& c, const std::string& today) {
  return !c.valid_to.empty() && c.valid_to < today;
}

std::string id_tail(const std::string& id_number) {
  return id_number.size() >= 4 ? id_number.substr(id_number.size() - 4) : "";
}

}  // namespace tx::idcard
