// Suite definitions: YAML files naming tasks (with instance counts), explainers, budgets, master
// seeds and metrics. The grid they describe expands deterministically into cells.
//
//   name: quick
//   description: every explainer on small synthetic tasks
//   seeds: [0]                 # master seeds
//   repetitions: 1             # explainer repetitions per cell
//   holdout: 1000              # held-out masks for faithfulness
//   tasks:
//     - task: synthetic.sparse_fourier:n=12,s=20,d=3
//       instances: 2
//     - task: llm.heads            # a task may replace the suite's explainers and budgets
//       explainers: [spex, lasso]
//       budgets: [2000]
//   explainers: [exhaustive]
//   budgets: [4096, {alpha: 4}]  # absolute, or alpha n log2 n for the task's n
//   metrics: [r2, support_f1]  # optional; default: every registered metric
//   removal: [3, 7]            # optional: the removal test Rem(r) for r = 3..7
//   cache: results/cache       # optional: persistent query cache (expensive tasks)
//
// Every key is checked: a misspelled key is an error naming it and its line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/cell.h"

namespace spexbench {

/// A budget: an absolute query count, or alpha n log2 n (rounded) for the task's n, the rule the
/// ProxySPEX paper states its budgets in.
struct BudgetRule {
  /// alpha's ceiling: alpha n log2 n then stays far inside int64 at any n a task allows (an
  /// infinite or huge alpha once rounded to a budget of 1).
  static constexpr double kMaxAlpha = 1e9;
  std::int64_t absolute = 0;
  double alpha = 0;  ///< used when absolute == 0
  [[nodiscard]] std::int64_t for_features(int n) const;
  [[nodiscard]] std::string describe() const;
};

struct SuiteTask {
  std::string spec;
  int instances = 1;
  std::vector<std::string> explainers;  ///< empty: the suite's
  std::vector<BudgetRule> budgets;      ///< empty: the suite's
};

/// Master seeds from here up are reserved for tuning: constants chosen by measurement (ProxySPEX's
/// candidate limits, the fast grid's term limit) are chosen on them, in suites/tuning/, and no
/// suite that reports results uses them, so no reported instance shaped the method it scores.
inline constexpr std::uint64_t kFirstTuningSeed = 1000000;

struct Suite {
  std::string name;
  std::string description;
  std::vector<SuiteTask> tasks;
  std::vector<std::string> explainers;  ///< for tasks that name none
  std::vector<BudgetRule> budgets;      ///< for tasks that name none
  std::vector<std::uint64_t> seeds{0};
  int repetitions = 1;
  int holdout = 1000;
  std::vector<std::string> metrics;
  int removal_min = 0, removal_max = 0;  ///< removal test Rem(r) for r in [min, max]; 0: none
  std::string cache;                     ///< persistent query cache folder; empty: none
};

/// Parses and validates a suite file (specs are checked against the registries). Throws
/// spexbench::Error naming the file, the line and the problem.
[[nodiscard]] Suite load_suite(const std::filesystem::path& path);

/// The cells of a suite in a fixed order: task, instance, explainer, budget, seed, repetition.
[[nodiscard]] std::vector<CellSpec> expand_suite(const Suite& suite);

}  // namespace spexbench
