// Accounts in the same PostgreSQL database as the event log (the tables of schema.cpp). Writes
// are rare (a user added, a login): one connection behind a mutex serves them.
#pragma once

#include <memory>
#include <mutex>

#include "store/accounts.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store {

class PostgresAccounts final : public Accounts {
 public:
  // Connects to the database at `url`, bringing its schema up to date.
  static Result<std::unique_ptr<PostgresAccounts>> open(const std::string& url);

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
  explicit PostgresAccounts(pg::Connection db) : db_(std::move(db)) {}
  Result<pg::Rows> query(const char* sql, const pg::Params& params = {});
  Result<std::vector<User>> select_users(const char* sql, const pg::Params& params);
  Result<std::vector<ApiToken>> select_tokens(const char* sql, const pg::Params& params);

  std::mutex mutex_;
  pg::Connection db_;
};

}  // namespace pactum::store
