// The preparedness programme: its duties per year (V2, E2–E4, M1, G2, S2), the records
// that meet them, drills, trainings, meetings and supplier integration tests (with S1's register),
// the completion of the records' action items, and waivers of duties. The routes parse and
// serialise; who may record and what a record may say is engine/programme and domain/programme.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "domain/programme/action_items.hpp"
#include "domain/programme/duties_csv.hpp"
#include "domain/programme/exercise_score.hpp"
#include "domain/programme/figures.hpp"
#include "domain/programme/record_json.hpp"
#include "domain/programme/supplier_tests.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/evidence_input.hpp"
#include "http/json_input.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

const Error kNoProgramme = not_running("the preparedness programme");

// E4: [{contact, passed}]; the error names the item's field.
Status read_assessment(Input& in, std::vector<AssessmentResult>& out) {
  for (auto& a : in.objects("assessment")) {
    AssessmentResult r;
    r.contact = a.str("contact", true, 64);
    r.passed = a.boolean("passed", false);
    if (Status e = a.finish(); !e.ok()) return e;
    out.push_back(std::move(r));
  }
  return {};
}

// Action items, [{text, owner_role, owner_party, due}] (a drill's improvements, a meeting's
// actions); the error names the item's field.
Status read_items(Input& in, const char* list, std::vector<ActionItem>& out) {
  auto items = in.objects(list);
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    ActionItem a;
    a.text = item.str("text");
    a.owner_role = item.str("owner_role", true, 64);
    a.owner_party = item.str("owner_party", true, 64);
    std::string due = item.str("due", true, 10);
    if (Status e = item.finish(); !e.ok()) return e;
    auto day = parse_day(due);
    if (!day) {
      return invalid(fmt::format("{}[{}].due", list, i),
                     fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", due));
    }
    a.due = *day;
    out.push_back(std::move(a));
  }
  return {};
}

Result<DrillRecord> parse_drill(Input& in) {
  DrillRecord d;
  d.kind = in.str("kind", true, 64);
  d.scenario = in.str("scenario", true, 64);
  if (auto t = in.instant("held_at")) d.held_at = *t;
  std::string duration = in.str("duration", false, 16);
  d.facilitator = in.str("facilitator", false, 64);
  d.participants = in.strings("participants", true);
  d.findings = in.str("findings", false);
  if (Status e = read_items(in, "improvements", d.improvements); !e.ok()) return e.error();
  if (Status e = read_assessment(in, d.assessment); !e.ok()) return e.error();
  if (Status e = read_evidence(in, d.evidence, false); !e.ok()) return e.error();
  d.exercise_incident = in.str("exercise_incident", false, 64);
  if (Status e = in.finish(); !e.ok()) return e.error();
  if (!duration.empty()) {
    d.duration = parse_duration(duration);
    if (!d.duration) {
      return invalid("duration",
                     fmt::format("\"{}\" is not a duration such as 90m or 2h", duration));
    }
  }
  return d;
}

Result<TrainingRecord> parse_training(Input& in) {
  TrainingRecord t;
  std::string kind = in.str("kind", true, 32);
  t.topics = in.strings("topics", true);
  if (auto at = in.instant("held_at")) t.held_at = *at;
  t.trainer = in.str("trainer", true, 64);
  t.attendees = in.strings("attendees", true);
  if (Status e = read_assessment(in, t.assessment); !e.ok()) return e.error();
  if (Status e = in.finish(); !e.ok()) return e.error();
  auto k = parse_training_kind(kind);
  if (!k) {
    return invalid("kind", fmt::format("unknown training kind \"{}\" (onboarding, refresher or "
                                       "remedial)",
                                       kind));
  }
  t.kind = *k;
  return t;
}

Result<MeetingRecord> parse_meeting(Input& in) {
  MeetingRecord m;
  m.meeting = in.str("meeting", true, 64);
  if (auto t = in.instant("held_at")) m.held_at = *t;
  m.participants = in.strings("participants", true);
  m.decisions = in.strings("decisions");
  m.outcome = in.str("outcome", false, 2000);
  if (Status e = read_items(in, "actions", m.actions); !e.ok()) return e.error();
  m.incident = in.str("incident", false, 64);  // M1: the daily incident meeting's incident
  if (Status e = in.finish(); !e.ok()) return e.error();
  return m;
}

