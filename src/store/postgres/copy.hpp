// A whole store copied between SQLite and PostgreSQL, table by table and column for column (the
// two schemas have the same tables and columns): every event keeps its seq, its bytes and so its
// hash, so `pactum audit verify` passes on both sides; accounts, the outbox with its attempts,
// the verified head and the checkpoints with their cosignatures and time-stamps go along.
// `pactum migrate` copies a data directory's SQLite store into PostgreSQL; `pactum backup
// --store postgres://…` copies PostgreSQL into a new SQLite file, the format of every backup.
#pragma once

#include <optional>
#include <string>

#include "domain/result.hpp"

namespace pactum::store::pg {

// Copies the SQLite database at `sqlite_path` (brought to its current schema first) into the
// PostgreSQL database at `url`, in one transaction: all or nothing. `failed_precondition` when
// the PostgreSQL database already holds events or users. A server must not be writing the SQLite
// database meanwhile (what it appends after the copy began would not be copied).
Status copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& url);

// Copies the PostgreSQL store at `url`, as of one moment (a repeatable-read snapshot, taken
// while a server may be writing), into a new SQLite database at `sqlite_path` (`conflict` if the
// file exists); nothing is left there on failure.
Status copy_postgres_to_sqlite(const std::string& url, const std::string& sqlite_path);

}  // namespace pactum::store::pg
