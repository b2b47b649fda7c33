// Proposals, signer keys and signatures over the event log (G1, G3).
#include "engine/governance.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "engine/archive_bundle.hpp"
#include "engine/bundle_verify.hpp"
#include "engine/engine.hpp"
#include "engine/tar_file.hpp"
#include "store/memory/memory_event_log.hpp"
#include "testing/ed25519.hpp"
#include "testing/engine_fixture.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using testing::at;

struct Signer {
  store::User user;
  evidence::Seed seed{};
  std::string public_key() const {
    auto pk = evidence::public_key_of(seed);
    return evidence::base64(std::string_view(reinterpret_cast<const char*>(pk.data()), pk.size()));
  }
  std::string sign(std::string_view message) const {
    return evidence::base64(testing::ed25519_sign(message, seed));
  }
};

Signer signer(std::string id, std::string party, std::string contact, unsigned char fill,
              bool admin = false) {
  Signer s;
  s.user = store::User{std::move(id), "", std::move(party), std::move(contact), admin, "", {}};
  s.seed.fill(fill);
  return s;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

class GovernanceTest : public testing::EngineFixture {
 protected:
  std::unique_ptr<Governance> gov;
  Signer zhang = signer("zhang", "A", "a-zhang", 1, true);  // party A's leader
  Signer wang = signer("wang", "B", "b-wang", 2);           // party B's leader
  Signer li = signer("li", "A", "a-li", 3);                 // a technical lead: no signer
  std::string v2 = replace(testing::example_plan_yaml(), "version: 1", "version: 2");

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EngineFixture::SetUp());
    gov = open();
    engine.subscribe([this](const store::RecordedEvent& e) { gov->observe(e); });
  }

  std::unique_ptr<Governance> open() {
    auto g = std::make_unique<Governance>(
        engine, log, [this](auto records) { engine.observe(std::move(records)); });
    EXPECT_TRUE(g->load().ok());
    return g;
  }

  std::string key_of(const Signer& s) {
    auto k = gov->register_key(s.user, s.public_key());
    EXPECT_TRUE(k.ok()) << k.error().message;
    return k.ok() ? k->key_id : "";
  }
};

TEST_F(GovernanceTest, G1_TheFirstVersionIsInForceButNotYetSignedByBothParties) {
  auto v1 = gov->version(1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->state, governance::VersionState::in_force);
  EXPECT_FALSE(v1->signed_by_all);
  EXPECT_EQ(
      v1->statement.rfind("pactum plan statement v1\nplan coop-emergency-plan\nversion 1\n", 0), 0u)
      << v1->statement;
  EXPECT_NE(v1->statement.find("effective 2026-03-02\n"), std::string::npos);
  auto a = gov->sign(1, key_of(zhang), zhang.sign(v1->statement), zhang.user);
  ASSERT_TRUE(a.ok()) << a.error().message;
  auto b = gov->sign(1, key_of(wang), wang.sign(v1->statement), wang.user);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_TRUE(b->signed_by_all);
  EXPECT_EQ(b->state, governance::VersionState::in_force);
  EXPECT_EQ(engine.plan()->version, 1);
}

TEST_F(GovernanceTest, G1_AProposalTakesEffectOnceBothPartiesHaveSignedIt) {
  auto a_key = key_of(zhang);
  auto b_key = key_of(wang);
  auto proposed = gov->propose(v2, "报告时限不变，仅更新版本号", Actor{"zhang", "A", {}});
  ASSERT_TRUE(proposed.ok()) << proposed.error().message;
  EXPECT_EQ(proposed->state, governance::VersionState::proposed);
  EXPECT_EQ(engine.plan()->version, 1) << "proposed, not in force";

  auto a = gov->sign(2, a_key, zhang.sign(proposed->statement), zhang.user);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->state, governance::VersionState::proposed);
  EXPECT_EQ(engine.plan()->version, 1) << "one party's signature is not enough";

  auto b = gov->sign(2, b_key, wang.sign(proposed->statement), wang.user);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->state, governance::VersionState::in_force);
  EXPECT_EQ(engine.plan()->version, 2);
  EXPECT_EQ(gov->version(1)->state, governance::VersionState::superseded);
  ASSERT_EQ(b->signatures.size(), 2u);
  EXPECT_EQ(b->signatures[0].party, "A");
  EXPECT_EQ(b->signatures[1].party, "B");

  // A restart reads the same from the log, the statement as signed.
  auto again = open();
  EXPECT_EQ(again->version(2)->statement, proposed->statement);
  EXPECT_EQ(again->version(2)->signatures.size(), 2u);
  EXPECT_EQ(again->keys().size(), 2u);
  // A superseded version takes no more signatures.
  auto late = gov->sign(1, a_key, zhang.sign(gov->version(1)->statement), zhang.user);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("superseded"), std::string::npos);
}

