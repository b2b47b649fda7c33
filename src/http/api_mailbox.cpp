// The built-in mailbox (serve --mailbox): what each person would have received, read back from
// the outbox, where the mailbox channel marked every message delivered (notify/mailbox_channel).
// Whose mailbox a caller may read: domain/mailbox_access.hpp.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/mailbox_access.hpp"
#include "http/api.hpp"
#include "http/caller_member.hpp"
#include "http/errors.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

constexpr std::size_t kNewest = 200;  // a mailbox shows the newest messages, not a history

object mailbox_json(const OutboxMessage& m) {
  return {{"id", m.id},
          {"incident", m.incident},
          {"notice", m.notice},
          {"kind", m.kind},
          {"channel", m.channel},
          {"target", m.target},
          {"subject", m.subject},
          {"body", m.body},
          {"state", m.state},
          {"attempts", m.attempts},
          {"created_at", format_instant(m.created_at)},
          {"delivered_at",
           m.delivered_at ? boost::json::value(format_instant(*m.delivered_at)) : nullptr}};
}

}  // namespace

void add_mailbox_routes(Api& api) {
  api.route("GET", "/api/v1/mailbox", Access::read, [&api](Call& call, Reply reply) {
    if (api.options().notifications != Notifications::mailbox) {
      return reply(error_response(not_running("the mailbox (serve --mailbox)")));
    }
    const std::string& own = call.caller->user.contact;
    auto asked = call.request.query.find("person");
    std::string person = asked == call.request.query.end() ? own : asked->second;
    if (person.empty()) {  // signed in as no contact of the plan: nothing is addressed to them
      return reply(json_response(200, object{{"person", ""}, {"messages", array{}}}));
    }
    if (person != own) {
      auto plan = api.engine().plan();
      const Contact* contact = plan ? plan->plan.find_contact(person) : nullptr;
      if (!contact) {
        return reply(error_response(
            Error{ErrorCode::not_found,
                  fmt::format("no contact \"{}\" in the plan in force", person.substr(0, 64)),
                  "person"}));
      }
      if (Status e = check_read_mailbox(member(*call.caller), own, person, contact->party);
          !e.ok()) {
        return reply(error_response(e.error()));
      }
    }
    auto messages = api.outbox().messages_to(person, kNewest);
    if (!messages) return reply(error_response(messages.error()));
    array out;
    for (const auto& m : *messages) out.push_back(mailbox_json(m));
    reply(json_response(200, object{{"person", person}, {"messages", out}}));
  });
}

}  // namespace pactum::http
