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
  std::string objective = "reg:squarederror";  ///< or binary:logistic (targets 0/1)
  double base_score = 0.5;                     ///< XGBoost 1.7's default; a probability if logistic
};

/// Rows of real features, row-major, NaN for a missing value.
struct DenseRows {
  std::span<const float> values;
  std::size_t rows = 0, columns = 0;
};

/// A trained booster (hist tree method, XGBoost's defaults otherwise: min_child_weight 1,
/// lambda 1, no subsampling).
class Booster {
 public:
  /// Trains on rows [begin, end) of masks/targets (all rows when end == 0), 0/1 features.
  Booster(const MaskBatch& masks, std::span<const double> targets, const BoosterParams& params,
          std::size_t begin = 0, std::size_t end = 0);
  /// Trains on real features.
  Booster(const DenseRows& features, std::span<const double> targets, const BoosterParams& params);
  ~Booster();
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;

  /// Predictions of the first `trees` trees (0: all) on rows [begin, end) of `masks`.
  [[nodiscard]] std::vector<double> predict(const MaskBatch& masks, int trees = 0,
                                            std::size_t begin = 0, std::size_t end = 0) const;
  /// Margins (outputs before any link function) of all trees on real features.
  [[nodiscard]] std::vector<double> predict_margins(const DenseRows& features) const;
  /// The model in XGBoost's JSON format (full float precision).
  [[nodiscard]] std::string model_json() const;

 private:
  /// Creates the booster on `data` (a DMatrixHandle with labels) and runs params.trees rounds.
  void train(void* data, const BoosterParams& params);

  void* handle_ = nullptr;  ///< trains and predicts on params.threads threads (its nthread)
};

/// XGBoost's library version, "1.7.4".
[[nodiscard]] std::string xgboost_version();

}  // namespace spexbench::proxyspex
