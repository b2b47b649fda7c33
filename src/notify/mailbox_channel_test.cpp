// serve --mailbox: every message, whatever its channel, is delivered into the server's mailbox,
// even with no channel configured at all; nothing is sent.
#include "notify/mailbox_channel.hpp"

#include <gtest/gtest.h>

#include "notify/config.hpp"

namespace pactum::notify {
namespace {

OutboxMessage message(const std::string& channel, const std::string& target) {
  OutboxMessage m;
  m.id = "msg-" + channel;
  m.incident = "INC-2026-0001";
  m.notice = "report";
  m.kind = "report";
  m.channel = channel;
  m.recipient = "a-zhang";
  m.target = target;
  m.subject = "【应急上报】INC-2026-0001";
  m.body = "问题现象：订单系统无法访问";
  return m;
}

TEST(Mailbox, EveryMessageIsDeliveredAndSaysWhereItWent) {
  MailboxChannel mailbox;
  Delivery d = mailbox.deliver(message("email", "zhang.wei@huadong-tech.example.cn"));
  EXPECT_TRUE(d.ok);
  EXPECT_FALSE(d.permanent);
  EXPECT_EQ(d.detail, MailboxChannel::kDetail);
  EXPECT_NE(d.detail.find("not sent"), std::string::npos);
}

TEST(Mailbox, TakesEveryChannelsMessagesInPlaceOfTheRealChannels) {
  ManualClock clock{Instant{}};
  NotifyConfig config;  // a real SMTP server configured: the mailbox still takes the mail
  config.smtp = SmtpConfig{"smtp://127.0.0.1:1", "pactum@example.com", "", "", false, 1};
  Channels channels(config, clock);
  std::shared_ptr<Channel> smtp =
      channels.for_message(message("email", "zhang.wei@huadong-tech.example.cn"));
  ASSERT_NE(smtp, nullptr);
  EXPECT_EQ(channels.for_message(message("wecom", "wecom-group")), nullptr) << "no robot set up";

  auto mailbox = std::make_unique<MailboxChannel>();
  Channel* kept = mailbox.get();
  channels.deliver_all_to(std::move(mailbox));
  for (const auto& [channel, target] :
       std::vector<std::pair<std::string, std::string>>{{"email", "zhang.wei@example.cn"},
                                                        {"wecom", "wecom-group"},
                                                        {"dingtalk", "dingtalk-group"},
                                                        {"feishu", "feishu-group"},
                                                        {"webhook", ""}}) {
    EXPECT_EQ(channels.for_message(message(channel, target)).get(), kept) << channel;
  }
}

TEST(Mailbox, ChannelsSayWhetherAnyIsConfigured) {
  ManualClock clock{Instant{}};
  Channels none(NotifyConfig{}, clock);
  EXPECT_TRUE(none.empty());
  none.deliver_all_to(std::make_unique<MailboxChannel>());
  EXPECT_FALSE(none.empty());

  NotifyConfig config;
  config.robots["wecom-group"] = WebhookConfig{"wecom", "http://127.0.0.1:1/wecom", ""};
  EXPECT_FALSE(Channels(config, clock).empty());
}

}  // namespace
}  // namespace pactum::notify
