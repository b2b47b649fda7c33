#include "store/postgres/postgres_event_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "store/postgres/event_rows.hpp"
#include "store/postgres/fence.hpp"
#include "store/postgres/outbox_rows.hpp"
#include "store/postgres/row_insert.hpp"
#include "store/postgres/schema.hpp"
#include "store/record.hpp"

namespace pactum::store {
namespace {

using pg::Connection;
using pg::Params;

void add_event(Params& p, const RecordedEvent& e) {
  p.add(e.seq)
      .add(e.stream)
      .add(e.version)
      .add(e.type)
      .add(e.actor)
      .add(format_instant(e.at))
      .add(e.payload)
      .add_text_or_null(e.idempotency_key)
      .add(e.prev_hash)
      .add(e.hash);
}

// What a transaction writes for the requests it stores: their events in seq order, the messages
// they queue and their idempotency keys. One statement per
// table (pg::insert_rows).
struct Writes {
  std::vector<const RecordedEvent*> events;
  std::vector<const OutboxMessage*> messages;
  std::vector<std::pair<const std::string*, const std::vector<RecordedEvent>*>> keys;

  void add(const AppendRequest& request, const std::vector<RecordedEvent>& records) {
    for (const auto& e : records) events.push_back(&e);
    for (const auto& m : request.outbox) messages.push_back(&m);
    if (!request.idempotency_key.empty()) keys.emplace_back(&request.idempotency_key, &records);
  }

  Status write(Connection& db) const {
    static const std::string into_events = fmt::format("events ({})", pg::kEventColumns);
    if (Status e = pg::insert_rows(db, into_events, 10, events.size(),
                                   [&](std::size_t i, Params& p) { add_event(p, *events[i]); });
        !e.ok()) {
      return e;
    }
    if (Status e = pg::queue_messages(db, messages); !e.ok()) return e;
    return pg::insert_rows(
        db, "requests (idempotency_key, first_seq, count)", 3, keys.size(),
        [&](std::size_t i, Params& p) {
          const auto& [key, records] = keys[i];
          p.add(*key).add(records->front().seq).add(static_cast<std::int64_t>(records->size()));
        });
  }
};

// Hands a request back the events build_records took from it, for a second try.
void give_back(AppendRequest& request, std::vector<RecordedEvent>& records) {
  request.events.clear();
  for (auto& e : records) {
    request.events.push_back({std::move(e.type), std::move(e.actor), e.at, std::move(e.payload)});
  }
}

// What a request already stored answers a repeat with: its `count` events from seq `first`.
Result<AppendResult> stored_request(Connection& db, std::int64_t first, std::int64_t count) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM events WHERE seq >= $1 AND seq < $2 ORDER BY seq", pg::kEventColumns);
  auto events = pg::read_events(db, sql.c_str(), Params().add(first).add(first + count));
  if (!events) return events.error();
  return AppendResult{std::move(*events), true};
}

// Tells every node that listens (change_listener.hpp) the log's new head, in the transaction:
// PostgreSQL delivers it when (and only if) the transaction commits.
Status notify_head(Connection& db, const std::vector<Result<AppendResult>>& results) {
  std::int64_t head = 0;
  for (const auto& r : results) {
    if (r && !r->duplicate && !r->events.empty()) head = std::max(head, r->events.back().seq);
  }
  if (head == 0) return {};
  auto notified = db.query("SELECT pg_notify($1, $2)", Params().add(pg::kEventsChannel).add(head));
  if (!notified) return notified.error();
  return {};
}

}  // namespace

Result<std::unique_ptr<PostgresEventLog>> PostgresEventLog::open(const std::string& url,
                                                                 PostgresOptions options) {
  auto writer = Connection::open(url);
  if (!writer) return writer.error();
  if (Status e = pg::migrate(*writer); !e.ok()) return e.error();
  auto reader = Connection::open(url);
  if (!reader) return reader.error();
  return std::unique_ptr<PostgresEventLog>(
      new PostgresEventLog(std::move(*writer), std::move(*reader), options));
}

PostgresEventLog::PostgresEventLog(Connection writer, Connection reader, PostgresOptions options)
    : writer_(std::move(writer)),
      reader_(std::move(reader)),
      options_(options),
      group_(options_.max_batch, [this](auto& batch) { return commit_batch(batch); }) {}

PostgresEventLog::~PostgresEventLog() = default;

void PostgresEventLog::append(AppendRequest request, Completion done) {
  group_.append(std::move(request), std::move(done));
}