TEST_F(GovernanceTest, G1_AVersionSignedByEveryPartyButNotYetInForceIsPutInForceAtStart) {
  auto a_key = key_of(zhang);
  auto b_key = key_of(wang);
  auto proposed = gov->propose(v2, "描述", Actor{"zhang", "A", {}});
  ASSERT_TRUE(proposed.ok());
  ASSERT_TRUE(gov->sign(2, a_key, zhang.sign(proposed->statement), zhang.user).ok());
  // The last signature recorded, and the process stopped before the activation.
  boost::json::object payload{
      {"version", 2},   {"party", "B"},           {"key_id", b_key},
      {"user", "wang"}, {"statement_sha256", ""}, {"signature", wang.sign(proposed->statement)}};
  store::AppendRequest last{std::string(kGovernanceStream),
                            store::kAnyVersion,
                            {{"plan.signed", R"({"user":"wang","party":"B","roles":[]})",
                              clock.now(), boost::json::serialize(payload)}},
                            ""};
  auto r = log.append_and_wait(std::move(last));
  ASSERT_TRUE(r.ok());
  Engine restarted{log, clock};
  ASSERT_TRUE(restarted.load().ok());
  EXPECT_EQ(restarted.plan()->version, 1);
  Governance again(restarted, log, [&](auto records) { restarted.observe(std::move(records)); });
  ASSERT_TRUE(again.load().ok());
  restarted.subscribe([&](const store::RecordedEvent& e) { again.observe(e); });
  ASSERT_TRUE(again.resume().ok());
  EXPECT_EQ(restarted.plan()->version, 2);
  EXPECT_EQ(again.version(2)->state, governance::VersionState::in_force);
  ASSERT_TRUE(again.resume().ok()) << "nothing left to do";
  EXPECT_EQ(restarted.plan()->version, 2);
}

TEST_F(GovernanceTest, G1_AForgedSignatureIsRefusedAndNothingChanges) {
  auto a_key = key_of(zhang);
  auto proposed = gov->propose(v2, "描述", Actor{"zhang", "A", {}});
  ASSERT_TRUE(proposed.ok());
  auto before = log.read(0, 1000)->size();
  auto forged = gov->sign(2, a_key, wang.sign(proposed->statement), zhang.user);
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(forged.error().field, "signature");
  auto other_bytes = gov->sign(2, a_key, zhang.sign(proposed->statement + "x"), zhang.user);
  EXPECT_EQ(other_bytes.error().field, "signature");
  EXPECT_EQ(gov->sign(2, a_key, "not base64!", zhang.user).error().field, "signature");
  auto not_theirs = gov->sign(2, a_key, zhang.sign(proposed->statement), wang.user);
  EXPECT_EQ(not_theirs.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(log.read(0, 1000)->size(), before);
  EXPECT_TRUE(gov->version(2)->signatures.empty());
}

TEST_F(GovernanceTest, G1_OnlySignersRegisterKeysAndARevokedKeySignsNoMore) {
  auto refused = gov->register_key(li.user, li.public_key());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
  EXPECT_EQ(gov->register_key(zhang.user, "AAAA").error().field, "public_key");
  auto a_key = key_of(zhang);
  EXPECT_EQ(gov->register_key(zhang.user, zhang.public_key()).error().code, ErrorCode::conflict);
  EXPECT_EQ(gov->revoke_key(a_key, wang.user).error().code, ErrorCode::permission_denied)
      << "not the other party's";
  ASSERT_TRUE(gov->revoke_key(a_key, zhang.user).ok());
  auto proposed = gov->propose(v2, "描述", Actor{"zhang", "A", {}});
  auto r = gov->sign(2, a_key, zhang.sign(proposed->statement), zhang.user);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "key_id");
  EXPECT_NE(r.error().message.find("revoked"), std::string::npos);
  EXPECT_TRUE(gov->keys().front().revoked_at.has_value());
  // Each registration was announced to both parties' main contacts, naming whose key it is.
  int announced = 0;
  for (const auto& m : log.due_messages(at("2030-01-01T00:00:00Z"), 100).value()) {
    if (m.kind != "signer_key") continue;
    ++announced;
    EXPECT_NE(m.body.find("zhang (a-zhang, party A): key " + a_key), std::string::npos) << m.body;
  }
  EXPECT_GE(announced, 2);
}

