// SIGHUP: the notify file (`--notify`) read again, its channels put in place of the running ones.
#pragma once

#include <string>

#include "notify/config.hpp"

namespace pactum::app {

// Reads `path` and, when it loads, replaces every channel of `channels` at once; a message being
// sent finishes on the channel it began with. A file that does not load (bad YAML, an unknown
// setting, a robot without its kind) changes nothing: its error is logged and the channels in use
// stay. `base_url`: the notify file's base_url at start, which only a restart changes (links
// already sent point there). Returns whether the new channels are in place.
bool reload_notify_config(const std::string& path, const std::string& base_url,
                          notify::Channels& channels);

}  // namespace pactum::app
