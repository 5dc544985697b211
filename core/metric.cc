#include "core/metric.h"

namespace spexbench {

bool metric_higher_is_better(std::string_view name) {
  if (name.rfind("rem_", 0) == 0) return true;  // moving the output more is the better pick
  return MetricRegistry::global().create(name)->higher_is_better();
}

}  // namespace spexbench
