#include "cli/serve_config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace pactum::cli {

Status apply_config_file(const std::string& path, const std::set<std::string>& already_set,
                         ServeConfig& config) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    return invalid("config",
                   fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) return invalid("config", path + ": expected a mapping of settings");
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>("");
    if (already_set.contains(key)) continue;
    try {
      if (key == "listen")
        config.listen = kv.second.as<std::string>();
      else if (key == "data")
        config.data = kv.second.as<std::string>();
      else if (key == "store")
        config.store = kv.second.as<std::string>();
      else if (key == "plan")
        config.plan = kv.second.as<std::string>();
      else if (key == "dev_clock")
        config.dev_clock = kv.second.as<bool>();
      else if (key == "log_level")
        config.log_level = kv.second.as<std::string>();
      else if (key == "max_body_bytes")
        config.max_body_bytes = kv.second.as<std::int64_t>();
      else if (key == "max_file_size")
        config.max_file_size = kv.second.as<std::int64_t>();
      else if (key == "threads")
        config.threads = kv.second.as<int>();
      else if (key == "secure_cookies")
        config.secure_cookies = kv.second.as<bool>();
      else if (key == "dev_clock_offset")
        config.dev_clock_offset = kv.second.as<std::string>();
      else if (key == "read_timeout")
        config.read_timeout_seconds = kv.second.as<int>();
      else if (key == "idle_timeout")
        config.idle_timeout_seconds = kv.second.as<int>();
      else if (key == "max_connections")
        config.max_connections = kv.second.as<int>();
      else if (key == "notify")
        config.notify = kv.second.as<std::string>();
      else if (key == "mailbox")
        config.mailbox = kv.second.as<bool>();
      else if (key == "public_url")
        config.public_url = kv.second.as<std::string>();
      else if (key == "checkpoint_interval")
        config.checkpoint_interval_seconds = kv.second.as<int>();
      else if (key == "snapshot_every")
        config.snapshot_every = kv.second.as<std::int64_t>();
      else if (key == "tsa")
        config.tsa = kv.second.as<std::string>();
      else if (key == "protect_metrics")
        config.protect_metrics = kv.second.as<bool>();
      else if (key == "trusted_proxies") {
        config.trusted_proxies = kv.second.IsSequence() ? kv.second.as<std::vector<std::string>>()
                                                        : std::vector{kv.second.as<std::string>()};
      } else {
        return invalid("config", fmt::format("{}:{}: unknown setting \"{}\"", path,
                                             kv.first.Mark().line + 1, key));
      }
    } catch (const YAML::Exception&) {
      return invalid("config", fmt::format("{}:{}: \"{}\" has the wrong type", path,
                                           kv.second.Mark().line + 1, key));
    }
  }
  return {};
}

}  // namespace pactum::cli
