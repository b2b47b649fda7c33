// The process's file descriptors: every connection takes one, and so do the event log's SQLite
// files, delivery's sockets and the event loops. `serve` raises the soft limit to the hard one at
// start and caps its connections below the result, so that running out cannot happen through
// connections alone (when it happens anyway, the acceptor pauses: http/server.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace pactum::app {

struct FdLimit {
  std::uint64_t before = 0;  // the soft limit the process started with
  std::uint64_t soft = 0;    // the soft limit now
  std::uint64_t hard = 0;
};

// Raises RLIMIT_NOFILE's soft limit to its hard limit (left as it was if the system refuses).
FdLimit raise_fd_limit();

// The connections `fds` descriptors allow: all but kReservedFds, kept for everything else
// (about 20 are open at start; SQLite connections, delivery, an audit and the logs open more),
// or half when there are too few for that.
inline constexpr std::uint64_t kReservedFds = 128;
std::size_t connections_within(std::uint64_t fds);

}  // namespace pactum::app
