#include "store/memory/memory_accounts.hpp"

#include <algorithm>

namespace pactum::store {
namespace {

template <class T>
Result<std::optional<T>> find(const std::map<std::string, T>& m, const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return std::optional<T>{};
  return std::optional<T>{it->second};
}

}  // namespace

Status MemoryAccounts::add_user(const User& user) {
  std::lock_guard lock(mutex_);
  if (!users_.emplace(user.id, user).second) {
    return Error{ErrorCode::conflict, "user \"" + user.id + "\" already exists", "id"};
  }
  return {};
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

Status MemoryAccounts::set_password(const std::string& id, const std::string& hash) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(id);
  if (it == users_.end()) return Error{ErrorCode::not_found, "no user \"" + id + "\"", "id"};
  it->second.password_hash = hash;
  return {};
}

Status MemoryAccounts::add_session(const Session& session) {
  std::lock_guard lock(mutex_);
  sessions_[session.token_hash] = session;
  return {};
}

Result<std::optional<Session>> MemoryAccounts::find_session(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  return find(sessions_, token_hash);
}

Status MemoryAccounts::delete_session(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token_hash);
  return {};
}

Result<int> MemoryAccounts::delete_sessions_of(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  return static_cast<int>(
      std::erase_if(sessions_, [&](const auto& kv) { return kv.second.user_id == user_id; }));
}

Status MemoryAccounts::add_token(const ApiToken& token) {
  std::lock_guard lock(mutex_);
  tokens_[token.token_hash] = token;
  return {};
}

Result<std::optional<ApiToken>> MemoryAccounts::find_token(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  return find(tokens_, token_hash);
}

Result<std::vector<ApiToken>> MemoryAccounts::tokens() {
  std::lock_guard lock(mutex_);
  std::vector<ApiToken> out;
  for (const auto& [hash, t] : tokens_) out.push_back(t);
  std::sort(out.begin(), out.end(), [](const ApiToken& a, const ApiToken& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id < b.id;
  });
  return out;
}

Status MemoryAccounts::revoke_token(const std::string& id, Instant at) {
  std::lock_guard lock(mutex_);
  for (auto& [hash, t] : tokens_) {
    if (t.id != id) continue;
    if (!t.revoked_at) t.revoked_at = at;
    return {};
  }
  return Error{ErrorCode::not_found, "no API token \"" + id + "\"", "id"};
}

}  // namespace pactum::store
