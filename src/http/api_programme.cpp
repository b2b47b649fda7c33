// The preparedness programme (issue 15): its duties per year (V2, E2–E4, M1, G2) and the records
// that meet them, drills, trainings and meetings. The routes parse and serialise; who may record
// and what a record may say is engine/programme and domain/programme.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "domain/programme/exercise_score.hpp"
#include "domain/programme/record_json.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

const Error kNoProgramme = not_running("the preparedness programme");

// E4: [{contact, passed}]; the error names the item's field.
std::optional<Error> read_assessment(Input& in, std::vector<AssessmentResult>& out) {
  for (auto& a : in.objects("assessment")) {
    AssessmentResult r;
    r.contact = a.str("contact", true, 64);
    r.passed = a.boolean("passed", false);
    if (auto e = a.finish()) return e;
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

Result<DrillRecord> parse_drill(Input& in) {
  DrillRecord d;
  d.kind = in.str("kind", true, 64);
  d.scenario = in.str("scenario", true, 64);
  if (auto t = in.instant("held_at")) d.held_at = *t;
  d.participants = in.strings("participants", true);
  d.findings = in.str("findings", false);
  auto items = in.objects("improvements");
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    Improvement imp;
    imp.text = item.str("text");
    imp.owner_role = item.str("owner_role", true, 64);
    imp.owner_party = item.str("owner_party", true, 64);
    std::string due = item.str("due", true, 10);
    if (auto e = item.finish()) return *e;
    auto day = parse_day(due);
    if (!day) {
      return invalid(fmt::format("improvements[{}].due", i),
                     fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", due));
    }
    imp.due = *day;
    d.improvements.push_back(std::move(imp));
  }
  if (auto e = read_assessment(in, d.assessment)) return *e;
  d.exercise_incident = in.str("exercise_incident", false, 64);
  if (auto e = in.finish()) return *e;
  return d;
}

Result<TrainingRecord> parse_training(Input& in) {
  TrainingRecord t;
  std::string kind = in.str("kind", true, 32);
  t.topics = in.strings("topics", true);
  if (auto at = in.instant("held_at")) t.held_at = *at;
  t.trainer = in.str("trainer", true, 64);
  t.attendees = in.strings("attendees", true);
  if (auto e = read_assessment(in, t.assessment)) return *e;
  if (auto e = in.finish()) return *e;
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
  if (auto e = in.finish()) return *e;
  return m;
}

// POST: parse the body, record it, answer 201 with the record (and, for a kind served one by
// one, its Location).
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
                    [reply, path, located, copy, to_json](Result<std::string> id) mutable {
                      if (!id) return reply(error_response(id.error()));
                      copy.id = *id;
                      Response r = json_response(201, to_json(copy));
                      if (located) r.headers.emplace_back("Location", path + "/" + *id);
                      reply(std::move(r));
                    });
            });
}

template <class Record, class ToJson>
array records_json(const std::vector<Record>& records, ToJson to_json) {
  array out;
  for (const auto& r : records) out.push_back(to_json(r));
  return out;
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
    auto duties = programme->duties(year);
    if (!duties) return reply(error_response(duties.error()));
    array out;
    for (const auto& d : *duties) out.push_back(duty_to_json(d));
    reply(json_response(200, object{{"year", year}, {"duties", std::move(out)}}));
  });

  record_route<DrillRecord>(
      api, "/api/v1/drills", true, parse_drill,
      [](engine::ProgrammeRecords& p, DrillRecord d, const Actor& by,
         engine::ProgrammeRecords::Recorded done) { p.record_drill(std::move(d), by, done); },
      drill_to_json);
  record_route<TrainingRecord>(
      api, "/api/v1/trainings", false, parse_training,
      [](engine::ProgrammeRecords& p, TrainingRecord t, const Actor& by,
         engine::ProgrammeRecords::Recorded done) { p.record_training(std::move(t), by, done); },
      training_to_json);
  record_route<MeetingRecord>(
      api, "/api/v1/meetings", false, parse_meeting,
      [](engine::ProgrammeRecords& p, MeetingRecord m, const Actor& by,
         engine::ProgrammeRecords::Recorded done) { p.record_meeting(std::move(m), by, done); },
      meeting_to_json);

  api.route("GET", "/api/v1/drills", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    reply(json_response(
        200, object{{"drills", records_json(programme->records()->drills, drill_to_json)}}));
  });
  api.route("GET", "/api/v1/drills/{id}", Access::read, [&api](Call& call, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    const std::string& id = call.request.params.at("id");
    auto records = programme->records();
    for (const auto& d : records->drills) {
      if (d.id != id) continue;
      object out = drill_to_json(d);
      // V2: the exercise it ran, scored against the plan in force, as of now.
      auto plan = api.engine().plan();
      auto exercise = api.engine().incident(d.exercise_incident);
      if (plan && exercise) {
        out["score"] = exercise_score_to_json(
            exercise->id,
            score_exercise(plan->plan, exercise->state, api.engine().clock().now()));
      }
      return reply(json_response(200, out));
    }
    reply(error_response(Error{ErrorCode::not_found, fmt::format("no drill \"{}\"", id), {}}));
  });
  api.route("GET", "/api/v1/trainings", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    reply(json_response(200, object{{"trainings", records_json(programme->records()->trainings,
                                                               training_to_json)}}));
  });
  api.route("GET", "/api/v1/meetings", Access::read, [&api](Call&, Reply reply) {
    auto* programme = api.options().programme;
    if (!programme) return reply(error_response(kNoProgramme));
    reply(json_response(
        200, object{{"meetings", records_json(programme->records()->meetings, meeting_to_json)}}));
  });
}

}  // namespace pactum::http
