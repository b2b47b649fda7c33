// An evidence file's way in and out of the HTTP API (L4): what POST /api/v1/files carries, and
// the Content-Disposition its download is sent with. Pure: no store, no I/O.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "http/request_response.hpp"

namespace pactum::http {

struct Upload {
  std::string_view bytes;  // into the request's body
  std::string type;        // a media type, lower-case, without parameters
  std::string name;        // UTF-8, without any directory part, at most 255 bytes
};

// The file of an upload: the raw body (its Content-Type is the file's type, ?name= its name) or
// multipart/form-data with one file part (multipart.hpp). Refused, naming the field: no name, a
// name that is not UTF-8 or has control characters, an empty file, a malformed media type.
Result<Upload> upload_of(const Request& request);

// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 8187's encoding): browsers
// take the UTF-8 name (Chinese included); the plain one, with what is not printable ASCII and
// quotes and backslashes as '_', is for clients that do not read filename*.
std::string attachment_disposition(std::string_view name);

}  // namespace pactum::http
