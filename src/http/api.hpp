// The HTTP API (base path /api/v1, documented in docs/openapi.yaml): thin handlers that parse a
// request, call the engine, and serialise the result. Who may call what is declared with each
// route (Access); the checks themselves run in one place (api.cpp).
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "base/worker_pool.hpp"
#include "domain/incident.hpp"
#include "engine/alert_intake.hpp"
#include "engine/auth.hpp"
#include "engine/calendar_feeds.hpp"
#include "engine/clocks.hpp"
#include "engine/engine.hpp"
#include "engine/fund.hpp"
#include "engine/governance.hpp"
#include "engine/leadership.hpp"
#include "engine/plan_expiry.hpp"
#include "engine/programme.hpp"
#include "engine/scheduler.hpp"
#include "engine/silences.hpp"
#include "engine/transparency.hpp"
#include "http/request_response.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "obs/metrics.hpp"
#include "store/file_store.hpp"

namespace pactum::http {

enum class Access {
  anonymous,  // no credentials needed
  read,       // any signed-in user; tokens need the "read" scope
  write,      // any signed-in user; tokens need "write"; sessions need the CSRF header
  alerts,     // tokens with the "alerts" scope (monitoring)
  backups,    // any signed-in user; tokens need "backups" (backup jobs reporting, B1 B2)
  admin,      // administrators; tokens need "admin"
  metrics,    // any signed-in user; tokens need "metrics" (GET /metrics when protected)
};

struct Call {
  Request& request;
  std::optional<engine::Caller> caller;  // set unless the route is anonymous
  Actor actor;                           // the caller as the plan sees them
};

using CallHandler = std::function<void(Call&, Reply)>;

// How long a handler may take. A slow one (password hashing, reading many records back) runs on
// the API's worker threads; a quick one on its connection's event loop, like the I/O.
enum class Pace { quick, slow };

// What a write's body may be (a write without a body needs no type). Another type, or none,
// answers 415 before the handler runs.
enum class Body {
  json,     // application/json: every API route but the one below
  ignored,  // not read: the acknowledgement page's form posts what a browser sends
  file,     // an evidence file: any type, or multipart/form-data (POST /api/v1/files)
};

// How the server reaches people: no channel configured (every message fails), the channels of
// --notify, or the built-in mailbox of demos and trials (serve --mailbox). GET /api/v1/me says
// which, so the web app can say it once, plainly.
enum class Notifications { none, channels, mailbox };

struct ApiOptions {
  std::string version;                       // the program's (CMake's project version)
  std::string openapi_yaml;                  // served at /api/openapi.yaml
  engine::OffsetClock* dev_clock = nullptr;  // set: POST /api/v1/dev/clock moves time (tests, demo)
  bool secure_cookies = false;               // mark the session cookie Secure (behind TLS)
  StaticFiles web;                           // the web app, served at / (none in tests)
  engine::AlertIntake* alerts = nullptr;     // T5 ingestion; unset: the alert routes answer 503
  engine::Silences* silences = nullptr;  // T5 maintenance windows; unset: their routes answer 503
  engine::Transparency* transparency = nullptr;  // unset: the log routes answer 503
  engine::Governance* governance = nullptr;      // unset: the signing routes answer 503
  engine::PlanExpiry* expiry = nullptr;  // G5: the archive once the plan expired; unset: not shown
  engine::ProgrammeRecords* programme = nullptr;    // drills, trainings, meetings; unset: 503
  engine::FundRecords* fund = nullptr;              // the emergency fund (F1–F4); unset: 503
  engine::CalendarFeeds* calendar_feeds = nullptr;  // each user's feed address; unset: 503
  // How people are reached; with the mailbox, GET /api/v1/mailbox answers.
  Notifications notifications = Notifications::none;
  store::FileStore* files = nullptr;  // evidence files (L4); unset: their routes answer 503
  std::size_t max_file_bytes = 20 * 1024 * 1024;  // the largest file uploaded (413 beyond)
  bool protect_metrics = false;  // GET /metrics needs the "metrics" scope (or a session)
  // Peers (reverse proxies) whose X-Forwarded-For header names the client: its last entry is the
  // address sign-ins are throttled by. Other peers are the client themselves.
  std::vector<std::string> trusted_proxies;
  // Several nodes: whether this one holds the scheduler's lease (/readyz, /metrics). Unset: one
  // node, which always runs the scheduler.
  const engine::Leadership* leadership = nullptr;
};

class Api {
 public:
  Api(engine::Engine& engine, engine::Auth& auth, store::EventLog& log, obs::Metrics& metrics,
      engine::Scheduler* scheduler, ApiOptions options);

