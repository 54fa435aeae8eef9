#include "domain/slip_code.h"

namespace tx {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr size_t kIdBytes = 6;                       // appointment ids below 2^48
constexpr size_t kPayload = kIdBytes + kSlipMacBytes;  // 15 bytes = 24 base32 characters
constexpr size_t kChars = kPayload * 8 / 5;
constexpr char kPrefix[] = "TXS";

int value_of(char c) {
  if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}
}  // namespace

std::string slip_mac_input(int64_t appointment_id, const std::string& date) {
  return "slip:" + std::to_string(appointment_id) + ":" + date;
}

std::string encode_slip_code(int64_t id, const SlipMac& mac) {
  uint8_t b[kPayload];
  for (size_t i = 0; i < kIdBytes; ++i) b[i] = uint8_t(uint64_t(id) >> (8 * (kIdBytes - 1 - i)));
  for (size_t i = 0; i < kSlipMacBytes; ++i) b[kIdBytes + i] = mac[i];
  std::string out = kPrefix;
  uint32_t acc = 0;
  int bits = 0;
  for (uint8_t x : b) {
    acc = (acc << 8) | x;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

bool decode_slip_code(const std::string& text, int64_t* id, SlipMac* mac) {
  if (!looks_like_slip_code(text)) return false;
  uint8_t b[kPayload];
  size_t n = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 3; i < text.size(); ++i) {
    acc = (acc << 5) | uint32_t(value_of(text[i]));
    bits += 5;
    if (bits >= 8) {
      b[n++] = uint8_t(acc >> (bits - 8));
      bits -= 8;
    }
  }
  uint64_t v = 0;
  for (size_t i = 0; i < kIdBytes; ++i) v = (v << 8) | b[i];
  *id = int64_t(v);
  for (size_t i = 0; i < kSlipMacBytes; ++i) (*mac)[i] = b[kIdBytes + i];
  return true;
}

bool looks_like_slip_code(const std::string& text) {
  if (text.size() != 3 + kChars) return false;
  for (size_t i = 0; i < 3; ++i)
    if ((text[i] & ~0x20) != kPrefix[i]) return false;
  for (size_t i = 3; i < text.size(); ++i)
    if (value_of(text[i]) < 0) return false;
  return true;
}

}  // namespace tx
