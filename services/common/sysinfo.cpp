#include "common/sysinfo.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tx {

DiskSpace disk_space(const std::string& path) {
  DiskSpace d;
  std::string p = path.empty() ? "." : path;
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) {
    auto slash = p.rfind('/');
    p = slash == std::string::npos ? "." : (slash == 0 ? "/" : p.substr(0, slash));
  }
  struct statvfs s;
  if (::statvfs(p.c_str(), &s) != 0) return d;
  d.free_bytes = std::int64_t(s.f_bavail) * std::int64_t(s.f_frsize);
  d.total_bytes = std::int64_t(s.f_blocks) * std::int64_t(s.f_frsize);
  return d;
}

std::int64_t file_size(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return std::int64_t(st.st_size);
}

InstanceLock::InstanceLock(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open lock file " + path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw std::runtime_error("another process is using this database (" + path +
                               " is locked): stop it first");
    throw std::runtime_error("cannot lock " + path + ": " + std::strerror(err));
  }
}

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

bool InstanceLock::held_by_other(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;  // no lock file: nobody ever locked it
  bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

}  // namespace tx
