#include "app/serve_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pactum::app {

Result<ServeLock> ServeLock::take(const std::string& data_dir) {
  std::string path = data_dir + "/serve.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{
        ErrorCode::unavailable, fmt::format("cannot open {}: {}", path, std::strerror(errno)), {}};
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int why = errno;
    ::close(fd);
    if (why == EWOULDBLOCK) {
      return Error{ErrorCode::failed_precondition,
                   fmt::format("another pactum serve is running on {} (it holds {}); one data "
                               "directory on SQLite serves one node — several nodes share a "
                               "PostgreSQL store (docs/operations.md, \"Several nodes\")",
                               data_dir, path),
                   {}};
    }
    return Error{
        ErrorCode::unavailable, fmt::format("cannot lock {}: {}", path, std::strerror(why)), {}};
  }
  return ServeLock(fd);
}

ServeLock::~ServeLock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the lock
}

}  // namespace pactum::app