TEST_F(GovernanceTest, G1_AProposalNeedsAValidPlanAHigherVersionAndADescription) {
  EXPECT_EQ(gov->propose(testing::example_plan_yaml(), "x", Actor{"zhang", "A", {}}).error().field,
            "version");
  EXPECT_EQ(gov->propose(v2, "  ", Actor{"zhang", "A", {}}).error().field, "description");
  EXPECT_EQ(gov->propose("version: [", "x", Actor{"zhang", "A", {}}).error().field, "yaml");
  ASSERT_TRUE(gov->propose(v2, "x", Actor{"zhang", "A", {}}).ok());
  EXPECT_EQ(gov->propose(v2, "again", Actor{"zhang", "A", {}}).error().field, "version");
}

TEST_F(GovernanceTest, G3_AProposalIsCopiedToTheMainContactsWithItsDescriptionAndChanges) {
  auto yaml = replace(v2, "report: {within: 2h, from: discovered}",
                      "report: {within: 1h, from: discovered}");
  ASSERT_TRUE(gov->propose(yaml, "报告时限缩短为1小时", Actor{"zhang", "A", {}}).ok());
  auto due = log.due_messages(at("2030-01-01T00:00:00Z"), 100);
  ASSERT_TRUE(due.ok());
  int copies = 0;
  for (const auto& m : *due) {
    if (m.kind != "proposal") continue;
    ++copies;
    EXPECT_NE(m.body.find("报告时限缩短为1小时"), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("process.report.within: \"2h\" → \"1h\""), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("+263:   report: {within: 1h, from: discovered}"), std::string::npos)
        << m.body;
  }
  EXPECT_GE(copies, 2) << "the main contacts of both parties";
}

TEST_F(GovernanceTest, G3_AMajorChangeTakesNoSignatureBeforeAJointMeeting) {
  auto a_key = key_of(zhang);
  auto yaml = replace(v2, "reserve: 5%", "reserve: 6%");
  auto proposed = gov->propose(yaml, "应急资金比例调整为6%", Actor{"zhang", "A", {}});
  ASSERT_TRUE(proposed.ok()) << proposed.error().message;
  EXPECT_EQ(proposed->major_changes, std::vector<std::string>{"fund.reserve"});
  EXPECT_FALSE(proposed->joint_meeting_held);
  auto r = gov->sign(2, a_key, zhang.sign(proposed->statement), zhang.user);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(r.error().message.find("joint meeting"), std::string::npos);
  // Minutes with both parties' people, held after the proposal: the version says so, and signs.
  gov->joint_meetings_from([this] {
    return std::vector<MeetingRecord>{
        {"MTG-1", "joint", clock.now(), {"a-zhang", "b-wang"}, {"reserve 6%"}, ""}};
  });
  EXPECT_TRUE(gov->version(2)->joint_meeting_held);
  EXPECT_TRUE(gov->sign(2, a_key, zhang.sign(proposed->statement), zhang.user).ok());
}

