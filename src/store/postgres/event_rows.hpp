// The events table read through one connection: shared by the log (which also writes) and the
// reader `pactum audit verify` opens.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "store/event_log.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store::pg {

// The events table's columns, in RecordedEvent's order (the same as SQLite's).
inline constexpr const char* kEventColumns =
    "seq, stream, version, type, actor, at, payload, idempotency_key, prev_hash, hash";

Result<ChainHead> read_head(Connection& db);

// The events of `sql` (which selects kEventColumns).
Result<std::vector<RecordedEvent>> read_events(Connection& db, const char* sql,
                                               const Params& params);

// Calls `visit` for every event with seq > after_seq (of `stream` only, in version order, when
// it is set), until it returns false. Reads a page of rows at a time through `page`, which runs
// one query on a connection and may take a lock for it: `visit` runs without it, so it may call
// the log again.
using PageQuery = std::function<Result<Rows>(const char* sql, const Params& params)>;
Status scan_events(const PageQuery& page, std::int64_t after_seq, const std::string* stream,
                   const std::function<bool(const RecordView&)>& visit);

}  // namespace pactum::store::pg
