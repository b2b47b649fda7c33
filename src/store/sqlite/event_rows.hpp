// The events table read through one connection: shared by the log (which also writes) and the
// read-only reader of a data directory on read-only media.
#pragma once

#include <functional>
#include <optional>

#include "store/event_log.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store::sqlite {

// The events table's columns, in RecordedEvent's order.
inline constexpr const char* kEventColumns =
    "seq, stream, version, type, actor, at, payload, idempotency_key, prev_hash, hash";

Result<ChainHead> read_head(Db& db);

// Calls `visit` for each row of `SELECT columns FROM events WHERE <where>` (after `bind` has
// bound its parameters), until it returns false.
Status scan_rows(Db& db, const char* where, const std::function<void(Stmt&)>& bind,
                 const std::function<bool(const RecordView&)>& visit);

}  // namespace pactum::store::sqlite
