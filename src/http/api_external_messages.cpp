// M1: an incident's external messages. The communications lead drafts one from a template of the
// plan (nothing is written), edits it, and sends it by email through the outbox or downloads it;
// either is an event on the incident's timeline with the exact text. The list shows each with its
// delivery state, and the text of any is served as a .txt file.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "domain/external_message.hpp"
#include "engine/event_codec.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/views.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

constexpr std::size_t kMaxField = 64 * 1024;  // the domain says what is too long, and why

std::string text_path(const std::string& incident, std::int64_t number) {
  return fmt::format("/api/v1/incidents/{}/external-messages/{}/message.txt", incident, number);
}

// What a download holds: the subject, a blank line, the body, as recorded.
std::string file_text(const ExternalMessage& m) { return m.subject + "\n\n" + m.body + "\n"; }

struct Recorded {
  ExternalMessage message;
  bool emailed = false;
  Event event;
  std::int64_t seq = 0;  // the event's, in the log
};

// The incident's external messages, oldest first, from its timeline.
Result<std::vector<Recorded>> recorded_messages(const engine::IncidentRecord& record) {
  std::vector<Recorded> out;
  for (const auto& r : record.events) {
    if (r.type != "incident.external_message_sent" &&
        r.type != "incident.external_message_downloaded") {
      continue;
    }
    auto e = engine::decode(r);
    if (!e) return e.error();
    if (const auto* s = std::get_if<ev::ExternalMessageSent>(&e->data)) {
      out.push_back({s->message, true, *e, r.seq});
    } else if (const auto* d = std::get_if<ev::ExternalMessageDownloaded>(&e->data)) {
      out.push_back({d->message, false, *e, r.seq});
    }
  }
  return out;
}

// One message as the API shows it; an emailed one with each address's delivery, from the
// outbox messages of its notice (one not among `outbox` was just queued: pending), and a state
// summing them up: dead if any was given up on, pending while any is still being tried, else
// delivered.
object message_json(const std::string& incident, const Recorded& r,
                    const std::vector<OutboxMessage>& outbox) {
  const ExternalMessage& m = r.message;
  array to;
  for (const auto& a : m.to) to.push_back(boost::json::value(a));
  object out{{"number", m.number},
             {"template", m.template_id},
             {"audience", m.audience},
             {"language", m.language},
             {"subject", m.subject},
             {"body", m.body},
             {"to", to},
             {"delivery", r.emailed ? "email" : "download"},
             {"by", object{{"user", r.event.actor.user}, {"party", r.event.actor.party}}},
             {"at", format_instant(r.event.at)},
             {"download", text_path(incident, m.number)}};
  if (!r.emailed) {
    out["state"] = "downloaded";
    return out;
  }
  std::string notice = engine::external_notice(m.number);
  array deliveries;
  bool pending = false, dead = false;
  for (const auto& address : m.to) {
    auto o = std::find_if(outbox.begin(), outbox.end(), [&](const OutboxMessage& x) {
      return x.notice == notice && x.target == address;
    });
    bool queued = o == outbox.end();
    std::string state = queued ? "pending" : o->state;
    pending = pending || state == "pending";
    dead = dead || state == "dead";
    deliveries.push_back(
        object{{"to", address},
               {"state", state},
               {"attempts", queued ? 0 : o->attempts},
               {"last_error", queued ? "" : o->last_error},
               {"delivered_at", !queued && o->delivered_at
                                    ? boost::json::value(format_instant(*o->delivered_at))
                                    : boost::json::value(nullptr)}});
  }
  out["deliveries"] = deliveries;
  out["state"] = dead ? "dead" : pending ? "pending" : "delivered";
  return out;
}

Result<cmd::SendExternalMessage> parse_message(const Request& request) {
  auto in = Input::parse(request.body);
  if (!in) return in.error();
  cmd::SendExternalMessage c;
  c.template_id = in->str("template", true, 64);
  c.language = in->str("language", true, 16);
  c.subject = in->str("subject", true, kMaxField);
  c.body = in->str("body", true, kMaxField);
  c.to = in->strings("to", false);
  c.delivery = in->str("delivery", true, 16);
  if (Status e = in->finish(); !e.ok()) return e.error();
  return c;
}

}  // namespace

