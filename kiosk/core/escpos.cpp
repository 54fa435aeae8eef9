#include "core/escpos.h"

#include <fcntl.h>
#include <iconv.h>
#include <qrencode.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tx {

std::vector<std::vector<bool>> qr_modules(const std::string& text) {
  QRcode* q = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!q) return {};
  std::vector<std::vector<bool>> m(q->width, std::vector<bool>(q->width));
  for (int y = 0; y < q->width; ++y)
    for (int x = 0; x < q->width; ++x) m[y][x] = q->data[y * q->width + x] & 1;
  QRcode_free(q);
  return m;
}

bool utf8_to_gb18030(const std::string& in, std::string* out) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == (iconv_t)-1) return false;
  std::string buf(in.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = buf.data();
  size_t dst_left = buf.size();
  size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (r == (size_t)-1) return false;
  buf.resize(buf.size() - dst_left);
  *out = buf;
  return true;
}

std::string escpos_slip(const Slip& slip, std::string* error) {
  std::string b;
  b += "\x1b\x40";          // ESC @ initialise
  b += "\x1c\x26";          // FS & Chinese character mode
  b += "\x1b\x61\x01";      // ESC a 1 centre
  b += "\x1d\x21\x11";      // GS ! double width and height
  std::string enc;
  if (!utf8_to_gb18030(slip.heading + "\n", &enc)) {
    *error = "cannot encode heading";
    return "";
  }
  b += enc;
  b += "\x1d\x21\x00";
  b += "\x1b\x61\x00";      // left
  for (const auto& l : slip.lines) {
    if (!utf8_to_gb18030(l + "\n", &enc)) {
      *error = "cannot encode line: " + l;
      return "";
    }
    b += enc;
  }
  auto m = qr_modules(slip.qr_text);
  if (m.empty()) {
    *error = "QR encoding failed";
    return "";
  }
  // GS v 0: raster bit image, 6 dots per module, 4-module quiet zone.
  const int scale = 6, quiet = 4;
  int n = int(m.size()), dots = (n + 2 * quiet) * scale;
  int bytes_w = (dots + 7) / 8;
  b += "\x1b\x61\x01";
  b += "\x1d\x76\x30";
  b += char(0);
  b += char(bytes_w & 0xff);
  b += char(bytes_w >> 8);
  b += char(dots & 0xff);
  b += char(dots >> 8);
  for (int y = 0; y < dots; ++y) {
    for (int xb = 0; xb < bytes_w; ++xb) {
      unsigned char v = 0;
      for (int bit = 0; bit < 8; ++bit) {
        int x = xb * 8 + bit;
        int mx = x / scale - quiet, my = y / scale - quiet;
        bool dark = x < dots && mx >= 0 && my >= 0 && mx < n && my < n && m[my][mx];
        if (dark) v |= 0x80 >> bit;
      }
      b += char(v);
    }
  }
  b += "\n\n\n";
  b.append("\x1d\x56\x42\x00", 4);  // GS V B 0: feed and partial cut
  return b;
}

bool write_printer(const std::string& path, const std::string& bytes, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t w = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      *error = path + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    off += size_t(w);
  }
  if (::close(fd) != 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace tx
