// A cursor over a YAML document that checks shapes and collects diagnostics instead of throwing.
// Each read records the node's position under its path ("levels[0].steps[1].owner.role") so
// that later, semantic diagnostics can be placed in the file too.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/duration.hpp"
#include "domain/plan.hpp"
#include "domain/plan_validation.hpp"
#include "domain/text.hpp"
#include "planfile/load.hpp"

namespace pactum::planfile {

class YamlCursor;

// A node and where it is. Invalid (absent) nodes are allowed: every read of one is a no-op.
struct Node {
  YAML::Node yaml;
  std::string path;
  bool present() const { return yaml.IsDefined() && !yaml.IsNull(); }
};

class YamlCursor {
 public:
  void error(const std::string& path, std::string rule, std::string message);
  void error_at(const Node& n, std::string message) { error(n.path, "schema", std::move(message)); }

  // Records the node's position under its path.
  void mark(const Node& n);
  Location locate(const std::string& path) const;
  std::vector<LocatedDiagnostic> take_diagnostics();
  // True when so many errors were found that later ones were dropped.
  bool truncated() const { return truncated_; }

  // A mapping with exactly these allowed keys. Unknown keys are reported with a suggestion;
  // keys listed in `required` must be present. Returns false if `n` is not a mapping.
  bool map(const Node& n, std::initializer_list<const char*> allowed,
           std::initializer_list<const char*> required = {});
  Node field(const Node& n, const char* key) const;

  // Each reads a value and reports a type error at the node. `required` reports an absent node.
  std::optional<std::string> str(const Node& n, bool required = true);
  std::string id(const Node& n);  // [A-Za-z0-9_.-]+, required
  std::optional<bool> boolean(const Node& n, bool required = true);
  std::optional<long long> integer(const Node& n, long long min, long long max,
                                   bool required = true);
  Text text(const Node& n, bool required = true);
  std::optional<Duration> duration(const Node& n, bool required = true);
  std::optional<int> percent_basis_points(const Node& n, bool required = true);  // "5%" → 500
  std::optional<Money> money(const Node& n, bool required = true);
  std::optional<date::local_days> day(const Node& n, bool required = true);
  std::optional<std::string> one_of(const Node& n, std::initializer_list<const char*> values,
                                    bool required = true);
  std::optional<Deadline> deadline(const Node& n, bool required = true);
  std::optional<Cadence> cadence(const Node& n, bool required = true);
  std::vector<std::string> strings(const Node& n, bool required = true);

  // Calls `each` for every element of a sequence with its indexed path.
  void list(const Node& n, const std::function<void(const Node&)>& each, bool required = true);

 private:
  bool absent(const Node& n, bool required);

  // Each diagnostic, with its position when it is not that of its path.
  std::vector<std::pair<Diagnostic, std::optional<Location>>> diagnostics_;
  std::map<std::string, Location> marks_;
  bool truncated_ = false;
};

}  // namespace pactum::planfile
