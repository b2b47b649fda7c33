// Plan → JSON: the whole plan as one document, for `pactum plan show --format json` and the API.
// Keys and values follow the plan file (docs/plan-file.md): ids, bilingual {zh, en} texts,
// durations as "4h", percentages as "5%", amounts as "20000000.00".
#pragma once

#include <boost/json/value.hpp>

#include "domain/plan.hpp"

namespace pactum::planfile {

boost::json::value plan_to_json(const Plan& plan);

}  // namespace pactum::planfile
