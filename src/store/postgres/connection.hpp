// A thin RAII layer over libpq: a connection, its results, and parameterized queries only — a value
// is always a parameter ($1, $2 …), never spliced into SQL text. Errors are values, mapped to what
// the caller should do next: a lost connection, a server shutting down or out of disk is
// `unavailable` (retry later; the transaction it was in is rolled back, so nothing of it was
// written), a unique or append-only violation is `conflict`.
//
// A connection that broke is reopened by the next call made outside a transaction, so a restarted
// PostgreSQL is found again without restarting Pactum; within a transaction it is not (the
// transaction is gone with the connection): the caller rolls back and tries again.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace pactum::store::pg {

// Whether `location` names a PostgreSQL database (a postgres:// or postgresql:// URI).
bool is_postgres_url(std::string_view location);
// The URL with its password, if any, left out: what an error message may show.
std::string redacted(const std::string& url);

// The values of one query's parameters, as text (PostgreSQL converts them to the columns' types).
class Params {
 public:
  Params& add(std::string_view text);
  Params& add(std::int64_t number);
  Params& add_null();
  Params& add_text_or_null(std::string_view text);  // "" is NULL
  std::size_t size() const { return values_.size(); }

 private:
  friend class Connection;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
};

// The rows of one result (or none). Owns the PGresult.
class Rows {
 public:
  int size() const { return result_ ? PQntuples(result_.get()) : 0; }
  std::string_view view(int row, int col) const;
  std::string text(int row, int col) const { return std::string(view(row, col)); }
  std::int64_t int64(int row, int col) const;
  bool is_null(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }
  // Rows changed by an INSERT, UPDATE or DELETE.
  std::int64_t affected() const;

 private:
  friend class Connection;
  struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Clear> result_;
};

class Connection {
 public:
  // Connects to `url` (postgres://user@host:port/db?…). The URL's password, if any, is never
  // repeated in an error message.
  static Result<Connection> open(const std::string& url);
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  // One statement with parameters; its rows.
  Result<Rows> query(const char* sql, const Params& params = {});
  Result<Rows> query(const std::string& sql, const Params& params = {}) {
    return query(sql.c_str(), params);
  }
  // One or more statements without parameters or results (schema, BEGIN, COMMIT …).
  Status exec(const char* sql);

  // A transaction: begin() reconnects first if the connection broke; rollback() never fails
  // (a broken connection has rolled back already).
  Status begin();
  Status commit();
  void rollback();
  bool in_transaction() const { return in_transaction_; }

  PGconn* handle() const { return conn_.get(); }
  // The server process serving this connection (pg_terminate_backend's argument).
  int backend_pid() const { return PQbackendPID(conn_.get()); }

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  Connection(std::string url, PGconn* conn) : url_(std::move(url)), conn_(conn) {}
  // Outside a transaction, reopens a connection that broke.
  Status ensure();
  Error error_of(const PGresult* result, std::string_view doing) const;

  std::string url_;
  std::unique_ptr<PGconn, Finish> conn_;
  bool in_transaction_ = false;
};

}  // namespace pactum::store::pg
