#include "notify/mailbox_channel.hpp"

namespace pactum::notify {

Delivery MailboxChannel::deliver(const OutboxMessage&) { return {true, false, kDetail}; }

}  // namespace pactum::notify
