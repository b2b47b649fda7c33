#include "domain/governance/signing.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pactum::governance {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string day(date::local_days d) { return date::format("%F", d); }

}  // namespace

const char* to_string(VersionState state) {
  switch (state) {
    case VersionState::proposed:
      return "proposed";
    case VersionState::in_force:
      return "in_force";
    case VersionState::superseded:
      return "superseded";
  }
  return "proposed";
}

Result<std::string> signer_party(const Plan& authority, const std::string& contact) {
  const Contact* c = authority.find_contact(contact);
  if (!c) {
    return denied(fmt::format("\"{}\" is not a contact of the plan in force: only its signers sign",
                              contact));
  }
  if (!contains(authority.governance.signatures, c->party)) {
    return denied(
        fmt::format("party \"{}\" does not sign the plan (governance.signatures)", c->party));
  }
  auto named = authority.governance.signers.find(c->party);
  if (named != authority.governance.signers.end()) {
    for (const auto& role : authority.roles_of(contact)) {
      if (contains(named->second, role)) return c->party;
    }
  }
  return denied(fmt::format(
      "\"{}\" does not hold a signer role of party \"{}\" (governance.signers) as holder or deputy",
      contact, c->party));
}

Status check_joint_meeting(bool touches_major_changes, bool has_joint_meeting) {
  if (touches_major_changes && !has_joint_meeting) {
    return precondition(
        "this version changes a major item (governance.major_changes): a joint meeting of both "
        "parties must be recorded before it is signed");
  }
  return {};
}

bool joint_meeting_held(const Plan& plan, const std::vector<MeetingRecord>& meetings,
                        Instant proposed_at) {
  for (const auto& m : meetings) {
    if (m.held_at < proposed_at) continue;
    bool every_party = true;
    for (const auto& party : plan.parties) {
      bool present = false;
      for (const auto& c : m.participants) {
        const Contact* contact = plan.find_contact(c);
        present = present || (contact && contact->party == party.id);
      }
      every_party = every_party && present;
    }
    if (every_party) return true;
  }
  return false;
}

Status check_within_term(const Agreement& agreement, date::local_days today,
                         std::string_view what) {
  if (today < agreement.starts) {
    return Error{ErrorCode::failed_precondition,
                 fmt::format("the agreement's term begins on {}: before then, no {}",
                             day(agreement.starts), what),
                 "agreement.starts"};
  }
  if (today > agreement.ends) {
    return Error{
        ErrorCode::failed_precondition,
        fmt::format("the agreement ended on {}: the plan has expired and no {} after its term",
                    day(agreement.ends), what),
        "agreement.ends"};
  }
  return {};
}

Result<std::string> accept_signature(const Plan& authority, const VersionToSign& version,
                                     const SignerKey& key, std::string_view signature,
                                     date::local_days today) {
  if (version.state == VersionState::superseded) {
    return precondition(
        "this version has been superseded by a later one: it is not signed any more");
  }
  if (Status e = check_within_term(authority.agreement, today, "plan version is signed"); !e.ok())
    return e.error();
  if (key.revoked) {
    return Error{ErrorCode::failed_precondition,
                 fmt::format("key {} has been revoked: register a new key to sign", key.key_id),
                 "key_id"};
  }
  auto party = signer_party(authority, key.contact);
  if (!party) return party.error();
  if (contains(version.signed_by, *party)) {
    return Error{ErrorCode::conflict,
                 fmt::format("party \"{}\" has already signed this version", *party),
                 {}};
  }
  if (Status e = check_joint_meeting(version.touches_major_changes, version.has_joint_meeting);
      !e.ok()) {
    return e.error();
  }
  if (!evidence::ed25519_verify(version.statement, signature, key.public_key)) {
    return invalid("signature",
                   fmt::format("the signature is not key {}'s Ed25519 signature of this version's "
                               "statement (GET /api/v1/plan/versions/{{v}}/statement)",
                               key.key_id));
  }
  return *party;
}

bool fully_signed(const Plan& authority, const std::vector<std::string>& signed_by) {
  return std::all_of(authority.governance.signatures.begin(), authority.governance.signatures.end(),
                     [&](const std::string& p) { return contains(signed_by, p); });
}

}  // namespace pactum::governance
