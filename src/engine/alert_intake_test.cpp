// T5 through the engine: alerts recorded durably, deduplicated, opening one incident per group
// with an honest discovery time (P1), pending until their `for` ends, surviving a restart.
#include "engine/alert_intake.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "domain/canonical_json.hpp"
#include "store/event_log_wrapper.hpp"
#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::at;

// A memory log whose appends, once hold() is called, wait until released: what the intake sees
// while a commit is under way and more requests arrive.
class HeldLog final : public store::EventLogWrapper {
 public:
  HeldLog() : EventLogWrapper(log_) {}
  void hold() { holding_ = true; }
  void append(store::AppendRequest request, Completion done) override {
    if (!holding_) return log_.append(std::move(request), std::move(done));
    held_.emplace_back(std::move(request), std::move(done));
  }
  // Appends what was held, in order (each completion may append and be held again).
  void release() {
    auto held = std::move(held_);
    held_.clear();
    for (auto& [request, done] : held) done(log_.append_and_wait(std::move(request)));
  }
  std::size_t held() const { return held_.size(); }

 private:
  store::MemoryEventLog log_;
  bool holding_ = false;
  std::vector<std::pair<store::AppendRequest, Completion>> held_;
};

class AlertIntakeTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  ManualClock clock{at("2026-03-02T12:00:00Z")};
  std::unique_ptr<Engine> engine = std::make_unique<Engine>(log, clock);
  std::unique_ptr<AlertIntake> intake = std::make_unique<AlertIntake>(*engine, log);

  void SetUp() override {
    ASSERT_TRUE(engine->load().ok());
    ASSERT_TRUE(engine->activate_plan(testing::example_plan_yaml(), Actor{"admin", "A", {}}).ok());
    ASSERT_TRUE(intake->load().ok());
  }
  static Alert outage(std::string service, Instant starts) {
    return Alert{{{"alertname", "ServiceDown"}, {"service", std::move(service)}},
                 {{"summary", "API 无响应"}},
                 starts,
                 std::nullopt,
                 ""};
  }
  IngestOutcome ingest(std::vector<Alert> alerts) {
    auto r = intake->ingest_and_wait(std::move(alerts), "prometheus");
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : IngestOutcome{};
  }
  std::size_t stream_size() { return log.read_stream("alerts")->size(); }
  // Appends one record to the alerts stream, as monitoring's machine actor.
  void record(const std::string& type, const boost::json::object& payload) {
    ASSERT_TRUE(
        log.append_and_wait({"alerts",
                             store::kAnyVersion,
                             {{type, R"({"party":"","roles":[],"user":"system:prometheus"})",
                               clock.now(), canonical_json(payload)}},
                             "",
                             {}})
            .ok());
  }
  // Alerts recorded, over all records (one record may hold many).
  std::size_t recorded() {
    std::size_t n = 0;
    auto records = log.read_stream("alerts").value();
    for (const auto& e : records) {
      if (e.type == "alerts.observed")
        n += boost::json::parse(e.payload).at("alerts").as_array().size();
    }
    return n;
  }
  std::vector<std::string> event_types(const std::string& incident) {
    std::vector<std::string> out;
    auto record = engine->incident(incident);
    for (const auto& e : record->events) out.push_back(e.type);
    return out;
  }
};

TEST_F(AlertIntakeTest, T5_AlertsAreRecordedOnceAndRepeatsCostNothing) {
  auto first =
      ingest({outage("api", clock.now() - hours(1)), outage("db", clock.now() - hours(1))});
  EXPECT_EQ(first.received, 2u);
  EXPECT_EQ(first.recorded, 2u);
  auto again = ingest({outage("api", clock.now() - hours(1))});  // Prometheus resends every minute
  EXPECT_EQ(again.recorded, 0u);
  EXPECT_EQ(recorded(), 2u);
  EXPECT_EQ(stream_size(), 1u);  // one request, one record
  Alert resolved = outage("api", clock.now() - hours(1));
  resolved.ends_at = clock.now();
  EXPECT_EQ(ingest({resolved}).recorded, 1u);  // the lifecycle is history
  EXPECT_EQ(recorded(), 3u);
  EXPECT_EQ(engine->applied_seq(), log.head()->seq);  // the engine saw them without reading back
}

