#include "app/data_directory.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "store/sqlite/snapshot.hpp"
#include "store/sqlite/sqlite_accounts.hpp"
#include "store/sqlite/sqlite_checkpoints.hpp"
#include "store/sqlite/sqlite_event_log.hpp"
#include "store/sqlite/sqlite_event_reader.hpp"

namespace pactum::app {
namespace fs = std::filesystem;
namespace {

// Below this, a storage error at start is a full disk: SQLite reports some (a page it cannot
// grow) as plain I/O errors.
constexpr std::uintmax_t kLowSpaceBytes = 1 << 20;

// The paths among `paths` that do not exist yet: what a failed start must remove again.
std::vector<fs::path> missing(std::initializer_list<fs::path> paths) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& p : paths) {
    if (!fs::exists(p, ec)) out.push_back(p);
  }
  return out;
}

// The outermost directory of `dir` that does not exist yet (nothing when it exists).
std::optional<fs::path> first_missing_directory(const fs::path& dir) {
  std::error_code ec;
  std::optional<fs::path> first;
  for (fs::path p = fs::absolute(dir, ec); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    first = p;
    if (p == p.parent_path()) break;
  }
  return first;
}

// "no space left on device in DIR" when that is why `e` happened; `e` as it is otherwise.
Error plainly(Error e, const fs::path& dir, std::error_code ec = {}) {
  std::error_code space_ec;
  fs::path existing = dir;
  while (!existing.empty() && !fs::exists(existing, space_ec)) existing = existing.parent_path();
  auto space = fs::space(existing.empty() ? fs::path(".") : existing, space_ec);
  bool full = ec == std::errc::no_space_on_device ||
              (!space_ec && space.available < kLowSpaceBytes && e.code == ErrorCode::unavailable);
  if (full) {
    e.message = fmt::format(
        "no space left on device in {} ({} KB free): free some space and "
        "start again ({})",
        dir.string(), space_ec ? 0 : space.available / 1024, e.message);
  }
  return e;
}

Result<cli::Storage> open_database(const std::string& path) {
  auto log = store::SqliteEventLog::open(path);
  if (!log) return log.error();
  auto accounts = store::SqliteAccounts::open(path);
  if (!accounts) return accounts.error();
  auto checkpoints = store::SqliteCheckpoints::open(path);
  if (!checkpoints) return checkpoints.error();
  return cli::Storage{std::move(*log), std::move(*accounts), std::move(*checkpoints)};
}

}  // namespace

std::string database_path(const std::string& dir) { return (fs::path(dir) / "pactum.db").string(); }

Result<cli::Storage> open_data_directory(const std::string& dir) {
  std::string db = database_path(dir);
  auto new_directory = first_missing_directory(dir);
  auto new_files = missing({db, db + "-wal", db + "-shm", db + "-journal"});
  std::error_code ec;
  fs::create_directories(dir, ec);
  Result<cli::Storage> storage =
      ec ? Result<cli::Storage>(
               Error{ErrorCode::unavailable,
                     fmt::format("cannot create the data directory {}: {}", dir, ec.message()),
                     {}})
         : open_database(db);
  if (storage) return storage;
  // Everything is closed by now (open_database's handles are gone): remove what this start made.
  std::error_code ignored;
  for (const auto& f : new_files) fs::remove(f, ignored);
  if (new_directory) fs::remove_all(*new_directory, ignored);
  return plainly(storage.error(), dir, ec);
}

Result<std::unique_ptr<store::EventSource>> read_data_directory(const std::string& dir) {
  std::string db = database_path(dir);
  std::error_code ec;
  if (!fs::exists(db, ec)) {
    return Error{ErrorCode::not_found, fmt::format("no event log in {}", dir), {}};
  }
  auto reader = store::SqliteEventReader::open(db);
  if (!reader) return reader.error();
  return std::unique_ptr<store::EventSource>(std::move(*reader));
}

Status back_up_data_directory(const std::string& dir, const std::string& file) {
  std::error_code ec;
  if (!fs::exists(database_path(dir), ec)) {
    return Error{ErrorCode::not_found, fmt::format("no event log in {}", dir), "data"};
  }
  return store::sqlite::copy_database(database_path(dir), file);
}

Result<std::unique_ptr<store::EventSource>> read_backup_file(const std::string& file) {
  auto reader = store::SqliteEventReader::open(file);
  if (!reader) return reader.error();
  return std::unique_ptr<store::EventSource>(std::move(*reader));
}

Status restore_data_directory(const std::string& file, const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return Error{ErrorCode::not_found, fmt::format("no backup at {}", file), "from"};
  }
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Error{ErrorCode::failed_precondition,
                 fmt::format("{} is not empty: restore into a new or empty directory", dir),
                 "data"};
  }
  auto new_directory = first_missing_directory(dir);
  fs::create_directories(dir, ec);
  if (ec) {
    return plainly(
        Error{ErrorCode::unavailable,
              fmt::format("cannot create the data directory {}: {}", dir, ec.message()), "data"},
        dir, ec);
  }
  Status e = store::sqlite::copy_database(file, database_path(dir));
  if (!e.ok() && new_directory) fs::remove_all(*new_directory, ec);
  return e;
}

Result<std::string> secret_file(const std::string& dir, const std::string& name) {
  auto path = fs::path(dir) / name;
  if (fs::exists(path)) {
    std::ifstream in(path);
    std::string key;
    std::getline(in, key);
    if (key.size() >= 32) return key;
    return Error{ErrorCode::internal, path.string() + " is damaged (expected 64 hex digits)", {}};
  }
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  // Written under another name and renamed once complete: a full disk leaves no half key.
  auto partial = fs::path(dir) / (name + ".partial");
  int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    return plainly(Error{ErrorCode::unavailable, "cannot create " + path.string(), {}}, dir);
  }
  bool ok = ::write(fd, hex, 64) == 64 && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  std::error_code ec;
  if (ok) fs::rename(partial, path, ec);
  if (!ok || ec) {
    fs::remove(partial, ec);
    return plainly(Error{ErrorCode::unavailable, "cannot write " + path.string(), {}}, dir);
  }
  return std::string(hex, 64);
}

}  // namespace pactum::app
