#include "core/cell.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <new>

#include "core/cell_evaluation.h"
#include "core/error.h"
#include "core/explainer.h"
#include "core/metric.h"
#include "core/query_cache.h"
#include "core/rng.h"
#include "core/stopwatch.h"
#include "core/task.h"

namespace spexbench {
namespace {

/// A standard exception from a library under an explainer or a task (std::bad_alloc among them)
/// fails the cell, named, instead of ending the process.
Error foreign_error(std::string_view who, const std::exception& error) {
  if (dynamic_cast<const std::bad_alloc*>(&error) != nullptr)
    return Error(str_cat(who, ": out of memory (std::bad_alloc)"), ErrorKind::kValueFunction);
  return Error(str_cat(who, ": ", error.what()), ErrorKind::kValueFunction);
}

CellStatus status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBudgetExceeded:
      return CellStatus::kBudgetExceeded;
    case ErrorKind::kInfeasible:
      return CellStatus::kInfeasible;
    default:
      return CellStatus::kError;
  }
}

std::string id_of_canonical(const CellSpec& spec) {
  const std::uint64_t h = derive_seed(spec.seed, "cell", spec.task, spec.instance, spec.explainer,
                                      spec.budget, spec.repetition, spec.holdout);
  char buffer[17];
  std::snprintf(buffer, sizeof(buffer), "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

}  // namespace

std::string cell_id(const CellSpec& spec) {
  CellSpec canonical = spec;
  canonical.task = TaskRegistry::global().canonical(spec.task);
  canonical.explainer = ExplainerRegistry::global().canonical(spec.explainer);
  return id_of_canonical(canonical);
}

std::string_view cell_status_name(CellStatus status) { return enum_name(status); }

CellStatus parse_cell_status(std::string_view name) {
  return parse_enum<CellStatus>(name, "cell status");
}

const MetricValue* CellResult::metric(std::string_view name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

std::uint64_t task_instance_seed(std::uint64_t master, std::string_view task_spec, int instance) {
  return derive_seed(master, "task", task_spec, instance);
}

std::uint64_t explainer_seed(std::uint64_t master, std::string_view task_spec, int instance,
                             std::string_view explainer_spec, std::int64_t budget, int repetition) {
  return derive_seed(master, "explainer", task_spec, instance, explainer_spec, budget, repetition);
}

MaskBatch holdout_masks(int n, std::uint64_t task_seed, int count) {
  Rng rng(derive_seed(task_seed, "holdout"));
  return uniform_masks(static_cast<std::size_t>(count), n, rng);
}

namespace {

/// Every explainer holds at least its masks and their values: a budget whose masks alone pass
/// kMaxQueryBytes is refused up front, where it would otherwise run for hours and then exhaust
/// memory (kernel_shap at budget 1e11, n = 512).
std::optional<std::string> budget_too_large(int n, std::int64_t budget) {
  const double bytes = static_cast<double>(budget) * static_cast<double>(words_for(n) * 8 + 8);
  if (bytes <= kMaxQueryBytes) return std::nullopt;
  return str_cat("budget=", budget, " at n=", n, " needs ", bytes / (1 << 30),
                 " GiB for its masks and values alone, over the limit of ",
                 kMaxQueryBytes / (1 << 30), " GiB");
}

}  // namespace

CellResult run_cell(const CellSpec& spec, const ProgressSink& progress) {
  const Stopwatch cell_time;
  SPEXBENCH_CHECK(spec.budget >= 1, "budget=", spec.budget, ", must be >= 1");
  SPEXBENCH_CHECK(spec.holdout >= 0 && spec.holdout <= kMaxHoldout, "holdout=", spec.holdout,
                  " is out of range [0, ", kMaxHoldout, "]");
  SPEXBENCH_CHECK(spec.instance >= 0 && spec.repetition >= 0,
                  "instance and repetition must be >= 0");
  SPEXBENCH_CHECK(spec.threads >= 1, "threads=", spec.threads, ", must be >= 1");
  for (const auto& metric : spec.metrics) (void)MetricRegistry::global().create(metric);
  for (const auto& evaluation : spec.evaluations)
    (void)EvaluationRegistry::global().create(evaluation);

  CellResult result;
  result.spec = spec;
  // Canonical specs first: they, not the user's spelling, define seeds and ids.
  result.spec.task = TaskRegistry::global().canonical(spec.task);
  auto explainer = ExplainerRegistry::global().create(spec.explainer);
  result.spec.explainer = explainer->spec();
  const CellSpec& canonical = result.spec;
  result.id = id_of_canonical(canonical);
  // Seeds from the seed specs: execution-only parameters (threads, batch, device) change how a
  // cell runs, never the masks it draws or the instance it explains.
  const std::string task_seed_spec = TaskRegistry::global().seed_spec(canonical.task);
  result.task_seed = task_instance_seed(canonical.seed, task_seed_spec, canonical.instance);
  result.explainer_seed = explainer_seed(canonical.seed, task_seed_spec, canonical.instance,
                                         ExplainerRegistry::global().seed_spec(canonical.explainer),
                                         canonical.budget, canonical.repetition);
  // A task that fails to start for reasons of its own (an external worker that dies at the
  // handshake) fails this cell, not the suite; bad parameters still throw.
  const auto report = [&](std::string_view stage) {
    if (progress) progress(stage);
  };
  report(str_cat("starting ", canonical.task));
  std::unique_ptr<Task> task;
  try {
    task = TaskRegistry::global().create(canonical.task, {.seed = result.task_seed});
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::kInvalidInput) throw;
    result.status = status_of(error.kind());
    result.error = error.what();
    result.wall_seconds = cell_time.seconds();
    return result;
  } catch (const std::exception& error) {
    result.status = CellStatus::kError;
    result.error = foreign_error(canonical.task, error).what();
    result.wall_seconds = cell_time.seconds();
    return result;
  }
  result.num_features = task->num_features();
  SPEXBENCH_CHECK(result.num_features <= kMaxComponents, canonical.task, " has ",
                  result.num_features, " components, more than the ", kMaxComponents,
                  " a cell may have");
  result.task_info = task->info();
  result.component_names = task->component_names();
  SPEXBENCH_CHECK(static_cast<int>(result.component_names.size()) == result.num_features,
                  canonical.task, ": names ", result.component_names.size(),
                  " components of n=", result.num_features);
  if (const SparsePolynomial* truth = task->ground_truth()) {
    result.ground_truth = *truth;
    result.ground_truth_kind = task->ground_truth_kind();
  }

  auto fail = [&](const Error& error) {
    result.status = status_of(error.kind());
    result.error = error.what();
  };

  std::optional<std::string> reason = budget_too_large(result.num_features, canonical.budget);
  if (!reason) reason = explainer->infeasible(result.num_features, canonical.budget);
  if (reason) {
    result.status = CellStatus::kInfeasible;
    result.error = str_cat(canonical.explainer, ": ", *reason);
    result.wall_seconds = cell_time.seconds();
    return result;
  }

  std::optional<QueryCache> cache;
  if (!canonical.cache.empty())
    cache.emplace(canonical.cache, canonical.task, result.task_seed, result.num_features);
  Oracle oracle(*task, {.budget = canonical.budget,
                        .log_queries = canonical.log_queries,
                        .cache = cache ? &*cache : nullptr});
  const RunContext context{.seed = result.explainer_seed,
                           .budget = canonical.budget,
                           .threads = canonical.threads,
                           .progress = progress};
  report(str_cat("explaining with ", canonical.explainer, " (budget ", canonical.budget, ")"));
  const Stopwatch explain_time;
  try {
    result.estimate = explainer->explain(oracle, context);
  } catch (const Error& error) {
    fail(error);
  } catch (const std::exception& error) {
    fail(foreign_error(canonical.explainer, error));
  }
  const double explain_seconds = explain_time.seconds();
  result.explainer_info = explainer->run_info();
  if (result.status == CellStatus::kOk) {
    Explainer::IndexOutput output = explainer->output_index();
    result.estimate_index = std::move(output.index);
    result.estimate_index_order = output.order;
  }
  result.counts = oracle.counts();
  result.algorithm_seconds = std::max(0.0, explain_seconds - result.counts.model_seconds);
  if (canonical.log_queries) {
    result.query_masks = oracle.logged_masks();
    result.query_values = oracle.logged_values();
  }

  if (result.status == CellStatus::kOk && result.estimate) {
    const SparsePolynomial& estimate = *result.estimate;
    for (std::size_t t = 0; t < estimate.size(); ++t)
      if (!std::isfinite(estimate.coef(t))) {
        fail(Error(str_cat(canonical.explainer, " returned a non-finite coefficient (",
                           estimate.coef(t), ") for its term ", t)));
        break;
      }
  }
  if (result.status == CellStatus::kOk) {
    try {
      if (canonical.holdout > 0)
        report(str_cat("scoring on ", canonical.holdout, " held-out masks"));
      result.holdout_masks =
          holdout_masks(result.num_features, result.task_seed, canonical.holdout);
      result.holdout_values.resize(result.holdout_masks.rows());
      task->evaluate_reference(result.holdout_masks, result.holdout_values);
      for (std::size_t r = 0; r < result.holdout_values.size(); ++r)
        SPEXBENCH_CHECK(std::isfinite(result.holdout_values[r]), "task '", canonical.task,
                        "' returned a non-finite value for held-out mask ", r);
      compute_metrics(result, canonical.metrics);
      if (!canonical.evaluations.empty()) {
        report(str_cat("evaluating: ", canonical.evaluations.front(),
                       canonical.evaluations.size() > 1 ? " and more" : ""));
        run_evaluations(result, canonical.evaluations, *task);
      }
    } catch (const Error& error) {
      fail(Error(error.what(), ErrorKind::kValueFunction));
    } catch (const std::exception& error) {
      fail(foreign_error(canonical.task, error));
    }
  }
  result.wall_seconds = cell_time.seconds();
  return result;
}

namespace {
MetricInput metric_input(const CellResult& result) {
  return {*result.estimate,           result.ground_truth ? &*result.ground_truth : nullptr,
          result.holdout_masks,       result.holdout_values,
          result.ground_truth_kind,   result.estimate_index,
          result.estimate_index_order};
}

/// Stores a metric's value, or, when it is NaN or infinite, fails the cell and says so: a
/// non-finite score is never a result, and the gate could not compare it.
void store_metric(CellResult& result, const std::string& name, double value, int version) {
  if (std::isfinite(value)) {
    result.metrics.push_back({name, value, version});
    return;
  }
  result.status = CellStatus::kError;
  result.error =
      str_cat("metric '", name, "' came out ", value,
              ": the estimate or the held-out values hold numbers too large or not finite");
}

/// Every registered metric with its defaults; for an index output, the index metrics of its own
/// index and order, the only ones that apply to it.
std::vector<std::string> default_metric_specs(const CellResult& result) {
  if (result.estimate_index.empty()) return MetricRegistry::global().names();
  const std::string index =
      str_cat(":index=", result.estimate_index, ",order=", result.estimate_index_order);
  return {"index_mse" + index, "index_precision_at_k" + index, "index_kendall_tau" + index};
}

}  // namespace

int refresh_metrics(CellResult& result, const std::vector<std::string>& metric_specs, bool force) {
  if (!result.estimate) return 0;
  std::vector<std::string> specs = metric_specs;
  if (specs.empty()) specs = default_metric_specs(result);
  const MetricInput input = metric_input(result);
  int computed = 0;
  for (const auto& spec : specs) {
    const auto metric = MetricRegistry::global().create(spec);
    const std::string name = metric->spec();
    auto cached = std::find_if(result.metrics.begin(), result.metrics.end(),
                               [&](const MetricValue& m) { return m.name == name; });
    if (!input.estimate_index.empty() && !metric->reads_index_values()) continue;
    if (!force && cached != result.metrics.end() && cached->version >= metric->version()) continue;
    const auto value = metric->compute(input);
    if (cached != result.metrics.end()) result.metrics.erase(cached);
    if (value) store_metric(result, name, *value, metric->version());
    ++computed;
  }
  std::sort(result.metrics.begin(), result.metrics.end(),
            [](const MetricValue& a, const MetricValue& b) { return a.name < b.name; });
  return computed;
}

void compute_metrics(CellResult& result, const std::vector<std::string>& metric_specs) {
  result.metrics.clear();
  if (!result.estimate) return;
  std::vector<std::string> specs = metric_specs;
  if (specs.empty()) specs = default_metric_specs(result);
  const MetricInput input = metric_input(result);
  for (const auto& spec : specs) {
    const auto metric = MetricRegistry::global().create(spec);
    if (!input.estimate_index.empty() && !metric->reads_index_values()) continue;
    if (const auto value = metric->compute(input))
      store_metric(result, metric->spec(), *value, metric->version());
  }
}

void run_evaluations(CellResult& cell, std::span<const std::string> evaluations, Task& task) {
  // The removal test reads the estimate as a surrogate of the function: an index output is none.
  if (cell.status != CellStatus::kOk || !cell.estimate || !cell.estimate_index.empty()) return;
  for (const std::string& evaluation : evaluations)
    cell.evaluation_queries +=
        EvaluationRegistry::global().create(evaluation)->evaluate(cell, task);
}

}  // namespace spexbench