TEST_F(AlertIntakeTest, T5_OfTheSameAlertTwiceInOneRequestTheLastCounts) {
  Alert first = outage("api", clock.now() - hours(1));
  Alert other = outage("db", clock.now() - hours(1));
  Alert last = first;
  last.annotations["summary"] = "the later word";
  auto outcome = ingest({first, other, last});
  EXPECT_EQ(outcome.received, 3u);
  EXPECT_EQ(outcome.recorded, 2u);
  EXPECT_EQ(recorded(), 2u);
  auto all = intake->alerts().value();
  ASSERT_EQ(all.size(), 2u);
  for (const auto& a : all) {
    if (a.alert.labels.at("service") == "api") {
      EXPECT_EQ(a.alert.annotations.at("summary"), "the later word");
    }
  }
}

TEST_F(AlertIntakeTest, T5_AlertRecordsAreCanonicalJson) {
  // The payload is written without a JSON tree; it must be byte for byte what canonical_json()
  // makes of it, or the two parties' hashes would differ.
  Alert a{{{"alertname", "ServiceDown"},
           {"Zone", "上海"},
           {"_x", "tab\tquote\"back\\slash"},
           {"a1", ""}},
          {{"summary", "API 无响应 \u2028 \x01"}, {"description", "line1\nline2 😀"}},
          clock.now() - hours(1),
          clock.now(),
          "http://prom:9090/graph?g0.expr=up%3D%3D0&x=<>"};
  ingest({a});
  auto stored = log.read_stream("alerts");
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  const std::string& payload = stored->front().payload;
  EXPECT_EQ(stored->front().type, "alerts.observed");
  EXPECT_EQ(canonical_json(boost::json::parse(payload)), payload);
  EXPECT_NE(payload.find("\"ends_at\""), std::string::npos);
}

TEST_F(AlertIntakeTest, T1_T5_P1_AFourHourOutageOpensOneIncidentDiscoveredWhenTheConditionHeld) {
  Instant starts = clock.now() - hours(3);
  ingest({outage("api", starts)});
  auto next = intake->evaluate();
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, starts + hours(4));  // pending until the rule's `for` ends
  EXPECT_TRUE(engine->incidents().empty());

  clock.advance(hours(2));
  intake->evaluate();
  auto incidents = engine->incidents();
  ASSERT_EQ(incidents.size(), 1u);
  const auto& state = incidents[0].second;
  EXPECT_EQ(state.report.trigger, "T1");
  EXPECT_EQ(state.report.discovered_at, starts + hours(4));
  EXPECT_EQ(state.report.phenomenon, "API 无响应");
  auto linked = intake->alerts_of(incidents[0].first);
  ASSERT_TRUE(linked.ok());
  ASSERT_EQ(linked->size(), 1u);
  EXPECT_TRUE((*linked)[0].opened);
  EXPECT_EQ((*linked)[0].alert.annotations.at("summary"), "API 无响应");  // read back from the log
}

TEST_F(AlertIntakeTest, G4_AfterTheAgreementsTermAnAlertOpensNothingAndSaysWhy) {
  clock.set(at("2029-01-02T12:00:00+08:00"));  // the example agreement ended on 2028-12-31
  ingest({outage("api", clock.now() - hours(5))});
  intake->evaluate();
  EXPECT_TRUE(engine->incidents().empty());
  auto listed = intake->alerts();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_NE((*listed)[0].problem.find("the agreement ended on 2028-12-31"), std::string::npos)
      << (*listed)[0].problem;
  EXPECT_FALSE(intake->evaluate()) << "not tried again and again";
}

