// Messages queued with their events, delivered with retries, dead-lettered, acknowledged (M1, P1,
// P2, L4), over the in-memory log with a scripted channel.
#include "engine/delivery.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "testing/engine_fixture.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::actor;
using testing::at;

// Answers with the scripted results in order (then success), and keeps what it was given.
class ScriptedChannel final : public notify::Channel {
 public:
  std::deque<notify::Delivery> script;
  std::vector<OutboxMessage> sent;
  notify::Delivery deliver(const OutboxMessage& m) override {
    sent.push_back(m);
    if (script.empty()) return {true, false, "250 OK"};
    auto d = script.front();
    script.pop_front();
    return d;
  }
};

class DeliveryTest : public testing::EngineFixture {
 protected:
  notify::Channels channels{notify::NotifyConfig{}, clock};
  ScriptedChannel* email = nullptr;
  DeliveryWorker worker{log, channels, engine, clock};

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EngineFixture::SetUp());
    engine.set_messaging({"https://pactum.example", "a-test-key-of-enough-length-123456"});
    auto channel = std::make_unique<ScriptedChannel>();
    email = channel.get();
    channels.set("email", std::move(channel));
  }

  std::string report() {
    cmd::Report r{"",
                  "T1",
                  "T1.outage",
                  "订单系统无法访问",
                  "全部线上订单",
                  "数据库主节点宕机",
                  clock.now() - minutes(5),
                  "A",
                  ""};
    return engine.execute_and_wait("", r, actor("a-li"))->incident_id;
  }
};

TEST_F(DeliveryTest, P1_AReportQueuesOneMessagePerEmergencyContactInBothLanguages) {
  std::string id = report();
  auto messages = log.messages_of(id).value();
  ASSERT_EQ(messages.size(), 4u);  // the four designated contacts
  const auto& m = messages[0];
  EXPECT_EQ(m.kind, "report");
  EXPECT_EQ(m.channel, "email");
  EXPECT_EQ(m.target, "zhang.wei@huadong-tech.example.cn");
  EXPECT_NE(m.subject.find("【应急上报】" + id + " 订单系统无法访问"), std::string::npos)
      << m.subject;
  EXPECT_NE(m.subject.find("[Incident reported]"), std::string::npos);
  EXPECT_NE(m.body.find("张伟："), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("Zhang Wei,"), std::string::npos);
  EXPECT_NE(m.body.find("https://pactum.example/#/incidents/" + id), std::string::npos);
  EXPECT_NE(m.body.find("(Asia/Shanghai)"), std::string::npos);
}

TEST_F(DeliveryTest, OnlyTheLeaseHolderDeliversAndItStopsAtOnceWhenItLosesTheLease) {
  report();
  int asked = 0;
  int answered_held = 0;  // how many times the lease is said to be held
  worker.only_while([&]() -> std::optional<store::Fence> {
    ++asked;
    if (answered_held-- > 0) return store::Fence{"scheduler", 7};
    return std::nullopt;
  });
  EXPECT_EQ(worker.run_once(), 0) << "another node holds the lease";
  EXPECT_TRUE(email->sent.empty());
  // Held at the round's start and before its first message, lost before the second.
  answered_held = 2;
  EXPECT_EQ(worker.run_once(), 1) << "one message attempted and recorded";
  EXPECT_EQ(asked, 4);
  answered_held = 100;
  EXPECT_EQ(worker.run_once(), 3) << "the rest, once the lease is back";
}

