#include "app/notify_reload.hpp"

#include "obs/log.hpp"

namespace pactum::app {

bool reload_notify_config(const std::string& path, const std::string& base_url,
                          notify::Channels& channels) {
  auto loaded = notify::load_notify_config(path);
  if (!loaded) {
    obs::log(obs::Level::error, "notification config not reloaded; the channels in use stay",
             {{"file", path}, {"error", loaded.error().message}});
    return false;
  }
  channels.reconfigure(*loaded);
  obs::log(obs::Level::info, "notification config reloaded",
           {{"file", path},
            {"email", loaded->smtp.has_value()},
            {"webhook", loaded->webhook.has_value()},
            {"robots", loaded->robots.size()}});
  if (loaded->base_url != base_url) {
    obs::log(obs::Level::warn, "base_url changed in the notify file: it takes effect at restart",
             {{"file", path}, {"base_url", base_url}});
  }
  return true;
}

}  // namespace pactum::app
