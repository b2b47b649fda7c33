#include "store/sqlite/snapshot.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/db.hpp"
#include "store/sqlite/sqlite_event_reader.hpp"

namespace pactum::store::sqlite {
namespace fs = std::filesystem;
namespace {

Status copy_pages(Db& source, const std::string& to) {
  auto dest = Db::open(to, false);
  if (!dest) return dest.error();
  sqlite3_backup* backup = sqlite3_backup_init(dest->handle(), "main", source.handle(), "main");
  if (!backup)
    return error_from(dest->handle(), sqlite3_errcode(dest->handle()), "starting the copy");
  // All pages in one step: one read transaction on the source, so the copy is the database as of
  // its start. In WAL mode the server's writer goes on meanwhile; its later commits are not copied.
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return error_from(dest->handle(), rc, "copying the database");
  // The source's WAL mode came with its first page: a single file travels better.
  if (Status e = dest->exec("PRAGMA journal_mode=DELETE"); !e.ok()) return e;
  return {};
}

Status sync_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  bool ok = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  if (ok) return {};
  return Error{ErrorCode::unavailable, fmt::format("cannot sync {}", path), {}};
}

}  // namespace

Status copy_database(const std::string& from, const std::string& to) {
  std::error_code ec;
  if (fs::exists(to, ec)) {
    return Error{ErrorCode::conflict, fmt::format("{} exists: name a new file", to), "to"};
  }
  auto source = open_read_only(from);
  if (!source) return source.error();
  std::string partial = to + ".partial";
  fs::remove(partial, ec);
  auto e = copy_pages(*source, partial);
  if (e.ok()) e = sync_file(partial);
  if (e.ok()) {
    fs::rename(partial, to, ec);
    if (ec)
      e = Error{ErrorCode::unavailable, fmt::format("cannot write {}: {}", to, ec.message()), {}};
  }
  if (!e.ok()) {
    fs::remove(partial, ec);
    fs::remove(partial + "-journal", ec);
  }
  return e;
}

}  // namespace pactum::store::sqlite
