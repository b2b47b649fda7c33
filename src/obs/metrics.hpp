// Prometheus metrics in the text exposition format (version 0.0.4): counters and histograms with
// labels, rendered by /metrics. Gauges that are computed at scrape time (open incidents by level,
// obligations by state) are added by the caller when rendering.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace pactum::obs {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  static constexpr std::size_t kBuckets = 12;  // a histogram's bounds, from 1 ms to 10 s

  // A series is made on first use and kept as long as the registry: a caller that keeps one
  // adds to it without building its labels and looking it up again (the API counts every
  // request this way).
  class Counter {
   public:
    void add(double by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }

   private:
    friend class Metrics;
    std::atomic<double> value_{0};
  };
  class Histogram {
   public:
    void observe(double seconds);

   private:
    friend class Metrics;
    std::mutex* mutex_ = nullptr;  // the registry's: a rendering sees whole observations
    std::array<std::uint64_t, kBuckets> buckets_{};  // cumulative counts per bound
    std::uint64_t count_ = 0;
    double sum_ = 0;
  };
  Counter& counter(const std::string& name, const Labels& labels);
  Histogram& histogram(const std::string& name, const Labels& labels);

  void count(const std::string& name, const Labels& labels, double by = 1) {
    counter(name, labels).add(by);
  }
  void observe(const std::string& name, const Labels& labels, double seconds) {
    histogram(name, labels).observe(seconds);
  }
  // Declares help text (and type) for a metric family.
  void describe(const std::string& name, const std::string& type, const std::string& help);
  std::string render() const;

  // One sample line, for gauges computed at scrape time.
  static std::string sample(const std::string& name, const Labels& labels, double value);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<std::string, std::string>> help_;  // name → (type, help)
  std::map<std::string, std::map<Labels, Counter>> counters_;  // map nodes stay where they are
  std::map<std::string, std::map<Labels, Histogram>> histograms_;
};

}  // namespace pactum::obs
