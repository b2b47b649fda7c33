// Webhooks: a generic JSON webhook signed with HMAC-SHA256, and the group robots of WeCom
// (企业微信), DingTalk (钉钉, signed URL), Feishu (飞书, signed body) and Slack, each in its public
// message format, mentioning the person by mobile where the robot supports it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "notify/channel.hpp"

namespace pactum::notify {

struct WebhookConfig {
  std::string kind;  // webhook | wecom | dingtalk | feishu | slack
  std::string url;
  std::string secret;  // webhook: HMAC key; dingtalk, feishu: the robot's signing secret
};

struct HttpPost {
  std::string url;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The request for `m` (pure; `unix_ms` is the send time, which signatures cover).
HttpPost webhook_request(const WebhookConfig& config, const OutboxMessage& m, std::int64_t unix_ms);

// Whether a receiver's answer means delivered: 2xx, and for robots no error code in the body.
Delivery judge_answer(long status, const std::string& body);

class WebhookChannel final : public Channel {
 public:
  // `clock` gives the send time that robots' signatures cover.
  WebhookChannel(WebhookConfig config, const Clock& clock)
      : config_(std::move(config)), clock_(clock) {}
  Delivery deliver(const OutboxMessage& message) override;

 private:
  WebhookConfig config_;
  const Clock& clock_;
};

}  // namespace pactum::notify
