// Evaluations that query a cell's task again once its explanation is scored, and add metrics of
// their own: the removal test of the papers (evaluation/removal.cc registers it as "removal").
// They run inside the cell's lifecycle (CellSpec::evaluations), on the cell's own task instance;
// their queries are counted apart from the explainer's budget, in CellResult::evaluation_queries.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/registry.h"

namespace spexbench {

struct CellResult;
class Task;

class CellEvaluation {
 public:
  static constexpr std::string_view kPluginKind = "evaluation";
  struct CreateContext {};
  virtual ~CellEvaluation() = default;

  /// Adds its metrics to `cell`, which is ok and holds an estimate, querying `task` (the cell's
  /// instance); returns the number of queries it made.
  virtual std::int64_t evaluate(CellResult& cell, Task& task) const = 0;
  /// For a metric name this evaluation stores: whether larger values are better; nullopt for any
  /// other name.
  [[nodiscard]] virtual std::optional<bool> higher_is_better(std::string_view metric) const = 0;
  [[nodiscard]] virtual std::string spec() const = 0;
};

using EvaluationRegistry = Registry<CellEvaluation>;

/// Runs `evaluations` (specs) on a cell that is ok and holds an estimate, adding their queries to
/// cell.evaluation_queries; does nothing for another cell. Throws Error for a bad spec, and what
/// an evaluation throws.
void run_evaluations(CellResult& cell, std::span<const std::string> evaluations, Task& task);

}  // namespace spexbench
