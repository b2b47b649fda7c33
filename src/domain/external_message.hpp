// M1: messages to the outside — to a regulator, suppliers, users, the partner, or an internal
// bulletin — drafted from an incident with one of the plan's communication.templates, edited by
// a person (the plan's `send_external` roles), then sent by email or downloaded to be sent by
// hand. What went out, exactly, to whom, by whom and when is an event of the incident
// (incident.external_message_sent / _downloaded). Pure: `now` and `base_url` are given.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace pactum {

inline constexpr std::size_t kMaxExternalSubject = 300;    // bytes: one line of a mail header
inline constexpr std::size_t kMaxExternalBody = 20000;     // bytes
inline constexpr std::size_t kMaxExternalRecipients = 50;  // addresses in one message

// Why `address` is not an email address we send to (plain ASCII name@domain.tld, at most 254
// characters, no spaces, quotes, angle brackets or line breaks: nothing that could reach a mail
// header as more than one address), or nullopt.
std::optional<std::string> email_address_problem(std::string_view address);

// External messages are sent about an incident that exists and is not closed or cancelled (a
// finished incident's record is final), by a holder of a `permissions.send_external` role:
// not_found, failed_precondition or permission_denied otherwise.
Status may_send_external(const Plan& plan, const IncidentState& s, const Actor& actor);

struct ExternalDraft {
  std::string subject;
  std::string body;
};

// The plan's template `template_id` rendered in `language` ("zh-CN", "zh" or "en") from the
// incident, as `sender` (the actor's contact in the plan; may be null) would send it on the day
// of `now` in the plan's zone. An exercise's subject and body open with the exercise mark. Refused
// as may_send_external says, and for an unknown template or language (invalid_argument, naming
// "template" or "language").
Result<ExternalDraft> draft_external_message(const Plan& plan, const IncidentState& s,
                                             const Actor& actor, const Contact* sender,
                                             const std::string& template_id,
                                             const std::string& language, Instant now,
                                             const std::string& base_url);

// The message an edited draft records, numbered after the incident's last one: a known template
// and language; a subject of one line, not blank, at most kMaxExternalSubject bytes; a body not
// blank, at most kMaxExternalBody bytes, without control characters other than tab and line
// breaks; delivery "email" or "download"; for email at least one address; at most
// kMaxExternalRecipients addresses, each valid and named once ("to[2]" names the third). An
// exercise's subject and body get the exercise mark if the person removed it. The first problem
// is returned as invalid_argument naming its field. (Who may send it: may_send_external.)
Result<ExternalMessage> external_message(const Plan& plan, const IncidentState& s,
                                         const cmd::SendExternalMessage& c);

}  // namespace pactum
