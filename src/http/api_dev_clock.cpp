// The dev clock (pactum serve --dev-clock): tests and demos move the server's time forward.
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"

namespace pactum::http {

using boost::json::object;

void add_dev_clock_routes(Api& api) {
  // Moves the server's clock forward (only with `pactum serve --dev-clock`): tests and demos
  // watch deadlines pass without waiting hours.
  api.route("POST", "/api/v1/dev/clock", Access::admin, [&api](Call& call, Reply reply) {
    auto* clock = api.options().dev_clock;
    if (!clock) {
      return reply(error_response(
          Error{ErrorCode::not_found, "the dev clock is off (pactum serve --dev-clock)"}));
    }
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::string advance = in->str("advance", true, 32);
    if (Status e = in->finish(); !e.ok()) return reply(error_response(e.error()));
    auto d = parse_duration(advance);
    if (!d || (d->unit != DurationUnit::minutes && d->unit != DurationUnit::hours)) {
      return reply(
          error_response(invalid("advance", "advance is minutes or hours, e.g. 90m or 5h")));
    }
    auto by = d->unit == DurationUnit::hours ? std::chrono::hours(d->count)
                                             : std::chrono::minutes(d->count);
    clock->advance(std::chrono::duration_cast<std::chrono::milliseconds>(by));
    // What fell due is recorded before the answer (tests can rely on it) — by the node that runs
    // the scheduler only, under its lease, as the scheduler would (several nodes: leadership.hpp).
    const auto* leadership = api.options().leadership;
    std::optional<store::Fence> fence = leadership ? leadership->fence() : std::nullopt;
    if (!leadership || fence) api.engine().tick(fence);
    if (api.scheduler()) api.scheduler()->wake();
    reply(json_response(200, object{{"now", format_instant(clock->now())},
                                    {"offset_ms", clock->offset().count()}}));
  });
}

}  // namespace pactum::http
