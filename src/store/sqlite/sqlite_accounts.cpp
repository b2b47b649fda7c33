#include "store/sqlite/sqlite_accounts.hpp"

#include <fmt/format.h>

#include "store/scopes.hpp"
#include "store/sqlite/schema.hpp"

namespace pactum::store {
namespace {

Instant instant_or_epoch(const std::string& s) { return parse_instant(s).value_or(Instant{}); }

}  // namespace

Result<std::unique_ptr<SqliteAccounts>> SqliteAccounts::open(const std::string& path) {
  auto db = sqlite::open_beside_log(path);
  if (!db) return db.error();
  return std::unique_ptr<SqliteAccounts>(new SqliteAccounts(std::move(*db)));
}

Status SqliteAccounts::add_user(const User& u) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(
      "INSERT INTO users (id, name, party, contact, admin, password_hash, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!s) return s.error();
  s->bind(1, u.id).bind(2, u.name).bind(3, u.party).bind(4, u.contact);
  s->bind(5, std::int64_t{u.admin}).bind(6, u.password_hash).bind(7, format_instant(u.created_at));
  if (Status e = s->run(); !e.ok()) {
    if (e.error().code == ErrorCode::conflict) {
      return Error{ErrorCode::conflict, fmt::format("user \"{}\" already exists", u.id), "id"};
    }
    return e;
  }
  return {};
}

Result<std::vector<User>> SqliteAccounts::select_users(const std::string& where,
                                                       const std::string& arg) {
  auto s =
      db_.cached("SELECT id, name, party, contact, admin, password_hash, created_at FROM users " +
                 where + " ORDER BY id");
  if (!s) return s.error();
  if (!arg.empty()) s->bind(1, arg);
  std::vector<User> out;
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back({s->text(0), s->text(1), s->text(2), s->text(3), s->int64(4) != 0, s->text(5),
                   instant_or_epoch(s->text(6))});
  }
}

Result<std::optional<User>> SqliteAccounts::find_user(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto users = select_users("WHERE id = ?", id);
  if (!users) return users.error();
  if (users->empty()) return std::optional<User>{};
  return std::optional<User>{users->front()};
}

Result<std::vector<User>> SqliteAccounts::users() {
  std::lock_guard lock(mutex_);
  return select_users("", "");
}

Status SqliteAccounts::set_password(const std::string& id, const std::string& hash) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached("UPDATE users SET password_hash = ? WHERE id = ?");
  if (!s) return s.error();
  s->bind(1, hash).bind(2, id);
  if (Status e = s->run(); !e.ok()) return e;
  if (sqlite3_changes(db_.handle()) == 0) {
    return Error{ErrorCode::not_found, fmt::format("no user \"{}\"", id), "id"};
  }
  return {};
}

Status SqliteAccounts::add_session(const Session& x) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(
      "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, "
      "?, ?)");
  if (!s) return s.error();
  s->bind(1, x.token_hash).bind(2, x.user_id).bind(3, x.csrf);
  s->bind(4, format_instant(x.created_at)).bind(5, format_instant(x.expires_at));
  return s->run();
}

Result<std::optional<Session>> SqliteAccounts::find_session(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(
      "SELECT token_hash, user_id, csrf, created_at, expires_at FROM sessions WHERE token_hash = "
      "?");
  if (!s) return s.error();
  s->bind(1, token_hash);
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Session>{};
  return std::optional<Session>{Session{s->text(0), s->text(1), s->text(2),
                                        instant_or_epoch(s->text(3)),
                                        instant_or_epoch(s->text(4))}};
}

Status SqliteAccounts::delete_session(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached("DELETE FROM sessions WHERE token_hash = ?");
  if (!s) return s.error();
  s->bind(1, token_hash);
  return s->run();
}

Result<int> SqliteAccounts::delete_sessions_of(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached("DELETE FROM sessions WHERE user_id = ?");
  if (!s) return s.error();
  s->bind(1, user_id);
  if (Status e = s->run(); !e.ok()) return e.error();
  return sqlite3_changes(db_.handle());
}

Status SqliteAccounts::add_token(const ApiToken& t) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached(
      "INSERT INTO tokens (id, token_hash, user_id, name, scopes, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!s) return s.error();
  s->bind(1, t.id)
      .bind(2, t.token_hash)
      .bind(3, t.user_id)
      .bind(4, t.name)
      .bind(5, join_scopes(t.scopes));
  s->bind(6, format_instant(t.created_at));
  s->bind_text_or_null(7, t.expires_at ? format_instant(*t.expires_at) : "");
  return s->run();
}

Result<std::vector<ApiToken>> SqliteAccounts::select_tokens(const std::string& where,
                                                            const std::string& arg) {
  auto s = db_.cached(
      "SELECT id, token_hash, user_id, name, scopes, created_at, expires_at, revoked_at "
      "FROM tokens " +
      where);
  if (!s) return s.error();
  if (!arg.empty()) s->bind(1, arg);
  std::vector<ApiToken> out;
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return out;
    ApiToken t{s->text(0),
               s->text(1),
               s->text(2),
               s->text(3),
               split_scopes(s->text(4)),
               instant_or_epoch(s->text(5)),
               std::nullopt,
               std::nullopt};
    if (!s->is_null(6)) t.expires_at = instant_or_epoch(s->text(6));
    if (!s->is_null(7)) t.revoked_at = instant_or_epoch(s->text(7));
    out.push_back(std::move(t));
  }
}

Result<std::optional<ApiToken>> SqliteAccounts::find_token(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  auto tokens = select_tokens("WHERE token_hash = ?", token_hash);
  if (!tokens) return tokens.error();
  if (tokens->empty()) return std::optional<ApiToken>{};
  return std::optional<ApiToken>{tokens->front()};
}

Result<std::vector<ApiToken>> SqliteAccounts::tokens() {
  std::lock_guard lock(mutex_);
  return select_tokens("ORDER BY created_at DESC, id", "");
}

Status SqliteAccounts::revoke_token(const std::string& id, Instant at) {
  std::lock_guard lock(mutex_);
  auto s = db_.cached("UPDATE tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
  if (!s) return s.error();
  s->bind(1, format_instant(at)).bind(2, id);
  if (Status e = s->run(); !e.ok()) return e;
  if (sqlite3_changes(db_.handle()) == 0) {
    return Error{ErrorCode::not_found, fmt::format("no API token \"{}\"", id), "id"};
  }
  return {};
}

}  // namespace pactum::store
