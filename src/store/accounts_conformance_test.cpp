// The contract of store/accounts.hpp, for every backend.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "store/memory/memory_accounts.hpp"
#include "store/postgres/postgres_accounts.hpp"
#include "store/postgres/testing.hpp"
#include "store/sqlite/sqlite_accounts.hpp"
#include "store/testing.hpp"

namespace pactum::store {
namespace {

namespace fs = std::filesystem;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Accounts>(const fs::path&)> open;
};

class AccountsConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    accounts_ = GetParam().open(dir_.path());
    ASSERT_TRUE(accounts_);
  }
  Instant t = *parse_instant("2026-03-02T01:00:00Z");
  testing::TestDirectory dir_{"accounts-" + GetParam().name};
  std::unique_ptr<Accounts> accounts_;  // after dir_: closed before it is removed
};

TEST_P(AccountsConformance, UsersAreAddedOnceAndFound) {
  User u{"zhang.wei", "张伟", "A", "a-zhang", true, "$argon2id$x", t};
  EXPECT_TRUE(accounts_->add_user(u).ok());
  auto again = accounts_->add_user(u);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto found = accounts_->find_user("zhang.wei").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "张伟");
  EXPECT_TRUE(found->admin);
  EXPECT_EQ(found->created_at, t);
  EXPECT_FALSE(accounts_->find_user("nobody").value());
  EXPECT_TRUE(accounts_->set_password("zhang.wei", "$argon2id$y").ok());
  EXPECT_EQ(accounts_->find_user("zhang.wei").value()->password_hash, "$argon2id$y");
  EXPECT_EQ(accounts_->set_password("nobody", "h").error().code, ErrorCode::not_found);
  EXPECT_EQ(accounts_->users().value().size(), 1u);
}

TEST_P(AccountsConformance, SessionsAndTokensAreFoundByTheirHash) {
  ASSERT_TRUE(accounts_->add_user({"u", "U", "A", "", false, "h", t}).ok());
  Session s{"sessionhash", "u", "csrf123", t, t + std::chrono::hours(12)};
  EXPECT_TRUE(accounts_->add_session(s).ok());
  auto found = accounts_->find_session("sessionhash").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->csrf, "csrf123");
  EXPECT_EQ(found->expires_at, s.expires_at);
  EXPECT_TRUE(accounts_->delete_session("sessionhash").ok());
  EXPECT_FALSE(accounts_->find_session("sessionhash").value());

  ApiToken token{"tok1", "tokenhash", "u", "monitoring", {"alerts", "read"}, t, std::nullopt};
  EXPECT_TRUE(accounts_->add_token(token).ok());
  auto ft = accounts_->find_token("tokenhash").value();
  ASSERT_TRUE(ft);
  EXPECT_EQ(ft->scopes, (std::vector<std::string>{"alerts", "read"}));
  EXPECT_FALSE(ft->expires_at);
  EXPECT_FALSE(accounts_->find_token("other").value());
}

TEST_P(AccountsConformance, TokensAreListedNewestFirstAndRevokedOnce) {
  ASSERT_TRUE(accounts_->add_user({"u", "U", "A", "", false, "h", t}).ok());
  ASSERT_TRUE(accounts_->add_token({"old", "h1", "u", "first", {"read"}, t, std::nullopt}).ok());
  ASSERT_TRUE(accounts_
                  ->add_token({"new",
                               "h2",
                               "u",
                               "second",
                               {"alerts"},
                               t + std::chrono::hours(1),
                               t + std::chrono::hours(9)})
                  .ok());
  auto all = accounts_->tokens().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "new");
  EXPECT_EQ(all[0].expires_at, t + std::chrono::hours(9));
  EXPECT_EQ(all[1].id, "old");
  EXPECT_FALSE(all[1].revoked_at);
  EXPECT_TRUE(accounts_->revoke_token("old", t + std::chrono::hours(2)).ok());
  EXPECT_TRUE(accounts_->revoke_token("old", t + std::chrono::hours(3)).ok());
  EXPECT_EQ(accounts_->find_token("h1").value()->revoked_at, t + std::chrono::hours(2))
      << "the first revocation stands, and the row is kept";
  EXPECT_FALSE(accounts_->find_token("h2").value()->revoked_at);
  EXPECT_EQ(accounts_->revoke_token("nothing", t).error().code, ErrorCode::not_found);
}

TEST_P(AccountsConformance, AllOfAUsersSessionsEndTogether) {
  ASSERT_TRUE(accounts_->add_user({"u", "U", "A", "", false, "h", t}).ok());
  ASSERT_TRUE(accounts_->add_user({"v", "V", "B", "", false, "h", t}).ok());
  for (const char* hash : {"s1", "s2"}) {
    ASSERT_TRUE(accounts_->add_session({hash, "u", "c", t, t + std::chrono::hours(12)}).ok());
  }
  ASSERT_TRUE(accounts_->add_session({"s3", "v", "c", t, t + std::chrono::hours(12)}).ok());
  EXPECT_EQ(accounts_->delete_sessions_of("u").value(), 2);
  EXPECT_FALSE(accounts_->find_session("s1").value());
  EXPECT_FALSE(accounts_->find_session("s2").value());
  EXPECT_TRUE(accounts_->find_session("s3").value()) << "another user's session stays";
  EXPECT_EQ(accounts_->delete_sessions_of("u").value(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, AccountsConformance,
    ::testing::Values(Backend{"memory",
                              [](const fs::path&) -> std::unique_ptr<Accounts> {
                                return std::make_unique<MemoryAccounts>();
                              }},
                      Backend{"sqlite",
                              [](const fs::path& dir) -> std::unique_ptr<Accounts> {
                                auto a = SqliteAccounts::open((dir / "pactum.db").string());
                                if (!a) ADD_FAILURE() << a.error().message;
                                return a ? std::move(*a) : nullptr;
                              }},
                      Backend{"postgres",
                              [](const fs::path&) -> std::unique_ptr<Accounts> {
                                auto url = testing::ThrowawayPostgres::instance().fresh_database();
                                auto a = PostgresAccounts::open(url);
                                if (!a) ADD_FAILURE() << a.error().message;
                                return a ? std::move(*a) : nullptr;
                              }}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace pactum::store
