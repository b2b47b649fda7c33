#include "store/sqlite/sqlite_event_log.hpp"

#include <fmt/format.h>

#include <utility>

#include "store/record.hpp"
#include "store/sqlite/event_rows.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/wal_write_buffer.hpp"

namespace pactum::store {
namespace {

using sqlite::Db;
using sqlite::Stmt;

constexpr const char* kColumns = sqlite::kEventColumns;

Result<RecordedEvent> row_to_event(const Stmt& s) {
  RecordedEvent e;
  e.seq = s.int64(0);
  e.stream = s.text(1);
  e.version = s.int64(2);
  e.type = s.text(3);
  e.actor = s.text(4);
  auto at = parse_instant(s.text(5));
  if (!at) {
    return Error{ErrorCode::internal, fmt::format("event {} has an unreadable time", e.seq), {}};
  }
  e.at = *at;
  e.payload = s.text(6);
  e.idempotency_key = s.text(7);
  e.prev_hash = s.text(8);
  e.hash = s.text(9);
  return e;
}

Result<std::vector<RecordedEvent>> collect(Stmt& s) {
  std::vector<RecordedEvent> out;
  while (true) {
    auto row = s.step();
    if (!row) return row.error();
    if (!*row) return out;
    auto e = row_to_event(s);
    if (!e) return e.error();
    out.push_back(std::move(*e));
  }
}

// Queues a message in the outbox (once: a repeated id is ignored), inside `db`'s transaction.
Status queue_message(Db& db, const OutboxMessage& m) {
  auto o = db.cached(
      "INSERT OR IGNORE INTO outbox (id, incident, notice, kind, obligation, channel, recipient, "
      "target, "
      "mention, subject, body, created_at, next_attempt_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!o) return o.error();
  o->bind(1, m.id).bind(2, m.incident).bind(3, m.notice).bind(4, m.kind).bind(5, m.obligation);
  o->bind(6, m.channel).bind(7, m.recipient).bind(8, m.target).bind(9, m.mention);
  o->bind(10, m.subject).bind(11, m.body).bind(12, format_instant(m.created_at));
  o->bind(13, format_instant(m.next_attempt_at));
  return o->run();
}

// Runs a PRAGMA; its first value, or "" when it returns none (a setting's assignment).
Result<std::string> pragma(Db& db, const std::string& sql) {
  auto s = db.prepare(sql);
  if (!s) return s.error();
  auto row = s->step();
  if (!row) return row.error();
  return *row ? s->text(0) : std::string();
}

}  // namespace

Result<std::unique_ptr<SqliteEventLog>> SqliteEventLog::open(const std::string& path,
                                                             SqliteOptions options) {
  // Its commits reach the kernel as one write each (see wal_write_buffer.hpp).
  auto writer = Db::open(path, false, sqlite::wal_write_buffer_vfs());
  if (!writer) return writer.error();
  // WAL lets readers work while the writer commits; FULL makes each commit durable, and is what
  // the WAL write buffer needs: both are checked, not assumed. (`expected`: "" checks nothing.)
  for (auto [sql, expected] :
       {std::pair{"PRAGMA synchronous=FULL", ""}, std::pair{"PRAGMA synchronous", "2"},
        std::pair{"PRAGMA journal_mode=WAL", "wal"}, std::pair{"PRAGMA foreign_keys=ON", ""}}) {
    auto value = pragma(*writer, sql);
    if (!value) return value.error();
    if (*expected && *value != expected) {
      return Error{ErrorCode::unavailable,
                   fmt::format("{}: {} gives \"{}\", not \"{}\"", path, sql, *value, expected),
                   {}};
    }
  }
  if (Status e = sqlite::migrate(*writer); !e.ok()) return e.error();
  if (options.max_size_bytes) {
    auto set =
        pragma(*writer, fmt::format("PRAGMA max_page_count = {}",
                                    std::max<std::int64_t>(1, *options.max_size_bytes / 4096)));
    if (!set) return set.error();
  }
  auto reader = Db::open(path, true);
  if (!reader) return reader.error();
  auto aux = Db::open(path, false);
  if (!aux) return aux.error();
  // Checkpoints off the writer's thread: no commit waits for one.
  auto checkpointer = sqlite::Checkpointer::start(path, options.checkpoint_pages);
  if (!checkpointer) return checkpointer.error();
  return std::unique_ptr<SqliteEventLog>(new SqliteEventLog(path, std::move(*writer),
                                                            std::move(*reader), std::move(*aux),
                                                            std::move(*checkpointer), options));
}

SqliteEventLog::SqliteEventLog(std::string path, Db writer, Db reader, Db aux,
                               std::unique_ptr<sqlite::Checkpointer> checkpointer,
                               SqliteOptions options)
    : path_(std::move(path)),
      writer_(std::move(writer)),
      reader_(std::move(reader)),
      aux_(std::move(aux)),
      options_(options),
      checkpointer_(std::move(checkpointer)),
      group_(options_.max_batch, [this](auto& batch) { return commit_batch(batch); }) {
  checkpointer_->watch(writer_, true);
  checkpointer_->watch(aux_, false);  // it commits delivery attempts under the readers' lock
}

SqliteEventLog::~SqliteEventLog() = default;

void SqliteEventLog::append(AppendRequest request, Completion done) {
  group_.append(std::move(request), std::move(done));
}

GroupCommit::Outcome SqliteEventLog::commit_batch(std::vector<GroupCommit::Pending>& batch) {
  std::vector<Result<AppendResult>> results;
  auto fail_all = [&](const Error& e) {
    results.clear();
    for (std::size_t i = 0; i < batch.size(); ++i) results.emplace_back(e);
    return GroupCommit::Outcome{std::move(results), false};
  };
  if (Status e = writer_.run("BEGIN IMMEDIATE"); !e.ok()) return fail_all(e.error());
  // Inside the transaction no other process can append: the head and stream versions are read
  // once and then followed in memory.
  Tip tip;
  for (auto& p : batch) {
    if (p.request.prepare) std::exchange(p.request.prepare, nullptr)(p.request);
    (void)writer_.run("SAVEPOINT request");
    auto r = append_one(p.request, tip);
    if (!r && sqlite3_get_autocommit(writer_.handle())) {
      // SQLite rolled the whole transaction back (a full disk, an I/O error): nothing of this
      // batch is written, so every request in it fails with that error.
      return fail_all(r.error());
    }
    if (r) {
      (void)writer_.run("RELEASE request");
    } else {
      (void)writer_.run("ROLLBACK TO request");
      (void)writer_.run("RELEASE request");
      tip = Tip{};  // read afresh: the failed request may have moved it before it failed
    }
    results.push_back(std::move(r));
  }
  if (Status e = writer_.run("COMMIT"); !e.ok()) {
    (void)writer_.run("ROLLBACK");
    // Nothing of this batch is on disk: every request fails, even those that had succeeded.
    return fail_all(e.error());
  }
  return {std::move(results), true};
}

Result<AppendResult> SqliteEventLog::append_one(AppendRequest& request, Tip& tip) {
  if (!request.idempotency_key.empty()) {
    auto s = writer_.cached("SELECT first_seq, count FROM requests WHERE idempotency_key = ?");
    if (!s) return s.error();
    s->bind(1, request.idempotency_key);
    auto row = s->step();
    if (!row) return row.error();
    if (*row) {
      auto events = writer_.cached(
          fmt::format("SELECT {} FROM events WHERE seq >= ? AND seq < ? ORDER BY seq", kColumns));
      if (!events) return events.error();
      events->bind(1, s->int64(0)).bind(2, s->int64(0) + s->int64(1));
      auto stored = collect(*events);
      if (!stored) return stored.error();
      return AppendResult{std::move(*stored), true};
    }
  }
  if (!tip.head) {
    auto head = sqlite::read_head(writer_);
    if (!head) return head.error();
    tip.head = std::move(*head);
  }
  auto version = tip.versions.find(request.stream);
  if (version == tip.versions.end()) {
    auto v = writer_.cached("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = ?");
    if (!v) return v.error();
    v->bind(1, request.stream);
    if (auto row = v->step(); !row) return row.error();
    version = tip.versions.emplace(request.stream, v->int64(0)).first;
  }
  auto records = build_records(request, *tip.head, version->second);
  if (!records) return records.error();

  auto insert = writer_.cached(
      fmt::format("INSERT INTO events ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns));
  if (!insert) return insert.error();
  for (const auto& e : *records) {
    std::string at = format_instant(e.at);
    insert->bind(1, e.seq).bind_static(2, e.stream).bind(3, e.version).bind_static(4, e.type);
    insert->bind_static(5, e.actor).bind_static(6, at).bind_static(7, e.payload);
    insert->bind_text_or_null(8, e.idempotency_key)
        .bind_static(9, e.prev_hash)
        .bind_static(10, e.hash);
    if (Status err = insert->run(); !err.ok()) return err.error();
    insert->reset();
  }
  tip.head = ChainHead{records->back().seq, records->back().hash};
  version->second = records->back().version;
  for (const auto& m : request.outbox) {
    if (Status err = queue_message(writer_, m); !err.ok()) return err.error();
  }
  if (!request.idempotency_key.empty()) {
    auto r =
        writer_.cached("INSERT INTO requests (idempotency_key, first_seq, count) VALUES (?, ?, ?)");
    if (!r) return r.error();
    r->bind(1, request.idempotency_key).bind(2, records->front().seq);
    r->bind(3, static_cast<std::int64_t>(records->size()));
    if (Status err = r->run(); !err.ok()) return err.error();
  }
  return AppendResult{std::move(*records), false};
}

Result<std::vector<RecordedEvent>> SqliteEventLog::read(std::int64_t after_seq, std::size_t limit) {
  std::lock_guard lock(reader_mutex_);
  auto s = reader_.cached(
      fmt::format("SELECT {} FROM events WHERE seq > ? ORDER BY seq LIMIT ?", kColumns));
  if (!s) return s.error();
  s->bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
  return collect(*s);
}

Result<std::vector<RecordedEvent>> SqliteEventLog::read_stream(const std::string& stream) {
  std::lock_guard lock(reader_mutex_);
  auto s = reader_.cached(
      fmt::format("SELECT {} FROM events WHERE stream = ? ORDER BY version", kColumns));
  if (!s) return s.error();
  s->bind(1, stream);
  return collect(*s);
}

Status SqliteEventLog::scan(std::int64_t after_seq,
                            const std::function<bool(const RecordView&)>& visit) {
  return scan_where(
      "seq > ? ORDER BY seq", [after_seq](Stmt& s) { s.bind(1, after_seq); }, visit);
}

Status SqliteEventLog::scan_stream(const std::string& stream,
                                   const std::function<bool(const RecordView&)>& visit) {
  return scan_where(
      "stream = ? ORDER BY version", [&stream](Stmt& s) { s.bind(1, stream); }, visit);
}

Status SqliteEventLog::scan_where(const char* where, const std::function<void(Stmt&)>& bind,
                                  const std::function<bool(const RecordView&)>& visit) {
  // A connection of its own: a long scan does not hold up other readers.
  auto db = sqlite::Db::open(path_, true);
  if (!db) return db.error();
  return sqlite::scan_rows(*db, where, bind, visit);
}

Result<ChainHead> SqliteEventLog::head() {
  std::lock_guard lock(reader_mutex_);
  return sqlite::read_head(reader_);
}

Result<std::optional<ChainHead>> SqliteEventLog::verified_head() {
  std::lock_guard lock(reader_mutex_);
  auto s = aux_.cached("SELECT seq, hash FROM verified_head");
  if (!s) return s.error();
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return std::optional<ChainHead>();
  return std::optional<ChainHead>(ChainHead{s->int64(0), s->text(1)});
}

Status SqliteEventLog::set_verified_head(const ChainHead& head) {
  std::lock_guard lock(reader_mutex_);
  auto s = aux_.cached("INSERT OR REPLACE INTO verified_head (id, seq, hash) VALUES (1, ?, ?)");
  if (!s) return s.error();
  s->bind(1, head.seq).bind(2, head.hash);
  return s->run();
}

namespace {
constexpr const char* kMessageColumns =
    "id, incident, notice, kind, obligation, channel, recipient, target, mention, subject, body, "
    "created_at, next_attempt_at, attempts, state, last_error, delivered_at";
}  // namespace

Result<std::vector<OutboxMessage>> SqliteEventLog::select_messages(const std::string& where,
                                                                   const std::string& arg,
                                                                   std::int64_t limit) {
  std::lock_guard lock(reader_mutex_);
  auto s = aux_.cached(fmt::format("SELECT {} FROM outbox {} LIMIT ?", kMessageColumns, where));
  if (!s) return s.error();
  int i = 1;
  if (!arg.empty()) s->bind(i++, arg);
  s->bind(i, limit);
  std::vector<OutboxMessage> out;
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return out;
    OutboxMessage m;
    m.id = s->text(0);
    m.incident = s->text(1);
    m.notice = s->text(2);
    m.kind = s->text(3);
    m.obligation = s->text(4);
    m.channel = s->text(5);
    m.recipient = s->text(6);
    m.target = s->text(7);
    m.mention = s->text(8);
    m.subject = s->text(9);
    m.body = s->text(10);
    m.created_at = parse_instant(s->text(11)).value_or(Instant{});
    m.next_attempt_at = parse_instant(s->text(12)).value_or(Instant{});
    m.attempts = static_cast<int>(s->int64(13));
    m.state = s->text(14);
    m.last_error = s->text(15);
    if (!s->is_null(16)) m.delivered_at = parse_instant(s->text(16));
    out.push_back(std::move(m));
  }
}

Result<std::vector<OutboxMessage>> SqliteEventLog::due_messages(Instant now, std::size_t limit) {
  return select_messages(
      "WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at",
      format_instant(now), static_cast<std::int64_t>(limit));
}

Result<std::vector<OutboxMessage>> SqliteEventLog::messages_of(const std::string& incident) {
  return select_messages("WHERE incident = ? ORDER BY created_at, id", incident, 10000);
}

Result<std::vector<OutboxMessage>> SqliteEventLog::messages_to(const std::string& recipient,
                                                               std::size_t limit) {
  return select_messages("WHERE recipient = ? ORDER BY created_at DESC, id DESC", recipient,
                         static_cast<std::int64_t>(limit));
}

Result<std::optional<OutboxMessage>> SqliteEventLog::message(const std::string& id) {
  auto m = select_messages("WHERE id = ?", id, 1);
  if (!m) return m.error();
  if (m->empty()) return std::optional<OutboxMessage>{};
  return std::optional<OutboxMessage>{m->front()};
}

Status SqliteEventLog::record_attempts(const std::vector<DeliveryAttempt>& attempts,
                                       const std::optional<Fence>&) {
  std::lock_guard lock(reader_mutex_);
  if (attempts.empty()) return {};
  if (Status e = aux_.run("BEGIN IMMEDIATE"); !e.ok()) return e;
  for (const auto& a : attempts) {
    if (Status e = record_one(a); !e.ok()) {
      (void)aux_.run("ROLLBACK");
      return e;
    }
  }
  if (Status e = aux_.run("COMMIT"); !e.ok()) {
    (void)aux_.run("ROLLBACK");
    return e;
  }
  return {};
}

Status SqliteEventLog::record_one(const DeliveryAttempt& a) {
  auto insert = aux_.cached(
      "INSERT INTO outbox_attempts (message_id, at, ok, detail, retry_at) VALUES (?,?,?,?,?)");
  if (!insert) return insert.error();
  insert->bind(1, a.message_id).bind(2, format_instant(a.at)).bind(3, std::int64_t{a.ok});
  insert->bind(4, a.detail).bind_text_or_null(5, a.retry_at ? format_instant(*a.retry_at) : "");
  if (Status e = insert->run(); !e.ok()) return e.error();
  std::string sql = a.ok ? "UPDATE outbox SET attempts = attempts + 1, state = 'delivered', "
                           "delivered_at = ? WHERE id = ?"
                    : a.retry_at ? "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = "
                                   "?, last_error = ? WHERE id = ?"
                                 : "UPDATE outbox SET attempts = attempts + 1, state = 'dead', "
                                   "last_error = ? WHERE id = ?";
  auto update = aux_.cached(sql);
  if (!update) return update.error();
  if (a.ok) {
    update->bind(1, format_instant(a.at)).bind(2, a.message_id);
  } else if (a.retry_at) {
    update->bind(1, format_instant(*a.retry_at)).bind(2, a.detail).bind(3, a.message_id);
  } else {
    update->bind(1, a.detail).bind(2, a.message_id);
  }
  if (Status e = update->run(); !e.ok()) return e.error();
  if (sqlite3_changes(aux_.handle()) == 0)
    return Error{ErrorCode::not_found, "no message " + a.message_id, {}};
  if (a.fallback) return queue_message(aux_, *a.fallback);
  return {};
}

Result<std::map<std::string, std::int64_t>> SqliteEventLog::message_counts() {
  std::lock_guard lock(reader_mutex_);
  auto s = aux_.cached("SELECT state, COUNT(*) FROM outbox GROUP BY state");
  if (!s) return s.error();
  std::map<std::string, std::int64_t> out{{"pending", 0}, {"delivered", 0}, {"dead", 0}};
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return out;
    out[s->text(0)] = s->int64(1);
  }
}

Result<std::vector<DeliveryAttempt>> SqliteEventLog::attempts_of(const std::string& message_id) {
  std::lock_guard lock(reader_mutex_);
  auto s = aux_.cached(
      "SELECT message_id, at, ok, detail, retry_at FROM outbox_attempts WHERE message_id = ? ORDER "
      "BY rowid");
  if (!s) return s.error();
  s->bind(1, message_id);
  std::vector<DeliveryAttempt> out;
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return out;
    DeliveryAttempt a{s->text(0), parse_instant(s->text(1)).value_or(Instant{}), s->int64(2) != 0,
                      s->text(3), std::nullopt};
    if (!s->is_null(4)) a.retry_at = parse_instant(s->text(4));
    out.push_back(std::move(a));
  }
}

WriteStats SqliteEventLog::write_stats() const {
  auto [commits, requests] = group_.commits();
  return {commits, requests, checkpointer_->checkpoints()};
}

}  // namespace pactum::store