  // The request handler for the server: routing, authentication, authorisation, metrics.
  void handle(Request& request, Reply reply);
  const Router& router() const { return router_; }
  // The client's address: the peer, or the last X-Forwarded-For entry a trusted proxy added.
  std::string client_address(const Request& request) const;

  // Called by the route files.
  void route(const std::string& method, const std::string& pattern, Access access, CallHandler h,
             Pace pace = Pace::quick, Body body = Body::json);
  engine::Engine& engine() { return engine_; }
  engine::Auth& auth() { return auth_; }
  store::EventLog& log() { return log_; }
  store::Outbox& outbox() { return log_.outbox(); }
  obs::Metrics& metrics() { return metrics_; }
  engine::Scheduler* scheduler() { return scheduler_; }
  const ApiOptions& options() const { return options_; }

 private:
  // Counts an answered request: `route` is its route's pattern (or a fixed label), `method` an
  // index into the methods counted by name.
  void count_request(const std::string* route, std::size_t method, int status, double seconds,
                     bool timed);

  engine::Engine& engine_;
  engine::Auth& auth_;
  store::EventLog& log_;
  obs::Metrics& metrics_;
  engine::Scheduler* scheduler_;
  ApiOptions options_;
  Router router_;
  // Each request's series, found in the registry once, by their labels' addresses: the route
  // patterns stay where the router keeps them, as every route is added by the constructor.
  std::mutex series_mutex_;
  std::map<std::tuple<const std::string*, std::size_t, int>, obs::Metrics::Counter*>
      request_counts_;
  std::map<const std::string*, obs::Metrics::Histogram*> request_durations_;
  base::WorkerPool slow_{
      2, "api-slow"};  // last: its jobs use the rest, and its destructor waits for them
};

// Each adds its group of routes.
void add_session_routes(Api& api);
void add_plan_routes(Api& api);
void add_incident_routes(Api& api);
void add_incident_list_routes(Api& api);  // the list, its filters and paging, the CSV export
// The answer for an incident id that names none (reason "incident.not_found"), on every route.
Error no_incident(const std::string& id);
void add_external_message_routes(Api& api);  // M1: an incident's external messages
void add_health_routes(Api& api);            // health, readiness, the OpenAPI document
void add_metrics_routes(Api& api);           // /metrics
void add_event_routes(Api& api);             // the audit chain, the event export and stream
void add_dev_clock_routes(Api& api);         // serve --dev-clock
void add_message_routes(Api& api);
void add_mailbox_routes(Api& api);  // serve --mailbox: each person's messages
void add_alert_routes(Api& api);
void add_silence_routes(Api& api);
void add_log_routes(Api& api);
void add_signing_routes(Api& api);
void add_document_routes(Api& api);  // the PDF documents

// The {v} of a plan version's route: a whole number, or an error naming it.
Result<std::int64_t> version_param(const Request& request);
void add_programme_routes(Api& api);
void add_fund_routes(Api& api);  // the emergency fund (F1–F4)
void add_backup_routes(Api& api);
void add_calendar_routes(Api& api);
void add_file_routes(Api& api);  // evidence files (L4)

// A JSON body with a status.
Response json_response(int status, const boost::json::value& body);

}  // namespace pactum::http
