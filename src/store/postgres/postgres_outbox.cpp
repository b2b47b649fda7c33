// The PostgreSQL log's outbox (store/outbox.hpp): the messages its appends queued, the due ones
// for the delivery worker, and the attempts it records — on the reader's connection, beside the
// writer's appends.
#include <fmt/format.h>

#include "store/postgres/fence.hpp"
#include "store/postgres/outbox_rows.hpp"
#include "store/postgres/postgres_event_log.hpp"
#include "store/record.hpp"

namespace pactum::store {
namespace {

using pg::Params;

constexpr const char* kMessageColumns =
    "id, incident, notice, kind, obligation, channel, recipient, target, mention, subject, body, "
    "created_at, next_attempt_at, attempts, state, last_error, delivered_at";

}  // namespace

Result<std::vector<OutboxMessage>> PostgresEventLog::select_messages(const char* sql,
                                                                     const Params& params) {
  auto rows = read_query(sql, params);
  if (!rows) return rows.error();
  std::vector<OutboxMessage> out;
  for (int i = 0; i < rows->size(); ++i) {
    OutboxMessage m;
    m.id = rows->text(i, 0);
    m.incident = rows->text(i, 1);
    m.notice = rows->text(i, 2);
    m.kind = rows->text(i, 3);
    m.obligation = rows->text(i, 4);
    m.channel = rows->text(i, 5);
    m.recipient = rows->text(i, 6);
    m.target = rows->text(i, 7);
    m.mention = rows->text(i, 8);
    m.subject = rows->text(i, 9);
    m.body = rows->text(i, 10);
    m.created_at = parse_instant(rows->view(i, 11)).value_or(Instant{});
    m.next_attempt_at = parse_instant(rows->view(i, 12)).value_or(Instant{});
    m.attempts = static_cast<int>(rows->int64(i, 13));
    m.state = rows->text(i, 14);
    m.last_error = rows->text(i, 15);
    if (!rows->is_null(i, 16)) m.delivered_at = parse_instant(rows->view(i, 16));
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::vector<OutboxMessage>> PostgresEventLog::due_messages(Instant now, std::size_t limit) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1 "
      "ORDER BY next_attempt_at LIMIT $2",
      kMessageColumns);
  return select_messages(sql.c_str(),
                         Params().add(format_instant(now)).add(static_cast<std::int64_t>(limit)));
}

Result<std::vector<OutboxMessage>> PostgresEventLog::messages_of(const std::string& incident) {
  static const std::string sql =
      fmt::format("SELECT {} FROM outbox WHERE incident = $1 ORDER BY created_at, id LIMIT 10000",
                  kMessageColumns);
  return select_messages(sql.c_str(), Params().add(incident));
}

Result<std::vector<OutboxMessage>> PostgresEventLog::messages_to(const std::string& recipient,
                                                                 std::size_t limit) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM outbox WHERE recipient = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
      kMessageColumns);
  return select_messages(sql.c_str(),
                         Params().add(recipient).add(static_cast<std::int64_t>(limit)));
}

Result<std::optional<OutboxMessage>> PostgresEventLog::message(const std::string& id) {
  static const std::string sql =
      fmt::format("SELECT {} FROM outbox WHERE id = $1", kMessageColumns);
  auto m = select_messages(sql.c_str(), Params().add(id));
  if (!m) return m.error();
  if (m->empty()) return std::optional<OutboxMessage>{};
  return std::optional<OutboxMessage>{m->front()};
}

Status PostgresEventLog::record_attempts(const std::vector<DeliveryAttempt>& attempts,
                                         const std::optional<Fence>& fence) {
  if (attempts.empty()) return {};
  std::lock_guard lock(reader_mutex_);
  if (Status e = reader_.begin(); !e.ok()) return e;
  if (Status e = pg::check_fence(reader_, fence); !e.ok()) {
    reader_.rollback();
    return e;
  }
  for (const auto& a : attempts) {
    if (Status e = record_one(a); !e.ok()) {
      reader_.rollback();
      return e;
    }
  }
  if (Status e = reader_.commit(); !e.ok()) {
    reader_.rollback();
    return e;
  }
  return {};
}

Status PostgresEventLog::record_one(const DeliveryAttempt& a) {
  auto insert = reader_.query(
      "INSERT INTO outbox_attempts (message_id, at, ok, detail, retry_at) "
      "SELECT id, $2, $3, $4, $5 FROM outbox WHERE id = $1",
      Params()
          .add(a.message_id)
          .add(format_instant(a.at))
          .add(std::int64_t{a.ok})
          .add(a.detail)
          .add_text_or_null(a.retry_at ? format_instant(*a.retry_at) : ""));
  if (!insert) return insert.error();
  if (insert->affected() == 0) return Error{ErrorCode::not_found, "no message " + a.message_id, {}};
  Result<pg::Rows> update =
      a.ok ? reader_.query(
                 "UPDATE outbox SET attempts = attempts + 1, state = 'delivered', "
                 "delivered_at = $1 WHERE id = $2",
                 Params().add(format_instant(a.at)).add(a.message_id))
      : a.retry_at ? reader_.query(
                         "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, "
                         "last_error = $2 WHERE id = $3",
                         Params().add(format_instant(*a.retry_at)).add(a.detail).add(a.message_id))
                   : reader_.query(
                         "UPDATE outbox SET attempts = attempts + 1, state = 'dead', "
                         "last_error = $1 WHERE id = $2",
                         Params().add(a.detail).add(a.message_id));
  if (!update) return update.error();
  if (a.fallback) return pg::queue_messages(reader_, {&*a.fallback});
  return {};
}

Result<std::map<std::string, std::int64_t>> PostgresEventLog::message_counts() {
  auto rows = read_query("SELECT state, COUNT(*) FROM outbox GROUP BY state");
  if (!rows) return rows.error();
  std::map<std::string, std::int64_t> out{{"pending", 0}, {"delivered", 0}, {"dead", 0}};
  for (int i = 0; i < rows->size(); ++i) out[rows->text(i, 0)] = rows->int64(i, 1);
  return out;
}

Result<std::vector<DeliveryAttempt>> PostgresEventLog::attempts_of(const std::string& message_id) {
  auto rows = read_query(
      "SELECT message_id, at, ok, detail, retry_at FROM outbox_attempts WHERE message_id = $1 "
      "ORDER BY id",
      Params().add(message_id));
  if (!rows) return rows.error();
  std::vector<DeliveryAttempt> out;
  for (int i = 0; i < rows->size(); ++i) {
    DeliveryAttempt a{rows->text(i, 0), parse_instant(rows->view(i, 1)).value_or(Instant{}),
                      rows->int64(i, 2) != 0, rows->text(i, 3), std::nullopt};
    if (!rows->is_null(i, 4)) a.retry_at = parse_instant(rows->view(i, 4));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace pactum::store
