#include "app/fd_limit.hpp"

#include <sys/resource.h>

namespace pactum::app {

FdLimit raise_fd_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  FdLimit out{limit.rlim_cur, limit.rlim_cur, limit.rlim_max};
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised{limit.rlim_max, limit.rlim_max};
    // An unlimited hard limit cannot be the soft one (Linux caps it at fs.nr_open).
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) out.soft = limit.rlim_max;
  }
  return out;
}

std::size_t connections_within(std::uint64_t fds) {
  return static_cast<std::size_t>(fds >= 2 * kReservedFds ? fds - kReservedFds : fds / 2);
}

}  // namespace pactum::app
