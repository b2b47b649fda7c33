#include "domain/mailbox_access.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

const Member kTech{"tech-a", "A", false};
const Member kAdminA{"admin-a", "A", true};

TEST(MailboxAccess, EveryoneReadsTheirOwnMailbox) {
  EXPECT_TRUE(check_read_mailbox(kTech, "a-li", "a-li", "A").ok());
  EXPECT_TRUE(check_read_mailbox(kAdminA, "a-zhang", "a-zhang", "A").ok());
}

TEST(MailboxAccess, OnlyAnAdministratorReadsAnothersAndOnlyOfTheirOwnParty) {
  Status e = check_read_mailbox(kTech, "a-li", "a-zhang", "A");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(e.error().field, "person");
  EXPECT_NE(e.error().message.find("only an administrator"), std::string::npos)
      << e.error().message;

  EXPECT_TRUE(check_read_mailbox(kAdminA, "a-zhang", "a-li", "A").ok());
  e = check_read_mailbox(kAdminA, "a-zhang", "b-wang", "B");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("party A reads the mailboxes of party A only, not of b-wang"),
            std::string::npos)
      << e.error().message;
}

TEST(MailboxAccess, AUserWhoIsNoContactOfThePlanReadsNoOnesButAsAnAdministrator) {
  EXPECT_FALSE(check_read_mailbox({"ops", "A", false}, "", "a-li", "A").ok());
  EXPECT_TRUE(check_read_mailbox({"ops", "A", true}, "", "a-li", "A").ok());
}

}  // namespace
}  // namespace pactum
