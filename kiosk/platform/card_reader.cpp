#include "platform/card_reader.h"

#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace tx {

namespace {
double mono() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

std::vector<std::string> serial_candidates() {
  std::vector<std::string> out;
  for (const char* pattern : {"/dev/ttyUSB*", "/dev/ttyACM*"}) {
    glob_t g{};
    if (glob(pattern, 0, nullptr, &g) == 0)
      for (size_t i = 0; i < g.gl_pathc; ++i) out.push_back(g.gl_pathv[i]);
    globfree(&g);
  }
  return out;
}

CardReader::CardReader(std::string path, std::function<void()> wake,
                       std::function<void(const std::string&)> log, CardReaderOptions opt)
    : path_(std::move(path)), wake_(std::move(wake)), log_(std::move(log)), opt_(opt) {
  if (pipe2(stop_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) stop_pipe_[0] = stop_pipe_[1] = -1;
  thread_ = std::thread([this] { run(); });
}

CardReader::~CardReader() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  if (stop_pipe_[1] >= 0) (void)!::write(stop_pipe_[1], "q", 1);
  if (thread_.joinable()) thread_.join();
  close_device();
  for (int fd : stop_pipe_)
    if (fd >= 0) ::close(fd);
}

std::vector<CardReaderEvent> CardReader::drain() {
  std::lock_guard<std::mutex> lk(mu_);
  std::vector<CardReaderEvent> out;
  out.swap(done_);
  return out;
}

size_t CardReader::ready() const {
  std::lock_guard<std::mutex> lk(mu_);
  return done_.size();
}

std::string CardReader::device() const {
  std::lock_guard<std::mutex> lk(mu_);
  return device_;
}

void CardReader::post(CardReaderEvent e) {
  {
    std::lock_guard<std::mutex> lk(mu_);
    done_.push_back(std::move(e));
  }
  if (wake_) wake_();
}

bool CardReader::sleep_for(double s) {
  std::unique_lock<std::mutex> lk(mu_);
  cv_.wait_for(lk, std::chrono::duration<double>(s), [&] { return quit_; });
  return !quit_;
}

bool CardReader::open_device(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  termios t{};
  if (tcgetattr(fd, &t) != 0) {  // not a terminal (a file, a directory): not a reader
    ::close(fd);
    return false;
  }
  cfmakeraw(&t);  // 8 data bits, no parity, no echo, no line editing
  t.c_cflag &= ~(CSTOPB | CRTSCTS);  // 1 stop bit, no hardware flow control
  t.c_cflag |= CLOCAL | CREAD;
  t.c_cc[VMIN] = 0;
  t.c_cc[VTIME] = 0;
  cfsetispeed(&t, B115200);
  cfsetospeed(&t, B115200);
  if (tcsetattr(fd, TCSANOW, &t) != 0) {
    ::close(fd);
    return false;
  }
  tcflush(fd, TCIOFLUSH);
  fd_ = fd;
  parser_.clear();
  std::lock_guard<std::mutex> lk(mu_);
  device_ = path;
  return true;
}

void CardReader::close_device() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  std::lock_guard<std::mutex> lk(mu_);
  device_.clear();
}

