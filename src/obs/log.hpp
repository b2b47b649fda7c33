// Structured logs: one JSON object per line on standard error, e.g.
// {"time":"2026-11-27T20:20:38.123Z","level":"info","msg":"request","method":"GET",...}.
// Thread-safe. Tests and quiet commands turn it down with set_log_level.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace pactum::obs {

enum class Level { debug, info, warn, error, off };

void set_log_level(Level level);
bool log_enabled(Level level);
void log(Level level, std::string_view message, boost::json::object fields = {});

}  // namespace pactum::obs
