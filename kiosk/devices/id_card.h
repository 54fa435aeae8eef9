// The resident ID card reader's serial protocol (GA 467 security-module framing), as pure code:
// no I/O, no SDL. The platform driver (platform/card_reader.cpp) writes the requests built here
// to the reader and feeds whatever bytes come back to ReplyParser.
//
// Request:  AA AA AA 96 69 | len (2 bytes, big-endian, of what follows) | cmd | param | xor
// Reply:    AA AA AA 96 69 | len | sw1 sw2 sw3 | data … | xor
// The checksum is the XOR of every byte after the preamble except itself (length, command and
// parameter; length, status and data). Find card `20 01`, select card `20 02`, read text and
// photo `30 01`. Status `00 00 90` success, `00 00 9F` card found, `00 00 80` no card (others:
// the module's errors, e.g. `00 00 81` select failed, `00 00 41` read failed).
//
// The read reply's data: text length (2 bytes), photo length (2 bytes), 256 bytes of UCS-2LE
// text in fixed fields, then the photo (wlt, left undecoded). decode_card_text() takes out only
// what the kiosk uses — ID number, name, valid-to — and nothing of it is ever logged.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace tx::idcard {

inline constexpr unsigned char kPreamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
// Longest reply accepted (read text + photo: 3 + 4 + 256 + 1024 + 1 = 0x0508); anything claiming
// more is not a frame of ours and the parser looks for the next preamble.
inline constexpr size_t kMaxReplyLength = 0x0600;

enum class Command : uint16_t { find = 0x2001, select = 0x2002, read = 0x3001 };

// The whole request frame for a command.
std::string encode_request(Command c);
// A reply frame (for the simulated reader in the tests): preamble, length, status, data, checksum.
std::string encode_reply(uint8_t sw1, uint8_t sw2, uint8_t sw3, const std::string& data);

struct Reply {
  uint8_t sw1 = 0, sw2 = 0, sw3 = 0;
  std::string data;
  bool success() const { return sw1 == 0 && sw2 == 0 && sw3 == 0x90; }
  bool card_found() const { return sw1 == 0 && sw2 == 0 && sw3 == 0x9F; }
  bool no_card() const { return sw1 == 0 && sw2 == 0 && sw3 == 0x80; }
};

// Accumulates bytes from the serial line (frames arrive in pieces) and takes whole replies out.
class ReplyParser {
 public:
  enum class Result { need_more, reply, bad_checksum, bad_length };
  void feed(const char* p, size_t n) { buf_.append(p, n); }
  void feed(const std::string& s) { buf_ += s; }
  // Takes the next frame out of the buffer. Bytes before a preamble are dropped. A frame with a
  // wrong checksum or an impossible length is dropped (its preamble too) and reported, so the
  // caller can ask again. need_more: no whole frame yet.
  Result next(Reply* out);
  void clear() { buf_.clear(); }
  size_t buffered() const { return buf_.size(); }

 private:
  std::string buf_;
};

// What the kiosk takes from a card. valid_to is "YYYY-MM-DD", or "" for a long-term (长期) card.
struct CardText {
  std::string id_number;  // 18 characters, X upper case
  std::string name;       // UTF-8, padding removed
  std::string valid_to;
};

// Decodes a read reply's data (2-byte text length, 2-byte photo length, 256 bytes of text …).
// false + *error (no card text in it) when the data is too short or the fields are not what a
// card holds.
bool decode_card_text(const std::string& read_data, CardText* out, std::string* error);

// The 256 text bytes of a card (for the simulated reader in the tests): the fields padded with
// spaces, UCS-2LE. valid_to "YYYYMMDD" or "长期".
std::string encode_card_text(const std::string& name, const std::string& id_number,
                             const std::string& valid_from, const std::string& valid_to);
// A whole read reply's data: lengths, text, and `photo_bytes` bytes standing for the photo.
std::string encode_read_data(const std::string& text256, size_t photo_bytes = 1024);

// UCS-2LE (BMP only; a surrogate becomes U+FFFD) → UTF-8, and back (for the tests' reader).
std::string ucs2le_to_utf8(const std::string& in);
std::string utf8_to_ucs2le(const std::string& in);

// A card is expired when its valid-to date is before today ("YYYY-MM-DD"); long-term never is.
bool expired(const CardText& c, const std::string& today);

// The last four characters of an ID number (what the kiosk says: "尾号 7810"), "" when shorter.
std::string id_tail(const std::string& id_number);

}  // namespace tx::idcard
