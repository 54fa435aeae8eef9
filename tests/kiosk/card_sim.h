// A simulated ID-card reader on a pseudo-terminal (posix_openpt): the test holds the master side
// and answers the GA 467 protocol; the driver under test (or the real kiosk, --card-reader) opens
// the slave /dev/pts/N as it would /dev/ttyUSB0. It can place and take away a card, corrupt a
// checksum, send replies in pieces, break off a read (card taken away mid-read), go silent, and be
// unplugged (the master closed: the slave's reads fail with EIO and its path disappears).
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "devices/id_card.h"

namespace tx::test {

class CardSim {
 public:
  CardSim() {
    master_ = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0 || grantpt(master_) != 0 || unlockpt(master_) != 0) return;
    slave_ = ptsname(master_);
    termios t{};
    tcgetattr(master_, &t);
    cfmakeraw(&t);
    tcsetattr(master_, TCSANOW, &t);
    thread_ = std::thread([this] { run(); });
  }
  ~CardSim() { unplug(); }
  const std::string& path() const { return slave_; }

  // Places a card (valid_to "YYYYMMDD" or "长期"); the next find answers "card found".
  void place(const std::string& name, const std::string& id_number, const std::string& valid_to) {
    std::lock_guard<std::mutex> lk(mu_);
    text_ = idcard::encode_card_text(name, id_number, "20160101", valid_to);
    present_ = true;
    fresh_ = true;
  }
  void take_away() {
    std::lock_guard<std::mutex> lk(mu_);
    present_ = false;
  }
  // Faults.
  std::atomic<int> bad_checksums{0};   // the next N replies carry a wrong checksum
  std::atomic<bool> split{false};      // replies go out a few bytes at a time (partial frames)
  std::atomic<bool> break_read{false}; // the next read reply stops halfway and the card is gone
  std::atomic<bool> silent{false};     // answers nothing (a reader that hangs)
  std::atomic<bool> garbage{false};    // noise before every reply
  std::atomic<int> reads{0}, finds{0};

  void unplug() {
    if (stop_.exchange(true)) return;
    if (thread_.joinable()) thread_.join();
    if (master_ >= 0) ::close(master_);
    master_ = -1;
  }

 private:
  void send(std::string frame) {
    if (bad_checksums > 0) {
      --bad_checksums;
      frame.back() = char(frame.back() ^ 0x5A);
    }
    if (garbage) frame = std::string("\x00\xAA\x13\x96", 4) + frame;
    size_t step = split ? 7 : frame.size();
    for (size_t i = 0; i < frame.size(); i += step) {
      (void)!::write(master_, frame.data() + i, std::min(step, frame.size() - i));
      if (split) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  void answer(uint16_t cmd) {
    std::lock_guard<std::mutex> lk(mu_);
    if (silent) return;
    if (cmd == uint16_t(idcard::Command::find)) {
      ++finds;
      // A real security module says "found" for a card not yet read, "no card" afterwards.
      send(present_ && fresh_ ? idcard::encode_reply(0, 0, 0x9F, std::string(4, '\0'))
                              : idcard::encode_reply(0, 0, 0x80, ""));
    } else if (cmd == uint16_t(idcard::Command::select)) {
      send(present_ ? idcard::encode_reply(0, 0, 0x90, std::string(8, '\0')) : idcard::encode_reply(0, 0, 0x81, ""));
    } else if (cmd == uint16_t(idcard::Command::read)) {
      ++reads;
      if (!present_) return send(idcard::encode_reply(0, 0, 0x41, ""));
      std::string f = idcard::encode_reply(0, 0, 0x90, idcard::encode_read_data(text_));
      if (break_read.exchange(false)) {
        present_ = false;  // taken away while the reader was sending
        (void)!::write(master_, f.data(), f.size() / 2);
        return;
      }
      fresh_ = false;
      send(f);
    } else {
      send(idcard::encode_reply(0, 0, 0x21, ""));  // unknown command
    }
  }
  void run() {
    std::string in;
    while (!stop_) {
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char buf[256];
      ssize_t n = ::read(master_, buf, sizeof buf);
      if (n <= 0) {  // EIO: nobody has the slave open (yet, or any more)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      in.append(buf, size_t(n));
      // Requests: AA AA AA 96 69 00 03 cmd_hi cmd_lo xor
      for (;;) {
        size_t at = in.find(std::string(reinterpret_cast<const char*>(idcard::kPreamble), 5));
        if (at == std::string::npos || in.size() < at + 10) break;
        const unsigned char* f = reinterpret_cast<const unsigned char*>(in.data() + at);
        bool ok = f[5] == 0 && f[6] == 3 && (f[5] ^ f[6] ^ f[7] ^ f[8]) == f[9];
        uint16_t cmd = uint16_t(f[7] << 8 | f[8]);
        in.erase(0, at + 10);
        if (ok) answer(cmd);
        else send(idcard::encode_reply(0, 0, 0x10, ""));  // the module's "bad checksum"
      }
    }
  }
  int master_ = -1;
  std::string slave_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::string text_;
  bool present_ = false, fresh_ = false;
};

}  // namespace tx::test
