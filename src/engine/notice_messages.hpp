// Turning notices into messages: each recipient gets one, rendered from the plan's template for
// its kind and audience (mustache, Chinese then English), addressed on their preferred channel,
// with a signed acknowledgement link when it concerns an obligation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/incident.hpp"
#include "domain/notices.hpp"
#include "domain/plan.hpp"
#include "domain/programme/duties.hpp"
#include "store/outbox.hpp"

namespace pactum::engine {

struct MessagingConfig {
  std::string base_url = "http://127.0.0.1:8080";  // where people open Pactum
  std::string key;  // signs acknowledgement links (32+ random bytes, kept in the data directory)
};

// Addresses `m` to `contact` on `channel`: email → their address; webhook → the generic webhook;
// a robot (wecom, dingtalk, feishu, slack) → their party's group channel, mentioning their mobile.
void address(const Plan& plan, const Contact& contact, const std::string& channel,
             OutboxMessage& m);

std::vector<OutboxMessage> render_messages(const Plan& plan, const IncidentState& after,
                                           const std::string& incident_id,
                                           const std::vector<Notice>& notices, Instant now,
                                           const MessagingConfig& config);

// G3: a new plan version in force ("change") or proposed ("proposal"), or a signer's key registered
// ("signer_key", G1: a key registered behind someone's back is seen), copied to both parties'
// main (emergency) contacts, if the plan has a template of that kind. `kind_of_change` is the
// template's kind; it, the plan's version and `about` (a key id) make the messages' ids.
// `appendix`, if any, follows the body (a proposal's description and what it changes).
std::vector<OutboxMessage> render_plan_change(const Plan& plan, Instant now,
                                              const MessagingConfig& config,
                                              std::string_view kind_of_change = "change",
                                              std::string_view appendix = "",
                                              std::string_view about = "");

// A programme duty's reminder (kind "duty_reminder", wave -1) or escalation wave ("duty_breach",
// wave from 0) to each of `recipients` (contact ids), from the plan's template of that kind for the
// internal audience; none if the plan has no such template. Ids follow from the duty, the kind and
// the wave, so a message queued twice is sent once.
std::vector<OutboxMessage> render_duty_messages(const Plan& plan, const Duty& duty,
                                                std::string_view kind, int wave,
                                                const std::vector<std::string>& recipients,
                                                Instant now, const MessagingConfig& config);

// M1: an external message recorded as sent by email (ev::ExternalMessageSent), one outbox message
// per address, with the text exactly as recorded; nothing for any other event. The notice is
// "external:<number>" and the ids follow from it and the address, so a retried append queues
// nothing twice.
std::vector<OutboxMessage> external_outbox(const std::string& incident_id, const Event& event);
std::string external_notice(std::int64_t number);

// "<message id>.<expiry, unix seconds>.<signature>": the credential of a one-click link.
std::string ack_token(const MessagingConfig& config, const std::string& message_id,
                      Instant expires);
// The message id of a valid, unexpired token; nullopt otherwise.
std::optional<std::string> verify_ack_token(const MessagingConfig& config, const std::string& token,
                                            Instant now);

}  // namespace pactum::engine
