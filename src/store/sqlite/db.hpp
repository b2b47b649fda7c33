// A thin RAII layer over the SQLite C API: a connection and prepared statements, with errors as
// values. SQLite's result codes are mapped to what the caller should do next: a full disk or an
// I/O error is `unavailable` (retry later; nothing was written), a constraint is `conflict`.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace pactum::store::sqlite {

Error error_from(sqlite3* db, int code, std::string_view doing);

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(stmt_); }

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, std::string_view v);  // bound as TEXT; an empty view binds NULL when null_if_empty
  Stmt& bind_text_or_null(int i, std::string_view v);

  // SQLITE_ROW → true, SQLITE_DONE → false; anything else is an error.
  Result<bool> step();
  // Steps to completion, expecting no rows.
  std::optional<Error> run();
  void reset();

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const;
  // The column's text in place: valid until the next step(), reset() or destruction.
  std::string_view view(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Db {
 public:
  static Result<Db> open(const std::string& path, bool read_only);
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  ~Db();

  Result<Stmt> prepare(std::string_view sql);
  std::optional<Error> exec(const std::string& sql);  // one or more statements, no results
  sqlite3* handle() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace pactum::store::sqlite
