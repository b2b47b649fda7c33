#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include "cli/archive_commands.hpp"
#include "cli/backup_commands.hpp"
#include "cli/data_commands.hpp"
#include "cli/evidence_commands.hpp"
#include "cli/incident_commands.hpp"
#include "cli/plan_commands.hpp"
#include "cli/serve_config.hpp"
#include "cli/witness_command.hpp"

namespace pactum::cli {
namespace {

constexpr const char* kDataHelp = "The data directory (event log and accounts)";
constexpr const char* kStoreHelp =
    "A PostgreSQL database (postgres://…) holding the event log and accounts instead of the data "
    "directory's SQLite";

int need_runtime(std::ostream& err) {
  err << "pactum: this command needs the full pactum binary\n";
  return kExitInvalid;
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, Runtime* runtime) {
  CLI::App app{"Pactum: runs the emergency plan of a cooperation agreement (合作协议书应急预案)",
               "pactum"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "pactum " PACTUM_VERSION);

  // pactum plan check|show|activate
  auto* plan = app.add_subcommand("plan", "Check, show or activate a plan file");
  plan->require_subcommand(1);
  std::string plan_file, data = "./data", store;
  bool quiet = false;
  auto* check = plan->add_subcommand(
      "check", "Validate a plan file: exit 0 if valid, 1 if not (errors as FILE:LINE:COL)");
  check->add_option("FILE", plan_file, "The plan file (YAML)")->required();
  check->add_flag("-q,--quiet", quiet, "Print nothing when the plan is valid");
  std::string lang_tag = "zh-CN", format = "text";
  auto* show = plan->add_subcommand("show", "Print a plan in Chinese or English, or as JSON");
  show->add_option("FILE", plan_file, "The plan file (YAML)")->required();
  show->add_option("--lang", lang_tag, "zh-CN or en")
      ->check(CLI::IsMember({"zh-CN", "zh", "en"}))
      ->capture_default_str();
  show->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  auto* activate = plan->add_subcommand("activate", "Put a plan file in force (administrators)");
  activate->add_option("FILE", plan_file, "The plan file (YAML)")->required();
  activate->add_option("--data", data, kDataHelp)->envname("PACTUM_DATA")->capture_default_str();
  activate->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");

  // pactum init
  bool demo_users = false;
  auto* init = app.add_subcommand("init", "Create a data directory with a plan in force");
  init->add_option("--data", data, kDataHelp)->envname("PACTUM_DATA")->capture_default_str();
  init->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  init->add_option("--plan", plan_file, "The plan file to put in force")->required();
  init->add_flag("--demo-users", demo_users,
                 "Create demo users per party and print their passwords");

  // pactum serve
  ServeConfig serve_config;
  std::string config_file;
  auto* serve = app.add_subcommand("serve", "Run the server (web app and API)");
  serve->add_option("--config", config_file, "A YAML file of settings")->envname("PACTUM_CONFIG");
  auto* o_listen = serve->add_option("--listen", serve_config.listen, "ADDRESS:PORT")
                       ->envname("PACTUM_LISTEN")
                       ->capture_default_str();
  auto* o_data = serve->add_option("--data", serve_config.data, kDataHelp)
                     ->envname("PACTUM_DATA")
                     ->capture_default_str();
  auto* o_store =
      serve->add_option("--store", serve_config.store, kStoreHelp)->envname("PACTUM_STORE");
  auto* o_plan = serve
                     ->add_option("--plan", serve_config.plan,
                                  "A plan file to put in force if newer than the one in force")
                     ->envname("PACTUM_PLAN");
  auto* o_dev = serve
                    ->add_flag("--dev-clock", serve_config.dev_clock,
                               "Let administrators move the clock forward (tests, demos)")
                    ->envname("PACTUM_DEV_CLOCK");
  auto* o_offset = serve
                       ->add_option("--dev-clock-offset", serve_config.dev_clock_offset,
                                    "With --dev-clock: start this far ahead, e.g. 2h")
                       ->envname("PACTUM_DEV_CLOCK_OFFSET");
  auto* o_read = serve
                     ->add_option("--read-timeout", serve_config.read_timeout_seconds,
                                  "Seconds to receive a whole request")
                     ->check(CLI::Range(1, 3600))
                     ->envname("PACTUM_READ_TIMEOUT")
                     ->capture_default_str();
  auto* o_idle = serve
                     ->add_option("--idle-timeout", serve_config.idle_timeout_seconds,
                                  "Seconds a keep-alive connection may wait idle")
                     ->check(CLI::Range(1, 3600))
                     ->envname("PACTUM_IDLE_TIMEOUT")
                     ->capture_default_str();
  auto* o_conns = serve
                      ->add_option("--max-connections", serve_config.max_connections,
                                   "Connections open at once (default: what the file-descriptor "
                                   "limit allows, at most 10000)")
                      ->check(CLI::Range(1, 1000000))
                      ->envname("PACTUM_MAX_CONNECTIONS");
  auto* o_notify = serve
                       ->add_option("--notify", serve_config.notify,
                                    "A YAML file of channels: SMTP server, webhooks, group robots")
                       ->envname("PACTUM_NOTIFY");
  auto* o_mailbox =
      serve
          ->add_flag("--mailbox", serve_config.mailbox,
                     "Deliver every message into the server's mailbox, read on its Mailbox page, "
                     "instead of sending it (demos and trials, never production)")
          ->envname("PACTUM_MAILBOX");
  auto* o_url = serve
                    ->add_option("--public-url", serve_config.public_url,
                                 "The URL people open (links in messages)")
                    ->envname("PACTUM_PUBLIC_URL");
  auto* o_log = serve->add_option("--log-level", serve_config.log_level, "debug, info, warn, error")
                    ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
                    ->envname("PACTUM_LOG_LEVEL")
                    ->capture_default_str();
  auto* o_body = serve
                     ->add_option("--max-body-bytes", serve_config.max_body_bytes,
                                  "Largest request body accepted")
                     ->check(CLI::Range(std::int64_t{1024}, std::int64_t{64} * 1024 * 1024))
                     ->envname("PACTUM_MAX_BODY_BYTES")
                     ->capture_default_str();
  auto* o_file = serve
                     ->add_option("--max-file-size", serve_config.max_file_size,
                                  "Largest evidence file uploaded, in bytes or with a unit "
                                  "(20MB, 512KB; 1 KB = 1024 bytes)")
                     ->transform(CLI::AsSizeValue(false))
                     ->check(CLI::Range(std::int64_t{1024}, std::int64_t{1024} * 1024 * 1024))
                     ->envname("PACTUM_MAX_FILE_SIZE")
                     ->capture_default_str();
  auto* o_threads = serve->add_option("--threads", serve_config.threads, "Server threads")
                        ->check(CLI::Range(1, 64))
                        ->envname("PACTUM_THREADS")
                        ->capture_default_str();
  auto* o_secure = serve
                       ->add_flag("--secure-cookies", serve_config.secure_cookies,
                                  "Mark the session cookie Secure (when served over TLS)")
                       ->envname("PACTUM_SECURE_COOKIES");
  auto* o_checkpoint =
      serve
          ->add_option("--checkpoint-interval", serve_config.checkpoint_interval_seconds,
                       "Seconds within which new events get a signed checkpoint")
          ->check(CLI::Range(1, 3600))
          ->envname("PACTUM_CHECKPOINT_INTERVAL")
          ->capture_default_str();
  auto* o_snapshot =
      serve
          ->add_option("--snapshot-every", serve_config.snapshot_every,
                       "Events between read-model snapshots, which make restarts fast (0: none "
                       "taken or read)")
          ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40))
          ->envname("PACTUM_SNAPSHOT_EVERY")
          ->capture_default_str();
  auto* o_tsa = serve
                    ->add_option("--tsa", serve_config.tsa,
                                 "An RFC 3161 time-stamping authority's URL: checkpoints are "
                                 "time-stamped")
                    ->envname("PACTUM_TSA");
  auto* o_metrics = serve
                        ->add_flag("--protect-metrics", serve_config.protect_metrics,
                                   "GET /metrics needs a token with the metrics scope")
                        ->envname("PACTUM_PROTECT_METRICS");
  auto* o_proxies = serve
                        ->add_option("--trusted-proxy", serve_config.trusted_proxies,
                                     "A reverse proxy's address: its X-Forwarded-For names the "
                                     "client (repeat or separate with commas)")
                        ->delimiter(',')
                        ->envname("PACTUM_TRUSTED_PROXIES");

