// The version statement (G1): the small UTF-8 text both parties sign for a plan version. It binds
// the exact YAML (its SHA-256), the plan, the version, the date it is effective from and the
// agreement it belongs to. Its bytes are documented in docs/plan-signing.md: anyone can rebuild
// and check them, and verify a signature offline with the signer's public key.
#pragma once

#include <date/date.h>

#include <string>
#include <string_view>

#include "domain/plan.hpp"

namespace pactum::governance {

inline constexpr std::string_view kStatementHeader = "pactum plan statement v1";

// The statement of `plan` loaded from `yaml` (the file's exact bytes), effective from
// `effective` (a day in the plan's time zone). Line by line, each ending in "\n":
//   pactum plan statement v1
//   plan <id>
//   version <n>
//   yaml-sha256 <lower-case hex of the YAML bytes>
//   effective <YYYY-MM-DD>
//   agreement <agreement name, zh>
//   agreement-en <agreement name, en>
//   term <starts YYYY-MM-DD> <ends YYYY-MM-DD>
//   signatures <party ids of governance.signatures, space-separated>
// Control characters in a name (a newline would forge a line) become spaces: the name is bound
// in full by the YAML's digest anyway.
std::string statement(const Plan& plan, std::string_view yaml, date::local_days effective);

}  // namespace pactum::governance
