#include "suites/engine/remaining_time.h"

#include <algorithm>
#include <cstdint>

namespace spexbench {

RemainingTime::RemainingTime(const std::vector<const CellSpec*>& cells, int jobs)
    : finished_(cells.size(), false), jobs_(static_cast<std::size_t>(std::max(jobs, 1))) {
  for (const CellSpec* cell : cells) {
    explainer_.push_back(cell->explainer);
    budget_.push_back(static_cast<double>(std::max<std::int64_t>(cell->budget, 1)));
  }
}

void RemainingTime::finished(std::size_t index, double wall_seconds) {
  finished_.at(index) = true;
  for (Rate* rate : {&rates_[explainer_[index]], &overall_}) {
    rate->seconds += wall_seconds;
    rate->budget += budget_[index];
  }
}

double RemainingTime::seconds() const {
  if (overall_.budget == 0) return 0;
  double total = 0;
  std::size_t left = 0;
  for (std::size_t i = 0; i < finished_.size(); ++i) {
    if (finished_[i]) continue;
    const auto own = rates_.find(explainer_[i]);
    const Rate& rate = own != rates_.end() ? own->second : overall_;
    total += budget_[i] * rate.seconds / rate.budget;
    ++left;
  }
  // The cells left share the jobs; fewer cells than jobs keep only as many busy.
  return left == 0 ? 0 : total / static_cast<double>(std::min<std::size_t>(left, jobs_));
}

}  // namespace spexbench
