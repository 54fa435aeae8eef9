// The ID-card reader driver (GA 467 framing, devices/id_card.h) on its own thread: opens the
// serial device (termios 115200 8N1, raw), polls find → select → read, and posts what happened to
// a queue the frame loop drains at frame start (like the HTTP worker); `wake` gets the loop out
// of its wait. Hot-plug: a missing or unplugged device is retried every `retry_s`; "auto" tries
// /dev/ttyUSB* and /dev/ttyACM* and keeps the first that answers the protocol.
//
// The card's text is decoded into the event and nothing else: it is never logged (the `log`
// callback gets device paths and protocol errors only).
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "devices/id_card.h"

namespace tx {

struct CardReaderEvent {
  enum Kind {
    card,          // a card was read (`text` holds its ID number, name, valid-to)
    read_failed,   // a card was found but could not be read (taken away mid-read, bad frames)
    reader_lost,   // the reader is missing, unplugged or stopped answering (once per loss)
    reader_back,   // it answers again after a loss
  } kind;
  idcard::CardText text;
};

struct CardReaderOptions {
  double poll_s = 0.25;          // pause between two "find card" requests without a card
  double reply_timeout_s = 0.6;  // a reply (or its last byte) later than this is a failure
  double retry_s = 1.0;          // pause before opening the device again
  int failures_to_lost = 3;      // unanswered requests in a row that count as "reader failing"
};

class CardReader {
 public:
  // path: a device ("/dev/ttyUSB0", a pseudo-terminal) or "auto".
  CardReader(std::string path, std::function<void()> wake, std::function<void(const std::string&)> log,
             CardReaderOptions opt = {});
  ~CardReader();  // stops the thread (at most one reply timeout) and closes the device
  std::vector<CardReaderEvent> drain();
  size_t ready() const;
  // The device in use ("" while none).
  std::string device() const;

 private:
  void run();
  bool open_device(const std::string& path);
  void close_device();
  // Sends a request and waits for its reply: true with *r; false on time-out, I/O error or
  // repeated bad frames (*io_error: the device went away).
  bool transact(idcard::Command c, idcard::Reply* r, bool* io_error);
  bool sleep_for(double s);  // false when stopping
  void post(CardReaderEvent e);

  std::string path_;
  std::function<void()> wake_;
  std::function<void(const std::string&)> log_;
  CardReaderOptions opt_;
  int fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  std::string device_;
  idcard::ReplyParser parser_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool quit_ = false;
  std::vector<CardReaderEvent> done_;
  std::thread thread_;
};

// The serial devices "auto" tries, in order (/dev/ttyUSB*, then /dev/ttyACM*).
std::vector<std::string> serial_candidates();

}  // namespace tx
