// What the "plan" and "governance" streams say about the plan's versions and the signers' keys,
// folded from the events in log order: the read model of Governance, and what an archive bundle
// (archive_bundle.hpp) writes out offline, without a server. Not thread-safe.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/evidence/note.hpp"
#include "domain/governance/signing.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

inline constexpr std::string_view kGovernanceStream = "governance";

struct SignerKeyInfo {
  std::string key_id;  // "k" and the first 16 hex digits of the key's SHA-256
  std::string user;
  std::string contact;
  std::string party;
  evidence::PublicKey public_key{};
  Instant registered_at;
  std::optional<Instant> revoked_at;
  std::string revoked_by;
};

struct PlanSignatureInfo {
  std::string party;
  std::string key_id;
  std::string user;
  std::string signature;  // the 64 raw bytes
  Instant signed_at;
};

struct PlanVersionInfo {
  std::int64_t version = 0;
  std::string yaml;
  std::string sha256;
  std::string statement;  // the bytes signed
  date::local_days effective{};
  std::string description;  // empty for a version put in force without a proposal
  std::optional<Instant> proposed_at;
  std::string proposed_by;
  std::optional<Instant> activated_at;
  std::vector<std::string> major_changes;  // governance.major_changes paths it touches
  std::string changes;                     // the summary against the version then in force
  std::vector<PlanSignatureInfo> signatures;
  governance::VersionState state = governance::VersionState::proposed;
  bool signed_by_all = false;         // every party of governance.signatures (of the plan in force)
  std::vector<std::string> awaiting;  // the parties of governance.signatures yet to sign it
  // For a version touching major_changes: a joint meeting on it is recorded (G3), so it takes
  // signatures. False otherwise.
  bool joint_meeting_held = false;
};

struct GovernanceLedger {
  std::map<std::string, SignerKeyInfo> keys;
  std::map<std::int64_t, PlanVersionInfo> versions;
  std::int64_t in_force = 0;  // the version the last plan.activated put in force; 0: none yet

  // Takes in one event of the plan or governance stream (others are ignored), in seq order.
  // A version's state and signed_by_all are left for the caller to judge against the plan in force.
  void apply(const store::RecordedEvent& e);
};

// A version's state against the version in force (0: none): that one is in force, an older one
// superseded, a newer one proposed.
governance::VersionState version_state(std::int64_t version, std::int64_t in_force);

}  // namespace pactum::engine