  // pactum user add|passwd
  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  UserArgs user_args;
  auto* user_add_cmd =
      user->add_subcommand("add", "Add a user (password from PACTUM_PASSWORD, a prompt, or stdin)");
  user_add_cmd->add_option("--data", data, kDataHelp)
      ->envname("PACTUM_DATA")
      ->capture_default_str();
  user_add_cmd->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  user_add_cmd->add_option("ID", user_args.id, "The login name")->required();
  user_add_cmd->add_option("--name", user_args.name, "Display name");
  user_add_cmd->add_option("--party", user_args.party, "The user's party (plan party id)")
      ->required();
  user_add_cmd->add_option("--contact", user_args.contact,
                           "The plan contact this person is (gives their roles)");
  user_add_cmd->add_flag("--admin", user_args.admin, "May activate plans and manage users");
  auto* passwd = user->add_subcommand("passwd", "Set a user's password");
  passwd->add_option("--data", data, kDataHelp)->envname("PACTUM_DATA")->capture_default_str();
  passwd->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  passwd->add_option("ID", user_args.id, "The login name")->required();

  // pactum token create|list|revoke
  auto* token = app.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  std::string token_user, token_name, expires_in, token_id;
  std::vector<std::string> scopes{"read"};
  auto* token_create_cmd = token->add_subcommand("create", "Create an API token (printed once)");
  token_create_cmd->add_option("--data", data, kDataHelp)
      ->envname("PACTUM_DATA")
      ->capture_default_str();
  token_create_cmd->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  token_create_cmd->add_option("--user", token_user, "Whose token")->required();
  token_create_cmd->add_option("--name", token_name, "What it is for")->required();
  token_create_cmd->add_option("--scopes", scopes, "read, write, alerts, admin, metrics, backups")
      ->delimiter(',')
      ->capture_default_str();
  token_create_cmd->add_option("--expires-in", expires_in, "e.g. 90d; default: never");
  auto* token_list_cmd = token->add_subcommand("list", "List API tokens (never their secrets)");
  token_list_cmd->add_option("--data", data, kDataHelp)
      ->envname("PACTUM_DATA")
      ->capture_default_str();
  token_list_cmd->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  token_list_cmd->add_option("--user", token_user, "Only this user's tokens");
  auto* token_revoke_cmd = token->add_subcommand(
      "revoke", "Revoke an API token (a running server refuses it within a second)");
  token_revoke_cmd->add_option("--data", data, kDataHelp)
      ->envname("PACTUM_DATA")
      ->capture_default_str();
  token_revoke_cmd->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  token_revoke_cmd->add_option("ID", token_id, "The token's id (from token list)")->required();

