// The notify file's channels replaced while messages are sent (SIGHUP): at once, and without
// pulling a channel from under a message being sent.
#include "notify/config.hpp"

#include <gtest/gtest.h>

namespace pactum::notify {
namespace {

OutboxMessage message(const std::string& channel, const std::string& target) {
  OutboxMessage m;
  m.id = "msg-1";
  m.channel = channel;
  m.target = target;
  return m;
}

// Keeps what it was given.
class RecordingChannel final : public Channel {
 public:
  std::vector<std::string> sent;
  Delivery deliver(const OutboxMessage& m) override {
    sent.push_back(m.id);
    return {true, false, "250 OK"};
  }
};

NotifyConfig smtp_and_robot() {
  NotifyConfig c;
  c.smtp = SmtpConfig{"smtp://127.0.0.1:2525", "pactum@example.com"};
  c.robots["wecom-group"] = WebhookConfig{"wecom", "http://127.0.0.1:1/wecom", ""};
  return c;
}

TEST(Channels, AReconfigurationReplacesEveryChannelAtOnce) {
  ManualClock clock{Instant{}};
  Channels channels(smtp_and_robot(), clock);
  ASSERT_NE(channels.for_message(message("email", "a@example.com")), nullptr);
  ASSERT_NE(channels.for_message(message("wecom", "wecom-group")), nullptr);
  EXPECT_EQ(channels.for_message(message("webhook", "")), nullptr);

  NotifyConfig webhook_only;
  webhook_only.webhook = WebhookConfig{"webhook", "http://127.0.0.1:1/hook", "s"};
  channels.reconfigure(webhook_only);
  EXPECT_EQ(channels.for_message(message("email", "a@example.com")), nullptr);
  EXPECT_EQ(channels.for_message(message("wecom", "wecom-group")), nullptr);
  EXPECT_NE(channels.for_message(message("webhook", "")), nullptr);
}

TEST(Channels, AMessageBeingSentFinishesOnTheChannelItBeganWith) {
  ManualClock clock{Instant{}};
  Channels channels(NotifyConfig{}, clock);
  auto recording = std::make_unique<RecordingChannel>();
  RecordingChannel* old = recording.get();
  channels.set("email", std::move(recording));
  std::shared_ptr<Channel> in_flight = channels.for_message(message("email", "a@example.com"));
  ASSERT_EQ(in_flight.get(), old);

  channels.reconfigure(smtp_and_robot());
  auto now = channels.for_message(message("email", "a@example.com"));
  ASSERT_NE(now, nullptr);
  EXPECT_NE(now.get(), old) << "later messages take the new configuration's channel";
  EXPECT_TRUE(in_flight->deliver(message("email", "a@example.com")).ok);
  EXPECT_EQ(old->sent, std::vector<std::string>{"msg-1"}) << "the old channel is still whole";
}

}  // namespace
}  // namespace pactum::notify
