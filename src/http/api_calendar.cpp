// The calendar feed: each user's secret feed address and the feed itself, RFC 5545
// text a calendar application subscribes to without any other credential. The tokens are
// engine/calendar_feeds; the text is calendar/feed.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "calendar/feed.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"

namespace pactum::http {
namespace {

using boost::json::object;

const Error kNoFeeds = not_running("the calendar feeds");

Result<std::string> feed_url(Api& api, const std::string& user) {
  auto* feeds = api.options().calendar_feeds;
  if (!feeds) return kNoFeeds;
  auto token = feeds->token(user);
  if (!token) return token.error();
  return fmt::format("{}/api/v1/calendar/{}/{}", api.engine().messaging().base_url, user, *token);
}

}  // namespace

void add_calendar_routes(Api& api) {
  api.route("GET", "/api/v1/me/calendar", Access::read, [&api](Call& call, Reply reply) {
    auto url = feed_url(api, call.caller->user.id);
    if (!url) return reply(error_response(url.error()));
    reply(json_response(200, object{{"url", *url}}));
  });
  api.route("POST", "/api/v1/me/calendar/rotate", Access::write, [&api](Call& call, Reply reply) {
    auto* feeds = api.options().calendar_feeds;
    if (!feeds) return reply(error_response(kNoFeeds));
    std::string user = call.caller->user.id;
    feeds->rotate(user, call.actor, [&api, user, reply](Status e) {
      if (!e.ok()) return reply(error_response(e.error()));
      auto url = feed_url(api, user);
      if (!url) return reply(error_response(url.error()));
      reply(json_response(200, object{{"url", *url}}));
    });
  });
  // The feed: the address is the credential. Any wrong part answers 404, as if it did not exist.
  api.route(
      "GET", "/api/v1/calendar/{user}/{token}", Access::anonymous,
      [&api](Call& call, Reply reply) {
        auto* feeds = api.options().calendar_feeds;
        auto* programme = api.options().programme;
        const std::string& id = call.request.params.at("user");
        Error gone{ErrorCode::not_found, "no such calendar feed", {}};
        if (!feeds || !programme || !feeds->accepts(id, call.request.params.at("token"))) {
          return reply(error_response(gone));
        }
        auto user = api.auth().find_user(id);
        if (!user) return reply(error_response(user.error()));
        if (!*user) return reply(error_response(gone));
        auto active = api.engine().plan();
        if (!active) return reply(error_response(precondition("no plan is in force")));
        const Plan& plan = active->plan;
        Instant now = api.engine().clock().now();
        int year = static_cast<int>(date::year_month_day{plan.calendar.local_day(now)}.year());
        auto duties = programme->duties(year);
        if (!duties) return reply(error_response(duties.error()));
        Actor person = engine::actor_for(plan, **user);
        auto lang =
            parse_lang(call.request.query.count("lang") ? call.request.query.at("lang") : "");
        auto items = calendar::items_for(plan, *duties, person, (*user)->contact,
                                         lang.value_or(Lang::zh_CN));
        auto obligations = calendar::obligation_items_for(plan, api.engine().incidents(), person,
                                                          now, lang.value_or(Lang::zh_CN));
        items.insert(items.end(), obligations.begin(), obligations.end());
        Response r;
        r.content_type = "text/calendar; charset=utf-8";
        r.headers.emplace_back("Cache-Control", "no-store");
        r.body = calendar::calendar_text(plan, items, now);
        reply(std::move(r));
      },
      Pace::slow);
}

}  // namespace pactum::http
