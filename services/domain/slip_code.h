// An appointment slip's code (the QR code on the screen and on the printed slip): only what finds
// the appointment — its id and a MAC the station computes with its own key over the id and the
// appointment's date — never an ID number or a name. Text: "TXS" + 24 base32 characters
// (RFC 4648 alphabet: upper-case letters and 2–7, so a keyboard-wedge scanner types it the same
// whatever its shift state). A forged code fails the MAC; an old one (the appointment moved to
// another day) fails it too, and a cancelled or past one is found but refused by the station.
// Pure: the MAC comes from the caller (services/station computes it with libsodium).
#pragma once
#include <array>
#include <cstdint>
#include <string>

namespace tx {

inline constexpr size_t kSlipMacBytes = 9;
using SlipMac = std::array<uint8_t, kSlipMacBytes>;

// What the station's MAC covers: "slip:<id>:<date>".
std::string slip_mac_input(int64_t appointment_id, const std::string& date);
std::string encode_slip_code(int64_t appointment_id, const SlipMac& mac);
// Decodes a code (case-insensitive). false when it is not a slip code's shape.
bool decode_slip_code(const std::string& text, int64_t* appointment_id, SlipMac* mac);
// The shape only (the kiosk's classification of a scan).
bool looks_like_slip_code(const std::string& text);

}  // namespace tx
