#include "store/postgres/postgres_accounts.hpp"

#include <fmt/format.h>

#include "store/postgres/schema.hpp"
#include "store/scopes.hpp"

namespace pactum::store {
namespace {

using pg::Params;

Instant instant_or_epoch(std::string_view s) { return parse_instant(s).value_or(Instant{}); }

Status status_of(const Result<pg::Rows>& r) {
  if (!r) return r.error();
  return {};
}

constexpr const char* kUserColumns = "id, name, party, contact, admin, password_hash, created_at";
constexpr const char* kTokenColumns =
    "id, token_hash, user_id, name, scopes, created_at, expires_at, revoked_at";

}  // namespace

Result<std::unique_ptr<PostgresAccounts>> PostgresAccounts::open(const std::string& url) {
  auto db = pg::Connection::open(url);
  if (!db) return db.error();
  if (Status e = pg::migrate(*db); !e.ok()) return e.error();
  return std::unique_ptr<PostgresAccounts>(new PostgresAccounts(std::move(*db)));
}

Result<pg::Rows> PostgresAccounts::query(const char* sql, const Params& params) {
  std::lock_guard lock(mutex_);
  return db_.query(sql, params);
}

Status PostgresAccounts::add_user(const User& u) {
  auto r = query(
      "INSERT INTO users (id, name, party, contact, admin, password_hash, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      Params()
          .add(u.id)
          .add(u.name)
          .add(u.party)
          .add(u.contact)
          .add(std::int64_t{u.admin})
          .add(u.password_hash)
          .add(format_instant(u.created_at)));
  if (!r && r.error().code == ErrorCode::conflict) {
    return Error{ErrorCode::conflict, fmt::format("user \"{}\" already exists", u.id), "id"};
  }
  return status_of(r);
}

Result<std::vector<User>> PostgresAccounts::select_users(const char* sql, const Params& params) {
  auto rows = query(sql, params);
  if (!rows) return rows.error();
  std::vector<User> out;
  for (int i = 0; i < rows->size(); ++i) {
    out.push_back({rows->text(i, 0), rows->text(i, 1), rows->text(i, 2), rows->text(i, 3),
                   rows->int64(i, 4) != 0, rows->text(i, 5), instant_or_epoch(rows->view(i, 6))});
  }
  return out;
}

Result<std::optional<User>> PostgresAccounts::find_user(const std::string& id) {
  static const std::string sql = fmt::format("SELECT {} FROM users WHERE id = $1", kUserColumns);
  auto users = select_users(sql.c_str(), Params().add(id));
  if (!users) return users.error();
  if (users->empty()) return std::optional<User>{};
  return std::optional<User>{users->front()};
}

Result<std::vector<User>> PostgresAccounts::users() {
  static const std::string sql = fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns);
  return select_users(sql.c_str(), Params());
}

Status PostgresAccounts::set_password(const std::string& id, const std::string& hash) {
  auto r = query("UPDATE users SET password_hash = $1 WHERE id = $2", Params().add(hash).add(id));
  if (!r) return r.error();
  if (r->affected() == 0) {
    return Error{ErrorCode::not_found, fmt::format("no user \"{}\"", id), "id"};
  }
  return {};
}

Status PostgresAccounts::add_session(const Session& x) {
  return status_of(
      query("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            Params()
                .add(x.token_hash)
                .add(x.user_id)
                .add(x.csrf)
                .add(format_instant(x.created_at))
                .add(format_instant(x.expires_at))));
}

Result<std::optional<Session>> PostgresAccounts::find_session(const std::string& token_hash) {
  auto rows = query(
      "SELECT token_hash, user_id, csrf, created_at, expires_at FROM sessions "
      "WHERE token_hash = $1",
      Params().add(token_hash));
  if (!rows) return rows.error();
  if (rows->size() == 0) return std::optional<Session>{};
  return std::optional<Session>{Session{rows->text(0, 0), rows->text(0, 1), rows->text(0, 2),
                                        instant_or_epoch(rows->view(0, 3)),
                                        instant_or_epoch(rows->view(0, 4))}};
}

Status PostgresAccounts::delete_session(const std::string& token_hash) {
  return status_of(query("DELETE FROM sessions WHERE token_hash = $1", Params().add(token_hash)));
}

Result<int> PostgresAccounts::delete_sessions_of(const std::string& user_id) {
  auto r = query("DELETE FROM sessions WHERE user_id = $1", Params().add(user_id));
  if (!r) return r.error();
  return static_cast<int>(r->affected());
}

Status PostgresAccounts::add_token(const ApiToken& t) {
  return status_of(
      query("INSERT INTO tokens (id, token_hash, user_id, name, scopes, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            Params()
                .add(t.id)
                .add(t.token_hash)
                .add(t.user_id)
                .add(t.name)
                .add(join_scopes(t.scopes))
                .add(format_instant(t.created_at))
                .add_text_or_null(t.expires_at ? format_instant(*t.expires_at) : "")));
}

Result<std::vector<ApiToken>> PostgresAccounts::select_tokens(const char* sql,
                                                              const Params& params) {
  auto rows = query(sql, params);
  if (!rows) return rows.error();
  std::vector<ApiToken> out;
  for (int i = 0; i < rows->size(); ++i) {
    ApiToken t{rows->text(i, 0),
               rows->text(i, 1),
               rows->text(i, 2),
               rows->text(i, 3),
               split_scopes(rows->text(i, 4)),
               instant_or_epoch(rows->view(i, 5)),
               std::nullopt,
               std::nullopt};
    if (!rows->is_null(i, 6)) t.expires_at = instant_or_epoch(rows->view(i, 6));
    if (!rows->is_null(i, 7)) t.revoked_at = instant_or_epoch(rows->view(i, 7));
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::optional<ApiToken>> PostgresAccounts::find_token(const std::string& token_hash) {
  static const std::string sql =
      fmt::format("SELECT {} FROM tokens WHERE token_hash = $1", kTokenColumns);
  auto tokens = select_tokens(sql.c_str(), Params().add(token_hash));
  if (!tokens) return tokens.error();
  if (tokens->empty()) return std::optional<ApiToken>{};
  return std::optional<ApiToken>{tokens->front()};
}

Result<std::vector<ApiToken>> PostgresAccounts::tokens() {
  static const std::string sql =
      fmt::format("SELECT {} FROM tokens ORDER BY created_at DESC, id", kTokenColumns);
  return select_tokens(sql.c_str(), Params());
}

Status PostgresAccounts::revoke_token(const std::string& id, Instant at) {
  auto r = query("UPDATE tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
                 Params().add(format_instant(at)).add(id));
  if (!r) return r.error();
  if (r->affected() == 0) {
    return Error{ErrorCode::not_found, fmt::format("no API token \"{}\"", id), "id"};
  }
  return {};
}

}  // namespace pactum::store
