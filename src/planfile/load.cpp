#include "planfile/load.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "planfile/plan_reader.hpp"
#include "planfile/yaml_cursor.hpp"

namespace pactum::planfile {
namespace {

LoadResult single(std::string rule, std::string message, Location where = {}) {
  LoadResult r;
  r.diagnostics.push_back({{Severity::error, "", std::move(rule), std::move(message)}, where});
  return r;
}

// The position of the first byte that is not valid UTF-8, or nullopt.
std::optional<Location> invalid_utf8(std::string_view s) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    if (len == 0 || i + len > s.size()) return Location{line, column};
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return Location{line, column};
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return std::nullopt;
}

bool any_error(const std::vector<LocatedDiagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const auto& d) { return d.diagnostic.severity == Severity::error; });
}

}  // namespace

LoadResult load_plan_text(std::string_view yaml) {
  if (yaml.size() > kMaxPlanBytes) {
    return single("schema", fmt::format("the plan is {} bytes; a plan file is at most {} bytes",
                                        yaml.size(), kMaxPlanBytes));
  }
  if (yaml.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return single("schema",
                  "the plan file is empty (expected a YAML mapping; see docs/plan-file.md)");
  }
  if (auto nul = yaml.find('\0'); nul != std::string_view::npos) {
    return single("schema", "this is a binary file, not a YAML plan (it contains a NUL byte)");
  }
  if (auto where = invalid_utf8(yaml)) {
    return single("schema", "the plan file is not valid UTF-8", *where);
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::DeepRecursion& e) {
    return single(
        "schema",
        fmt::format("the YAML is nested more than {} levels deep; a plan needs fewer than 10",
                    e.depth()),
        {e.mark.line + 1, e.mark.column + 1});
  } catch (const YAML::Exception& e) {
    return single("schema", fmt::format("YAML syntax error: {}", e.msg),
                  {e.mark.line + 1, e.mark.column + 1});
  }
  YamlCursor reader;
  std::optional<Plan> plan;
  try {
    plan = read_plan(reader, Node{root, ""});
  } catch (const std::exception& e) {
    // yaml-cpp can throw on conversions we did not foresee; report it rather than crash.
    reader.error("", "schema", fmt::format("could not read the plan: {}", e.what()));
    plan.reset();
  }
  LoadResult result;
  bool truncated = reader.truncated();
  result.diagnostics = reader.take_diagnostics();
  if (!plan || truncated) return result;
  // Now the plan's meaning. Where a field was already wrong in shape, what validation says about
  // that field (or below it) follows from the same mistake and is left out.
  std::vector<std::string> wrong;
  for (const auto& d : result.diagnostics) wrong.push_back(d.diagnostic.path);
  auto follows_from_shape_error = [&](const std::string& path) {
    return std::any_of(wrong.begin(), wrong.end(), [&](const std::string& w) {
      return path.compare(0, w.size(), w) == 0 &&
             (path.size() == w.size() || path[w.size()] == '.' || path[w.size()] == '[');
    });
  };
  for (auto& d : validate_plan(*plan)) {
    if (follows_from_shape_error(d.path)) continue;
    Location where = reader.locate(d.path);
    result.diagnostics.push_back({std::move(d), where});
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const LocatedDiagnostic& a, const LocatedDiagnostic& b) {
                     return std::pair(a.where.line, a.where.column) <
                            std::pair(b.where.line, b.where.column);
                   });
  if (!any_error(result.diagnostics)) result.plan = std::move(plan);
  return result;
}

LoadResult load_plan_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return single("io", fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  }
  std::string content;
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > kMaxPlanBytes) {
      return single("schema", fmt::format("the plan file is larger than {} bytes", kMaxPlanBytes));
    }
  }
  if (in.bad()) return single("io", fmt::format("cannot read {}", path));
  return load_plan_text(content);
}

std::string format_diagnostic(const std::string& file, const LocatedDiagnostic& d) {
  std::string where = file;
  if (d.where.line > 0) where += fmt::format(":{}:{}", d.where.line, d.where.column);
  const auto& x = d.diagnostic;
  std::string out =
      fmt::format("{}: {} [{}]: {}", where, x.severity == Severity::error ? "error" : "warning",
                  x.rule, x.message);
  if (!x.path.empty()) out += fmt::format(" (at {})", x.path);
  return out;
}

}  // namespace pactum::planfile
