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

// "<message id>.<expiry, unix seconds>.<signature>": the credential of a one-click link.
std::string ack_token(const MessagingConfig& config, const std::string& message_id, Instant expires);
// The message id of a valid, unexpired token; nullopt otherwise.
std::optional<std::string> verify_ack_token(const MessagingConfig& config, const std::string& token,
                                            Instant now);

}  // namespace pactum::engine
