// The fund's records as JSON: the payloads of the "fund" stream's events and what the API shows
// (amounts are integers in minor units, instants RFC 3339 UTC). Reading returns nullopt for a
// payload that is not one (the audit names it; the rest still count).
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "domain/fund/disbursement.hpp"

namespace pactum::fund {

boost::json::object movement_to_json(const Movement& m);
std::optional<Movement> movement_from_json(const boost::json::object& o);

boost::json::object reconciliation_to_json(const Reconciliation& r);
std::optional<Reconciliation> reconciliation_from_json(const boost::json::object& o);

// A new request as recorded: id, amount, purpose, incident, requested_by, requested_at,
// expires_at.
boost::json::object request_to_json(const Request& r);
std::optional<Request> request_from_json(const boost::json::object& o);

// An approval of request `id` as recorded: {"id", "by"}, and when signed "key_id", "signature"
// (base64) and "statement_sha256" (of `statement`, the approval statement signed). Reading
// returns nullopt without "by".
boost::json::object approval_to_json(const std::string& id, const Approval& a,
                                     std::string_view statement);
std::optional<Approval> approval_from_json(const boost::json::object& o);

// A request as the API shows it: what was recorded, its approvals (the contact ids, and each with
// whether it was signed: approval_signatures), review, payment and its status at `now`.
boost::json::object request_view(const Plan& plan, const Request& r, Instant now);

}  // namespace pactum::fund
