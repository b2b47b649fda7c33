// Evidence files (L4): uploaded by any signed-in user, stored by their SHA-256, served back to
// signed-in users of either party, referenced by that digest in a step's file evidence.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/file_evidence.hpp"
#include "http/file_upload.hpp"

namespace pactum::http {
namespace {

Response unavailable() { return error_response(not_running("the evidence files")); }

boost::json::object file_json(const store::StoredFile& f) {
  return {{"sha256", f.sha256}, {"size", f.size}, {"type", f.type}, {"name", f.name}};
}

}  // namespace

void add_file_routes(Api& api) {
  // POST /api/v1/files: the raw body (?name=) or multipart/form-data with one file part.
  api.route(
      "POST", "/api/v1/files", Access::write,
      [&api](Call& call, Reply reply) {
        store::FileStore* files = api.options().files;
        if (!files) return reply(unavailable());
        auto upload = upload_of(call.request);
        if (!upload) return reply(error_response(upload.error()));
        if (upload->bytes.size() > api.options().max_file_bytes) {
          return reply(error_response(
              HttpProblem::payload_too_large,
              fmt::format("the file is larger than {} bytes", api.options().max_file_bytes)));
        }
        auto stored = files->put(upload->bytes, upload->type, upload->name);
        if (!stored) return reply(error_response(stored.error()));
        Response r = json_response(201, file_json(*stored));
        r.headers.emplace_back("Location", "/api/v1/files/" + stored->sha256);
        reply(std::move(r));
      },
      Pace::slow, Body::file);  // hashing and syncing up to --max-file-size

  api.route(
      "GET", "/api/v1/files/{sha256}", Access::read,
      [&api](Call& call, Reply reply) {
        store::FileStore* files = api.options().files;
        if (!files) return reply(unavailable());
        const std::string& digest = call.request.params.at("sha256");
        auto info = files->info(digest);
        if (!info) return reply(error_response(info.error()));
        auto bytes = files->read(digest);
        if (!bytes) return reply(error_response(bytes.error()));
        Response r;
        r.content_type = info->type;
        r.body = std::move(*bytes);
        r.headers.emplace_back("Content-Disposition", attachment_disposition(info->name));
        // An uploaded file is never run as a page of this origin, whatever type it claims (and,
        // as every response, it is sent with X-Content-Type-Options: nosniff).
        r.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
        r.headers.emplace_back("ETag", fmt::format("\"{}\"", info->sha256));
        // Content-addressed: the bytes under a digest never change.
        r.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
        reply(std::move(r));
      },
      Pace::slow);  // reads up to --max-file-size from disk
}

}  // namespace pactum::http
