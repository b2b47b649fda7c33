// The built-in mailbox (`pactum serve --mailbox`): a channel that delivers every message, of every
// channel (email, the group robots, the webhook), into the server's own mailbox instead of
// sending it anywhere, so that a demo or a trial shows what each person would receive. Nothing
// leaves the machine.
//
// The mailbox is the outbox itself: a message "delivered" here keeps its row, marked delivered
// with this channel's attempt record, and is read back per recipient
// (store::Outbox::messages_to, GET /api/v1/mailbox). So it survives a restart with the rest of
// the data directory, and needs no storage of its own.
#pragma once

#include "notify/channel.hpp"

namespace pactum::notify {

class MailboxChannel final : public Channel {
 public:
  // The attempt's detail, as recorded and shown with the message's delivery.
  static constexpr const char* kDetail = "mailbox: kept by the server (serve --mailbox), not sent";
  // Always delivered: a demo's messages show as delivered, never as failed.
  Delivery deliver(const OutboxMessage& message) override;
};

}  // namespace pactum::notify
