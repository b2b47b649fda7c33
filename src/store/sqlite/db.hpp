// A thin RAII layer over the SQLite C API: a connection and prepared statements, with errors as
// values. SQLite's result codes are mapped to what the caller should do next: a full disk or an
// I/O error is `unavailable` (retry later; nothing was written), a constraint is `conflict`.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/result.hpp"

namespace pactum::store::sqlite {

Error error_from(sqlite3* db, int code, std::string_view doing);

// A prepared statement. An owning one is finalized when it goes; a borrowed one (from
// Db::cached) stays prepared in its connection and is only reset, bindings cleared, so the next
// user finds it fresh.
class Stmt {
 public:
  enum class Ownership { owned, borrowed };
  Stmt(sqlite3* db, sqlite3_stmt* stmt, Ownership ownership = Ownership::owned)
      : db_(db), stmt_(stmt), ownership_(ownership) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_), ownership_(o.ownership_) {
    o.stmt_ = nullptr;
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i,
             std::string_view v);  // bound as TEXT; an empty view binds NULL when null_if_empty
  Stmt& bind_text_or_null(int i, std::string_view v);
  Stmt& bind_null(int i);
  // Bound without a copy: `v` must stay unchanged until the statement is reset.
  Stmt& bind_static(int i, std::string_view v);

  // SQLITE_ROW → true, SQLITE_DONE → false; anything else is an error.
  Result<bool> step();
  // Steps to completion, expecting no rows.
  Status run();
  void reset();

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const;
  // The column's text in place: valid until the next step(), reset() or destruction.
  std::string_view view(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  Ownership ownership_;
};

class Db {
 public:
  // `vfs`: a registered VFS's name (see wal_write_buffer.hpp); null for the default.
  // `path` may be a "file:" URI (SQLite's URI filenames).
  static Result<Db> open(const std::string& path, bool read_only, const char* vfs = nullptr);
  Db(Db&& o) noexcept : db_(o.db_), cache_(std::move(o.cache_)) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  ~Db();

  Result<Stmt> prepare(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept: parsing SQL costs more than running
  // a point query. Not for SQL built from data (the cache would grow without bound). One user at
  // a time, like the connection.
  Result<Stmt> cached(const std::string& sql);
  Status exec(const std::string& sql);  // one or more statements, no results
  Status run(const std::string& sql);   // one statement, kept prepared, no results
  sqlite3* handle() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  void close();
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;  // finalized before closing
};

}  // namespace pactum::store::sqlite
