// Data backups (B1–B3): backup jobs report their runs, restore tests are recorded, and the plan's
// backup locations are shown with their isolation and last successful run. The routes parse and
// serialise; what a report may say and what it means for the duties is domain/programme/backups
// and domain/programme/duties, their recording engine/programme.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/programme/backups.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

const Error kNoProgramme = not_running("the preparedness programme");

// "success" → true, "failure" → false; anything else fails the input, naming "result".
std::optional<bool> read_result(const std::string& result) {
  if (result == "success") return true;
  if (result == "failure") return false;
  return std::nullopt;
}

Result<BackupRun> parse_run(Input& in) {
  BackupRun r;
  r.location = in.str("location", true, 64);
  if (auto t = in.instant("started_at")) r.started_at = *t;
  if (auto t = in.instant("finished_at")) r.finished_at = *t;
  r.size = in.integer("size", 0, kMaxBackupBytes);
  r.sha256 = in.str("sha256", true, 64);
  std::string result = in.str("result", true, 16);
  if (Status e = in.finish(); !e.ok()) return e.error();
  auto success = read_result(result);
  if (!success) {
    return invalid("result", fmt::format("\"{}\" is not success or failure", result));
  }
  r.success = *success;
  return r;
}

Result<RestoreTest> parse_restore_test(Input& in, Instant now) {
  RestoreTest t;
  t.dataset = in.str("dataset", true, 200);
  t.location = in.str("location", true, 64);
  t.held_at = in.instant("held_at", false).value_or(now);
  std::string duration = in.str("duration", true, 16);
  std::string result = in.str("result", true, 16);
  if (Status e = in.finish(); !e.ok()) return e.error();
  auto d = parse_duration(duration);
  if (!d) {
    return invalid("duration", fmt::format("\"{}\" is not a duration such as 45m or 2h", duration));
  }
  t.duration = *d;
  auto success = read_result(result);
  if (!success) {
    return invalid("result", fmt::format("\"{}\" is not success or failure", result));
  }
  t.success = *success;
  return t;
}

array rates_json(const std::vector<SuccessRate>& rates) {
  array out;
  for (const auto& r : rates) {
    out.push_back(object{{"period", r.period},
                         {"tests", r.tests},
                         {"succeeded", r.succeeded},
                         {"per_mille", r.per_mille()}});
  }
  return out;
}

// POST: the record as `parse` reads it, stored by `store`, answered 201 with `to_json`'s view.
template <class Record, class Parse, class Store, class ToJson>
void record_route(Api& api, const std::string& path, Parse parse, Store store, ToJson to_json) {
  api.route("POST", path, Access::backups, [&api, parse, store, to_json](Call& call, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    Result<Record> record = parse(*in, api.engine().clock().now());
    if (!record) return reply(error_response(record.error()));
    Record copy = *record;
    store(*programme, std::move(*record), call.actor,
          [reply, copy, to_json](Result<std::string> id) mutable {
            if (!id) return reply(error_response(id.error()));
            copy.id = *id;
            reply(json_response(201, to_json(copy)));
          });
  });
}

}  // namespace

void add_backup_routes(Api& api) {
  // B3: where backups are kept and whether each place is isolated; with each place's last
  // successful run (B1).
  api.route("GET", "/api/v1/backups", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    auto plan = api.engine().plan();
    if (!plan) return reply(error_response(precondition("no plan is in force")));
    const auto& b = plan->plan.backups;
    auto records = programme->records();
    array locations;
    for (const auto& l : b.locations) {
      const BackupRun* last = nullptr;
      for (const auto& r : records->backup_runs) {
        if (r.location == l.id && r.success && (!last || r.finished_at > last->finished_at)) {
          last = &r;
        }
      }
      locations.push_back(
          object{{"id", l.id},
                 {"kind", l.kind},
                 {"name", object{{"zh", l.name.zh}, {"en", l.name.en}}},
                 {"isolated", l.isolated},
                 {"last_success", last ? boost::json::value(backup_run_to_json(*last)) : nullptr}});
    }
    reply(json_response(200, object{{"locations", std::move(locations)}}));
  });

  record_route<BackupRun>(
      api, "/api/v1/backups/runs", [](Input& in, Instant) { return parse_run(in); },
      [](engine::ProgrammeRecords& p, BackupRun r, const Actor& by,
         engine::ProgrammeRecords::Recorded done) { p.record_backup_run(std::move(r), by, done); },
      backup_run_to_json);
  api.route("GET", "/api/v1/backups/runs", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    array runs;
    auto records = programme->records();  // held: a range over records()->… would dangle
    for (const auto& r : records->backup_runs) runs.push_back(backup_run_to_json(r));
    reply(json_response(200, object{{"runs", std::move(runs)}}));
  });

  record_route<RestoreTest>(
      api, "/api/v1/backups/restore-tests", parse_restore_test,
      [](engine::ProgrammeRecords& p, RestoreTest t, const Actor& by,
         engine::ProgrammeRecords::Recorded done) {
        p.record_restore_test(std::move(t), by, done);
      },
      restore_test_to_json);
  // B2: the tests and their success rate per month and per year (the plan's time zone).
  api.route("GET", "/api/v1/backups/restore-tests", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    auto plan = api.engine().plan();
    if (!plan) return reply(error_response(precondition("no plan is in force")));
    auto records = programme->records();
    const auto& tests = records->restore_tests;
    array out;
    for (const auto& t : tests) out.push_back(restore_test_to_json(t));
    const Calendar& cal = plan->plan.calendar;
    reply(json_response(
        200,
        object{{"restore_tests", std::move(out)},
               {"success_rate",
                object{{"months", rates_json(restore_success_rates(cal, tests, Period::month))},
                       {"years", rates_json(restore_success_rates(cal, tests, Period::year))}}}}));
  });
}

}  // namespace pactum::http
