// multipart/form-data (RFC 7578) as an evidence upload uses it: one part, a file. Boost.Beast has
// no multipart parser, and the upload needs only this much, so this one is small and strict: a
// body that is not exactly one well-formed file part is refused, saying what is wrong, rather
// than guessed at. Views into the body, no copies of the file's bytes.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace pactum::http {

struct MultipartFile {
  std::string_view bytes;  // into the body given to parse_multipart_file
  std::string type;        // the part's Content-Type (application/octet-stream when absent)
  std::string name;        // its filename (filename*=UTF-8''… when given), as sent
};

// The boundary of a Content-Type "multipart/form-data; boundary=…" (quoted or not), or an error
// naming "Content-Type" (none, empty, longer than 70 characters).
Result<std::string> multipart_boundary(std::string_view content_type);

// The one file part of a multipart/form-data body. Refused (field "file"): a body that does not
// begin with the first delimiter, a part without its blank line after the headers, a truncated
// part (no closing delimiter), a part that is not a file (no filename), a second part, part
// headers over 8 KiB.
Result<MultipartFile> parse_multipart_file(std::string_view body, std::string_view boundary);

}  // namespace pactum::http