TEST_F(AlertIntakeTest, T5_AFloodOfOneAlertIsOneIncident) {
  std::vector<Alert> flood;
  for (int i = 0; i < 50; ++i) {
    Alert a = outage("api", clock.now() - hours(5));
    a.labels["instance"] = "node-" + std::to_string(i);  // 50 fingerprints, one group
    flood.push_back(a);
  }
  ingest(flood);
  intake->evaluate();
  auto incidents = engine->incidents();
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_EQ(intake->alerts_of(incidents[0].first)->size(), 50u);

  ingest({outage("db", clock.now() - hours(5))});  // another group: its own incident
  intake->evaluate();
  EXPECT_EQ(engine->incidents().size(), 2u);
}

TEST_F(AlertIntakeTest, T5_UnmatchedAndShortLivedAlertsOpenNothing) {
  ingest({Alert{{{"alertname", "DiskAlmostFull"}}, {}, clock.now() - hours(9), std::nullopt, ""}});
  Alert blip = outage("api", clock.now() - hours(6));
  blip.ends_at = clock.now() - hours(5);  // fired for one hour only
  ingest({blip});
  EXPECT_FALSE(intake->evaluate());
  EXPECT_TRUE(engine->incidents().empty());
}

TEST_F(AlertIntakeTest, T5_AlertsJoiningAndResolvingAreOnTheIncidentsRecord) {
  Alert first = outage("api", clock.now() - hours(5));
  Alert second = first;
  second.labels["instance"] = "node-2";  // same group (service=api), another alert
  ingest({first});
  intake->evaluate();
  auto id = engine->incidents().at(0).first;
  ingest({second});
  intake->evaluate();
  EXPECT_EQ(event_types(id),
            (std::vector<std::string>{"incident.reported", "incident.alert_attached"}));
  std::string fp2 = fingerprint(second.labels);
  EXPECT_EQ(engine->incident(id)->state.alerts, (std::map<std::string, bool>{{fp2, true}}));

  clock.advance(minutes(10));
  first.ends_at = second.ends_at = clock.now();  // monitoring says both are over
  EXPECT_EQ(ingest({first, second}).to_evaluate, 2u);
  intake->evaluate();
  EXPECT_EQ(ingest({first, second}).recorded, 0u);  // Alertmanager repeats resolved alerts
  intake->evaluate();
  auto state = engine->incident(id)->state;
  EXPECT_EQ(state.alerts,
            (std::map<std::string, bool>{{fingerprint(first.labels), false}, {fp2, false}}));
  EXPECT_EQ(event_types(id).size(), 4u);
  EXPECT_EQ(event_types(id).back(), "incident.alert_resolved");
  EXPECT_FALSE(state.resolved_at) << "people resolve incidents, not monitoring";
}

TEST_F(AlertIntakeTest, T5_AResolutionIsNotedForItsOwnEpisodeEvenWhenTheAlertFiresAgainFirst) {
  Alert first = outage("api", clock.now() - hours(5));
  ingest({first});
  intake->evaluate();
  auto id = engine->incidents().at(0).first;
  first.ends_at = clock.now();
  ingest({first});  // over…
  clock.advance(minutes(1));
  Alert again = outage("api", clock.now());
  ingest({again});  // …and back, before the scheduler looked
  intake->evaluate();
  EXPECT_EQ(event_types(id),
            (std::vector<std::string>{"incident.reported", "incident.alert_resolved",
                                      "incident.alert_attached"}));
  EXPECT_TRUE(engine->incident(id)->state.alerts.at(fingerprint(first.labels)))
      << "the alert fires again";

  // A restart replays the old resolution: it is on the record already, nothing is added.
  engine = std::make_unique<Engine>(log, clock);
  ASSERT_TRUE(engine->load().ok());
  intake = std::make_unique<AlertIntake>(*engine, log);
  ASSERT_TRUE(intake->load().ok());
  intake->evaluate();
  EXPECT_EQ(event_types(id).size(), 3u);
}

TEST_F(AlertIntakeTest, T5_AnAlertResolvingAfterTheIncidentIsCancelledAddsNothingToIt) {
  Alert a = outage("api", clock.now() - hours(5));
  ingest({a});
  intake->evaluate();
  auto id = engine->incidents().at(0).first;
  ASSERT_TRUE(engine->execute_and_wait(id, cmd::Cancel{"误报"}, testing::actor("a-zhang")).ok());
  auto before = engine->incident(id)->events.size();
  a.ends_at = clock.now();
  ingest({a});
  intake->evaluate();
  EXPECT_EQ(engine->incident(id)->events.size(), before);
}