GroupCommit::Outcome PostgresEventLog::commit_batch(std::vector<GroupCommit::Pending>& batch) {
  std::vector<Result<AppendResult>> results;
  auto fail_all = [&](const Error& e) {
    writer_.rollback();
    results.clear();
    for (std::size_t i = 0; i < batch.size(); ++i) results.emplace_back(e);
    return GroupCommit::Outcome{std::move(results), false};
  };
  // Under the append lock no other process appends: the head and stream versions are read once
  // and then followed in memory.
  auto begin_locked = [this]() -> Status {
    if (Status e = writer_.begin(); !e.ok()) return e;
    if (auto locked = writer_.query(pg::kAppendLock); !locked) return locked.error();
    return {};
  };
  if (Status e = begin_locked(); !e.ok()) return fail_all(e.error());
  for (auto& p : batch) {
    if (p.request.prepare) std::exchange(p.request.prepare, nullptr)(p.request);
  }
  auto together = append_together(batch, results);
  if (together.ok()) {
    if (Status e = notify_head(writer_, results); !e.ok()) return fail_all(e.error());
    if (Status e = writer_.commit(); !e.ok()) return fail_all(e.error());
    return {std::move(results), true};
  }
  if (together.error().code == ErrorCode::unavailable) return fail_all(together.error());
  // PostgreSQL refused a value of one of the requests: write them again one at a time, each in
  // a savepoint of its own, so that only the one at fault fails.
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i] && !results[i]->duplicate) give_back(batch[i].request, results[i]->events);
  }
  results.clear();
  writer_.rollback();
  if (Status e = begin_locked(); !e.ok()) return fail_all(e.error());
  Tip tip;
  for (auto& p : batch) {
    if (Status e = writer_.exec("SAVEPOINT request"); !e.ok()) return fail_all(e.error());
    auto r = append_one(p.request, tip);
    if (!r && r.error().code == ErrorCode::unavailable) {
      // The connection went (or the server is out of disk): PostgreSQL rolls the whole
      // transaction back, so every request of this batch fails with that error.
      return fail_all(r.error());
    }
    if (r) {
      if (Status e = writer_.exec("RELEASE SAVEPOINT request"); !e.ok()) {
        return fail_all(e.error());
      }
    } else {
      if (Status e = writer_.exec("ROLLBACK TO SAVEPOINT request"); !e.ok()) {
        return fail_all(e.error());
      }
      tip = Tip{};  // read afresh: the failed request may have moved it before it failed
    }
    results.push_back(std::move(r));
  }
  if (Status e = notify_head(writer_, results); !e.ok()) return fail_all(e.error());
  // Nothing of this batch is stored unless COMMIT succeeds: every request fails otherwise, even
  // those that had succeeded.
  if (Status e = writer_.commit(); !e.ok()) return fail_all(e.error());
  return {std::move(results), true};
}

Status PostgresEventLog::append_together(std::vector<GroupCommit::Pending>& batch,
                                         std::vector<Result<AppendResult>>& results) {
  // What the batch's idempotency keys and streams already hold: two queries for the batch.
  std::vector<std::string> keys;
  std::vector<std::string> streams;
  for (const auto& p : batch) {
    if (!p.request.idempotency_key.empty()) keys.push_back(p.request.idempotency_key);
    streams.push_back(p.request.stream);
  }
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> stored;  // key → first seq, count
  if (!keys.empty()) {
    auto rows = writer_.query(
        "SELECT idempotency_key, first_seq, count FROM requests "
        "WHERE idempotency_key = ANY($1::text[])",
        Params().add(pg::text_array(keys)));
    if (!rows) return rows.error();
    for (int i = 0; i < rows->size(); ++i) {
      stored[rows->text(i, 0)] = {rows->int64(i, 1), rows->int64(i, 2)};
    }
  }
  auto head = pg::read_head(writer_);
  if (!head) return head.error();
  std::map<std::string, std::int64_t> versions;
  for (const auto& stream : streams) versions[stream] = 0;
  auto rows = writer_.query(
      "SELECT stream, MAX(version) FROM events WHERE stream = ANY($1::text[]) GROUP BY stream",
      Params().add(pg::text_array(streams)));
  if (!rows) return rows.error();
  for (int i = 0; i < rows->size(); ++i) versions[rows->text(i, 0)] = rows->int64(i, 1);

  std::map<std::string, std::size_t> keyed;  // key → the result of this batch that stores it
  pg::FenceCheck fences(writer_);
  for (auto& p : batch) {
    if (Status fenced = fences.check(p.request.fence); !fenced.ok()) {
      if (!is_fenced(fenced.error())) return fenced.error();
      results.emplace_back(fenced.error());  // a node that lost the lease: nothing written
      continue;
    }
    const std::string& key = p.request.idempotency_key;
    if (auto known = stored.find(key); !key.empty() && known != stored.end()) {
      auto repeat = stored_request(writer_, known->second.first, known->second.second);
      if (!repeat) return repeat.error();
      results.emplace_back(std::move(*repeat));
      continue;
    }
    if (auto earlier = keyed.find(key); !key.empty() && earlier != keyed.end()) {
      results.emplace_back(AppendResult{results[earlier->second]->events, true});
      continue;
    }
    std::int64_t& version = versions[p.request.stream];
    auto records = build_records(p.request, *head, version);
    if (!records) {
      results.emplace_back(records.error());
      continue;
    }
    *head = ChainHead{records->back().seq, records->back().hash};
    version = records->back().version;
    if (!key.empty()) keyed[key] = results.size();
    results.emplace_back(AppendResult{std::move(*records), false});
  }
  Writes writes;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (results[i] && !results[i]->duplicate) writes.add(batch[i].request, results[i]->events);
  }
  return writes.write(writer_);
}