void add_external_message_routes(Api& api) {
  // The draft: the template rendered from the incident, as the caller would send it. Writes
  // nothing; a POST because it is the first step of sending, allowed to the same people.
  api.route("POST", "/api/v1/incidents/{id}/external-messages/draft", Access::write,
            [&api](Call& call, Reply reply) {
              const std::string& id = call.request.params.at("id");
              auto in = Input::parse(call.request.body);
              if (!in) return reply(error_response(in.error()));
              std::string tmpl = in->str("template", true, 64);
              std::string language = in->str("language", true, 16);
              if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
              auto plan = api.engine().plan();
              auto record = api.engine().incident(id);
              if (!plan || !record) return reply(error_response(no_incident(id)));
              auto draft = draft_external_message(
                  plan->plan, record->state, call.actor,
                  plan->plan.find_contact(call.caller->user.contact), tmpl, language,
                  api.engine().clock().now(), api.engine().messaging().base_url);
              if (!draft) return reply(error_response(draft.error()));
              reply(json_response(200, object{{"template", tmpl},
                                              {"language", language},
                                              {"subject", draft->subject},
                                              {"body", draft->body}}));
            });

  // Sent by email (through the outbox, in the event's transaction) or downloaded: recorded.
  api.route("POST", "/api/v1/incidents/{id}/external-messages", Access::write,
            [&api](Call& call, Reply reply) {
              const std::string id = call.request.params.at("id");
              auto c = parse_message(call.request);
              if (!c) return reply(error_response(c.error()));
              if (!api.engine().incident(id)) return reply(error_response(no_incident(id)));
              api.engine().execute(
                  id, std::move(*c), call.actor, call.request.header("idempotency-key"),
                  [&api, id, reply](Result<engine::CommandOutcome> r) {
                    if (!r) return reply(error_response(r.error()));
                    // Read from memory: this runs on the log's completion thread. What was
                    // queued with the event is pending (a retry's: see the list).
                    auto record = api.engine().incident(id);
                    if (!record) return reply(error_response(no_incident(id)));
                    auto all = recorded_messages(*record);
                    if (!all) return reply(error_response(all.error()));
                    // The message this request recorded (or, for a retry, the first one did).
                    std::int64_t seq = r->events.empty() ? 0 : r->events.front().seq;
                    for (const auto& m : *all) {
                      if (m.seq != seq) continue;
                      return reply(json_response(r->duplicate ? 200 : 201,
                                                 object{{"message", message_json(id, m, {})},
                                                        {"duplicate", r->duplicate}}));
                    }
                    reply(error_response(no_incident(id)));
                  });
            });

  api.route("GET", "/api/v1/incidents/{id}/external-messages", Access::read,
            [&api](Call& call, Reply reply) {
              const std::string& id = call.request.params.at("id");
              auto record = api.engine().incident(id);
              if (!record) return reply(error_response(no_incident(id)));
              auto all = recorded_messages(*record);
              if (!all) return reply(error_response(all.error()));
              auto outbox = api.outbox().messages_of(id);
              if (!outbox) return reply(error_response(outbox.error()));
              array out;
              for (const auto& r : *all) out.push_back(message_json(id, r, *outbox));
              reply(json_response(200, object{{"messages", out}}));
            });

  // The text of one, as a file: a download is taken from here after it was recorded.
  api.route("GET", "/api/v1/incidents/{id}/external-messages/{number}/message.txt", Access::read,
            [&api](Call& call, Reply reply) {
              const std::string& id = call.request.params.at("id");
              const std::string& number = call.request.params.at("number");
              auto record = api.engine().incident(id);
              if (!record) return reply(error_response(no_incident(id)));
              auto all = recorded_messages(*record);
              if (!all) return reply(error_response(all.error()));
              for (const auto& r : *all) {
                if (std::to_string(r.message.number) != number) continue;
                Response resp;
                resp.content_type = "text/plain; charset=utf-8";
                resp.headers.emplace_back(
                    "Content-Disposition",
                    fmt::format("attachment; filename=\"{}-message-{}.txt\"", id, number));
                resp.headers.emplace_back("Cache-Control", "no-store");
                resp.body = file_text(r.message);
                return reply(std::move(resp));
              }
              reply(error_response(Error{
                  ErrorCode::not_found,
                  fmt::format("incident {} has no external message {}", id, number.substr(0, 20)),
                  "number"}));
            });
}

}  // namespace pactum::http