TEST_F(AlertIntakeTest, T5_AGenericEventRepeatedWithoutAStartIsOneEpisode) {
  // A script posts "the API is down" every 30 minutes, without saying since when.
  auto post = [&](bool resolved) {
    Alert a = outage("api", clock.now());
    a.start_given = false;
    if (resolved) a.ends_at = clock.now();
    return ingest({a});
  };
  Instant first = clock.now();
  EXPECT_EQ(post(false).recorded, 1u);
  for (int i = 0; i < 9; ++i) {
    clock.advance(minutes(30));
    EXPECT_EQ(post(false).recorded, 0u) << "a repeat, not a new episode";
    intake->evaluate();
  }
  auto incidents = engine->incidents();
  ASSERT_EQ(incidents.size(), 1u);  // fired for 4 h since it was first seen
  EXPECT_EQ(incidents[0].second.report.discovered_at, first + hours(4));

  clock.advance(minutes(30));
  EXPECT_EQ(post(true).recorded, 1u);  // "resolved" ends that episode
  intake->evaluate();
  auto linked = intake->alerts_of(incidents[0].first);
  ASSERT_EQ(linked->size(), 1u);
  EXPECT_EQ((*linked)[0].alert.starts_at, first);
  EXPECT_TRUE((*linked)[0].alert.resolved_at(clock.now()));

  clock.advance(hours(1));
  post(false);  // down again later: a new episode
  EXPECT_EQ(intake->alerts_of(incidents[0].first)->size(), 0u);
}

TEST_F(AlertIntakeTest, T5_OnlyAlertsMatchingAConditionAwaitADecision) {
  auto unmatched =
      ingest({Alert{{{"alertname", "DiskAlmostFull"}}, {}, clock.now(), std::nullopt, ""}});
  EXPECT_EQ(unmatched.recorded, 1u);
  EXPECT_EQ(unmatched.to_evaluate, 0u);  // the API does not wake the scheduler for it
  auto matched = ingest({outage("api", clock.now())});
  EXPECT_EQ(matched.to_evaluate, 1u);
  EXPECT_EQ(intake->size(), 2u);
}

TEST_F(AlertIntakeTest, T5_ANewPlanActsOnWhatIsStillFiring) {
  Alert disk{{{"alertname", "DiskAlmostFull"}, {"dataset", "orders"}},
             {},
             clock.now() - hours(1),
             std::nullopt,
             ""};
  Alert gone{{{"alertname", "DiskAlmostFull"}, {"dataset", "logs"}},
             {},
             clock.now() - hours(3),
             clock.now() - hours(2),
             ""};
  ingest({disk, gone});
  EXPECT_FALSE(intake->evaluate());
  EXPECT_TRUE(engine->incidents().empty());

  // The parties add a rule for it: what fires now opens an incident; what resolved stays history.
  std::string yaml = testing::example_plan_yaml();
  auto at = yaml.find("match: ['alertname=\"DataCorruption\"']");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, std::string("match: ['alertname=\"DataCorruption\"']").size(),
               "match: ['alertname=~\"DataCorruption|DiskAlmostFull\"']");
  yaml.replace(yaml.find("version: 1"), 10, "version: 2");
  auto activated = engine->activate_plan(yaml, Actor{"admin", "A", {}});
  ASSERT_TRUE(activated.ok()) << (activated.ok() ? "" : activated.error().message);
  intake->evaluate();
  auto incidents = engine->incidents();
  ASSERT_EQ(incidents.size(), 1u);
  auto linked = intake->alerts_of(incidents[0].first);
  ASSERT_TRUE(linked.ok());
  ASSERT_EQ(linked->size(), 1u);
  EXPECT_EQ((*linked)[0].alert.labels.at("dataset"), "orders");
}

