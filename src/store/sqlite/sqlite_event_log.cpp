#include "store/sqlite/sqlite_event_log.hpp"

#include <fmt/format.h>

#include "store/record.hpp"
#include "store/sqlite/schema.hpp"

namespace pactum::store {
namespace {

using sqlite::Db;
using sqlite::Stmt;

constexpr const char* kColumns =
    "seq, stream, version, type, actor, at, payload, idempotency_key, prev_hash, hash";

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

Result<ChainHead> read_head(Db& db) {
  auto s = db.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
  if (!s) return s.error();
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return ChainHead{};
  return ChainHead{s->int64(0), s->text(1)};
}

}  // namespace

Result<std::unique_ptr<SqliteEventLog>> SqliteEventLog::open(const std::string& path,
                                                             SqliteOptions options) {
  auto writer = Db::open(path, false);
  if (!writer) return writer.error();
  // WAL lets readers work while the writer commits; FULL makes each commit durable.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                             "PRAGMA foreign_keys=ON"}) {
    auto s = writer->prepare(pragma);
    if (!s) return s.error();
    if (auto r = s->step(); !r) return r.error();
  }
  if (auto e = sqlite::migrate(*writer)) return *e;
  if (options.max_size_bytes) {
    auto s = writer->prepare(
        fmt::format("PRAGMA max_page_count = {}", std::max<std::int64_t>(1, *options.max_size_bytes / 4096)));
    if (!s) return s.error();
    if (auto r = s->step(); !r) return r.error();
  }
  auto reader = Db::open(path, true);
  if (!reader) return reader.error();
  return std::unique_ptr<SqliteEventLog>(
      new SqliteEventLog(path, std::move(*writer), std::move(*reader), options));
}

SqliteEventLog::SqliteEventLog(std::string path, Db writer, Db reader, SqliteOptions options)
    : path_(std::move(path)), writer_(std::move(writer)), reader_(std::move(reader)), options_(options) {
  thread_ = std::thread([this] { run_writer(); });
}

SqliteEventLog::~SqliteEventLog() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_one();
  thread_.join();
}

void SqliteEventLog::append(AppendRequest request, Completion done) {
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) {
      done(Error{ErrorCode::unavailable, "the event log is shutting down", {}});
      return;
    }
    queue_.push_back({std::move(request), std::move(done)});
  }
  queue_cv_.notify_one();
}

void SqliteEventLog::run_writer() {
  while (true) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been written
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    auto results = commit_batch(batch);
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
  }
}

std::vector<Result<AppendResult>> SqliteEventLog::commit_batch(std::vector<Pending>& batch) {
  std::vector<Result<AppendResult>> results;
  auto fail_all = [&](const Error& e) {
    results.clear();
    for (std::size_t i = 0; i < batch.size(); ++i) results.emplace_back(e);
    return results;
  };
  if (auto e = writer_.exec("BEGIN IMMEDIATE")) return fail_all(*e);
  for (auto& p : batch) {
    writer_.exec("SAVEPOINT request");
    auto r = append_one(p.request);
    if (!r && sqlite3_get_autocommit(writer_.handle())) {
      // SQLite rolled the whole transaction back (a full disk, an I/O error): nothing of this
      // batch is written, so every request in it fails with that error.
      return fail_all(r.error());
    }
    if (r) {
      writer_.exec("RELEASE request");
    } else {
      writer_.exec("ROLLBACK TO request");
      writer_.exec("RELEASE request");
    }
    results.push_back(std::move(r));
  }
  if (auto e = writer_.exec("COMMIT")) {
    writer_.exec("ROLLBACK");
    // Nothing of this batch is on disk: every request fails, even those that had succeeded.
    return fail_all(*e);
  }
  std::lock_guard lock(queue_mutex_);
  ++commits_;
  committed_requests_ += static_cast<std::int64_t>(batch.size());
  return results;
}

