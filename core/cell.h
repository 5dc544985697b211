// A cell is one (task, instance, explainer, budget, master seed, repetition): the unit a suite is
// made of and a results file stores. run_cell() runs it end to end:
//
//   1. create the task instance (seed derived from the master seed, task spec and instance) and the
//      explainer; bad specs throw spexbench::Error before anything runs;
//   2. ask the explainer whether it can run at (n, budget); if not, the cell is `infeasible`;
//   3. explain through a budgeted Oracle, timing the value function apart from the algorithm;
//   4. draw the held-out masks from the task instance's seed (every explainer sees the same ones,
//      not counted in the budget) and their reference values;
//   5. compute every requested metric that applies.
// A failure in steps 3-5 (budget exceeded, non-finite value, ...) does not throw: the cell comes
// back with its status and reason, and whatever was measured up to then.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"
#include "core/mask.h"
#include "core/oracle.h"
#include "core/run_context.h"
#include "core/sparse_polynomial.h"

namespace spexbench {

struct CellSpec {
  std::string task;          ///< task spec
  std::string explainer;     ///< explainer spec
  std::int64_t budget = 0;   ///< oracle budget (>= 1)
  std::uint64_t seed = 0;    ///< master seed
  int instance = 0;          ///< task instance (a different planted function per instance)
  int repetition = 0;        ///< explainer repetition (a different explainer stream)
  int holdout = 1000;        ///< held-out masks for faithfulness, 0..kMaxHoldout
  bool log_queries = false;  ///< keep every queried mask and value in the result
  int threads = 1;
  std::vector<std::string> metrics;  ///< metric specs; empty = every registered metric
  std::string cache;                 ///< folder of the persistent query cache; empty: none
  /// Evaluation specs run after the metrics (core/cell_evaluation.h), e.g. the removal test
  /// "removal:r_min=3,r_max=7". Not part of the cell's id: they add metrics, not a new cell.
  std::vector<std::string> evaluations;
};

enum class CellStatus { kOk, kError, kBudgetExceeded, kInfeasible };
constexpr auto enum_names(CellStatus) {
  return std::array{EnumName{CellStatus::kOk, "ok"}, EnumName{CellStatus::kError, "error"},
                    EnumName{CellStatus::kBudgetExceeded, "budget_exceeded"},
                    EnumName{CellStatus::kInfeasible, "infeasible"}};
}
[[nodiscard]] std::string_view cell_status_name(CellStatus status);
[[nodiscard]] CellStatus parse_cell_status(std::string_view name);

struct MetricValue {
  std::string name;  ///< the metric's canonical spec
  double value = 0;
  int version = 0;
};

struct CellResult {
  CellSpec spec;   ///< as given, with task and explainer specs made canonical
  std::string id;  ///< content-derived id: same definition, same id
  int num_features = 0;
  std::uint64_t task_seed = 0;
  std::uint64_t explainer_seed = 0;
  CellStatus status = CellStatus::kOk;
  std::string error;  ///< reason when status != ok
  OracleCounts counts;
  double algorithm_seconds = 0;  ///< explain() wall time minus time inside the value function
  double wall_seconds = 0;       ///< the whole cell
  std::optional<SparsePolynomial> estimate;
  /// What the estimate is. Empty: a surrogate of the function, in its basis. Otherwise the name of
  /// the interaction index (core/interaction_index.h) whose values its Möbius-basis terms hold, of
  /// order estimate_index_order: an index output (Explainer::output_index), scored by the index
  /// metrics only, since it is not a surrogate.
  std::string estimate_index;
  int estimate_index_order = 0;
  std::optional<SparsePolynomial> ground_truth;
  TruthKind ground_truth_kind = TruthKind::kExact;
  MaskBatch holdout_masks;
  std::vector<double> holdout_values;
  std::vector<MetricValue> metrics;
  std::vector<std::pair<std::string, std::string>> explainer_info;  ///< Explainer::run_info()
  std::vector<std::pair<std::string, std::string>> task_info;       ///< Task::info()
  std::vector<std::string> component_names;  ///< Task::component_names() (x<i> when unknown)
  /// Queries the evaluations made (CellSpec::evaluations), apart from counts and the budget.
  std::int64_t evaluation_queries = 0;
  MaskBatch query_masks;  ///< when spec.log_queries
  std::vector<double> query_values;
  /// `git describe` of the build that ran the cell; empty until the cell is first written (a
  /// results file may hold cells of several runs, and its provenance is only the last one's).
  std::string code_version;
  /// Where the cell ran: the host, and its MPI rank (0 in a plain run). Like code_version, the
  /// writer's host fills an empty one when the cell is first written.
  std::string host;
  int rank = 0;

  [[nodiscard]] const MetricValue* metric(std::string_view name) const;
};

/// The content-derived id of a cell: 16 hex digits from its canonical definition (the task and
/// explainer specs are canonicalised first), the same whoever computes it, whenever.
[[nodiscard]] std::string cell_id(const CellSpec& spec);

/// Seed of a task instance and of an explainer repetition within a cell (docs/architecture.md,
/// "Determinism"). The specs are seed specs (Registry::seed_spec): canonical, without
/// execution-only parameters.
[[nodiscard]] std::uint64_t task_instance_seed(std::uint64_t master, std::string_view task_spec,
                                               int instance);
[[nodiscard]] std::uint64_t explainer_seed(std::uint64_t master, std::string_view task_spec,
                                           int instance, std::string_view explainer_spec,
                                           std::int64_t budget, int repetition);
/// The most memory a cell's queried masks and values may take (8 GiB): a larger budget is an
/// infeasible cell, whatever the explainer.
inline constexpr double kMaxQueryBytes = 8.0 * (1 << 30);

/// The most held-out masks a cell scores on: a million masks and values are stored in every
/// results file (tens of MB at n = 512), and R^2 is settled to many digits long before.
inline constexpr int kMaxHoldout = 1000000;

/// The most components a task may have: eight times the largest n SPEX's codes reach (524,192).
/// Readers of stored cells refuse more, so a damaged n cannot make them build millions of names.
inline constexpr int kMaxComponents = 1 << 22;

/// The held-out masks of a task instance: uniform, from derive_seed(task seed, "holdout").
[[nodiscard]] MaskBatch holdout_masks(int n, std::uint64_t task_seed, int count);

/// Validates the specs and throws spexbench::Error for bad input; otherwise never throws.
/// `progress`, when given, hears each stage as it starts (the task's start, the explainer's own
/// stages, the held-out scoring); it changes nothing in the result.
[[nodiscard]] CellResult run_cell(const CellSpec& spec, const ProgressSink& progress = {});

/// Computes `metric_specs` (empty: all registered) on the stored parts of a result, replacing
/// result.metrics. Metrics that do not apply are left out.
void compute_metrics(CellResult& result, const std::vector<std::string>& metric_specs);

/// Brings cached metrics up to date: computes each of `metric_specs` (empty: all registered) that
/// is missing or was stored by an older version of the metric (every one when `force`), keeps the
/// others as stored. Returns how many values were (re)computed.
int refresh_metrics(CellResult& result, const std::vector<std::string>& metric_specs, bool force);

}  // namespace spexbench
