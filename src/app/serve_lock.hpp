// One server per SQLite data directory. SQLite lets two processes share a database file, so two
// `pactum serve` on one data directory would both run the scheduler and the delivery worker —
// every message sent twice, every breach decided twice — with nothing like PostgreSQL's lease
// between them (docs/operations.md, "Several nodes"). `serve` on SQLite therefore holds an
// exclusive lock on DIR/serve.lock for as long as it runs; the other commands (user, token,
// audit verify …) do not take it and work beside a running server, as before. The kernel drops
// the lock when the process ends, however it ends: a killed server leaves nothing to clean up.
#pragma once

#include <string>

#include "domain/result.hpp"

namespace pactum::app {

class ServeLock {
 public:
  // Locks DIR/serve.lock (made if missing); `failed_precondition` naming the file when another
  // process holds it.
  static Result<ServeLock> take(const std::string& data_dir);
  ServeLock(ServeLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ServeLock& operator=(ServeLock&&) = delete;
  ~ServeLock();

 private:
  explicit ServeLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace pactum::app
