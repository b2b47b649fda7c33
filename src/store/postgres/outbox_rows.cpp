#include "store/postgres/outbox_rows.hpp"

#include "store/postgres/row_insert.hpp"
#include "store/record.hpp"

namespace pactum::store::pg {
namespace {

void add_message(Params& p, const OutboxMessage& m) {
  p.add(m.id)
      .add(m.incident)
      .add(m.notice)
      .add(m.kind)
      .add(m.obligation)
      .add(m.channel)
      .add(m.recipient)
      .add(m.target)
      .add(m.mention)
      .add(m.subject)
      .add(m.body)
      .add(format_instant(m.created_at))
      .add(format_instant(m.next_attempt_at));
}

}  // namespace

Status queue_messages(Connection& db, const std::vector<const OutboxMessage*>& messages) {
  return insert_rows(
      db,
      "outbox (id, incident, notice, kind, obligation, channel, recipient, target, mention, "
      "subject, body, created_at, next_attempt_at)",
      13, messages.size(), [&](std::size_t i, Params& p) { add_message(p, *messages[i]); },
      " ON CONFLICT (id) DO NOTHING");
}

}  // namespace pactum::store::pg
