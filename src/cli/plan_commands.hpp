// `pactum plan check FILE` and `pactum plan show FILE`.
#pragma once

#include <ostream>
#include <string>

#include "domain/text.hpp"

namespace pactum::cli {

// Prints every diagnostic as FILE:LINE:COL to `err`; returns kExitOk or kExitInvalid.
int plan_check(const std::string& file, bool quiet, std::ostream& out, std::ostream& err);

enum class ShowFormat { text, json };

// Prints the plan in a language (text) or as JSON; an invalid plan prints its diagnostics.
int plan_show(const std::string& file, Lang lang, ShowFormat format, std::ostream& out,
              std::ostream& err);

}  // namespace pactum::cli
