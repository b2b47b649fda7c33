// The plan signed by both parties (G1, G3; docs/plan-signing.md): signers' public keys, proposed
// plan versions, and signatures over each version's statement. A proposal takes effect (the
// engine's plan.activated, copied to both parties' main contacts) once every party of
// governance.signatures has signed it; the version in force before is then superseded. The first
// version, put in force by `pactum init` or `pactum serve --plan`, is in force but shown as not
// yet signed until both parties sign it too.
//
// Records go on their own stream ("governance": signer_key.registered, signer_key.revoked,
// plan.proposed, plan.signed) and are handed to the engine once durable (Engine::observe), so the
// event feed, the transparency log and this component see them in order. Uniqueness (one key
// registration, one proposal per version, one signature per party and version) is the log's, by
// idempotency key: two racing requests cannot both win.
//
// Thread-safe. observe() must see every event once, in seq order (Engine::subscribe does).
#pragma once

#include <date/date.h>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/governance/changes.hpp"
#include "domain/governance/signing.hpp"
#include "domain/incident.hpp"
#include "domain/programme/records.hpp"
#include "engine/engine.hpp"
#include "engine/governance_ledger.hpp"
#include "store/accounts.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

class Governance {
 public:
  using Publish = std::function<void(std::vector<store::RecordedEvent>)>;
  Governance(Engine& engine, store::EventLog& log, Publish publish);

  // Reads the plan and governance streams. Call once, after Engine::load, before observe().
  Status load();
  void observe(const store::RecordedEvent& e);
  // Finishes what a stop between the last signature and the activation left undone: a proposal
  // every party has signed is put in force. Call after load(), once observe() is subscribed.
  Status resume();

  // Registers `user`'s public key (base64 of its 32 raw bytes; the password was checked by the
  // caller). The user's contact must be a signer of the plan in force. An event.
  Result<SignerKeyInfo> register_key(const store::User& user, std::string_view public_key);
  // Revokes a key: its owner, or an administrator of its party. An event; later signatures by it
  // are refused, earlier ones stay.
  Result<SignerKeyInfo> revoke_key(const std::string& key_id, const store::User& by);
  std::vector<SignerKeyInfo> keys() const;

  // Proposes a new version: valid YAML of the plan in force's id and a higher version than any
  // proposed or in force, with a written description. Copied to both parties' main contacts with
  // the description and a summary of what changed (G3).
  Result<PlanVersionInfo> propose(const std::string& yaml, const std::string& description,
                                  const Actor& by);
  // Accepts a signature (base64 of the 64 bytes) over version `v`'s statement by `user`'s key
  // `key_id` (governance::accept_signature says which). The last party's signature puts the
  // version in force.
  Result<PlanVersionInfo> sign(std::int64_t v, const std::string& key_id,
                               std::string_view signature, const store::User& user);

  // Where the joint meetings G3 asks for are recorded (the programme's meetings). Unset: none.
  void joint_meetings_from(std::function<std::vector<MeetingRecord>()> meetings) {
    meetings_ = std::move(meetings);
  }

  std::vector<PlanVersionInfo> versions() const;  // oldest first
  Result<PlanVersionInfo> version(std::int64_t v) const;
  // Version `v`'s YAML, line by line (governance::line_diff), against the version that was in
  // force when it was proposed: what the partner's copy of the proposal showed. Empty for a
  // version put in force without a proposal.
  Result<std::string> diff(std::int64_t v) const;

 private:
  PlanVersionInfo with_state(PlanVersionInfo v) const;
  Result<std::vector<store::RecordedEvent>> append(std::string type, const Actor& by,
                                                   boost::json::object payload,
                                                   std::string idempotency_key,
                                                   std::vector<OutboxMessage> outbox = {});

  Engine& engine_;
  store::EventLog& log_;
  Publish publish_;
  std::function<std::vector<MeetingRecord>()> meetings_;

  std::mutex command_mutex_;  // one command at a time; never held by observe()
  mutable std::mutex mutex_;  // the read model below
  GovernanceLedger ledger_;
};

}  // namespace pactum::engine
