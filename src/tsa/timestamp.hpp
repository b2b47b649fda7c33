// RFC 3161 time-stamps of checkpoints (docs/evidence.md): a time-stamping authority (TSA) both
// parties trust signs "these bytes existed at this time", so a checkpoint's time does not rest
// on the server's clock. OpenSSL's TS implementation; requests over HTTP with libcurl.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace pactum::tsa {

// Asks the TSA at `url` to time-stamp SHA-256(`data`); returns the time-stamp token (DER, the
// signed PKCS#7 of RFC 3161 §2.4.2) after checking that it answers this request (status, imprint,
// nonce). Its signature is checked later, by whoever trusts the TSA's certificate.
Result<std::string> stamp(const std::string& url, std::string_view data);

struct Verified {
  std::string time;  // the TSA's genTime, as it wrote it (e.g. "Dec  6 01:20:03 2026 GMT")
  bool signature_checked = false;
};

// Checks a token against `data`: its imprint is SHA-256(data); with `ca_file` (PEM), its
// signature chains to it. invalid_argument names what does not hold.
Result<Verified> verify(std::string_view token, std::string_view data,
                        const std::optional<std::string>& ca_file);

}  // namespace pactum::tsa
