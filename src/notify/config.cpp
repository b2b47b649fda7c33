#include "notify/config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace pactum::notify {
namespace {

std::string text(const YAML::Node& n, const char* key) {
  return n[key] && n[key].IsScalar() ? n[key].as<std::string>() : "";
}

}  // namespace

Result<NotifyConfig> load_notify_config(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    return invalid("notify",
                   fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  if (!root.IsMap()) return invalid("notify", path + ": expected a mapping");
  NotifyConfig c;
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>("");
    const YAML::Node& v = kv.second;
    if (key == "base_url") {
      c.base_url = v.as<std::string>("");
    } else if (key == "smtp" && v.IsMap()) {
      SmtpConfig s{text(v, "url"),
                   text(v, "from"),
                   text(v, "username"),
                   text(v, "password"),
                   text(v, "starttls") == "true",
                   20};
      if (s.url.empty() || s.from.find('@') == std::string::npos) {
        return invalid("notify",
                       fmt::format("{}:{}: smtp needs url and from", path, v.Mark().line + 1));
      }
      c.smtp = s;
    } else if (key == "webhook" && v.IsMap()) {
      c.webhook = WebhookConfig{"webhook", text(v, "url"), text(v, "secret")};
    } else if (key == "robots" && v.IsMap()) {
      for (const auto& r : v) {
        WebhookConfig w{text(r.second, "kind"), text(r.second, "url"), text(r.second, "secret")};
        if (w.kind != "wecom" && w.kind != "dingtalk" && w.kind != "feishu" && w.kind != "slack") {
          return invalid(
              "notify",
              fmt::format("{}:{}: robot \"{}\" needs kind wecom, dingtalk, feishu or slack", path,
                          r.second.Mark().line + 1, r.first.as<std::string>("")));
        }
        c.robots[r.first.as<std::string>("")] = w;
      }
    } else {
      return invalid("notify", fmt::format("{}:{}: unknown setting \"{}\"", path,
                                           kv.first.Mark().line + 1, key));
    }
  }
  return c;
}

Channels::Map Channels::channels_of(const NotifyConfig& config, const Clock& clock) {
  Map out;
  if (config.smtp) out["email"] = std::make_shared<EmailChannel>(*config.smtp, clock);
  if (config.webhook) out["webhook"] = std::make_shared<WebhookChannel>(*config.webhook, clock);
  for (const auto& [id, robot] : config.robots) {
    out["robot:" + id] = std::make_shared<WebhookChannel>(robot, clock);
  }
  return out;
}

Channels::Channels(const NotifyConfig& config, const Clock& clock)
    : clock_(clock), channels_(channels_of(config, clock)) {}

std::shared_ptr<Channel> Channels::for_message(const OutboxMessage& m) {
  std::string key =
      m.channel == "email" || m.channel == "webhook" ? m.channel : "robot:" + m.target;
  std::lock_guard lock(mutex_);
  if (every_) return every_;
  auto it = channels_.find(key);
  return it == channels_.end() ? nullptr : it->second;
}

void Channels::reconfigure(const NotifyConfig& config) {
  Map fresh = channels_of(config, clock_);  // built outside the lock; swapped in at once
  std::lock_guard lock(mutex_);
  channels_.swap(fresh);
}  // the old channels go with `fresh`, or with the last message still being sent by one

void Channels::deliver_all_to(std::unique_ptr<Channel> channel) {
  std::lock_guard lock(mutex_);
  every_ = std::move(channel);
}

bool Channels::empty() const {
  std::lock_guard lock(mutex_);
  return channels_.empty() && !every_;
}

void Channels::set(const std::string& key, std::unique_ptr<Channel> channel) {
  std::lock_guard lock(mutex_);
  channels_[key] = std::move(channel);
}

}  // namespace pactum::notify