TEST_F(GovernanceTest, G3_AProposalShowsWhoIsAwaitedAndItsDiffAgainstTheVersionInForce) {
  auto a_key = key_of(zhang);
  auto yaml = replace(v2, "report: {within: 2h, from: discovered}",
                      "report: {within: 1h, from: discovered}");
  ASSERT_TRUE(gov->propose(yaml, "报告时限缩短为1小时", Actor{"zhang", "A", {}}).ok());
  auto all = gov->versions();
  ASSERT_EQ(all.size(), 2u) << "the version in force and the proposal";
  EXPECT_EQ(all[0].state, governance::VersionState::in_force);
  EXPECT_EQ(all[1].state, governance::VersionState::proposed);
  EXPECT_EQ(all[1].awaiting, (std::vector<std::string>{"A", "B"}));
  EXPECT_FALSE(all[1].joint_meeting_held) << "no major change: no meeting needed";
  ASSERT_TRUE(gov->sign(2, a_key, zhang.sign(all[1].statement), zhang.user).ok());
  EXPECT_EQ(gov->version(2)->awaiting, std::vector<std::string>{"B"});

  auto diff = gov->diff(2);
  ASSERT_TRUE(diff.ok());
  // The changed line is numbered as it stands in the example plan's file.
  auto at = v2.find("  report: {within: 2h, from: discovered}");
  ASSERT_NE(at, std::string::npos);
  auto line = 1 + std::count(v2.begin(), v2.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  EXPECT_NE(diff->find(fmt::format("-{}:   report: {{within: 2h, from: discovered}}", line)),
            std::string::npos)
      << *diff;
  EXPECT_NE(diff->find(fmt::format("+{}:   report: {{within: 1h, from: discovered}}", line)),
            std::string::npos)
      << *diff;
  EXPECT_EQ(gov->diff(1).value(), "") << "put in force without a proposal";
  EXPECT_EQ(gov->diff(9).error().field, "version");
}

// G5: the archive bundle of a log with two versions, each signed by both parties.
class BundleTest : public GovernanceTest {
 protected:
  std::vector<BundleFile> files;

  void SetUp() override {
    GovernanceTest::SetUp();
    auto a_key = key_of(zhang);
    auto b_key = key_of(wang);
    auto v1 = gov->version(1);
    ASSERT_TRUE(gov->sign(1, a_key, zhang.sign(v1->statement), zhang.user).ok());
    ASSERT_TRUE(gov->sign(1, b_key, wang.sign(v1->statement), wang.user).ok());
    auto p = gov->propose(v2, "仅更新版本号", Actor{"zhang", "A", {}});
    ASSERT_TRUE(p.ok()) << p.error().message;
    ASSERT_TRUE(gov->sign(2, a_key, zhang.sign(p->statement), zhang.user).ok());
    ASSERT_TRUE(gov->sign(2, b_key, wang.sign(p->statement), wang.user).ok());
    auto made = bundle_files({log, std::nullopt, {{"review.pdf", "%PDF-1.7 …"}}});
    ASSERT_TRUE(made.ok()) << made.error().message;
    files = std::move(*made);
  }

  std::string& file(const std::string& path) {
    for (auto& f : files) {
      if (f.path == path) return f.bytes;
    }
    ADD_FAILURE() << "no " << path;
    static std::string none;
    return none;
  }

  // As someone who altered a file and wrote its digest into the manifest too.
  void rewrite_manifest() {
    files.pop_back();
    files.push_back({kManifest, manifest_of(files)});
  }

  std::string fault() {
    auto r = verify_bundle(files);
    EXPECT_FALSE(r.ok());
    return r.ok() ? "" : r.error().message;
  }
};

TEST_F(BundleTest, G5_AGoodBundleVerifiesAlsoAfterATripThroughATarFile) {
  auto r = verify_bundle(files);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->versions, 2u);
  EXPECT_EQ(r->signatures, 4u);
  EXPECT_EQ(r->events, log.head()->seq);
  EXPECT_EQ(file("documents/review.pdf"), "%PDF-1.7 …");
  EXPECT_EQ(file("plan/v2/plan.yaml"), v2);
  EXPECT_NE(file("README.md").find("sha256sum -c MANIFEST.sha256"), std::string::npos);

  std::string path = ::testing::TempDir() + "/pactum-bundle-test.tar";
  auto written = write_tar(path, kBundleFolder, files, clock.now());
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->size(), 64u);
  auto read = read_tar(path, kBundleFolder);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->size(), files.size());
  EXPECT_TRUE(verify_bundle(*read).ok());
  std::remove(path.c_str());
}

TEST_F(BundleTest, G5_OneByteChangedInAnEventIsNamed) {
  std::string& events = file(kEventsFile);
  auto at = events.find("仅更新版本号");
  ASSERT_NE(at, std::string::npos);
  events[at + 3] ^= 0x01;  // the second character's first byte: another character
  EXPECT_NE(fault().find("events.jsonl has been altered: its SHA-256 is"), std::string::npos)
      << fault();
  rewrite_manifest();
  std::string seen = fault();
  EXPECT_NE(seen.find("events.jsonl line "), std::string::npos) << seen;
  EXPECT_NE(seen.find("(plan.proposed, governance v"), std::string::npos) << seen;
  EXPECT_NE(seen.find("has been altered"), std::string::npos) << seen;
}

