#include "engine/auth.hpp"

#include <gtest/gtest.h>

#include "store/memory/memory_accounts.hpp"
#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using testing::at;

class AuthTest : public ::testing::Test {
 protected:
  store::MemoryAccounts accounts;
  store::MemoryEventLog log;
  ManualClock clock{testing::monday()};
  Auth auth{accounts, clock, &log};
  const Plan& plan = testing::example_plan();

  void SetUp() override {
    auto u = auth.add_user({"li.na", "李娜", "A", "a-li", false, "correct horse battery"}, &plan);
    ASSERT_TRUE(u.ok()) << u.error().message;
  }
};

TEST_F(AuthTest, C3_AUsersRolesComeFromTheirContactInThePlan) {
  auto user = accounts.find_user("li.na").value();
  ASSERT_TRUE(user);
  Actor a = actor_for(plan, *user);
  EXPECT_EQ(a.party, "A");
  EXPECT_EQ(a.roles, (std::vector<std::string>{"tech_lead"}));
  EXPECT_NE(user->password_hash.find("$argon2id$"), std::string::npos) << "stored as Argon2id";
}

TEST_F(AuthTest, NewUsersAreChecked) {
  EXPECT_EQ(auth.add_user({"bad name", "", "A", "", false, "long enough pw"}, &plan).error().field,
            "id");
  EXPECT_EQ(auth.add_user({"x", "", "A", "", false, "short"}, &plan).error().field, "password");
  EXPECT_EQ(auth.add_user({"x", "", "C", "", false, "long enough pw"}, &plan).error().field,
            "party");
  EXPECT_EQ(auth.add_user({"x", "", "B", "a-li", false, "long enough pw"}, &plan).error().field,
            "contact");
  EXPECT_EQ(auth.add_user({"li.na", "", "A", "", false, "long enough pw"}, &plan).error().code,
            ErrorCode::conflict);
}

TEST_F(AuthTest, LoginGivesASessionThatExpires) {
  EXPECT_FALSE(auth.login("li.na", "wrong password").ok());
  EXPECT_FALSE(auth.login("nobody", "correct horse battery").ok());
  auto login = auth.login("li.na", "correct horse battery");
  ASSERT_TRUE(login.ok());
  EXPECT_GE(login->session.size(), 40u);
  auto caller = auth.from_session(login->session);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->user.id, "li.na");
  EXPECT_EQ(caller->csrf, login->csrf);
  clock.advance(std::chrono::hours(13));
  EXPECT_EQ(auth.from_session(login->session).error().code, ErrorCode::unauthenticated);
}

TEST_F(AuthTest, LogoutEndsTheSession) {
  auto login = auth.login("li.na", "correct horse battery").value();
  EXPECT_TRUE(auth.logout(login.session).ok());
  EXPECT_FALSE(auth.from_session(login.session).ok());
}

TEST_F(AuthTest, TokensAreScopedStoredAsDigestsAndExpire) {
  auto grant =
      auth.create_token("li.na", "monitoring", {"alerts"}, clock.now() + std::chrono::hours(1));
  ASSERT_TRUE(grant.ok());
  EXPECT_EQ(grant->secret.rfind("pt_", 0), 0u);
  EXPECT_EQ(accounts.find_token(grant->secret).value(), std::nullopt) << "the secret is not stored";
  auto caller = auth.from_token(grant->secret);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->scopes, (std::vector<std::string>{"alerts"}));
  clock.advance(std::chrono::hours(2));
  EXPECT_FALSE(auth.from_token(grant->secret).ok());
  EXPECT_EQ(auth.create_token("li.na", "x", {"admin"}, std::nullopt).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(auth.create_token("li.na", "x", {"root"}, std::nullopt).error().field, "scopes");
  EXPECT_EQ(auth.create_token("nobody", "x", {"read"}, std::nullopt).error().code,
            ErrorCode::not_found);
}

