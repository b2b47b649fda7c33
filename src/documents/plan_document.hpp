// The signed plan (G1): the plan's text, section by section in the words of `pactum plan show`,
// then a signature page — per signing party, who signed (name and role), with which key (its id
// and fingerprint: the SHA-256 of the raw public key), when, and the signature; "not yet signed"
// for a party without one — and the statement they signed, in full, with its SHA-256 and the
// plan file's. With the statement, the file and a public key, anyone can verify a signature
// offline (docs/plan-signing.md).
#pragma once

#include <date/date.h>

#include <cstdint>
#include <string>
#include <vector>

#include "domain/evidence/note.hpp"
#include "domain/governance/signing.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "domain/text.hpp"
#include "domain/time.hpp"

namespace pactum::documents {

struct PlanSignature {
  std::string party;
  std::string user;     // the signer's account
  std::string contact;  // the signer's plan contact (their name and roles come from the plan)
  std::string key_id;
  evidence::PublicKey public_key{};
  std::string signature;  // the 64 raw bytes
  Instant signed_at;
};

struct PlanVersionDocument {
  const Plan& plan;  // the version's own plan
  std::string yaml_sha256;
  std::string statement;  // the bytes signed
  date::local_days effective{};
  governance::VersionState state = governance::VersionState::proposed;
  std::string description;  // of the change; empty for a first version
  std::vector<PlanSignature> signatures;
};

// "the SHA-256 of the raw public key", lower-case hex: the key's fingerprint.
std::string key_fingerprint(const evidence::PublicKey& key);

Result<std::string> plan_pdf(const PlanVersionDocument& doc, Lang lang, Instant generated_at);

}  // namespace pactum::documents