bool CardReader::transact(idcard::Command c, idcard::Reply* r, bool* io_error) {
  *io_error = false;
  const std::string req = idcard::encode_request(c);
  for (int attempt = 0; attempt < 3; ++attempt) {  // a bad frame is asked again twice
    parser_.clear();
    size_t sent = 0;
    while (sent < req.size()) {
      ssize_t n = ::write(fd_, req.data() + sent, req.size() - sent);
      if (n > 0) {
        sent += size_t(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        pollfd p{fd_, POLLOUT, 0};
        ::poll(&p, 1, 50);
      } else {
        *io_error = true;
        return false;
      }
    }
    double deadline = mono() + opt_.reply_timeout_s;
    bool bad = false;
    while (!bad) {
      double left = deadline - mono();
      if (left <= 0) return false;  // no (whole) reply in time
      pollfd p[2] = {{fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
      int k = ::poll(p, 2, int(left * 1000) + 1);
      if (k < 0 && errno != EINTR) {
        *io_error = true;
        return false;
      }
      if (p[1].revents) return false;  // stopping
      if (p[0].revents & (POLLERR | POLLNVAL)) {
        *io_error = true;
        return false;
      }
      if (!(p[0].revents & (POLLIN | POLLHUP))) continue;
      char buf[512];
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {  // unplugged (EIO), hung up
        *io_error = true;
        return false;
      }
      if (n < 0) continue;
      parser_.feed(buf, size_t(n));
      deadline = mono() + opt_.reply_timeout_s;  // bytes are coming: the reply is on its way
      for (;;) {
        auto res = parser_.next(r);
        if (res == idcard::ReplyParser::Result::reply) return true;
        if (res == idcard::ReplyParser::Result::need_more) break;
        log_("card reader: a reply with a bad checksum or length; asking again");
        bad = true;
        break;
      }
    }
    if (!sleep_for(0.02)) return false;  // let the rest of a broken reply arrive, then ask again
    tcflush(fd_, TCIFLUSH);
  }
  return false;
}

void CardReader::run() {
  using C = idcard::Command;
  bool ever_connected = false, lost = false;
  bool card_read = false;  // this card was read: wait until it is taken away
  int failures = 0;
  auto stopping = [&] {
    std::lock_guard<std::mutex> lk(mu_);
    return quit_;
  };
  auto lose = [&](const std::string& why) {
    log_("card reader: " + why);
    close_device();
    if (!lost) post({CardReaderEvent::reader_lost, {}});
    lost = true;
    card_read = false;
  };
  while (!stopping()) {
    if (fd_ < 0) {
      std::vector<std::string> tries = path_ == "auto" ? serial_candidates() : std::vector<std::string>{path_};
      bool ok = false;
      for (const auto& p : tries) {
        if (!open_device(p)) continue;
        idcard::Reply r;
        bool io = false;
        if (transact(C::find, &r, &io)) {  // something that speaks the protocol answers there
          ok = true;
          break;
        }
        close_device();
      }
      if (!ok) {
        // A configured device that is not there is said once; "auto" without any reader is not a
        // fault until a reader was found and then lost.
        if (!lost && (ever_connected || path_ != "auto")) {
          log_("card reader: no reader at " + path_);
          post({CardReaderEvent::reader_lost, {}});
          lost = true;
        }
        if (!sleep_for(opt_.retry_s)) break;
        continue;
      }
      log_("card reader: connected at " + device());
      if (lost) post({CardReaderEvent::reader_back, {}});
      lost = false;
      ever_connected = true;
      failures = 0;
      card_read = false;
    }
    idcard::Reply r;
    bool io = false;
    auto failed = [&](bool reading) {
      if (io) return lose("the reader went away");
      if (reading) post({CardReaderEvent::read_failed, {}});
      if (++failures >= opt_.failures_to_lost) lose("the reader stopped answering");
    };
    if (!transact(C::find, &r, &io)) {
      failed(false);
      continue;
    }
    failures = 0;
    if (!r.card_found() || card_read) {
      if (r.no_card()) card_read = false;
      if (!sleep_for(opt_.poll_s)) break;
      continue;
    }
    if (!transact(C::select, &r, &io)) {
      failed(false);
      continue;
    }
    if (!r.success()) continue;  // the card went away between find and select
    if (!transact(C::read, &r, &io)) {
      failed(true);  // taken away mid-read (the reply broke off), or the reader stopped
      continue;
    }
    if (!r.success()) {  // the module answered that it could not read the card
      post({CardReaderEvent::read_failed, {}});
      continue;
    }
    idcard::CardText text;
    std::string err;
    if (!idcard::decode_card_text(r.data, &text, &err)) {
      log_("card reader: " + err);
      post({CardReaderEvent::read_failed, {}});
      card_read = true;  // the same card would fail again: wait until it is taken away
      continue;
    }
    card_read = true;
    post({CardReaderEvent::card, std::move(text)});
  }
}

}  // namespace tx
