// The database schema, as numbered migrations kept in schema.cpp. A database records the last
// migration applied in PRAGMA user_version; opening it applies the ones after, each in its own
// transaction. A database newer than this program is refused rather than misread.
#pragma once

#include <optional>

#include "domain/result.hpp"
#include "store/sqlite/db.hpp"

namespace pactum::store::sqlite {

int schema_version();  // the number of the last migration this program knows
std::optional<Error> migrate(Db& db);

}  // namespace pactum::store::sqlite
