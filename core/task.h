// A task is a value function f: {0,1}^n -> R over masks (core/mask.h): a synthetic function with
// planted interactions, a model on masked input, a model retrained on a subset of its data, a
// model with attention heads knocked out. Explainers never see it: they go through an Oracle.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/component_names.h"
#include "core/mask.h"
#include "core/registry.h"
#include "core/sparse_polynomial.h"
#include "core/truth_kind.h"

namespace spexbench {

class Task {
 public:
  static constexpr std::string_view kPluginKind = "task";
  /// What a task factory receives besides its parameters.
  struct CreateContext {
    std::uint64_t seed = 0;  ///< the instance seed: derive_seed(master, "task", spec, instance)
  };

  virtual ~Task() = default;

  [[nodiscard]] virtual int num_features() const = 0;

  /// out[r] = f(masks.row(r)) for every row. Must be deterministic and give the same value for a
  /// mask whatever batch it comes in. Called from one thread at a time.
  virtual void evaluate(const MaskBatch& masks, std::span<double> out) = 0;

  /// The values faithfulness is measured against. Tasks that add measurement noise to evaluate()
  /// return the noiseless function here; others need not override.
  virtual void evaluate_reference(const MaskBatch& masks, std::span<double> out) {
    evaluate(masks, out);
  }

  /// The exact function as a sparse polynomial, when known (synthetic and planted tasks).
  [[nodiscard]] virtual const SparsePolynomial* ground_truth() const { return nullptr; }
  /// Whether ground_truth() is the function itself or only the interactions the task's
  /// construction intends (core/truth_kind.h).
  [[nodiscard]] virtual TruthKind ground_truth_kind() const { return TruthKind::kExact; }

  /// The components' names, num_features() of them, as a person reads them (words, L<l>.H<h>,
  /// columns); x<i> unless the task knows better.
  [[nodiscard]] virtual std::vector<std::string> component_names() const {
    return generated_component_names(num_features());
  }

  /// What the instance settled on when it was built, as strings (a trained model's held-out
  /// accuracy, the row it explains); stored with each cell as task_info.
  [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> info() const { return {}; }

  /// Canonical spec: Registry<Task>::global().create(spec())->spec() == spec().
  [[nodiscard]] virtual std::string spec() const = 0;
};

using TaskRegistry = Registry<Task>;

}  // namespace spexbench
