// Reading `pactum serve` settings from a YAML config file (keys as in ServeConfig: listen, data,
// plan, dev_clock, dev_clock_offset, log_level, max_body_bytes, max_file_size, threads,
// secure_cookies, read_timeout, idle_timeout, max_connections, notify, mailbox, public_url,
// checkpoint_interval, protect_metrics, trusted_proxies). Only keys that are neither flags nor
// environment variables on this run are taken from the file.
#pragma once

#include <set>
#include <string>

#include "cli/runtime.hpp"
#include "domain/result.hpp"

namespace pactum::cli {

// Applies the file's values to `config`, except for the keys in `already_set`.
Status apply_config_file(const std::string& path, const std::set<std::string>& already_set,
                         ServeConfig& config);

}  // namespace pactum::cli
