// A metric scores one explanation. Metrics are computed from stored data only (the estimate, the
// task's ground truth, the held-out masks and their reference values), so they can be recomputed
// from a results file without querying any model.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/mask.h"
#include "core/registry.h"
#include "core/sparse_polynomial.h"
#include "core/truth_kind.h"

namespace spexbench {

struct MetricInput {
  const SparsePolynomial& estimate;
  const SparsePolynomial* ground_truth;      ///< null when the task has none
  const MaskBatch& holdout_masks;            ///< uniform masks drawn from the task instance's seed
  std::span<const double> holdout_values;    ///< the task's reference values on them
  TruthKind truth_kind = TruthKind::kExact;  ///< what ground_truth is (core/truth_kind.h)
  /// Empty when the estimate is a surrogate of the function; else the interaction index whose
  /// values it holds (CellResult::estimate_index), of order estimate_index_order.
  std::string_view estimate_index = {};
  int estimate_index_order = 0;

  /// The ground truth when it is exact, else null: for metrics that compare coefficient values.
  [[nodiscard]] const SparsePolynomial* exact_truth() const {
    return truth_kind == TruthKind::kExact ? ground_truth : nullptr;
  }
};

class Metric {
 public:
  static constexpr std::string_view kPluginKind = "metric";
  struct CreateContext {};

  virtual ~Metric() = default;
  /// The value, or nullopt when the metric does not apply (no ground truth, constant holdout).
  [[nodiscard]] virtual std::optional<double> compute(const MetricInput& input) const = 0;
  /// Bumped whenever the definition changes; cached values of an older version are recomputed.
  [[nodiscard]] virtual int version() const = 0;
  [[nodiscard]] virtual bool higher_is_better() const = 0;
  /// Whether it can score an index output (MetricInput::estimate_index). Metrics that read the
  /// estimate as a surrogate of the function cannot, and are not computed for one.
  [[nodiscard]] virtual bool reads_index_values() const { return false; }
  /// Canonical spec; also the key under which the value is stored and printed.
  [[nodiscard]] virtual std::string spec() const = 0;
};

using MetricRegistry = Registry<Metric>;

/// Whether larger values of a stored metric are better: the registry's word for registered
/// metrics, the storing evaluation's for theirs (core/cell_evaluation.h). Throws for others.
[[nodiscard]] bool metric_higher_is_better(std::string_view name);

}  // namespace spexbench