TEST_F(BundleTest, G5_ASwappedSignatureIsNamed) {
  std::string& signatures = file("plan/v2/signatures.json");
  auto parsed = boost::json::parse(signatures).as_array();
  std::swap(parsed[0].as_object()["signature"], parsed[1].as_object()["signature"]);
  signatures = boost::json::serialize(parsed);
  rewrite_manifest();
  std::string seen = fault();
  EXPECT_NE(seen.find("plan/v2/signatures.json: the signature of party A"), std::string::npos)
      << seen;
  EXPECT_NE(seen.find("does not verify over plan/v2/statement.txt"), std::string::npos) << seen;
}

TEST_F(BundleTest, G5_AMissingFileIsNamed) {
  std::erase_if(files, [](const BundleFile& f) { return f.path == "plan/v1/statement.txt"; });
  EXPECT_EQ(fault(), "plan/v1/statement.txt is missing (listed in MANIFEST.sha256)");
  rewrite_manifest();
  EXPECT_EQ(fault(), "plan/v1/statement.txt is missing");
}

TEST_F(BundleTest, G5_AFileOutsideTheManifestIsNamed) {
  files.insert(files.begin(), BundleFile{"documents/extra.txt", "not listed"});
  EXPECT_EQ(fault(), "documents/extra.txt is not listed in MANIFEST.sha256");
}

TEST_F(BundleTest, G5_ADocumentNameWithAFolderIsRefused) {
  auto r = bundle_files({log, std::nullopt, {{"../etc/passwd", "x"}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "documents");
}

// The generated documents come from the records folded from the log, as the read model has them:
// the versions judged against the one in force, the plan in force, each incident's timeline.
TEST_F(BundleTest, G5_TheDocumentProducerIsGivenTheRecordsOfTheLog) {
  cmd::Report report{"", "T1", "T1.outage", "系统瘫痪", "全部", "断电", clock.now(), "A", ""};
  auto reported = engine.execute_and_wait("", report, testing::actor("a-li"));
  ASSERT_TRUE(reported.ok()) << reported.error().message;
  std::vector<std::string> seen;
  DocumentProducer producer = [&](const ArchiveRecords& r) -> Result<std::vector<BundleFile>> {
    EXPECT_EQ(r.ledger.versions.at(1).state, governance::VersionState::superseded);
    EXPECT_EQ(r.ledger.versions.at(2).state, governance::VersionState::in_force);
    EXPECT_EQ(r.ledger.versions.at(2).signatures.size(), 2u);
    EXPECT_EQ(r.ledger.keys.size(), 2u);
    EXPECT_TRUE(r.plan && r.plan->version == 2);
    for (const auto& [id, incident] : r.incidents) {
      seen.push_back(id);
      EXPECT_EQ(incident.state.report.phenomenon, "系统瘫痪");
      EXPECT_FALSE(incident.events.empty());
    }
    return std::vector<BundleFile>{{"plan-v2.zh.pdf", "%PDF-1.7 v2"}};
  };
  auto made = bundle_files({log, std::nullopt, {{"extra.txt", "by hand"}}, producer});
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(seen, std::vector<std::string>{reported->incident_id});
  auto at = [&](const std::string& path) {
    return std::find_if(made->begin(), made->end(), [&](const auto& f) { return f.path == path; });
  };
  ASSERT_NE(at("documents/plan-v2.zh.pdf"), made->end());
  ASSERT_NE(at("documents/extra.txt"), made->end());
  EXPECT_NE(made->back().bytes.find("  documents/plan-v2.zh.pdf\n"), std::string::npos)
      << "listed in the manifest";
  EXPECT_TRUE(verify_bundle(*made).ok());

  auto twice = bundle_files({log, std::nullopt, {{"plan-v2.zh.pdf", "by hand"}}, producer});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "two documents are named \"plan-v2.zh.pdf\"");
  auto failing = bundle_files(
      {log, std::nullopt, {}, [](const ArchiveRecords&) {
         return Result<std::vector<BundleFile>>(Error{ErrorCode::internal, "out of memory", {}});
       }});
  ASSERT_FALSE(failing.ok());
  EXPECT_EQ(failing.error().message, "out of memory");
}

}  // namespace
}  // namespace pactum::engine
