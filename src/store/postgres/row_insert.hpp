// Many rows in one INSERT: a multi-row VALUES list, every value a parameter. A transaction that
// writes a batch of appends sends its events in one statement and its outbox messages in another,
// instead of a round trip per row: on a network between Pactum and PostgreSQL, round trips, not
// the rows, are what an append costs.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store::pg {

// Inserts `rows` rows into `into` ("events (seq, stream, …)"), `columns` values each, added to the
// parameters by `row(i, params)`, with `tail` after the VALUES list (e.g. " ON CONFLICT (id) DO
// NOTHING"). As many statements as PostgreSQL's 65,535 parameters per statement need: one for up
// to 6,553 rows of ten columns. Nothing for no rows.
Status insert_rows(Connection& db, std::string_view into, std::size_t columns, std::size_t rows,
                   const std::function<void(std::size_t, Params&)>& row,
                   std::string_view tail = "");

// The text of a PostgreSQL array of text values ({"a","b \"c\""}): one parameter for `= ANY($1)`.
std::string text_array(const std::vector<std::string>& values);

}  // namespace pactum::store::pg
