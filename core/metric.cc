#include "core/metric.h"

#include "core/cell_evaluation.h"

namespace spexbench {

bool metric_higher_is_better(std::string_view name) {
  if (MetricRegistry::global().find(Spec::parse(name).name) != nullptr)
    return MetricRegistry::global().create(name)->higher_is_better();
  // A metric an evaluation stores (the removal test's rem_<r>): the evaluation knows it.
  for (const auto* entry : EvaluationRegistry::global().list())
    if (const auto higher = entry->make(Spec::parse(entry->name), {})->higher_is_better(name))
      return *higher;
  return MetricRegistry::global().create(name)->higher_is_better();  // the unknown-metric error
}

}  // namespace spexbench