TEST_F(DeliveryTest, P1_TheReportAsksForTheSyncWithinThePlansDeadline) {
  std::string id = report();
  const auto& m = log.messages_of(id).value().at(0);
  EXPECT_NE(m.body.find("请在接报后1小时内向小组其他成员同步信息"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("Sync the other group members within 1 h of the report."),
            std::string::npos);
}

// The same plan giving 90 minutes for the sync and 5 hours for the assessment.
class DeliveryOtherDeadlinesTest : public DeliveryTest {
 protected:
  DeliveryOtherDeadlinesTest() {
    for (auto [from, to] :
         {std::pair{"sync: {within: 1h, from: reported}", "sync: {within: 90m, from: reported}"},
          std::pair{"assess: {within: 4h, from: reported}",
                    "assess: {within: 5h, from: reported}"}}) {
      auto at = plan_yaml.find(from);
      if (at == std::string::npos)
        ADD_FAILURE() << "the example plan's deadlines moved: " << from;
      else
        plan_yaml.replace(at, std::string(from).size(), to);
    }
  }
};

TEST_F(DeliveryOtherDeadlinesTest, P1_P2_MessagesSayThePlanInForceNotTheSeed) {
  std::string id = report();
  const auto& report_message = log.messages_of(id).value().at(0);
  EXPECT_NE(report_message.body.find("请在接报后90分钟内向小组其他成员同步信息"), std::string::npos)
      << report_message.body;
  EXPECT_NE(report_message.body.find("within 90 min of the report"), std::string::npos);
  ASSERT_TRUE(engine.execute_and_wait(id, cmd::Sync{""}, actor("a-liu")).ok());
  for (const auto& m : log.messages_of(id).value()) {
    if (m.kind != "sync") continue;
    EXPECT_NE(m.body.find("小组须在接报后5小时内完成初步影响评估"), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("within 5 h of the report"), std::string::npos);
    EXPECT_EQ(m.body.find("4小时"), std::string::npos);
  }
}

TEST_F(DeliveryTest, P2_TheSyncReachesEveryMember) {
  std::string id = report();
  ASSERT_TRUE(engine.execute_and_wait(id, cmd::Sync{""}, actor("a-liu")).ok());
  int sync = 0;
  for (const auto& m : log.messages_of(id).value()) sync += m.kind == "sync";
  EXPECT_EQ(sync, 12);
}

TEST_F(DeliveryTest, AFailingReceiverIsRetriedWithBackoffAndTheMessageDeliveredOnce) {
  std::string id = report();
  email->script = {{false, false, "451 try later"}};
  EXPECT_EQ(worker.run_once(), 4);  // the first fails, the other three go through
  auto first = log.messages_of(id).value()[0];
  EXPECT_EQ(first.state, "pending");
  EXPECT_EQ(worker.run_once(), 0) << "not due before its backoff";
  clock.advance(std::chrono::seconds(7));
  email->script = {{false, false, "451 try later"}};
  EXPECT_EQ(worker.run_once(), 1);  // fails again
  clock.advance(std::chrono::seconds(13));
  EXPECT_EQ(worker.run_once(), 1);  // delivered
  auto m = log.message(first.id).value();
  EXPECT_EQ(m->state, "delivered");
  EXPECT_EQ(log.attempts_of(first.id).value().size(), 3u);
  clock.advance(hours(1));
  EXPECT_EQ(worker.run_once(), 0) << "nothing is sent twice";
}

TEST_F(DeliveryTest, APermanentFailureOrTooManyAttemptsDeadLetters) {
  std::string id = report();
  email->script = {{false, true, "550 no such mailbox"}};
  worker.run_once();
  auto dead = log.messages_of(id).value()[0];
  EXPECT_EQ(dead.state, "dead");
  EXPECT_EQ(dead.last_error, "550 no such mailbox");
}

TEST_F(DeliveryTest, L4_AcknowledgingTheLinkStopsTheEscalation) {
  std::string id = report();
  clock.advance(minutes(61));  // the P2 sync is missed: breach and wave 0
  engine.tick();
  std::string breach_message;
  for (const auto& m : log.messages_of(id).value()) {
    if (m.kind == "breach") breach_message = m.id;
  }
  ASSERT_FALSE(breach_message.empty());
  auto message = log.message(breach_message).value();
  auto link = message->body.find("https://pactum.example/ack/");
  ASSERT_NE(link, std::string::npos) << message->body;
  std::string token = message->body.substr(link + 27, message->body.find('\n', link) - link - 27);
  auto verified = verify_ack_token(engine.messaging(), token, clock.now());
  ASSERT_EQ(verified, breach_message);
  EXPECT_FALSE(verify_ack_token(engine.messaging(), token + "0", clock.now()));
  EXPECT_FALSE(verify_ack_token(engine.messaging(), token, clock.now() + hours(25))) << "expired";
  auto ack = engine.acknowledge(*verified);
  ASSERT_TRUE(ack.ok());
  EXPECT_FALSE(ack->duplicate);
  EXPECT_TRUE(engine.acknowledge(*verified)->duplicate) << "a link works once";
  clock.advance(minutes(40));  // wave 1 would have gone to the leaders
  engine.tick();
  int waves = 0;
  for (const auto& m : log.messages_of(id).value()) waves += m.notice.rfind("breach:sync:", 0) == 0;
  EXPECT_EQ(waves, 4) << "only wave 0 (the four contacts), nothing after the acknowledgement";
}

TEST_F(DeliveryTest, L4_OnlyAnOverdueObligationIsAcknowledgedAndOnlyByThoseItConcerns) {
  std::string id = report();
  EXPECT_EQ(engine.acknowledge_obligation(id, "no-such", actor("a-zhang"), "a-zhang").error().code,
            ErrorCode::not_found);
  EXPECT_EQ(engine.acknowledge_obligation("INC-2099-0001", "sync", actor("a-zhang"), "a-zhang")
                .error()
                .code,
            ErrorCode::not_found);
  EXPECT_EQ(engine.acknowledge_obligation(id, "sync", actor("a-zhang"), "a-zhang").error().code,
            ErrorCode::failed_precondition)
      << "not due yet: nothing to acknowledge";
  clock.advance(minutes(45));  // the sync's reminder to its owners
  engine.tick();
  std::string reminder;
  for (const auto& m : log.messages_of(id).value()) {
    if (m.kind == "reminder") reminder = m.id;
  }
  ASSERT_FALSE(reminder.empty());
  EXPECT_EQ(engine.acknowledge(reminder).error().code, ErrorCode::failed_precondition)
      << "a reminder cannot stop the escalation before there is one";
  clock.advance(minutes(16));  // the sync is missed: breach, wave 0 to the emergency contacts
  engine.tick();
  EXPECT_EQ(engine.acknowledge_obligation(id, "sync", actor("b-zhou"), "b-zhou").error().code,
            ErrorCode::permission_denied)
      << "B's technical lead was not reached and does not own the sync";
  auto ack = engine.acknowledge_obligation(id, "sync", actor("b-wang"), "b-wang");
  ASSERT_TRUE(ack.ok()) << ack.error().message;
  EXPECT_TRUE(engine.acknowledge_obligation(id, "sync", actor("b-wang"), "b-wang")->duplicate);
  clock.advance(minutes(40));
  engine.tick();
  auto state = engine.incident(id)->state;
  EXPECT_TRUE(state.breaches.contains("sync"));
  EXPECT_EQ(state.breaches.at("sync").waves_sent, 1) << "no wave after the acknowledgement";
}

TEST_F(DeliveryTest, C4_ADeadMessageGoesOnceMoreByTheBackupChannel) {
  std::string id = report();
  // a-zhang is reached by email, with WeCom (party A's group robot) as backup.
  auto plan = engine.plan();
  auto m = log.messages_of(id).value()[0];
  ASSERT_EQ(m.recipient, "a-zhang");
  Plan with_backup = plan->plan;
  for (auto& c : with_backup.contacts) {
    if (c.id == "a-zhang") c.backup_channel = "wecom";
  }
  auto fallback = by_backup_channel(with_backup, m, clock.now());
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->id, m.id + "-b");
  EXPECT_EQ(fallback->channel, "wecom");
  EXPECT_EQ(fallback->target, "wecom-group");
  EXPECT_EQ(fallback->mention, "+86 138 0000 0101");
  EXPECT_FALSE(by_backup_channel(with_backup, *fallback, clock.now())) << "only once";
  EXPECT_FALSE(by_backup_channel(plan->plan, m, clock.now())) << "no backup channel: none";
}

TEST_F(DeliveryTest, G3_ANewPlanVersionIsCopiedToBothPartiesMainContacts) {
  std::string v2 = testing::example_plan_yaml();
  v2.replace(v2.find("version: 1"), 10, "version: 2");
  ASSERT_TRUE(engine.activate_plan(v2, Actor{"admin", "A", {}}).ok());
  auto due = log.due_messages(clock.now(), 100).value();
  int change = 0;
  for (const auto& m : due) {
    if (m.kind != "change") continue;
    ++change;
    EXPECT_NE(m.subject.find("第2版已生效"), std::string::npos) << m.subject;
  }
  EXPECT_EQ(change, 4);  // the four designated contacts, both parties
}

TEST(RetryDelay, DoublesFromFiveSecondsUpToHalfAnHour) {
  EXPECT_EQ(retry_delay(1, 0.5), std::chrono::milliseconds(5000));
  EXPECT_EQ(retry_delay(2, 0.5), std::chrono::milliseconds(10000));
  EXPECT_EQ(retry_delay(30, 0.5), std::chrono::milliseconds(30 * 60 * 1000));
  EXPECT_EQ(retry_delay(1, 0.0), std::chrono::milliseconds(4000));
}

}  // namespace
}  // namespace pactum::engine