// A maintenance window: the alert it mutes opens nothing while it lasts; expired early, the alert
// still firing opens its incident, discovered when the window ended. Another service is not muted.
TEST_F(AlertIntakeTest, T5_AMutedAlertOpensNoIncidentUntilItsSilenceIsExpired) {
  Silences silences(*engine, log);
  ASSERT_TRUE(silences.load().ok());
  intake = std::make_unique<AlertIntake>(*engine, log, &silences);
  ASSERT_TRUE(intake->load().ok());
  std::promise<Result<std::string>> created;
  silences.create(Silence{"",
                          {{"service", MatchOp::equal, "api"}},
                          clock.now(),
                          clock.now() + hours(8),
                          "li.na",
                          "database upgrade",
                          {}},
                  "", Actor{"li.na", "A", {}},
                  [&](Result<std::string> r) { created.set_value(std::move(r)); });
  auto id = created.get_future().get();
  ASSERT_TRUE(id.ok()) << id.error().message;

  Instant silenced_at = clock.now();
  ingest({outage("api", clock.now() - hours(3)),
          outage("db", clock.now() - hours(3))});  // 4 h rule: due in 1 h
  clock.advance(hours(2));
  auto next = intake->evaluate();
  auto incidents = engine->incidents();
  ASSERT_EQ(incidents.size(), 1u);  // db's
  EXPECT_EQ(incidents[0].second.report.scope, "service=db");
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, silenced_at + hours(8));  // looked at again when the window ends

  clock.advance(hours(1));
  intake->evaluate();
  EXPECT_EQ(engine->incidents().size(), 1u);
  std::promise<Status> expired;
  silences.expire(*id, Actor{"li.na", "A", {}}, [&](Status e) { expired.set_value(std::move(e)); });
  ASSERT_TRUE(expired.get_future().get().ok());
  intake->evaluate();
  incidents = engine->incidents();
  ASSERT_EQ(incidents.size(), 2u);
  EXPECT_EQ(incidents[0].second.report.scope, "service=api");
  EXPECT_EQ(incidents[0].second.report.discovered_at, clock.now());  // when the window ended
}

TEST_F(AlertIntakeTest, T5_ARestartRemembersAlertsAndLinksAndOpensNothingTwice) {
  ingest({outage("api", clock.now() - hours(5))});
  intake->evaluate();
  ASSERT_EQ(engine->incidents().size(), 1u);

  engine = std::make_unique<Engine>(log, clock);
  ASSERT_TRUE(engine->load().ok());
  intake = std::make_unique<AlertIntake>(*engine, log);
  ASSERT_TRUE(intake->load().ok());
  EXPECT_EQ(intake->alerts()->size(), 1u);
  EXPECT_EQ(ingest({outage("api", clock.now() - hours(5))}).recorded, 0u);
  intake->evaluate();
  EXPECT_EQ(engine->incidents().size(), 1u);
}

// The link names its episode: a record of the alert's next episode that reached the log before
// the link (its completion may run later: another thread) leaves the new episode undecided, live
// and after a restart alike, instead of tying it to the incident the old one opened.
TEST_F(AlertIntakeTest, T5_ALinkDecidedForAnEarlierEpisodeDoesNotTakeTheNextOne) {
  Instant first = clock.now() - hours(5);
  Instant second = clock.now() - hours(1);
  std::string fingerprint = pactum::fingerprint({{"alertname", "ServiceDown"}, {"service", "api"}});
  auto observed = [&](Instant starts) {
    record("alert.observed", {{"annotations", boost::json::object{}},
                              {"fingerprint", fingerprint},
                              {"generator_url", ""},
                              {"labels", {{"alertname", "ServiceDown"}, {"service", "api"}}},
                              {"source", "prometheus"},
                              {"starts_at", format_instant(starts)}});
  };
  observed(first);
  observed(second);
  record("alert.linked", {{"fingerprint", fingerprint},
                          {"group_key", "ServiceDown/api"},
                          {"incident", "INC-X"},
                          {"opened", true},
                          {"starts_at", format_instant(first)}});
  AlertIntake restarted(*engine, log);
  ASSERT_TRUE(restarted.load().ok());
  auto all = restarted.alerts().value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].alert.starts_at, second);
  EXPECT_EQ(all[0].incident, "");  // the second episode is still to be decided

  record("alert.linked", {{"fingerprint", fingerprint},
                          {"group_key", "ServiceDown/api"},
                          {"incident", "INC-Y"},
                          {"opened", true},
                          {"starts_at", format_instant(second)}});
  AlertIntake again(*engine, log);
  ASSERT_TRUE(again.load().ok());
  EXPECT_EQ(again.alerts().value().at(0).incident, "INC-Y");
}

