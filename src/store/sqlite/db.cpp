#include "store/sqlite/db.hpp"

#include <fmt/format.h>

namespace pactum::store::sqlite {

Error error_from(sqlite3* db, int code, std::string_view doing) {
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  std::string message = fmt::format("{}: {}", doing, detail);
  switch (code & 0xFF) {
    case SQLITE_FULL:
      return {ErrorCode::unavailable, message + " (the disk is full; nothing was written)", {}};
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return {ErrorCode::unavailable, message + " (storage error; nothing was written)", {}};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {ErrorCode::unavailable, message + " (the database is busy; retry)", {}};
    case SQLITE_CONSTRAINT:
      return {ErrorCode::conflict, message, {}};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {ErrorCode::internal, message + " (the database file is damaged)", {}};
    default:
      return {ErrorCode::internal, message, {}};
  }
}

Stmt::~Stmt() {
  if (ownership_ == Ownership::owned) {
    sqlite3_finalize(stmt_);
  } else if (stmt_) {
    reset();
  }
}

Stmt& Stmt::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::bind_static(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}

Stmt& Stmt::bind_text_or_null(int i, std::string_view v) {
  return v.empty() ? bind_null(i) : bind(i, v);
}

Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Stmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return error_from(db_, rc, "executing a statement");
}

Status Stmt::run() {
  while (true) {
    auto r = step();
    if (!r) return r.error();
    if (!*r) return {};
  }
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Stmt::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : "";
}

std::string_view Stmt::view(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string_view();
}

Result<Db> Db::open(const std::string& path, bool read_only, const char* vfs) {
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // each connection is used by one thread at a time
  flags |= SQLITE_OPEN_URI;      // "file:…?mode=ro" (sqlite_event_reader); plain paths as before
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs);
  if (rc != SQLITE_OK) {
    Error e = error_from(db, rc, fmt::format("opening {}", path));
    sqlite3_close(db);
    return e;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  return Db(db);
}

void Db::close() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);  // sqlite3_close refuses otherwise
  cache_.clear();
  sqlite3_close(db_);
  db_ = nullptr;
}

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    close();
    db_ = o.db_;
    cache_ = std::move(o.cache_);
    o.db_ = nullptr;
  }
  return *this;
}

Db::~Db() { close(); }

Result<Stmt> Db::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return error_from(db_, rc, "preparing a statement");
  return Stmt(db_, stmt);
}

Result<Stmt> Db::cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return error_from(db_, rc, "preparing a statement");
    it = cache_.emplace(sql, stmt).first;
  }
  return Stmt(db_, it->second, Stmt::Ownership::borrowed);
}

Status Db::run(const std::string& sql) {
  auto s = cached(sql);
  if (!s) return s.error();
  return s->run();
}

Status Db::exec(const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return error_from(db_, rc, "executing SQL");
  return {};
}

}  // namespace pactum::store::sqlite
