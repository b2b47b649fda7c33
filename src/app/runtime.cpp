#include "app/runtime.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "app/data_directory.hpp"
#include "app/fd_limit.hpp"
#include "app/notify_reload.hpp"
#include "app/serve_lock.hpp"
#include "app/service_manager.hpp"
#include "app/store.hpp"
#include "base/this_thread.hpp"
#include "cli/archive_commands.hpp"
#include "engine/alert_intake.hpp"
#include "engine/audit.hpp"
#include "engine/auth.hpp"
#include "engine/checkpoint_issuer.hpp"
#include "engine/clocks.hpp"
#include "engine/delivery.hpp"
#include "engine/engine.hpp"
#include "engine/governance.hpp"
#include "engine/leadership.hpp"
#include "engine/plan_expiry.hpp"
#include "engine/scheduler.hpp"
#include "engine/silences.hpp"
#include "engine/snapshots.hpp"
#include "engine/transparency.hpp"
#include "http/api.hpp"
#include "http/archive_documents.hpp"
#include "http/assets.hpp"
#include "http/server.hpp"
#include "notify/config.hpp"
#include "notify/mailbox_channel.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "planfile/load.hpp"
#include "store/file_store.hpp"
#include "store/postgres/connection.hpp"
#include "store/snapshot_files.hpp"
#include "tsa/timestamp.hpp"

extern const char* const kOpenApiYaml;
extern const pactum::http::Asset kWebAssets[];
extern const std::size_t kWebAssets_count;
extern const std::size_t kOpenApiYaml_size;

