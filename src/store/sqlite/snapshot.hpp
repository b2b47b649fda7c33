// A consistent copy of a data directory's database while the server writes to it, with SQLite's
// online backup API: the copy is the database as of one committed transaction (the event log,
// the accounts and the checkpoints together, as they share the file), never a torn mix.
#pragma once

#include <optional>
#include <string>

#include "domain/result.hpp"

namespace pactum::store::sqlite {

// Copies the database at `from` (opened read-only; it must hold an event log) to the new file
// `to`, which must not exist. The copy is one self-contained file (rollback journal, no WAL
// beside it), written under `to`.partial, synced and renamed into place once complete: a failure
// or a full disk leaves nothing at `to`.
Status copy_database(const std::string& from, const std::string& to);

}  // namespace pactum::store::sqlite
