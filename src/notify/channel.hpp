// A way of reaching people: email, or a group robot (WeCom, DingTalk, Feishu, Slack), or a
// generic webhook. One small adapter each behind this interface; the delivery worker retries.
#pragma once

#include <string>

#include "domain/clock.hpp"
#include "domain/outbox_message.hpp"

namespace pactum::notify {

struct Delivery {
  bool ok = false;
  bool permanent = false;  // retrying will not help (a bad address, a rejected signature)
  std::string detail;      // the receiver's answer, for the attempt record
};

class Channel {
 public:
  virtual ~Channel() = default;
  // Sends one message. Blocking, with its own timeout; never throws.
  virtual Delivery deliver(const OutboxMessage& message) = 0;
};

}  // namespace pactum::notify