  // pactum audit verify
  auto* audit = app.add_subcommand("audit", "Check the evidence chain");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "Recompute every hash of the log offline: exit 0 intact, 1 broken (named)");
  verify->add_option("--data", data, kDataHelp)->envname("PACTUM_DATA")->capture_default_str();
  verify->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  verify->add_flag("-q,--quiet", quiet, "Print nothing when intact");
  std::vector<std::string> checkpoint_files, trusted_keys;
  verify->add_option("--checkpoint", checkpoint_files,
                     "A checkpoint a party kept (repeatable): the log must extend it");
  verify->add_option("--key", trusted_keys,
                     "A verifier key (NAME+ID+BASE64) to check the checkpoints' signatures with");
  std::string tsa_ca;
  verify->add_option("--tsa-ca", tsa_ca,
                     "The time-stamping authority's certificate (PEM): check the checkpoints' "
                     "RFC 3161 time-stamps against it");
  std::string bundle;
  auto* o_bundle = verify->add_option(
      "--bundle", bundle,
      "An archive bundle (pactum archive) to check instead, offline: its manifest, its events' "
      "chain and every plan signature");
  o_bundle->excludes(verify->get_option("--checkpoint"))->excludes(verify->get_option("--tsa-ca"));

  // pactum archive (G5)
  auto* archive_cmd = app.add_subcommand(
      "archive",
      "Write the archive bundle: every event, plan version, signature and key, the "
      "latest checkpoint, every generated document (PDF, Chinese and English), a "
      "manifest of SHA-256s and a README (tar)");
  archive_cmd->add_option("--data", data, kDataHelp)->envname("PACTUM_DATA")->capture_default_str();
  archive_cmd->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  std::string archive_out;
  archive_cmd->add_option("--out", archive_out, "The bundle file to write")->required();
  std::vector<std::string> archive_documents;
  archive_cmd->add_option("--document", archive_documents,
                          "One more file to put under documents/ by its name (repeatable), e.g. "
                          "an evidence file");

  // pactum backup|restore
  std::string backup_file;
  auto* backup_cmd = app.add_subcommand(
      "backup", "Copy the data directory's database while the server runs, then verify the copy");
  backup_cmd->add_option("--data", data, kDataHelp)->envname("PACTUM_DATA")->capture_default_str();
  backup_cmd->add_option("--store", store, kStoreHelp)->envname("PACTUM_STORE");
  backup_cmd->add_option("--to", backup_file, "The backup file to write (must not exist)")
      ->required();
  backup_cmd->add_flag("-q,--quiet", quiet, "Print nothing when it succeeds");
  RunReport run_report;
  backup_cmd->add_option("--report-to", run_report.server,
                         "A server's URL: report this run there as a backup run (B1)");
  backup_cmd->add_option("--token", run_report.token, "An API token with the backups scope")
      ->envname("PACTUM_TOKEN");
  backup_cmd->add_option("--location", run_report.location,
                         "The plan's backup location this copy goes to, e.g. local");
  auto* restore_cmd = app.add_subcommand(
      "restore", "Make a data directory from a backup file (the directory must be empty)");
  restore_cmd->add_option("--from", backup_file, "The backup file")->required();
  restore_cmd->add_option("--data", data, kDataHelp)->envname("PACTUM_DATA")->required();
  restore_cmd->add_flag("-q,--quiet", quiet, "Print nothing when it succeeds");

  // pactum migrate
  std::string migrate_to;
  auto* migrate_cmd = app.add_subcommand(
      "migrate", "Copy a data directory's SQLite store into an empty PostgreSQL database");
  migrate_cmd->add_option("--from", data, "The data directory")->required();
  migrate_cmd->add_option("--to", migrate_to, "The PostgreSQL database (postgres://…)")->required();
  migrate_cmd->add_flag("-q,--quiet", quiet, "Print nothing when it succeeds");

  // pactum witness
  auto* witness_cmd = app.add_subcommand(
      "witness", "Witness the log for a party: cosign only checkpoints consistent with the last");
  WitnessArgs witness_args;
  witness_cmd->add_option("--server", witness_args.server, "The server's URL")->required();
  witness_cmd->add_option("--key", witness_args.key_file, "The witness key (pactum key generate)")
      ->required();
  witness_cmd->add_option("--name", witness_args.name, "The witness's registered name")->required();
  witness_cmd->add_option("--state", witness_args.state, "Where the cosigned checkpoints are kept")
      ->required();
  witness_cmd->add_option("--log-key", witness_args.log_key,
                          "The log's verifier key (default: the server's, trusted on first use)");
  witness_cmd->add_option("--interval", witness_args.interval_seconds, "Seconds between rounds")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  witness_cmd->add_flag("--once", witness_args.once, "One round, then exit");
  witness_cmd->add_option("--on-alarm", witness_args.on_alarm,
                          "A shell command run on an alarm (the reason in PACTUM_ALARM)");

  // pactum key generate
  auto* key = app.add_subcommand("key", "Keys for witnesses and signers");
  key->require_subcommand(1);
  auto* key_generate_cmd = key->add_subcommand("generate", "Make a new Ed25519 key");
  std::string key_file, witness_name;
  key_generate_cmd->add_option("--out", key_file, "Where to write the key (must not exist)")
      ->required();
  key_generate_cmd->add_option("--witness", witness_name,
                               "A witness's name (e.g. party-b.example/witness): prints its "
                               "verifier key");

  // pactum incident report|list|show
  auto* incident = app.add_subcommand("incident", "Report and look at incidents on a server");
  incident->require_subcommand(1);
  Remote remote;
  incident->add_option("--server", remote.server, "The server's URL")
      ->envname("PACTUM_SERVER")
      ->capture_default_str();
  incident->add_option("--token", remote.token, "An API token")->envname("PACTUM_TOKEN");
  ReportArgs report;
  auto* report_cmd = incident->add_subcommand("report", "Report an incident (P1); prints its id");
  report_cmd->add_option("--trigger", report.trigger, "Trigger category, e.g. T1")->required();
  report_cmd->add_option("--condition", report.condition, "Condition, e.g. T1.outage");
  report_cmd->add_option("--phenomenon", report.phenomenon, "问题现象")->required();
  report_cmd->add_option("--scope", report.scope, "影响范围")->required();
  report_cmd->add_option("--cause", report.cause_guess, "初步原因猜测")->required();
  report_cmd->add_option("--discovered-at", report.discovered_at, "RFC 3339; default now");
  report_cmd->add_option("--responsible", report.responsible_party, "责任方 (party id)")
      ->required();
  report_cmd->add_flag("--exercise", report.exercise,
                       "An exercise of a drill (演练): numbered EX-…, every message marked");
  std::string list_status = "open";
  bool list_json = false;
  auto* list = incident->add_subcommand("list", "List incidents");
  list->add_option("--status", list_status, "open, all, or a status")->capture_default_str();
  list->add_flag("--json", list_json, "Print the API's JSON");
  bool list_exercises = false;
  list->add_flag("--exercise", list_exercises, "List the drills' exercises instead");
  std::string incident_id;
  auto* show_incident = incident->add_subcommand("show", "Show an incident");
  show_incident->add_option("ID", incident_id, "e.g. INC-2026-0001")->required();

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
    const CLI::App* deepest = &app;
    while (!deepest->get_subcommands().empty()) deepest = deepest->get_subcommands().front();
    err << "Run '" << deepest->get_display_name(true) << " --help' for usage.\n";
    return kExitUsage;
  }

  if (*check) return plan_check(plan_file, quiet, out, err);
  if (*show) {
    return plan_show(plan_file, *parse_lang(lang_tag),
                     format == "json" ? ShowFormat::json : ShowFormat::text, out, err);
  }
  if (*verify && !bundle.empty()) return audit_verify_bundle(bundle, quiet, out, err);
  if (!runtime) return need_runtime(err);
  if (*incident) {
    if (*report_cmd) return incident_report(remote, report, runtime->clock(), out, err);
    if (*list) return incident_list(remote, list_status, list_exercises, list_json, out, err);
    return incident_show(remote, incident_id, out, err);
  }
  runtime->use_store(store);
  if (*migrate_cmd) return migrate(*runtime, data, migrate_to, quiet, out, err);
  if (*archive_cmd) return archive(*runtime, data, archive_out, archive_documents, out, err);
  if (*activate) return plan_activate(*runtime, data, plan_file, out, err);
  if (*init) return init_data(*runtime, data, plan_file, demo_users, out, err);
  if (*user_add_cmd) return user_add(*runtime, data, user_args, out, err);
  if (*passwd) return user_passwd(*runtime, data, user_args.id, out, err);
  if (*token_create_cmd) {
    return token_create(*runtime, data, token_user, token_name, scopes, expires_in, out, err);
  }
  if (*token_list_cmd) return token_list(*runtime, data, token_user, out, err);
  if (*token_revoke_cmd) return token_revoke(*runtime, data, token_id, out, err);
  if (*verify) {
    int verified = audit_verify(*runtime, data, quiet, out, err);
    if (verified == kExitOk) verified = audit_timestamps(*runtime, data, tsa_ca, quiet, out, err);
    if (verified != kExitOk || checkpoint_files.empty()) return verified;
    return audit_checkpoints(*runtime, data, checkpoint_files, trusted_keys, out, err);
  }
  if (*backup_cmd) return backup(*runtime, data, backup_file, run_report, quiet, out, err);
  if (*restore_cmd) return restore(*runtime, backup_file, data, quiet, out, err);
  if (*key_generate_cmd) return key_generate(key_file, witness_name, out, err);
  if (*witness_cmd) return witness(witness_args, runtime->clock(), out, err);
  if (*serve) {
    if (!config_file.empty()) {
      std::set<std::string> set_here;
      const std::pair<CLI::Option*, const char*> options[] = {{o_listen, "listen"},
                                                              {o_data, "data"},
                                                              {o_store, "store"},
                                                              {o_plan, "plan"},
                                                              {o_dev, "dev_clock"},
                                                              {o_log, "log_level"},
                                                              {o_body, "max_body_bytes"},
                                                              {o_file, "max_file_size"},
                                                              {o_threads, "threads"},
                                                              {o_secure, "secure_cookies"},
                                                              {o_offset, "dev_clock_offset"},
                                                              {o_read, "read_timeout"},
                                                              {o_idle, "idle_timeout"},
                                                              {o_notify, "notify"},
                                                              {o_mailbox, "mailbox"},
                                                              {o_url, "public_url"},
                                                              {o_checkpoint, "checkpoint_interval"},
                                                              {o_snapshot, "snapshot_every"},
                                                              {o_tsa, "tsa"},
                                                              {o_conns, "max_connections"},
                                                              {o_metrics, "protect_metrics"},
                                                              {o_proxies, "trusted_proxies"}};
      for (const auto& [opt, key] : options) {
        if (opt->count() > 0) set_here.insert(key);
      }
      if (Status e = apply_config_file(config_file, set_here, serve_config); !e.ok()) {
        err << "pactum: " << e.error().message << "\n";
        return kExitUsage;
      }
    }
    runtime->use_store(serve_config.store);
    return runtime->serve(serve_config, out, err);
  }
  err << app.help();
  return kExitUsage;
}

}  // namespace pactum::cli