TEST_F(AlertIntakeTest, T5_AfterTheIncidentIsCancelledTheNextEpisodeOpensANewOne) {
  ingest({outage("api", clock.now() - hours(5))});
  intake->evaluate();
  auto id = engine->incidents().at(0).first;
  auto cancelled = engine->execute_and_wait(id, cmd::Cancel{"误报"}, testing::actor("a-zhang"));
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  ingest({outage("api", clock.now() - hours(4) - minutes(30))});  // fired again
  intake->evaluate();
  EXPECT_EQ(engine->incidents().size(), 2u);
}

TEST_F(AlertIntakeTest, T5_RequestsArrivingBeforeTheLogBeginsWritingShareOneAppend) {
  HeldLog held;
  Engine held_engine(held, clock);
  ASSERT_TRUE(held_engine.load().ok());
  ASSERT_TRUE(
      held_engine.activate_plan(testing::example_plan_yaml(), Actor{"admin", "A", {}}).ok());
  AlertIntake held_intake(held_engine, held);
  ASSERT_TRUE(held_intake.load().ok());
  held.hold();

  std::vector<Result<IngestOutcome>> outcomes;
  auto send = [&](const std::string& service, const std::string& source) {
    held_intake.ingest({outage(service, clock.now() - hours(1))}, source,
                       [&](Result<IngestOutcome> r) { outcomes.push_back(std::move(r)); });
  };
  send("first", "prometheus");
  EXPECT_EQ(held.held(), 1u);  // an append is queued at once
  for (int i = 0; i < 5; ++i) send("later-" + std::to_string(i), "prometheus");
  send("generic-1", "generic");
  EXPECT_EQ(held.held(), 1u);     // the others join it: it has not begun to be written
  EXPECT_TRUE(outcomes.empty());  // nothing is acknowledged before it is durable

  held.release();
  EXPECT_EQ(held.held(), 0u);
  ASSERT_EQ(outcomes.size(), 7u);
  for (const auto& o : outcomes) {
    ASSERT_TRUE(o.ok());
    EXPECT_EQ(o->recorded, 1u);
  }
  auto records = held.read_stream("alerts").value();
  ASSERT_EQ(records.size(), 2u);  // a record per run of one source (an actor each), in order
  EXPECT_EQ(records[0].type, "alerts.observed");
  EXPECT_NE(records[0].actor.find("system:prometheus"), std::string::npos);
  EXPECT_EQ(boost::json::parse(records[0].payload).at("alerts").as_array().size(), 6u);
  EXPECT_NE(records[1].actor.find("system:generic"), std::string::npos);
  auto all = held_intake.alerts().value();
  ASSERT_EQ(all.size(), 7u);
  std::set<std::string> services;
  for (const auto& a : all) services.insert(a.alert.labels.at("service"));
  EXPECT_EQ(services.size(), 7u);  // each read back from its own place in its record

  send("after", "prometheus");  // the next append is queued afresh
  EXPECT_EQ(held.held(), 1u);
  held.release();
  ASSERT_EQ(outcomes.size(), 8u);
  EXPECT_TRUE(outcomes.back().ok());

  // One alert from two sources in one append: the later report is its latest state.
  Alert via_prometheus = outage("both", clock.now() - hours(1));
  Alert via_generic = via_prometheus;
  via_generic.annotations["summary"] = "reported later";
  held_intake.ingest({via_prometheus}, "prometheus",
                     [&](Result<IngestOutcome> r) { outcomes.push_back(r); });
  held_intake.ingest({via_generic}, "generic",
                     [&](Result<IngestOutcome> r) { outcomes.push_back(r); });
  held.release();
  ASSERT_EQ(outcomes.size(), 10u);
  for (const auto& a : held_intake.alerts().value()) {
    if (a.alert.labels.at("service") == "both") {
      EXPECT_EQ(a.alert.annotations.at("summary"), "reported later");
      EXPECT_EQ(a.source, "generic");
    }
  }
}

