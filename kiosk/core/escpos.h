// Appointment slip for an ESC/POS receipt printer (ACCESSIBILITY S11): text in GB18030 (what
// Chinese receipt printers expect), a QR code of the ticket rendered with libqrencode and sent as
// a raster image (GS v 0), then a partial cut.
#pragma once
#include <string>
#include <vector>

namespace tx {

// QR modules (true = dark) for text, or empty on failure.
std::vector<std::vector<bool>> qr_modules(const std::string& text);

struct Slip {
  std::string heading;               // station name / "预约凭条"
  std::vector<std::string> lines;    // "取号：A012", "日期：…", …
  std::string qr_text;               // encoded in the QR code
};

// slip_qr_text: what a slip's QR code holds (printed and on screen alike): the station's slip code
// (domain/slip_code.h: the appointment's id and the station's MAC, nothing personal; scanning it
// opens the appointment), or, from a station without slip codes, the ticket and date.
inline std::string slip_qr_text(const std::string& ticket, const std::string& date, const std::string& slip_code = "") {
  return slip_code.empty() ? "TONGXING:" + ticket + ":" + date : slip_code;
}

// Builds the printer byte stream. Returns "" and sets *error when text cannot be encoded.
std::string escpos_slip(const Slip& slip, std::string* error);
// Writes bytes to a device path or file (O_WRONLY|O_CREAT|O_TRUNC for files). false + *error on failure.
bool write_printer(const std::string& path, const std::string& bytes, std::string* error);
// UTF-8 → GB18030 via iconv.
bool utf8_to_gb18030(const std::string& in, std::string* out);

}  // namespace tx
