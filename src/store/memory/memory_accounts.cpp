#include "store/memory/memory_accounts.hpp"

namespace pactum::store {
namespace {

template <class T>
Result<std::optional<T>> find(const std::map<std::string, T>& m, const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return std::optional<T>{};
  return std::optional<T>{it->second};
}

}  // namespace

std::optional<Error> MemoryAccounts::add_user(const User& user) {
  std::lock_guard lock(mutex_);
  if (!users_.emplace(user.id, user).second) {
    return Error{ErrorCode::conflict, "user \"" + user.id + "\" already exists", "id"};
  }
  return std::nullopt;
}

Result<std::optional<User>> MemoryAccounts::find_user(const std::string& id) {
  std::lock_guard lock(mutex_);
  return find(users_, id);
}

Result<std::vector<User>> MemoryAccounts::users() {
  std::lock_guard lock(mutex_);
  std::vector<User> out;
  for (const auto& [id, u] : users_) out.push_back(u);
  return out;
}

std::optional<Error> MemoryAccounts::set_password(const std::string& id, const std::string& hash) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(id);
  if (it == users_.end()) return Error{ErrorCode::not_found, "no user \"" + id + "\"", "id"};
  it->second.password_hash = hash;
  return std::nullopt;
}

std::optional<Error> MemoryAccounts::add_session(const Session& session) {
  std::lock_guard lock(mutex_);
  sessions_[session.token_hash] = session;
  return std::nullopt;
}

Result<std::optional<Session>> MemoryAccounts::find_session(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  return find(sessions_, token_hash);
}

std::optional<Error> MemoryAccounts::delete_session(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token_hash);
  return std::nullopt;
}

std::optional<Error> MemoryAccounts::add_token(const ApiToken& token) {
  std::lock_guard lock(mutex_);
  tokens_[token.token_hash] = token;
  return std::nullopt;
}

Result<std::optional<ApiToken>> MemoryAccounts::find_token(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  return find(tokens_, token_hash);
}

}  // namespace pactum::store
