#include "store/record.hpp"

#include <gtest/gtest.h>

#include "domain/digest.hpp"

namespace pactum::store {
namespace {

RecordedEvent sample() {
  RecordedEvent e;
  e.seq = 1;
  e.stream = "incident/INC-1";
  e.version = 1;
  e.type = "incident.reported";
  e.actor = R"({"party":"A","roles":[],"user":"a-li"})";
  e.at = *parse_instant("2026-03-02T01:00:00Z");
  e.payload = R"({"phenomenon":"瘫痪"})";
  return e;
}

TEST(Record, TheCanonicalRecordIsStable) {
  EXPECT_EQ(canonical_record(sample()),
            R"({"actor":{"party":"A","roles":[],"user":"a-li"},"at":"2026-03-02T01:00:00.000Z",)"
            R"("idempotency_key":"","payload":{"phenomenon":"瘫痪"},"seq":1,)"
            R"("stream":"incident/INC-1","type":"incident.reported","version":1})");
}

TEST(Record, AVerifierAcceptsASealedChainAndNamesTheFirstAlteredEvent) {
  std::vector<RecordedEvent> chain;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= 5; ++i) {
    RecordedEvent e = sample();
    e.seq = i;
    e.version = i;
    seal(e, prev);
    prev = e.hash;
    chain.push_back(e);
  }
  ChainVerifier ok;
  for (const auto& e : chain) EXPECT_TRUE(ok.next(e));
  EXPECT_EQ(ok.checked(), 5);
  EXPECT_EQ(ok.head_hash(), chain.back().hash);

  chain[2].payload = R"({"phenomenon":"正常"})";
  ChainVerifier bad;
  for (const auto& e : chain) bad.next(e);
  ASSERT_TRUE(bad.failure());
  EXPECT_NE(bad.failure()->find("event 3 (incident.reported, incident/INC-1 v3) has been altered"),
            std::string::npos)
      << *bad.failure();
  EXPECT_EQ(bad.checked(), 2);
}

TEST(Record, AVerifierNoticesAMissingEvent) {
  RecordedEvent a = sample(), b = sample();
  seal(a, std::string(kGenesisHash));
  b.seq = 3;
  seal(b, a.hash);
  ChainVerifier v;
  EXPECT_TRUE(v.next(a));
  EXPECT_FALSE(v.next(b));
  EXPECT_NE(v.failure()->find("missing"), std::string::npos);
}

}  // namespace
}  // namespace pactum::store
