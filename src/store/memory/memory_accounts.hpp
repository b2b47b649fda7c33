// Accounts in memory, for tests.
#pragma once

#include <map>
#include <mutex>

#include "store/accounts.hpp"

namespace pactum::store {

class MemoryAccounts final : public Accounts {
 public:
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
  std::mutex mutex_;
  std::map<std::string, User> users_;
  std::map<std::string, Session> sessions_;
  std::map<std::string, ApiToken> tokens_;
};

}  // namespace pactum::store