TEST_F(AuthTest, ARememberedTokenStillExpiresOnTime) {
  auto grant = auth.create_token("li.na", "monitoring", {"alerts"},
                                 clock.now() + std::chrono::milliseconds(500));
  ASSERT_TRUE(grant.ok());
  ASSERT_TRUE(auth.from_token(grant->secret).ok());  // now remembered for Auth::kTokenMemory
  clock.advance(std::chrono::milliseconds(600));
  ASSERT_LT(std::chrono::milliseconds(600), Auth::kTokenMemory);
  EXPECT_EQ(auth.from_token(grant->secret).error().message, "the API token has expired");
  EXPECT_FALSE(auth.from_token(grant->secret + "x").ok());  // an unknown token is never remembered
}

TEST_F(AuthTest, AfterFiveFailedSignInsEvenTheRightPasswordWaitsAndTheLockoutIsRecorded) {
  for (int i = 0; i < 5; ++i) {
    auto r = auth.login("li.na", "wrong password", "192.0.2.1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::unauthenticated) << "each checked failure is a 401";
  }
  auto waiting = auth.login("li.na", "correct horse battery", "192.0.2.1");
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.error().code, ErrorCode::resource_exhausted);
  EXPECT_EQ(waiting.error().retry_after, std::chrono::seconds(30));
  EXPECT_TRUE(auth.login("zhang.wei.unknown", "whatever pw", "192.0.2.1").error().code ==
              ErrorCode::unauthenticated)
      << "another name from the same address is not held up";
  auto security = log.read_stream("security").value();
  ASSERT_EQ(security.size(), 1u);
  EXPECT_EQ(security[0].type, "signin.locked");
  EXPECT_EQ(
      security[0].payload,
      R"({"address":"192.0.2.1","failures":5,"scope":"user","until":"2026-03-02T01:00:30.000Z","user":"li.na"})");
  EXPECT_EQ(security[0].payload.find("wrong password"), std::string::npos);
  clock.advance(std::chrono::seconds(30));
  EXPECT_TRUE(auth.login("li.na", "correct horse battery", "192.0.2.1").ok()) << "the wait is over";
  EXPECT_EQ(auth.login("li.na", "wrong password", "192.0.2.1").error().code,
            ErrorCode::unauthenticated)
      << "success started the count afresh";
}

TEST_F(AuthTest, ARevokedTokenIsRefusedAtOnceThoughItWasRemembered) {
  auto grant = auth.create_token("li.na", "scripts", {"read"}, std::nullopt).value();
  ASSERT_TRUE(auth.from_token(grant.secret).ok());  // remembered
  EXPECT_TRUE(auth.revoke_token(grant.token.id).ok());
  EXPECT_EQ(auth.from_token(grant.secret).error().message, "the API token has been revoked");
  EXPECT_TRUE(auth.tokens().value().at(0).revoked_at);
  EXPECT_EQ(auth.revoke_token("no-such-id").error().code, ErrorCode::not_found);
}

TEST_F(AuthTest, ATokenRevokedByAnotherProcessIsRefusedWithinTheTokenMemory) {
  auto grant = auth.create_token("li.na", "scripts", {"read"}, std::nullopt).value();
  ASSERT_TRUE(auth.from_token(grant.secret).ok());
  Auth cli(accounts, clock);  // `pactum token revoke` on the same data directory
  EXPECT_TRUE(cli.revoke_token(grant.token.id).ok());
  clock.advance(Auth::kTokenMemory);
  EXPECT_EQ(auth.from_token(grant.secret).error().message, "the API token has been revoked");
}

TEST_F(AuthTest, EndingAUsersSessionsSignsThemOutEverywhere) {
  auto phone = auth.login("li.na", "correct horse battery").value();
  auto laptop = auth.login("li.na", "correct horse battery").value();
  EXPECT_EQ(auth.end_sessions("li.na").value(), 2);
  EXPECT_FALSE(auth.from_session(phone.session).ok());
  EXPECT_FALSE(auth.from_session(laptop.session).ok());
}

}  // namespace
}  // namespace pactum::engine
