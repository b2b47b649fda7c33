// Prometheus metrics in the text exposition format (version 0.0.4): counters and histograms with
// labels, rendered by /metrics. Gauges that are computed at scrape time (open incidents by level,
// obligations by state) are added by the caller when rendering.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace pactum::obs {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  void count(const std::string& name, const Labels& labels, double by = 1);
  void observe(const std::string& name, const Labels& labels, double seconds);
  // Declares help text (and type) for a metric family.
  void describe(const std::string& name, const std::string& type, const std::string& help);
  std::string render() const;

  // One sample line, for gauges computed at scrape time.
  static std::string sample(const std::string& name, const Labels& labels, double value);

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;  // cumulative counts per bound
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<std::string, std::string>> help_;  // name → (type, help)
  std::map<std::string, std::map<Labels, double>> counters_;
  std::map<std::string, std::map<Labels, Histogram>> histograms_;
};

}  // namespace pactum::obs
