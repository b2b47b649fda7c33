// Administrators act for their own party only; everyone manages their own credentials.
#include "domain/account_rules.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

const Member kAdminA{"zhang.wei", "A", true};
const Member kAdminB{"wang.qiang", "B", true};
const Member kMemberA{"li.na", "A", false};
const Member kMemberB{"zhou.jie", "B", false};

TEST(AccountRulesTest, AnAdministratorAddsUsersOfTheirOwnPartyOnly) {
  EXPECT_TRUE(check_add_user(kAdminA, "A").ok());
  EXPECT_TRUE(check_add_user(kAdminB, "B").ok());
  auto across = check_add_user(kAdminB, "A");
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(across.error().field, "party");
  EXPECT_NE(across.error().message.find("party B adds users of party B only"), std::string::npos);
  EXPECT_EQ(check_add_user(kMemberA, "A").error().code, ErrorCode::permission_denied);
}

TEST(AccountRulesTest, EveryoneManagesTheirOwnCredentialsAndAnAdministratorTheirPartys) {
  EXPECT_TRUE(may_manage_credentials(kMemberA, kMemberA));
  EXPECT_FALSE(may_manage_credentials(kMemberA, kAdminA)) << "a member, not their administrator";
  EXPECT_TRUE(may_manage_credentials(kAdminA, kMemberA));
  EXPECT_FALSE(may_manage_credentials(kAdminA, kMemberB)) << "not the other party's";
  EXPECT_FALSE(may_manage_credentials(kAdminB, kAdminA));
  EXPECT_TRUE(may_manage_credentials(kAdminB, kAdminB));
}

}  // namespace
}  // namespace pactum
