// A gradient-boosted regression proxy through XGBoost's C API (libxgboost-dev), the only file
// that includes it. Every XGBoost failure becomes a spexbench::Error with XGBoost's own message
// (its first line, without source location or stack trace); callers say which fit failed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/mask.h"

namespace spexbench::proxyspex {

struct BoosterParams {
  int max_depth = 5;
  double learning_rate = 0.1;
  int trees = 500;
  int threads = 1;
  std::uint64_t seed = 0;
};

/// A trained squared-error booster over 0/1 features (hist tree method, XGBoost's defaults
/// otherwise: min_child_weight 1, lambda 1, no subsampling).
class Booster {
 public:
  /// Trains on rows [begin, end) of masks/targets (all rows when end == 0).
  Booster(const MaskBatch& masks, std::span<const double> targets, const BoosterParams& params,
          std::size_t begin = 0, std::size_t end = 0);
  ~Booster();
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;

  /// Predictions of the first `trees` trees (0: all) on rows [begin, end) of `masks`.
  [[nodiscard]] std::vector<double> predict(const MaskBatch& masks, int trees = 0,
                                            std::size_t begin = 0, std::size_t end = 0) const;
  /// The model in XGBoost's JSON format (full float precision).
  [[nodiscard]] std::string model_json() const;

 private:
  void* handle_ = nullptr;  ///< trains and predicts on params.threads threads (its nthread)
};

/// XGBoost's library version, "1.7.4".
[[nodiscard]] std::string xgboost_version();

}  // namespace spexbench::proxyspex
