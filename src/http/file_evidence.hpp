// File evidence as a step completion gives it (L4): a reference to an uploaded file by its
// SHA-256, so the event that records the step records the digest, under the hash chain.
#pragma once

#include <optional>
#include <vector>

#include "domain/incident.hpp"
#include "store/file_store.hpp"

namespace pactum::http {

// Success, or the first item of kind file whose ref is not the digest of a stored file (`files`
// null: none is), as invalid_argument naming it ("evidence[0].ref").
Status unstored_file_evidence(const store::FileStore* files, const std::vector<Evidence>& items);

}  // namespace pactum::http
