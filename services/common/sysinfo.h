// What the services ask of the machine they run on: free disk space under a path, and a lock
// file that says "a service has this database open" (so `tongxing-ctl restore` refuses to swap
// a database under a running service, and a second service on the same file stops at start).
#pragma once
#include <cstdint>
#include <string>

namespace tx {

struct DiskSpace {
  std::int64_t free_bytes = -1;   // available to unprivileged users; -1 when unknown
  std::int64_t total_bytes = -1;
};
// disk_space: the file system holding `path` (a file or directory; for a file that does not
// exist yet, its directory). Never throws: unknown values are -1.
DiskSpace disk_space(const std::string& path);

// file_size: bytes, or -1 when the file does not exist.
std::int64_t file_size(const std::string& path);

// InstanceLock: an exclusive flock(2) on `path` (created 0600 if missing) held for the life of
// the object. The kernel drops it when the process dies, so a crash never leaves a stale lock.
class InstanceLock {
 public:
  // acquire: throws std::runtime_error naming the file when another process holds it.
  explicit InstanceLock(const std::string& path);
  ~InstanceLock();
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;
  // held_by_other: true when some other process holds the lock on `path` now.
  static bool held_by_other(const std::string& path);

 private:
  int fd_ = -1;
};

}  // namespace tx
