// Email over SMTP (libcurl): STARTTLS when asked, login when configured, a UTF-8 subject encoded
// per RFC 2047 and a base64 UTF-8 body, so Chinese survives any mail client. The message's id is
// its Message-ID: a receiver that deduplicates by it never shows a retry twice.
#pragma once

#include <string>

#include "notify/channel.hpp"

namespace pactum::notify {

struct SmtpConfig {
  std::string url;   // smtp://host:port or smtps://host:port
  std::string from;  // the sender address
  std::string username;
  std::string password;
  bool starttls = false;
  long timeout_seconds = 20;
};

// The complete RFC 5322 message (headers and body) for `m`, as sent.
std::string mime_message(const SmtpConfig& config, const OutboxMessage& m, const std::string& date);

class EmailChannel final : public Channel {
 public:
  // `clock` gives the message's Date header.
  EmailChannel(SmtpConfig config, const Clock& clock) : config_(std::move(config)), clock_(clock) {}
  Delivery deliver(const OutboxMessage& message) override;

 private:
  SmtpConfig config_;
  const Clock& clock_;
};

}  // namespace pactum::notify
