// The PostgreSQL schema: the same tables and columns as the SQLite schema
// (store/sqlite/schema.cpp), so that a store copies from one to the other column for column
// (store/postgres/copy.hpp), and the same rules: the events and checkpoints are append-only,
// enforced by a trigger that refuses UPDATE, DELETE and TRUNCATE. Times are kept as the same RFC
// 3339 text (COLLATE "C": compared byte by byte, as SQLite does), so an event's stored bytes are
// exactly the ones its hash covers.
#pragma once

#include <optional>

#include "domain/result.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store::pg {

// The number of migrations this program knows.
int schema_version();

// Brings the database to this program's schema, each migration in a transaction of its own, under
// an advisory lock (two processes starting at once migrate once). `failed_precondition` when the
// database is newer than this program.
Status migrate(Connection& db);

// The advisory lock every append takes in its transaction: appends from several processes (a
// server and a CLI) are serialized, so each reads the chain's head after the one before it.
inline constexpr const char* kAppendLock = "SELECT pg_advisory_xact_lock(7235868373)";

// The channel on which every commit that appended events notifies the log's new head seq
// (LISTEN/NOTIFY: postgres/change_listener.hpp).
inline constexpr const char* kEventsChannel = "pactum_events";

}  // namespace pactum::store::pg