// S2: {supplier, date: YYYY-MM-DD, scope, result: passed|failed, evidence: [...]}.
Result<SupplierTest> parse_supplier_test(Input& in) {
  SupplierTest t;
  t.supplier = in.str("supplier", true, 64);
  std::string day = in.str("date", true, 10);
  t.scope = in.str("scope", true, 2000);
  std::string result = in.str("result", true, 16);
  if (Status e = read_evidence(in, t.evidence, true); !e.ok()) return e.error();
  if (Status e = in.finish(); !e.ok()) return e.error();
  auto on = parse_day(day);
  if (!on) return invalid("date", fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", day));
  t.on = *on;
  auto r = parse_test_result(result);
  if (!r)
    return invalid("result", fmt::format("\"{}\" is not a result (passed or failed)", result));
  t.result = *r;
  return t;
}

// The API's view of a record: its action items with their state now (domain/programme/
// record_json.hpp). Without a plan in force, which gives the time zone, as recorded.
template <class Record, class View, class ToJson>
object view(Api& api, const Record& r, View with_items, ToJson as_recorded) {
  auto plan = api.engine().plan();
  auto* programme = api.options().programme;
  if (!plan || !programme) return as_recorded(r);
  return with_items(r, *programme->records(), plan->plan.calendar, api.engine().clock().now());
}

object drill_json(Api& api, const DrillRecord& d) {
  return view(api, d, drill_view, drill_to_json);
}
object meeting_json(Api& api, const MeetingRecord& m) {
  return view(api, m, meeting_view, meeting_to_json);
}

// POST …/{id}/<list>/{n}/complete {note}: marks the item done; 200 with its record as
// `record_json` (api, programme, record id) gives it.
template <class RecordJson>
void complete_route(Api& api, const std::string& path, const char* list, RecordJson record_json) {
  api.route("POST", path, Access::write, [&api, list, record_json](Call& call, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::string note = in->str("note", true);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    ItemRef ref{call.request.params.at("id"), list, 0};
    const std::string& n = call.request.params.at("n");
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), ref.n);
    if (ec != std::errc() || end != n.data() + n.size()) ref.n = 0;  // no such item: 404
    programme->complete_item(
        ref, note, call.actor, [&api, programme, ref, record_json, reply](Result<std::string> id) {
          if (!id) return reply(error_response(id.error()));
          reply(json_response(200, record_json(api, *programme->records(), ref.record)));
        });
  });
}

// POST: parse the body, record it, answer 201 with the record as `to_json` (api, record) gives it
// (and, for a kind served one by one, its Location).
template <class Record, class Parse, class Store, class ToJson>
void record_route(Api& api, const std::string& path, bool located, Parse parse, Store store,
                  ToJson to_json) {
  api.route("POST", path, Access::write,
            [&api, path, located, parse, store, to_json](Call& call, Reply reply) {
              auto* programme = api.options().programme;
              if (!programme) return reply(error_response(kNoProgramme));
              auto in = Input::parse(call.request.body);
              if (!in) return reply(error_response(in.error()));
              Result<Record> record = parse(*in);
              if (!record) return reply(error_response(record.error()));
              Record copy = *record;
              store(*programme, std::move(*record), call.actor,
                    [&api, reply, path, located, copy, to_json](Result<std::string> id) mutable {
                      if (!id) return reply(error_response(id.error()));
                      copy.id = *id;
                      Response r = json_response(201, to_json(api, copy));
                      if (located) r.headers.emplace_back("Location", path + "/" + *id);
                      reply(std::move(r));
                    });
            });
}

template <class Record, class ToJson>
array records_json(Api& api, const std::vector<Record>& records, ToJson to_json) {
  array out;
  for (const auto& r : records) out.push_back(to_json(api, r));
  return out;
}

object training_json(Api&, const TrainingRecord& t) { return training_to_json(t); }
object supplier_test_json(Api&, const SupplierTest& t) { return supplier_test_to_json(t); }

// The record `id` of `records` as `to_json` gives it; {} if there is none.
template <class Record, class ToJson>
object find_json(Api& api, const std::vector<Record>& records, const std::string& id,
                 ToJson to_json) {
  for (const auto& r : records) {
    if (r.id == id) return to_json(api, r);
  }
  return object{};
}

}  // namespace

