#include "domain/mailbox_access.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

const Member kTech{"tech-a", "A", false};
const Member kAdminA{"admin-a", "A", true};

TEST(MailboxAccess, EveryoneReadsTheirOwnMailbox) {
  EXPECT_FALSE(check_read_mailbox(kTech, "a-li", "a-li", "A"));
  EXPECT_FALSE(check_read_mailbox(kAdminA, "a-zhang", "a-zhang", "A"));
}

TEST(MailboxAccess, OnlyAnAdministratorReadsAnothersAndOnlyOfTheirOwnParty) {
  auto e = check_read_mailbox(kTech, "a-li", "a-zhang", "A");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, ErrorCode::permission_denied);
  EXPECT_EQ(e->field, "person");
  EXPECT_NE(e->message.find("only an administrator"), std::string::npos) << e->message;

  EXPECT_FALSE(check_read_mailbox(kAdminA, "a-zhang", "a-li", "A"));
  e = check_read_mailbox(kAdminA, "a-zhang", "b-wang", "B");
  ASSERT_TRUE(e);
  EXPECT_NE(e->message.find("party A reads the mailboxes of party A only, not of b-wang"),
            std::string::npos)
      << e->message;
}

TEST(MailboxAccess, AUserWhoIsNoContactOfThePlanReadsNoOnesButAsAnAdministrator) {
  EXPECT_TRUE(check_read_mailbox({"ops", "A", false}, "", "a-li", "A"));
  EXPECT_FALSE(check_read_mailbox({"ops", "A", true}, "", "a-li", "A"));
}

}  // namespace
}  // namespace pactum
