#include "cli/plan_commands.hpp"

#include <boost/json/serialize.hpp>

#include "cli/cli.hpp"
#include "planfile/load.hpp"
#include "planfile/plan_json.hpp"
#include "planfile/plan_text.hpp"

namespace pactum::cli {
namespace {

// Prints diagnostics; returns the number of errors.
std::size_t report(const std::string& file, const planfile::LoadResult& result, std::ostream& err) {
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : result.diagnostics) {
    err << planfile::format_diagnostic(file, d) << "\n";
    (d.diagnostic.severity == Severity::error ? errors : warnings)++;
  }
  if (errors > 0) {
    err << file << ": " << errors << " error(s), " << warnings << " warning(s)\n";
  }
  return errors;
}

}  // namespace

int plan_check(const std::string& file, bool quiet, std::ostream& out, std::ostream& err) {
  auto result = planfile::load_plan_file(file);
  if (report(file, result, err) > 0 || !result.plan) return kExitInvalid;
  if (!quiet) {
    const Plan& p = *result.plan;
    std::size_t steps = 0;
    for (const auto& l : p.levels) steps += l.steps.size();
    out << file << ": valid plan \"" << p.id << "\" version " << p.version << " ("
        << p.parties.size() << " parties, " << p.contacts.size() << " contacts, " << p.roles.size()
        << " roles, " << p.triggers.size() << " trigger categories, " << p.levels.size()
        << " levels, " << steps << " steps)\n";
  }
  return kExitOk;
}

int plan_show(const std::string& file, Lang lang, ShowFormat format, std::ostream& out,
              std::ostream& err) {
  auto result = planfile::load_plan_file(file);
  if (report(file, result, err) > 0 || !result.plan) return kExitInvalid;
  if (format == ShowFormat::json) {
    out << boost::json::serialize(planfile::plan_to_json(*result.plan)) << "\n";
  } else {
    out << planfile::plan_text(*result.plan, lang);
  }
  return kExitOk;
}

}  // namespace pactum::cli
