#include "store/postgres/connection.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <charconv>

namespace pactum::store::pg {
namespace {

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// libpq learns that the server went (restarted, ended the session) only when it reads from the
// socket. An idle connection has nothing to read unless the server said goodbye (its last
// message, then end of file): read what is waiting, without blocking, so that a connection that
// died while idle is reopened by the call that finds it rather than failing it.
bool alive(PGconn* conn) {
  if (PQstatus(conn) != CONNECTION_OK) return false;
  pollfd waiting{PQsocket(conn), POLLIN, 0};
  for (int i = 0; i < 8 && ::poll(&waiting, 1, 0) == 1; ++i) {
    if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) return false;
  }
  return true;
}

}  // namespace

std::string redacted(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":…" + url.substr(at);
}

bool is_postgres_url(std::string_view location) {
  return location.rfind("postgres://", 0) == 0 || location.rfind("postgresql://", 0) == 0;
}

Params& Params::add(std::string_view text) {
  values_.emplace_back(text);
  nulls_.push_back(false);
  return *this;
}

Params& Params::add(std::int64_t number) { return add(std::to_string(number)); }

Params& Params::add_null() {
  values_.emplace_back();
  nulls_.push_back(true);
  return *this;
}

Params& Params::add_text_or_null(std::string_view text) {
  return text.empty() ? add_null() : add(text);
}

std::string_view Rows::view(int row, int col) const {
  return {PQgetvalue(result_.get(), row, col),
          static_cast<std::size_t>(PQgetlength(result_.get(), row, col))};
}

std::int64_t Rows::int64(int row, int col) const {
  auto v = view(row, col);
  std::int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

std::int64_t Rows::affected() const {
  const char* n = result_ ? PQcmdTuples(result_.get()) : "";
  return n && *n ? std::stoll(n) : 0;
}

Result<Connection> Connection::open(const std::string& url) {
  // A server that does not answer is given up on after 5 s, and a connection whose peer is gone
  // without a word (a machine powered off, a network cut: no FIN, no RST) is found dead within
  // about a minute — TCP keepalives after 30 s idle, 3 probes 10 s apart, and at most 60 s for
  // data sent to go unacknowledged — instead of the system's two hours. The URL may say
  // otherwise: its parameters come later and win.
  const char* keywords[] = {"connect_timeout",     "keepalives",       "keepalives_idle",
                            "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                            "application_name",    "dbname",           nullptr};
  const char* values[] = {"5", "1", "30", "10", "3", "60000", "pactum", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (!conn) return Error{ErrorCode::unavailable, "out of memory connecting to PostgreSQL", {}};
  if (PQstatus(conn) != CONNECTION_OK) {
    Error e{ErrorCode::unavailable,
            fmt::format("cannot connect to PostgreSQL at {}: {}", redacted(url),
                        trimmed(PQerrorMessage(conn))),
            {}};
    PQfinish(conn);
    return e;
  }
  // Notices (e.g. "relation already exists, skipping") are not for the server's log.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return Connection(url, conn);
}

Status Connection::ensure() {
  if (alive(conn_.get())) return {};
  in_transaction_ = false;  // the server rolled it back when the connection went
  PQreset(conn_.get());
  if (PQstatus(conn_.get()) == CONNECTION_OK) return {};
  return Error{ErrorCode::unavailable,
               fmt::format("PostgreSQL at {} is unreachable: {}", redacted(url_),
                           trimmed(PQerrorMessage(conn_.get()))),
               {}};
}

Error Connection::error_of(const PGresult* result, std::string_view doing) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = trimmed(result ? PQresultErrorMessage(result) : nullptr);
  if (detail.empty()) detail = trimmed(PQerrorMessage(conn_.get()));
  std::string message = fmt::format("{}: {}", doing, detail);
  std::string_view sqlstate = state ? state : "";
  // No SQLSTATE and a broken connection: the server went away (killed, restarted, network).
  if (PQstatus(conn_.get()) != CONNECTION_OK || sqlstate.empty() || sqlstate.rfind("08", 0) == 0 ||
      sqlstate.rfind("57P", 0) == 0) {
    return {ErrorCode::unavailable,
            message +
                " (the connection to PostgreSQL was lost; nothing of the transaction was "
                "written)",
            {}};
  }
  if (sqlstate.rfind("53", 0) == 0) {  // insufficient resources: disk full, out of memory
    return {ErrorCode::unavailable,
            message + " (PostgreSQL is out of resources; nothing was written)",
            {}};
  }
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return {ErrorCode::unavailable, message + " (the database is busy; retry)", {}};
  }
  if (sqlstate.rfind("23", 0) == 0) return {ErrorCode::conflict, message, {}};
  return {ErrorCode::internal, message, {}};
}

Result<Rows> Connection::query(const char* sql, const Params& params) {
  if (!in_transaction_) {
    if (Status e = ensure(); !e.ok()) return e.error();
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    values.push_back(params.nulls_[i] ? nullptr : params.values_[i].c_str());
  }
  Rows rows;
  rows.result_.reset(PQexecParams(conn_.get(), sql, static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0));
  auto status = rows.result_ ? PQresultStatus(rows.result_.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return error_of(rows.result_.get(), "PostgreSQL");
  }
  return rows;
}

Status Connection::exec(const char* sql) {
  if (!in_transaction_) {
    if (Status e = ensure(); !e.ok()) return e;
  }
  std::unique_ptr<PGresult, Rows::Clear> result(PQexec(conn_.get(), sql));
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return error_of(result.get(), "PostgreSQL");
  }
  return {};
}

Status Connection::begin() {
  in_transaction_ = false;
  if (Status e = exec("BEGIN"); !e.ok()) return e;
  in_transaction_ = true;
  return {};
}

Status Connection::commit() {
  std::unique_ptr<PGresult, Rows::Clear> result(PQexec(conn_.get(), "COMMIT"));
  in_transaction_ = false;
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK) return error_of(result.get(), "PostgreSQL");
  // COMMIT of a transaction that had failed answers ROLLBACK, successfully.
  if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
    return Error{ErrorCode::internal, "PostgreSQL rolled the transaction back", {}};
  }
  return {};
}

void Connection::rollback() {
  if (PQstatus(conn_.get()) == CONNECTION_OK) (void)exec("ROLLBACK");
  in_transaction_ = false;
}

}  // namespace pactum::store::pg
