// Accounts in the same SQLite file as the event log (schema migration 2). Writes are rare (a user
// added, a login), so one connection behind a mutex serves them.
#pragma once

#include <memory>
#include <mutex>

#include "store/accounts.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store {

class SqliteAccounts final : public Accounts {
 public:
  // Opens the database at `path`, applying migrations if needed.
  static Result<std::unique_ptr<SqliteAccounts>> open(const std::string& path);

  Status add_user(const User& user) override;
  Result<std::optional<User>> find_user(const std::string& id) override;
  Result<std::vector<User>> users() override;
  Status set_password(const std::string& id, const std::string& hash) override;
  Status add_session(const Session& session) override;
  Result<std::optional<Session>> find_session(const std::string& token_hash) override;
  Status delete_session(const std::string& token_hash) override;
  Result<int> delete_sessions_of(const std::string& user_id) override;
  Status add_token(const ApiToken& token) override;
  Result<std::optional<ApiToken>> find_token(const std::string& token_hash) override;
  Result<std::vector<ApiToken>> tokens() override;
  Status revoke_token(const std::string& id, Instant at) override;

 private:
  explicit SqliteAccounts(sqlite::Db db) : db_(std::move(db)) {}
  Result<std::vector<User>> select_users(const std::string& where, const std::string& arg);
  Result<std::vector<ApiToken>> select_tokens(const std::string& where, const std::string& arg);

  std::mutex mutex_;
  sqlite::Db db_;
};

}  // namespace pactum::store
