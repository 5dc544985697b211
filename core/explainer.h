// An explainer (SPEX, ProxySPEX, a baseline) turns oracle queries into a sparse polynomial.
//
// Each implementation's class comment states its estimator, its query cost, its parameters and the
// paper it comes from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/oracle.h"
#include "core/registry.h"
#include "core/run_context.h"
#include "core/sparse_polynomial.h"

namespace spexbench {

class Explainer {
 public:
  static constexpr std::string_view kPluginKind = "explainer";
  struct CreateContext {};

  virtual ~Explainer() = default;

  /// Queries `oracle` (never more than ctx.budget masks: the oracle throws a budget_exceeded
  /// Error rather than answer more) and returns its explanation, in either basis. One that runs
  /// for long calls ctx.report() (from this thread) as each of its stages starts.
  [[nodiscard]] virtual SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) = 0;

  /// Why this explainer cannot run on n components with this budget, or nullopt. The runner asks
  /// before any query and records an infeasible cell with the reason instead of running it.
  [[nodiscard]] virtual std::optional<std::string> infeasible(int n, std::int64_t budget) const {
    (void)n;
    (void)budget;
    return std::nullopt;
  }

  /// What the last explain() settled on, as name -> value text: the parameters it derived from
  /// the budget (SPEX's t and b), sizes, iterations. Stored with the cell.
  [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> run_info() const {
    return {};
  }

  /// What the last explain() returned: a surrogate of the function (the default: `index` empty),
  /// or the values of an interaction index of an order, held as Möbius-basis terms (an external
  /// method that computes an index, such as shapiq's k-SII, returns those).
  struct IndexOutput {
    std::string index;  ///< core/interaction_index.h's name ("ksii"), or empty
    int order = 0;
  };
  [[nodiscard]] virtual IndexOutput output_index() const { return {}; }

  /// Canonical spec: Registry<Explainer>::global().create(spec())->spec() == spec().
  [[nodiscard]] virtual std::string spec() const = 0;
};

using ExplainerRegistry = Registry<Explainer>;

}  // namespace spexbench
