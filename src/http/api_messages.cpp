// Messages: the one-click acknowledgement links in them (a page, then a POST: mail scanners that
// prefetch links must not acknowledge for a person), acknowledging from the app, and each
// incident's messages with their delivery state.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/views.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Response page(int status, const std::string& title, const std::string& body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.body = fmt::format(
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><title>{}</title></head>"
      "<body><main><h1>{}</h1>{}</main></body></html>",
      escape_html(title), escape_html(title), body);
  return r;
}

}  // namespace

void add_message_routes(Api& api) {
  api.route("GET", "/ack/{token}", Access::anonymous, [&api](Call& call, Reply reply) {
    const std::string& token = call.request.params.at("token");
    auto id = engine::verify_ack_token(api.engine().messaging(), token, api.engine().clock().now());
    if (!id) {
      return reply(page(404, "链接无效或已过期 / Link invalid or expired",
                        "<p>请登录 Pactum 确认。/ Sign in to Pactum to acknowledge.</p>"));
    }
    auto m = api.outbox().message(*id);
    std::string subject = m && *m ? (*m)->subject : "";
    reply(
        page(200, "确认收到 / Acknowledge",
             fmt::format(
                 "<p>{}</p><form method=\"post\"><button type=\"submit\">确认收到，停止升级通知 / "
                 "I have it: stop the escalation</button></form>",
                 escape_html(subject))));
  });

  api.route(
      "POST", "/ack/{token}", Access::anonymous,
      [&api](Call& call, Reply reply) {
        const std::string& token = call.request.params.at("token");
        auto id =
            engine::verify_ack_token(api.engine().messaging(), token, api.engine().clock().now());
        if (!id) return reply(page(404, "链接无效或已过期 / Link invalid or expired", ""));
        auto r = api.engine().acknowledge(*id);
        if (!r)
          return reply(page(status_for(r.error().code), "未能确认 / Not acknowledged",
                            "<p>" + escape_html(r.error().message) + "</p>"));
        reply(page(200, r->duplicate ? "已确认过 / Already acknowledged" : "已确认 / Acknowledged",
                   "<p>升级通知已停止。/ The escalation has stopped.</p>"));
      },
      Pace::quick, Body::ignored);  // the page's form: the token in the path is its credential

  api.route("POST", "/api/v1/incidents/{id}/acknowledge", Access::write,
            [&api](Call& call, Reply reply) {
              auto in = Input::parse(call.request.body);
              if (!in) return reply(error_response(in.error()));
              std::string obligation = in->str("obligation", true, 200);
              if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
              auto r = api.engine().acknowledge_obligation(call.request.params.at("id"), obligation,
                                                           call.actor, call.caller->user.contact);
              if (!r) return reply(error_response(r.error()));
              array events;
              for (const auto& e : r->events) events.push_back(event_json(e));
              reply(json_response(r->duplicate ? 200 : 201,
                                  object{{"events", events}, {"duplicate", r->duplicate}}));
            });

  api.route(
      "GET", "/api/v1/incidents/{id}/messages", Access::read, [&api](Call& call, Reply reply) {
        auto messages = api.outbox().messages_of(call.request.params.at("id"));
        if (!messages) return reply(error_response(messages.error()));
        array out;
        for (const auto& m : *messages) {
          out.push_back(object{
              {"id", m.id},
              {"notice", m.notice},
              {"kind", m.kind},
              {"obligation", m.obligation},
              {"channel", m.channel},
              {"recipient", m.recipient},
              {"subject", m.subject},
              {"state", m.state},
              {"attempts", m.attempts},
              {"last_error", m.last_error},
              {"created_at", format_instant(m.created_at)},
              {"delivered_at",
               m.delivered_at ? boost::json::value(format_instant(*m.delivered_at)) : nullptr}});
        }
        reply(json_response(200, object{{"messages", out}}));
      });
}

}  // namespace pactum::http
