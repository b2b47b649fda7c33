#include "store/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace pactum::store {
namespace fs = std::filesystem;
namespace {

Error disk_error(const std::string& what, const std::string& path) {
  return Error{ErrorCode::unavailable, fmt::format("cannot {} {}", what, path), {}};
}

// Writes all of `bytes` to fd.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool sync_directory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace

Status write_atomically(const std::string& tmp, const std::string& path, std::string_view bytes) {
  std::string partial = tmp + "/upload-XXXXXX";
  int fd = ::mkstemp(partial.data());
  if (fd < 0) return disk_error("create a file in", tmp);
  bool ok = ::fchmod(fd, 0640) == 0 && write_all(fd, bytes) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  std::error_code ec;
  if (ok) fs::rename(partial, path, ec);
  if (!ok || ec) {
    fs::remove(partial, ec);
    return disk_error("write", path);
  }
  if (!sync_directory(fs::path(path).parent_path().string())) return disk_error("sync", path);
  return {};
}

}  // namespace pactum::store
