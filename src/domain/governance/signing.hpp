// Who signs a plan version and whether a signature is accepted (G1, G3, G5): pure rules over the
// plan, the version's state and the key, so the engine only gathers their inputs. A signature
// is Ed25519 over the version statement's exact bytes (statement.hpp).
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/evidence/note.hpp"
#include "domain/plan.hpp"
#include "domain/programme/records.hpp"
#include "domain/result.hpp"

namespace pactum::governance {

// A plan version's life: proposed (awaiting signatures), in force (every party of
// governance.signatures signed it, or it is the first version, put in force by `pactum init` and
// shown as not yet signed by both parties until they do), superseded (a later version took
// effect).
enum class VersionState { proposed, in_force, superseded };
const char* to_string(VersionState state);

// A signer's registered public key. `contact` is the plan contact of the account that
// registered it.
struct SignerKey {
  std::string key_id;
  std::string contact;
  evidence::PublicKey public_key{};
  bool revoked = false;
};

// What the rules need to know about the version being signed.
struct VersionToSign {
  VersionState state = VersionState::proposed;
  std::string statement;               // the exact bytes signed
  std::vector<std::string> signed_by;  // parties whose signature is already accepted
  bool touches_major_changes = false;  // it changes a path of governance.major_changes (G3)
  bool has_joint_meeting = false;      // a joint meeting on it is recorded (minutes, both parties)
};

// The party `contact` signs for under `authority` (the plan in force; for the first version, that
// version itself: a proposal cannot name its own signers): the contact's party, when that party is
// in governance.signatures and the contact holds, as holder or deputy, a role that
// governance.signers names for it. permission_denied otherwise, saying why.
Result<std::string> signer_party(const Plan& authority, const std::string& contact);

// G3: a version that changes a path of governance.major_changes takes signatures only once a joint
// meeting on it is recorded.
Status check_joint_meeting(bool touches_major_changes, bool has_joint_meeting);
// Whether `meetings` hold the joint meeting G3 asks for a version proposed at `proposed_at`: one
// held at or after the proposal, with participants of every party of the plan.
bool joint_meeting_held(const Plan& plan, const std::vector<MeetingRecord>& meetings,
                        Instant proposed_at);

// G4/G5: the agreement's term, its first and last days inclusive, in the plan's time zone.
// failed_precondition naming the term when `today` is outside it, its field the end passed
// ("agreement.starts" or "agreement.ends"); `what` is what is refused ("incident is reported").
Status check_within_term(const Agreement& agreement, date::local_days today, std::string_view what);

// Whether `signature` (the 64 raw bytes) by `key` is accepted for `version`; the party it counts
// for. Refused, with nothing to change: a superseded version (failed_precondition), a date
// outside the agreement's term (failed_precondition), a revoked key (failed_precondition, field
// key_id), a signer without the signer role of a signing party (permission_denied), a second
// signature of the same party (conflict), a major change without its joint meeting
// (failed_precondition), bytes that are not a valid Ed25519 signature over the statement by the
// key (invalid_argument, field signature).
Result<std::string> accept_signature(const Plan& authority, const VersionToSign& version,
                                     const SignerKey& key, std::string_view signature,
                                     date::local_days today);

// Whether every party of governance.signatures has signed: the version may take effect.
bool fully_signed(const Plan& authority, const std::vector<std::string>& signed_by);

}  // namespace pactum::governance
