#include "evaluation/removal.h"

#include <Cbc_C_Interface.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/cell_evaluation.h"
#include "core/error.h"
#include "core/task.h"

namespace spexbench {
namespace {

double binomial(int n, int k) {
  double out = 1;
  for (int i = 1; i <= k; ++i) out = out * (n - k + i) / i;
  return out;
}

MaskBatch all_kept(int n) {
  MaskBatch mask(1, n);
  for (int i = 0; i < n; ++i) mask.set(0, i, true);
  return mask;
}

/// Exact by enumerating every set of r removed components (Gosper-free: index recursion).
MaskBatch by_enumeration(const SparsePolynomial& surrogate, int r, double full) {
  const int n = surrogate.num_features();
  MaskBatch candidates(0, n);
  const MaskBatch kept = all_kept(n);
  std::vector<int> removed(static_cast<std::size_t>(r));
  auto extend = [&](auto&& self, int depth, int start) -> void {
    if (depth == r) {
      MaskBatch mask = kept;
      for (const int i : removed) mask.set(0, i, false);
      candidates.push_back(mask.row(0));
      return;
    }
    for (int i = start; i <= n - (r - depth); ++i) {
      removed[static_cast<std::size_t>(depth)] = i;
      self(self, depth + 1, i + 1);
    }
  };
  extend(extend, 0, 0);
  const std::vector<double> values = surrogate.evaluate(candidates);
  std::size_t best = 0;
  for (std::size_t c = 1; c < values.size(); ++c)
    if (std::abs(full - values[c]) > std::abs(full - values[best])) best = c;
  return candidates.slice(best, 1);
}

/// One CBC solve: the extreme (max or min) of the Möbius surrogate over masks keeping n - r.
MaskBatch by_milp(const SparsePolynomial& mobius, int r, bool maximise) {
  const int n = mobius.num_features();
  Cbc_Model* model = Cbc_newModel();
  Cbc_setLogLevel(model, 0);
  std::vector<double> linear(static_cast<std::size_t>(n), 0.0);
  for (std::size_t t = 0; t < mobius.size(); ++t)
    if (mobius.degree(t) == 1) linear[mobius.term(t)[0]] += mobius.coef(t);
  for (int i = 0; i < n; ++i)
    Cbc_addCol(model, "", 0, 1, linear[static_cast<std::size_t>(i)], 1, 0, nullptr, nullptr);
  std::vector<int> columns(static_cast<std::size_t>(n));
  std::vector<double> ones(static_cast<std::size_t>(n), 1.0);
  for (int i = 0; i < n; ++i) columns[static_cast<std::size_t>(i)] = i;
  Cbc_addRow(model, "", n, columns.data(), ones.data(), 'E', n - r);
  int next = n;
  for (std::size_t t = 0; t < mobius.size(); ++t) {
    if (mobius.degree(t) < 2) continue;
    const int y = next++;
    Cbc_addCol(model, "", 0, 1, mobius.coef(t), 0, 0, nullptr, nullptr);
    std::vector<int> cols = {y};
    std::vector<double> coefs = {1.0};
    for (const std::uint32_t i : mobius.term(t)) {
      const int pair[2] = {y, static_cast<int>(i)};
      const double values[2] = {1.0, -1.0};
      Cbc_addRow(model, "", 2, pair, values, 'L', 0.0);  // y_S <= x_i
      cols.push_back(static_cast<int>(i));
      coefs.push_back(-1.0);
    }
    // y_S >= sum x_i - |S| + 1
    Cbc_addRow(model, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'G',
               1.0 - static_cast<double>(mobius.degree(t)));
  }
  Cbc_setObjSense(model, maximise ? -1 : 1);
  Cbc_solve(model);
  const bool optimal = Cbc_isProvenOptimal(model) != 0;
  MaskBatch mask(1, n);
  if (optimal) {
    const double* solution = Cbc_getColSolution(model);
    for (int i = 0; i < n; ++i) mask.set(0, i, solution[i] > 0.5);
  }
  Cbc_deleteModel(model);
  SPEXBENCH_CHECK(optimal, "removal test: CBC did not prove optimality for r=", r);
  return mask;
}

}  // namespace

MaskBatch most_influential_removal(const SparsePolynomial& surrogate, int r,
                                   double enumeration_limit) {
  const int n = surrogate.num_features();
  SPEXBENCH_CHECK(r >= 1 && r <= n, "removal test: r=", r, " outside [1, n=", n, "]");
  const double full = surrogate.evaluate(all_kept(n))[0];
  if (binomial(n, r) <= enumeration_limit) return by_enumeration(surrogate, r, full);
  const SparsePolynomial mobius = surrogate.to_basis(Basis::kMobius);
  const MaskBatch high = by_milp(mobius, r, true);
  const MaskBatch low = by_milp(mobius, r, false);
  const double high_value = surrogate.evaluate(high)[0], low_value = surrogate.evaluate(low)[0];
  return std::abs(full - high_value) >= std::abs(full - low_value) ? high : low;
}

std::string removal_spec(int r_min, int r_max) {
  return str_cat("removal:r_min=", r_min, ",r_max=", r_max);
}

namespace {

struct RemovalConfig {
  int r_min = 1;
  int r_max = 1;
  template <class V>
  void visit(V& v) {
    v("r_min", r_min, {.doc = "fewest components removed", .min = 1, .max = 1 << 20});
    v("r_max", r_max, {.doc = "most components removed (capped at n)", .min = 1, .max = 1 << 20});
  }
  void check(std::string_view owner) const {
    SPEXBENCH_CHECK(r_min <= r_max, owner, ": r_min=", r_min, " exceeds r_max=", r_max);
  }
};

class RemovalTest final : public ConfiguredPlugin<CellEvaluation, RemovalConfig> {
 public:
  explicit RemovalTest(RemovalConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::int64_t evaluate(CellResult& cell, Task& task) const override {
    const int n = cell.num_features;
    MaskBatch queries = all_kept(n);
    for (int r = config_.r_min; r <= std::min(config_.r_max, n); ++r)
      queries.push_back(most_influential_removal(*cell.estimate, r).row(0));
    std::vector<double> values(queries.rows());
    task.evaluate(queries, values);
    if (values[0] != 0.0 && std::isfinite(values[0])) {
      for (std::size_t q = 1; q < queries.rows(); ++q) {
        const std::string name = str_cat("rem_", config_.r_min + static_cast<int>(q) - 1);
        std::erase_if(cell.metrics, [&](const MetricValue& m) { return m.name == name; });
        cell.metrics.push_back({name, std::abs(values[0] - values[q]) / std::abs(values[0]), 1});
      }
    }
    return static_cast<std::int64_t>(queries.rows());
  }

  std::optional<bool> higher_is_better(std::string_view metric) const override {
    if (metric.rfind("rem_", 0) != 0) return std::nullopt;
    return true;  // moving the output more is the better pick of influential components
  }
};

}  // namespace

SPEXBENCH_REGISTER(CellEvaluation, RemovalTest, RemovalConfig, "removal",
                   "the removal test Rem(r): how far the output moves when the r components the "
                   "explanation ranks most influential are removed");

}  // namespace spexbench