Result<AppendResult> PostgresEventLog::append_one(AppendRequest& request, Tip& tip) {
  if (Status fenced = pg::check_fence(writer_, request.fence); !fenced.ok()) {
    return fenced.error();
  }
  if (!request.idempotency_key.empty()) {
    auto known = writer_.query("SELECT first_seq, count FROM requests WHERE idempotency_key = $1",
                               Params().add(request.idempotency_key));
    if (!known) return known.error();
    if (known->size() > 0) return stored_request(writer_, known->int64(0, 0), known->int64(0, 1));
  }
  if (!tip.head) {
    auto head = pg::read_head(writer_);
    if (!head) return head.error();
    tip.head = std::move(*head);
  }
  auto version = tip.versions.find(request.stream);
  if (version == tip.versions.end()) {
    auto v = writer_.query("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = $1",
                           Params().add(request.stream));
    if (!v) return v.error();
    version = tip.versions.emplace(request.stream, v->int64(0, 0)).first;
  }
  auto records = build_records(request, *tip.head, version->second);
  if (!records) return records.error();
  Writes writes;
  writes.add(request, *records);
  if (Status e = writes.write(writer_); !e.ok()) return e.error();
  tip.head = ChainHead{records->back().seq, records->back().hash};
  version->second = records->back().version;
  return AppendResult{std::move(*records), false};
}

Result<pg::Rows> PostgresEventLog::read_query(const char* sql, const Params& params) {
  std::lock_guard lock(reader_mutex_);
  return reader_.query(sql, params);
}

Result<std::vector<RecordedEvent>> PostgresEventLog::read(std::int64_t after_seq,
                                                          std::size_t limit) {
  static const std::string sql =
      fmt::format("SELECT {} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2", pg::kEventColumns);
  std::lock_guard lock(reader_mutex_);
  return pg::read_events(reader_, sql.c_str(),
                         Params().add(after_seq).add(static_cast<std::int64_t>(limit)));
}

Result<std::vector<RecordedEvent>> PostgresEventLog::read_stream(const std::string& stream) {
  static const std::string sql =
      fmt::format("SELECT {} FROM events WHERE stream = $1 ORDER BY version", pg::kEventColumns);
  std::lock_guard lock(reader_mutex_);
  return pg::read_events(reader_, sql.c_str(), Params().add(stream));
}

Status PostgresEventLog::scan(std::int64_t after_seq,
                              const std::function<bool(const RecordView&)>& visit) {
  return pg::scan_events([this](const char* sql, const Params& p) { return read_query(sql, p); },
                         after_seq, nullptr, visit);
}

Status PostgresEventLog::scan_stream(const std::string& stream,
                                     const std::function<bool(const RecordView&)>& visit) {
  return pg::scan_events([this](const char* sql, const Params& p) { return read_query(sql, p); }, 0,
                         &stream, visit);
}

Result<ChainHead> PostgresEventLog::head() {
  std::lock_guard lock(reader_mutex_);
  return pg::read_head(reader_);
}

Result<std::optional<ChainHead>> PostgresEventLog::verified_head() {
  auto rows = read_query("SELECT seq, hash FROM verified_head");
  if (!rows) return rows.error();
  if (rows->size() == 0) return std::optional<ChainHead>();
  return std::optional<ChainHead>(ChainHead{rows->int64(0, 0), rows->text(0, 1)});
}

Status PostgresEventLog::set_verified_head(const ChainHead& head) {
  auto r = read_query(
      "INSERT INTO verified_head (id, seq, hash) VALUES (1, $1, $2) "
      "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
      Params().add(head.seq).add(head.hash));
  if (!r) return r.error();
  return {};
}

WriteStats PostgresEventLog::write_stats() const {
  auto [commits, requests] = group_.commits();
  return {commits, requests, 0};
}

}  // namespace pactum::store
