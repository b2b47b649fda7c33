// The outbox table's rows, written by the log's appends (the messages a request queues) and by
// the outbox's delivery records (a backup channel's message): one way to write them.
#pragma once

#include <vector>

#include "domain/outbox_message.hpp"
#include "domain/result.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store::pg {

// Queues messages in the outbox (once each: a repeated id is ignored), in `db`'s transaction, in
// one statement.
Status queue_messages(Connection& db, const std::vector<const OutboxMessage*>& messages);

}  // namespace pactum::store::pg
