#include "domain/governance/statement.hpp"

#include <fmt/format.h>

#include "domain/digest.hpp"
#include "domain/one_line.hpp"

namespace pactum::governance {
namespace {

std::string day(date::local_days d) { return date::format("%F", d); }

}  // namespace

std::string statement(const Plan& plan, std::string_view yaml, date::local_days effective) {
  std::string parties;
  for (const auto& p : plan.governance.signatures) {
    if (!parties.empty()) parties += ' ';
    parties += p;
  }
  return fmt::format(
      "{}\nplan {}\nversion {}\nyaml-sha256 {}\neffective {}\nagreement {}\nagreement-en {}\n"
      "term {} {}\nsignatures {}\n",
      kStatementHeader, plan.id, plan.version, sha256_hex(yaml), day(effective),
      one_line(plan.agreement.name.zh), one_line(plan.agreement.name.en),
      day(plan.agreement.starts), day(plan.agreement.ends), parties);
}

}  // namespace pactum::governance
