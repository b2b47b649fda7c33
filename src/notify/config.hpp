// Where messages go: the SMTP server, the generic webhook, and each group robot's URL and secret
// (by the plan's channels.group id). Kept out of the plan file: these are secrets of one
// installation, not terms both parties sign. Read from `pactum serve --notify FILE` (YAML).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "domain/result.hpp"
#include "notify/channel.hpp"
#include "notify/email_channel.hpp"
#include "notify/webhook_channel.hpp"

namespace pactum::notify {

struct NotifyConfig {
  std::string base_url;  // the URL people open (links in messages): http://pactum.example.com
  std::optional<SmtpConfig> smtp;
  std::optional<WebhookConfig> webhook;         // contacts whose preferred channel is "webhook"
  std::map<std::string, WebhookConfig> robots;  // group channel id → robot
};

// Parses the YAML; an error names the file, line and key.
Result<NotifyConfig> load_notify_config(const std::string& path);

// The channels of a configuration, chosen per message. Thread-safe: the configuration may be
// replaced (SIGHUP) while the delivery worker sends.
class Channels {
 public:
  // `clock`: the send time the channels put in headers and signatures.
  Channels(const NotifyConfig& config, const Clock& clock);
  // The channel for `m`, or nullptr when the configuration has none for it (recorded as a failed
  // attempt, not retried: the configuration must change first). The caller's share keeps the
  // channel alive through a reconfigure(), so a message being sent finishes where it began.
  std::shared_ptr<Channel> for_message(const OutboxMessage& m);
  // Replaces every channel at once by those of `config`: later messages use only the new ones.
  void reconfigure(const NotifyConfig& config);
  // Replaces a channel (tests: a recording fake).
  void set(const std::string& key, std::unique_ptr<Channel> channel);
  // Every message goes to `channel`, whatever its own channel (serve --mailbox).
  void deliver_all_to(std::unique_ptr<Channel> channel);
  // No channel at all: every message would fail (the web app says so once, plainly).
  bool empty() const;

 private:
  using Map = std::map<std::string, std::shared_ptr<Channel>>;  // "email", "webhook", robot ids
  static Map channels_of(const NotifyConfig& config, const Clock& clock);
  const Clock& clock_;
  mutable std::mutex mutex_;
  Map channels_;
  std::shared_ptr<Channel> every_;  // set: takes every message
};

}  // namespace pactum::notify
