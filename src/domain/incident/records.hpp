// What people put on an incident's record and commands, events and state share: evidence, the
// review (V1) with its follow-up actions, suppliers' quotes (S3) and external messages (M1). Part
// of domain/incident.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/plan/response.hpp"
#include "domain/time.hpp"

namespace pactum {

struct Evidence {
  EvidenceKind kind = EvidenceKind::note;
  std::string text;  // what it shows
  std::string ref;   // a file digest, URL or record number; optional for notes
  bool operator==(const Evidence&) const = default;
};

struct FollowUpAction {  // V1: tracked to completion
  std::string id;
  std::string text;
  std::string owner_role;
  std::optional<Instant> due;
  bool operator==(const FollowUpAction&) const = default;
};

enum class Avoidability { avoidable, partly, unavoidable };
const char* to_string(Avoidability a);
std::optional<Avoidability> parse_avoidability(const std::string& s);

struct Review {                // V1: the root-cause analysis template
  Instant occurred_at;         // when
  std::string location;        // where
  std::string responsible;     // who was responsible
  std::string direct_cause;    // e.g. operator error, ageing equipment
  std::string indirect_cause;  // e.g. missing process, insufficient training
  Avoidability avoidability = Avoidability::partly;
  std::string avoidability_notes;
  std::vector<FollowUpAction> actions;
  bool operator==(const Review&) const = default;
};

// S3: a supplier's quote for a major incident's quotes step (a step whose rule is S3). The
// supplier is one of the plan's register (suppliers.list id) or newly named (supplier_name).
struct Quote {
  std::string supplier;       // a suppliers.list id; empty for a supplier not on the register
  std::string supplier_name;  // the name of a supplier not on the register; empty otherwise
  std::int64_t amount = 0;    // in minor units (fen) of the plan's currency
  Instant valid_until;        // the quote holds until then
  std::vector<Evidence> evidence;
  // Who quoted: the register id, or the new supplier's name. Quotes come from distinct suppliers.
  const std::string& key() const { return supplier.empty() ? supplier_name : supplier; }
  bool operator==(const Quote&) const = default;
};

// M1: a message to the outside (a regulator, suppliers, users, the partner) or an internal
// bulletin, drafted from one of the plan's communication.templates and edited by a person: what
// was sent, exactly, and to whom. Its number (1, 2, … within the incident) names its outbox
// messages and its download.
struct ExternalMessage {
  std::int64_t number = 0;
  std::string template_id;  // a communication.templates id
  std::string audience;     // that template's audience
  std::string language;     // "zh-CN" | "en"
  std::string subject;      // as sent: an exercise's carries the exercise mark
  std::string body;
  std::vector<std::string> to;  // email addresses (optional for a download)
  bool operator==(const ExternalMessage&) const = default;
};

}  // namespace pactum
