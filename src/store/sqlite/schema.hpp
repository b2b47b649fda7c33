// The database schema, as numbered migrations kept in schema.cpp. A database records the last
// migration applied in PRAGMA user_version; opening it applies the ones after, each in its own
// transaction. A database newer than this program is refused rather than misread.
#pragma once

#include <optional>
#include <string>

#include "domain/result.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store::sqlite {

int schema_version();  // the number of the last migration this program knows
Status migrate(Db& db);

// A connection for the small writes kept beside the log (accounts, checkpoints), migrated. No
// automatic checkpoint on it: a sign-in must not copy the event log's WAL into the database (the
// log's checkpointer does that off any request's path; the last connection to close does it
// when the log is not open).
Result<Db> open_beside_log(const std::string& path);

}  // namespace pactum::store::sqlite
