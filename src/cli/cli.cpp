#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include <sstream>

#include "cli/plan_commands.hpp"

namespace pactum::cli {

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"Pactum: runs the emergency plan of a cooperation agreement (合作协议书应急预案)",
               "pactum"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "pactum 0.1.0");

  auto* plan = app.add_subcommand("plan", "Check or show a plan file");
  plan->require_subcommand(1);

  std::string check_file;
  bool quiet = false;
  auto* check = plan->add_subcommand(
      "check", "Validate a plan file: exit 0 if valid, 1 if not (errors as FILE:LINE:COL)");
  check->add_option("FILE", check_file, "The plan file (YAML)")->required();
  check->add_flag("-q,--quiet", quiet, "Print nothing when the plan is valid");

  std::string show_file;
  std::string lang_tag = "zh-CN";
  std::string format = "text";
  auto* show = plan->add_subcommand("show", "Print a plan in Chinese or English, or as JSON");
  show->add_option("FILE", show_file, "The plan file (YAML)")->required();
  show->add_option("--lang", lang_tag, "zh-CN or en")
      ->check(CLI::IsMember({"zh-CN", "zh", "en"}))
      ->capture_default_str();
  show->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    err << "pactum: " << e.what() << "\n";
    // Show the help of the deepest subcommand that was recognised.
    const CLI::App* deepest = &app;
    while (!deepest->get_subcommands().empty()) deepest = deepest->get_subcommands().front();
    err << "Run '" << deepest->get_display_name(true) << " --help' for usage.\n";
    return kExitUsage;
  }

  if (*check) return plan_check(check_file, quiet, out, err);
  if (*show) {
    return plan_show(show_file, *parse_lang(lang_tag),
                     format == "json" ? ShowFormat::json : ShowFormat::text, out, err);
  }
  err << app.help();
  return kExitUsage;
}

}  // namespace pactum::cli