Result<AppendResult> SqliteEventLog::append_one(const AppendRequest& request) {
  if (!request.idempotency_key.empty()) {
    auto s = writer_.prepare("SELECT first_seq, count FROM requests WHERE idempotency_key = ?");
    if (!s) return s.error();
    s->bind(1, request.idempotency_key);
    auto row = s->step();
    if (!row) return row.error();
    if (*row) {
      auto events = writer_.prepare(fmt::format(
          "SELECT {} FROM events WHERE seq >= ? AND seq < ? ORDER BY seq", kColumns));
      if (!events) return events.error();
      events->bind(1, s->int64(0)).bind(2, s->int64(0) + s->int64(1));
      auto stored = collect(*events);
      if (!stored) return stored.error();
      return AppendResult{std::move(*stored), true};
    }
  }
  auto head = read_head(writer_);
  if (!head) return head.error();
  auto v = writer_.prepare("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = ?");
  if (!v) return v.error();
  v->bind(1, request.stream);
  if (auto row = v->step(); !row) return row.error();
  auto records = build_records(request, *head, v->int64(0));
  if (!records) return records.error();

  auto insert = writer_.prepare(fmt::format(
      "INSERT INTO events ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns));
  if (!insert) return insert.error();
  for (const auto& e : *records) {
    insert->bind(1, e.seq).bind(2, e.stream).bind(3, e.version).bind(4, e.type).bind(5, e.actor);
    insert->bind(6, format_instant(e.at)).bind(7, e.payload);
    insert->bind_text_or_null(8, e.idempotency_key).bind(9, e.prev_hash).bind(10, e.hash);
    if (auto err = insert->run()) return *err;
    insert->reset();
  }
  if (!request.idempotency_key.empty()) {
    auto r = writer_.prepare("INSERT INTO requests (idempotency_key, first_seq, count) VALUES (?, ?, ?)");
    if (!r) return r.error();
    r->bind(1, request.idempotency_key).bind(2, records->front().seq);
    r->bind(3, static_cast<std::int64_t>(records->size()));
    if (auto err = r->run()) return *err;
  }
  return AppendResult{std::move(*records), false};
}

Result<std::vector<RecordedEvent>> SqliteEventLog::read(std::int64_t after_seq, std::size_t limit) {
  std::lock_guard lock(reader_mutex_);
  auto s = reader_.prepare(
      fmt::format("SELECT {} FROM events WHERE seq > ? ORDER BY seq LIMIT ?", kColumns));
  if (!s) return s.error();
  s->bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
  return collect(*s);
}

Result<std::vector<RecordedEvent>> SqliteEventLog::read_stream(const std::string& stream) {
  std::lock_guard lock(reader_mutex_);
  auto s = reader_.prepare(
      fmt::format("SELECT {} FROM events WHERE stream = ? ORDER BY version", kColumns));
  if (!s) return s.error();
  s->bind(1, stream);
  return collect(*s);
}

std::optional<Error> SqliteEventLog::scan(std::int64_t after_seq,
                                          const std::function<bool(const RecordView&)>& visit) {
  // A connection of its own: a long scan does not hold up other readers.
  auto db = sqlite::Db::open(path_, true);
  if (!db) return db.error();
  auto s = db->prepare(fmt::format("SELECT {} FROM events WHERE seq > ? ORDER BY seq", kColumns));
  if (!s) return s.error();
  s->bind(1, after_seq);
  while (true) {
    auto row = s->step();
    if (!row) return row.error();
    if (!*row) return std::nullopt;
    RecordView v{s->int64(0), s->view(1), s->int64(2), s->view(3), s->view(4),
                 s->view(5),  s->view(6), s->view(7),  s->view(8), s->view(9)};
    if (!visit(v)) return std::nullopt;
  }
}

Result<ChainHead> SqliteEventLog::head() {
  std::lock_guard lock(reader_mutex_);
  return read_head(reader_);
}

std::int64_t SqliteEventLog::commits() const {
  std::lock_guard lock(queue_mutex_);
  return commits_;
}

std::int64_t SqliteEventLog::committed_requests() const {
  std::lock_guard lock(queue_mutex_);
  return committed_requests_;
}

}  // namespace pactum::store