// `serve` has the HTTP server's event loop run the acknowledgements: the intake passes its
// executor with each append, and takes the alerts in only when the executor runs the job.
TEST_F(AlertIntakeTest, T5_AcknowledgementsRunWhereTheIntakeIsToldToCompleteThem) {
  std::vector<std::function<void()>> jobs;
  intake->complete_on([&](std::function<void()> job) { jobs.push_back(std::move(job)); });
  std::vector<Result<IngestOutcome>> outcomes;
  intake->ingest({outage("api", clock.now())}, "prometheus",
                 [&](Result<IngestOutcome> r) { outcomes.push_back(r); });
  ASSERT_EQ(jobs.size(), 1u);  // durable (the memory log is), its completion handed over
  EXPECT_TRUE(outcomes.empty());
  EXPECT_EQ(intake->size(), 0u);
  jobs[0]();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0]->recorded, 1u);
  EXPECT_EQ(intake->size(), 1u);

  intake->complete_on(nullptr);  // back to wherever the log completes
  EXPECT_EQ(ingest({outage("db", clock.now())}).recorded, 1u);
  EXPECT_EQ(jobs.size(), 1u);
}

TEST_F(AlertIntakeTest, T5_ARequestOfThousandsOfAlertsIsSplitIntoRecordsAndReadBackInPlace) {
  std::vector<Alert> many;
  for (int i = 0; i < 2500; ++i) {
    Alert a{{{"alertname", "DiskAlmostFull"}, {"instance", "node-" + std::to_string(i)}},
            {{"summary", "disk " + std::to_string(i)}},
            clock.now() - hours(1),
            std::nullopt,
            ""};
    many.push_back(std::move(a));
  }
  EXPECT_EQ(ingest(many).recorded, 2500u);
  EXPECT_EQ(stream_size(), 3u);  // 1000, 1000, 500
  EXPECT_EQ(recorded(), 2500u);
  auto check = [](AlertIntake& in) {
    auto all = in.alerts().value();
    ASSERT_EQ(all.size(), 2500u);
    for (const auto& a : all) {
      EXPECT_EQ(a.alert.annotations.at("summary"),
                "disk " + a.alert.labels.at("instance").substr(5));
      EXPECT_EQ(a.fingerprint, fingerprint(a.alert.labels));
    }
  };
  check(*intake);
  AlertIntake restarted(*engine, log);  // the same, from the log
  ASSERT_TRUE(restarted.load().ok());
  check(restarted);
}

TEST_F(AlertIntakeTest, T5_AlertsRecordedOnePerRecordByEarlierVersionsAreStillRead) {
  record("alert.observed",
         {{"annotations", {{"summary", "API 无响应"}}},
          {"fingerprint", fingerprint({{"alertname", "ServiceDown"}, {"service", "api"}})},
          {"generator_url", ""},
          {"labels", {{"alertname", "ServiceDown"}, {"service", "api"}}},
          {"source", "prometheus"},
          {"starts_at", format_instant(clock.now() - hours(5))}});
  AlertIntake restarted(*engine, log);
  ASSERT_TRUE(restarted.load().ok());
  auto all = restarted.alerts().value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].alert.annotations.at("summary"), "API 无响应");
  restarted.evaluate();  // it fired for five hours: T1 opens
  ASSERT_EQ(engine->incidents().size(), 1u);
  EXPECT_EQ(engine->incidents()[0].second.report.trigger, "T1");
}

}  // namespace
}  // namespace pactum::engine