namespace pactum::app {
namespace {

std::optional<std::pair<std::string, std::uint16_t>> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  try {
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) return std::nullopt;
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
      host = host.substr(1, host.size() - 2);
    return std::pair{host, static_cast<std::uint16_t>(port)};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

obs::Level level_of(const std::string& s) {
  if (s == "debug") return obs::Level::debug;
  if (s == "warn") return obs::Level::warn;
  if (s == "error") return obs::Level::error;
  return obs::Level::info;
}

}  // namespace

Result<cli::Storage> AppRuntime::open_storage(const std::string& data_dir) {
  return open_store(data_dir, store_);
}

Result<std::unique_ptr<store::EventSource>> AppRuntime::read_log(const std::string& data_dir) {
  return read_store(data_dir, store_);
}

engine::DocumentProducer AppRuntime::archive_documents(Instant generated_at) const {
  return http::archive_documents(generated_at);
}

Result<std::vector<store::StoredCheckpoint>> AppRuntime::read_checkpoints(
    const std::string& data_dir) {
  return read_store_checkpoints(data_dir, store_);
}

Status AppRuntime::back_up(const std::string& data_dir, const std::string& file) {
  return back_up_store(data_dir, store_, file);
}

Status AppRuntime::migrate(const std::string& data_dir, const std::string& url) {
  return migrate_store(data_dir, url);
}

Result<std::unique_ptr<store::EventSource>> AppRuntime::read_backup(const std::string& file) {
  return read_backup_file(file);
}

Status AppRuntime::restore(const std::string& file, const std::string& data_dir) {
  return restore_data_directory(file, data_dir);
}

int AppRuntime::serve(const cli::ServeConfig& config, std::ostream& out, std::ostream& err) {
  obs::set_log_level(level_of(config.log_level));
  auto listen = split_listen(config.listen);
  if (!listen) {
    err << "pactum: --listen takes ADDRESS:PORT, e.g. 127.0.0.1:8080\n";
    return 2;
  }
  // SIGTERM, SIGINT and SIGHUP are handled by one thread (below); block them everywhere else,
  // before any thread starts, so that no other thread is interrupted by them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto storage = open_storage(config.data);
  if (!storage) {
    err << "pactum: " << storage.error().message << "\n";
    return 1;
  }
  std::optional<ServeLock> sole_server;  // SQLite: one server per data directory
  if (store_.empty()) {
    auto locked = ServeLock::take(config.data);
    if (!locked) {
      err << "pactum: " << locked.error().message << "\n";
      return 1;
    }
    sole_server.emplace(std::move(*locked));
  }
  engine::SystemClock system_clock;
  engine::OffsetClock dev_clock;
  if (!config.dev_clock_offset.empty()) {
    auto d = parse_duration(config.dev_clock_offset);
    if (!config.dev_clock || !d ||
        (d->unit != DurationUnit::minutes && d->unit != DurationUnit::hours)) {
      err << "pactum: --dev-clock-offset takes minutes or hours (e.g. 2h) and needs --dev-clock\n";
      return 2;
    }
    dev_clock.advance(d->unit == DurationUnit::hours
                          ? std::chrono::milliseconds(std::chrono::hours(d->count))
                          : std::chrono::milliseconds(std::chrono::minutes(d->count)));
  }
  const Clock& clock = config.dev_clock ? static_cast<const Clock&>(dev_clock) : system_clock;
  // The record is evidence: an altered chain is neither served nor appended to.
  auto verified = engine::verify_since_last_start(*storage->log);
  if (!verified) {
    err << "pactum: " << verified.error().message << "\n"
        << "pactum: refusing to start; `pactum audit verify --data " << config.data
        << (store_.empty() ? "" : " --store " + store::pg::redacted(store_))
        << "` shows the same\n";
    return 1;
  }
  obs::log(obs::Level::info, "evidence chain verified",
           {{"events", verified->events}, {"head", verified->head_hash}});
  engine::Engine engine(*storage->log, clock);
  // The transparency log (docs/evidence.md): signed by the key made on first start, which also
  // names it. Subscribed before the engine loads, so that the one read of the log at start grows
  // the tree too; a log that no longer extends the checkpoint it last signed is refused.
  auto log_key = secret_file(config.data, "log.key");
  auto seed = log_key ? evidence::hash_from_hex(*log_key) : std::nullopt;
  if (!seed) {
    err << "pactum: " << (log_key ? config.data + "/log.key is damaged" : log_key.error().message)
        << "\n";
    return 1;
  }
  engine::Transparency transparency(
      *storage->log, *storage->checkpoints, clock, engine::default_origin(*seed), *seed,
      [&engine](auto records) { engine.observe(std::move(records)); });
  engine.subscribe([&transparency](const store::RecordedEvent& e) { transparency.observe(e); });
  // Fast restarts: the read model and the tree from the newest snapshot the chain still bears
  // out, so that the load below replays only the events after it (engine/snapshots.hpp).
  engine::Snapshots snapshots(engine, transparency, *storage->log,
                              store::SnapshotFiles(config.data + "/snapshots"),
                              config.snapshot_every);
  snapshots.restore();
  if (Status e = engine.load(); !e.ok()) {
    err << "pactum: reading the event log: " << e.error().message << "\n";
    return 1;
  }
  if (Status e = transparency.check(); !e.ok()) {
    err << "pactum: " << e.error().message << "\npactum: refusing to start\n";
    return 1;
  }
  if (!config.plan.empty()) {
    std::ifstream in(config.plan, std::ios::binary);
    std::stringstream yaml;
    yaml << in.rdbuf();
    auto loaded = planfile::load_plan_text(yaml.str());
    if (!in || !loaded.plan) {
      err << "pactum: the plan " << config.plan << " is not valid; run `pactum plan check "
          << config.plan << "`\n";
      return 1;
    }
    auto current = engine.plan();
    if (!current || current->version < loaded.plan->version) {
      auto r = engine.activate_plan(yaml.str(), Actor{"system:serve", "", {}});
      if (!r) {
        err << "pactum: " << r.error().message << "\n";
        return 1;
      }
      obs::log(obs::Level::info, "plan activated",
               {{"version", (*r)->version}, {"file", config.plan}});
    }
  }
  // Messages: where links point, the key that signs acknowledgement links (kept in the data
  // directory, made on first start), and the channels of the notify file.
  auto key = secret_file(config.data, "secret.key");
  if (!key) {
    err << "pactum: " << key.error().message << "\n";
    return 1;
  }
  // The plan signed by both parties (docs/plan-signing.md): keys, proposals, signatures.
  engine::Governance governance(engine, *storage->log,
                                [&engine](auto records) { engine.observe(std::move(records)); });
  if (Status e = governance.load(); !e.ok()) {
    err << "pactum: reading the plan's versions and signatures: " << e.error().message << "\n";
    return 1;
  }
  engine.subscribe([&governance](const store::RecordedEvent& e) { governance.observe(e); });
  if (Status e = governance.resume(); !e.ok()) {
    err << "pactum: putting a plan version signed by every party in force: " << e.error().message
        << "\n";
    return 1;
  }
  engine::CheckpointIssuer checkpoints(
      engine, transparency, std::chrono::seconds(config.checkpoint_interval_seconds),
      [](const Error& e) {
        obs::log(obs::Level::warn, "checkpoint not issued or not time-stamped",
                 {{"error", e.message}});
      });
  if (!config.tsa.empty()) {
    checkpoints.time_stamp_with(
        [url = config.tsa](std::string_view text) { return tsa::stamp(url, text); });
  }
  if (config.mailbox && !config.notify.empty()) {
    err << "pactum: --mailbox keeps every message on this server instead of sending it: it "
           "cannot be used with --notify "
        << config.notify << "\n";
    return 2;
  }
  notify::NotifyConfig notify_config;
  if (!config.notify.empty()) {
    auto loaded = notify::load_notify_config(config.notify);
    if (!loaded) {
      err << "pactum: " << loaded.error().message << "\n";
      return 2;
    }
    notify_config = std::move(*loaded);
  }
  std::string public_url = !config.public_url.empty()        ? config.public_url
                           : !notify_config.base_url.empty() ? notify_config.base_url
                                                             : "http://" + config.listen;
  engine.set_messaging({public_url, *key});
  notify::Channels channels(notify_config, clock);
  if (config.mailbox) channels.deliver_all_to(std::make_unique<notify::MailboxChannel>());
  // Several nodes on one PostgreSQL (docs/operations.md, "Several nodes"): only the lease
  // holder runs the scheduler and delivers; on SQLite this node always holds it.
  engine::Leadership leadership(storage->leases.get());
  engine::DeliveryWorker delivery(storage->log->outbox(), channels, engine, clock);
  delivery.only_while([&leadership] { return leadership.fence(); });
  engine::Auth auth(*storage->accounts, clock, storage->log.get());
  engine::Scheduler scheduler(engine);
  scheduler.only_while([&leadership] { return leadership.fence(); });
  leadership.on_change([&](bool) {
    scheduler.wake();
    delivery.wake();
  });
  engine::Silences silences(engine, *storage->log);
  if (Status e = silences.load(); !e.ok()) {
    err << "pactum: reading the silences: " << e.error().message << "\n";
    return 1;
  }
  engine::ProgrammeRecords programme(engine, *storage->log);
  governance.joint_meetings_from([&programme] { return programme.records()->meetings; });
  programme.versions_from([&governance] {  // G2: the new version after a review found changes
    std::vector<VersionInForce> out;
    for (const auto& v : governance.versions()) {
      if (v.activated_at) out.push_back({v.version, *v.activated_at});
    }
    return out;
  });
  if (Status e = programme.load(); !e.ok()) {
    err << "pactum: reading the programme's records: " << e.error().message << "\n";
    return 1;
  }
  engine::FundRecords fund(engine, *storage->log);
  if (Status e = fund.load(); !e.ok()) {
    err << "pactum: reading the emergency fund: " << e.error().message << "\n";
    return 1;
  }
  programme.fund_from([&fund] { return fund.fund(); });  // F1's top-up, F3's reconciliation
  fund.keys_from([&governance] {  // F4: an approver with a signing key signs the approval
    std::vector<fund::ApproverKey> out;
    for (const auto& k : governance.keys()) {
      out.push_back({k.key_id, k.contact, k.public_key, k.revoked_at.has_value()});
    }
    return out;
  });
  engine::CalendarFeeds calendar_feeds(engine, *storage->log, *key);
  if (Status e = calendar_feeds.load(); !e.ok()) {
    err << "pactum: reading the calendar feeds: " << e.error().message << "\n";
    return 1;
  }
  engine::AlertIntake alerts(engine, *storage->log, &silences);
  if (Status e = alerts.load(); !e.ok()) {
    err << "pactum: reading the alerts: " << e.error().message << "\n";
    return 1;
  }
  scheduler.also([&alerts] { return alerts.evaluate(); });
  scheduler.also([&programme] { return programme.record_breaches(); });
  // G5: at the agreement's end the plan expires and the archive bundle is written beside the log.
  engine::PlanExpiry expiry(
      engine, *storage->log, &programme, [&](Instant now) -> Result<engine::PlanExpiry::Bundle> {
        // Read through connections of its own, as `pactum archive` does: the writer's stay its.
        auto plan = engine.plan();
        std::string name = fmt::format("archive-{}-{}.tar", plan->plan.id,
                                       date::format("%F", plan->plan.agreement.ends));
        auto written = cli::write_archive(*this, config.data, config.data + "/" + name, {}, now);
        if (!written) {
          obs::log(obs::Level::warn, "archive bundle not written",
                   {{"error", written.error().message}});
          return written.error();
        }
        obs::log(obs::Level::info, "archive bundle written",
                 {{"file", name}, {"sha256", written->sha256}, {"files", written->files}});
        return engine::PlanExpiry::Bundle{name, written->sha256};
      });
  if (Status e = expiry.load(); !e.ok()) {
    err << "pactum: reading the plan's expiry: " << e.error().message << "\n";
    return 1;
  }
  scheduler.also([&expiry] { return expiry.step(); });
  obs::Metrics metrics;
  http::ApiOptions options;
  options.version = PACTUM_VERSION;
  options.openapi_yaml.assign(kOpenApiYaml, kOpenApiYaml_size);
  options.dev_clock = config.dev_clock ? &dev_clock : nullptr;
  options.secure_cookies = config.secure_cookies;
  options.web = http::StaticFiles(kWebAssets, kWebAssets_count);
  options.alerts = &alerts;
  options.silences = &silences;
  options.protect_metrics = config.protect_metrics;
  options.trusted_proxies = config.trusted_proxies;
  options.transparency = &transparency;
  options.governance = &governance;
  options.expiry = &expiry;
  options.programme = &programme;
  options.fund = &fund;
  options.calendar_feeds = &calendar_feeds;
  if (storage->leases) options.leadership = &leadership;
  options.notifications = config.mailbox     ? http::Notifications::mailbox
                          : channels.empty() ? http::Notifications::none
                                             : http::Notifications::channels;
  store::FileStore files(config.data + "/files");  // evidence files (L4)
  options.files = &files;
  options.max_file_bytes = static_cast<std::size_t>(config.max_file_size);
  http::Api api(engine, auth, *storage->log, metrics, &scheduler, options);
  http::ServerOptions server_options;
  server_options.address = listen->first;
  server_options.port = listen->second;
  server_options.threads = config.threads;
  server_options.max_body_bytes = static_cast<std::size_t>(config.max_body_bytes);
  // An upload is the file, or a multipart form around it: room for the form's few headers.
  server_options.body_limits = {{"/api/v1/files", options.max_file_bytes + 64 * 1024}};
  server_options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  server_options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  // Every connection takes a file descriptor: as many as the system lets us have, and a cap on
  // connections that leaves the rest of the process its own.
  FdLimit fds = raise_fd_limit();
  std::size_t fd_allowance = connections_within(fds.soft);
  server_options.max_connections = config.max_connections > 0
                                       ? static_cast<std::size_t>(config.max_connections)
                                       : std::min(server_options.max_connections, fd_allowance);
  obs::log(obs::Level::info, "file descriptors",
           {{"limit", fds.soft},
            {"raised_from", fds.before},
            {"hard_limit", fds.hard},
            {"max_connections", server_options.max_connections}});
  if (server_options.max_connections > fd_allowance) {
    obs::log(obs::Level::warn, "max_connections is more than the file-descriptor limit allows",
             {{"max_connections", server_options.max_connections},
              {"limit", fds.soft},
              {"allowed", fd_allowance}});
  }
  http::Server server(server_options, [&api](http::Request& r, http::Reply reply) {
    api.handle(r, std::move(reply));
  });
  auto port = server.listen();
  if (!port) {
    err << "pactum: " << port.error().message << "\n";
    return 1;
  }
  // What other nodes append reaches this one's read model and live feeds at once.
  if (storage->changes) {
    storage->changes->start([&engine](std::int64_t head) {
      if (head == 0 || head > engine.applied_seq()) (void)engine.catch_up();
    });
  }
  leadership.start();
  scheduler.start();
  delivery.start();
  checkpoints.start();
  snapshots.start();
  std::thread signal_thread = base::start_thread("signals", [&] {
    int sig = 0;
    while (sigwait(&signals, &sig) == 0 && sig == SIGHUP) {
      // Only the channels: the rest of the settings take a restart.
      if (config.notify.empty()) {
        obs::log(obs::Level::info, "SIGHUP: no --notify file to reload");
        continue;
      }
      notify_service_manager("RELOADING=1");
      reload_notify_config(config.notify, notify_config.base_url, channels);
      notify_service_manager("READY=1");
    }
    obs::log(obs::Level::info, "stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    notify_service_manager("STOPPING=1");
    server.stop();
  });
  auto plan = engine.plan();
  obs::log(obs::Level::info, "serving",
           {{"url", fmt::format("http://{}:{}", listen->first, *port)},
            {"data", config.data},
            {"plan_version", plan ? boost::json::value(plan->version) : nullptr},
            {"events", engine.applied_seq()},
            {"dev_clock", config.dev_clock}});
  out << "Pactum is serving on http://" << listen->first << ":" << *port << std::endl;
  // Alerts are acknowledged from the event loop, not through the log's completion thread (a
  // thread hop fewer per commit). Only requests ingest, and run() returns once every request
  // has been answered, so no such completion is in flight when the intake lets go of the loop.
  alerts.complete_on([&server](std::function<void()> job) { server.post(std::move(job)); });
  // Listening, the store open and read, the plan in force: systemd may start what comes after.
  notify_service_manager(
      fmt::format("READY=1\nSTATUS=serving on http://{}:{}", listen->first, *port));
  Watchdog watchdog([&server](std::function<void()> job) { server.post(std::move(job)); });
  watchdog.start();
  server.run();
  watchdog.stop();
  alerts.complete_on(nullptr);
  scheduler.stop();
  delivery.stop();
  leadership.stop();         // hands the lease over at once
  storage->changes.reset();  // stops its thread while the engine it feeds is still here
  checkpoints.stop();
  snapshots.stop();  // the last one: the next start replays nothing
  // The signal thread ends with the signal; when run() ended otherwise, wake it with one.
  if (signal_thread.joinable()) {
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
  }
  obs::log(obs::Level::info, "stopped", {{"events", engine.applied_seq()}});
  return 0;
}

}  // namespace pactum::app