void add_programme_routes(Api& api) {
  api.route("GET", "/api/v1/programme", Access::read, [&api](Call& call, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    int year = 0;
    auto it = call.request.query.find("year");
    if (it == call.request.query.end()) {
      auto plan = api.engine().plan();
      if (!plan) return reply(error_response(precondition("no plan is in force")));
      date::year_month_day today{plan->plan.calendar.local_day(api.engine().clock().now())};
      year = static_cast<int>(today.year());
    } else {
      const std::string& y = it->second;
      auto [end, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
      if (ec != std::errc() || end != y.data() + y.size() || y.size() != 4 || year < 1970) {
        return reply(error_response(
            invalid("year", fmt::format("\"{}\" is not a year such as 2026", y.substr(0, 16)))));
      }
    }
    // The export a regulator fetches with curl: ?format=csv (JSON is the default).
    auto format = call.request.query.find("format");
    bool csv = format != call.request.query.end() && format->second == "csv";
    if (format != call.request.query.end() && !csv && format->second != "json") {
      return reply(
          error_response(invalid("format", fmt::format("\"{}\" is not a format (json or csv)",
                                                       format->second.substr(0, 16)))));
    }
    auto duties = programme->duties(year);
    if (!duties) return reply(error_response(duties.error()));
    if (csv) {
      Response r;
      r.content_type = "text/csv; charset=utf-8";
      r.headers.emplace_back("Content-Disposition",
                             fmt::format("attachment; filename=\"programme-{}.csv\"", year));
      r.body = duties_csv(*duties);
      return reply(std::move(r));
    }
    auto plan = api.engine().plan();
    if (!plan) return reply(error_response(precondition("no plan is in force")));
    auto figures = programme_figures(plan->plan, *programme->records(), *duties,
                                     year_span(plan->plan.calendar, year));
    array out;
    for (const auto& d : *duties) out.push_back(duty_to_json(d));
    reply(json_response(
        200,
        object{{"year", year}, {"duties", std::move(out)}, {"figures", figures_to_json(figures)}}));
  });

  record_route<DrillRecord>(
      api, "/api/v1/drills", true, parse_drill,
      [](engine::ProgrammeRecords& p, DrillRecord d, const Actor& by,
         engine::ProgrammeRecords::Recorded done) { p.record_drill(std::move(d), by, done); },
      drill_json);
  record_route<TrainingRecord>(
      api, "/api/v1/trainings", false, parse_training,
      [](engine::ProgrammeRecords& p, TrainingRecord t, const Actor& by,
         engine::ProgrammeRecords::Recorded done) { p.record_training(std::move(t), by, done); },
      training_json);
  record_route<MeetingRecord>(
      api, "/api/v1/meetings", false, parse_meeting,
      [](engine::ProgrammeRecords& p, MeetingRecord m, const Actor& by,
         engine::ProgrammeRecords::Recorded done) { p.record_meeting(std::move(m), by, done); },
      meeting_json);
  record_route<SupplierTest>(
      api, "/api/v1/suppliers/tests", false, parse_supplier_test,
      [](engine::ProgrammeRecords& p, SupplierTest t, const Actor& by,
         engine::ProgrammeRecords::Recorded done) {
        p.record_supplier_test(std::move(t), by, done);
      },
      supplier_test_json);
  complete_route(api, "/api/v1/drills/{id}/improvements/{n}/complete", "improvements",
                 [](Api& api, const Programme& p, const std::string& id) {
                   return find_json(api, p.drills, id, drill_json);
                 });
  complete_route(api, "/api/v1/meetings/{id}/actions/{n}/complete", "actions",
                 [](Api& api, const Programme& p, const std::string& id) {
                   return find_json(api, p.meetings, id, meeting_json);
                 });

  // A waived duty: {rule, period, subject?, reason}; 201 with the waiver.
  api.route("POST", "/api/v1/programme/waivers", Access::write, [&api](Call& call, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    DutyWaiver w;
    w.rule = in->str("rule", true, 16);
    w.period = in->str("period", true, 16);
    w.subject = in->str("subject", false, 64);
    w.reason = in->str("reason", true, 2000);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    programme->waive(w, call.actor, [w, reply](Result<std::string> r) {
      if (!r) return reply(error_response(r.error()));
      reply(json_response(201, object{{"rule", w.rule},
                                      {"period", w.period},
                                      {"subject", w.subject},
                                      {"reason", w.reason},
                                      {"state", "waived"}}));
    });
  });

  api.route("GET", "/api/v1/drills", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    reply(json_response(
        200, object{{"drills", records_json(api, programme->records()->drills, drill_json)}}));
  });
  api.route("GET", "/api/v1/drills/{id}", Access::read, [&api](Call& call, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    const std::string& id = call.request.params.at("id");
    auto records = programme->records();
    for (const auto& d : records->drills) {
      if (d.id != id) continue;
      object out = drill_json(api, d);
      // V2: the exercise it ran, scored against the plan in force, as of now.
      auto plan = api.engine().plan();
      auto exercise = api.engine().incident(d.exercise_incident);
      if (plan && exercise) {
        out["score"] = exercise_score_to_json(
            exercise->id, score_exercise(plan->plan, exercise->state, api.engine().clock().now()));
      }
      return reply(json_response(200, out));
    }
    reply(error_response(Error{ErrorCode::not_found, fmt::format("no drill \"{}\"", id), {}}));
  });
  api.route("GET", "/api/v1/trainings", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    reply(json_response(200, object{{"trainings", records_json(api, programme->records()->trainings,
                                                               training_json)}}));
  });
  // S1: the plan's register of backup suppliers, with a warning when it is short.
  api.route("GET", "/api/v1/suppliers", Access::read, [&api](Call&, Reply reply) {
    auto plan = api.engine().plan();
    if (!plan) return reply(error_response(precondition("no plan is in force")));
    reply(json_response(200, supplier_register_json(plan->plan)));
  });
  api.route("GET", "/api/v1/suppliers/tests", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    reply(
        json_response(200, object{{"tests", records_json(api, programme->records()->supplier_tests,
                                                         supplier_test_json)}}));
  });
  api.route("GET", "/api/v1/meetings", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    reply(json_response(200, object{{"meetings", records_json(api, programme->records()->meetings,
                                                              meeting_json)}}));
  });
}

}  // namespace pactum::http
