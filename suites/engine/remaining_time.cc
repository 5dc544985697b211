#include "suites/engine/remaining_time.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>

namespace spexbench {

RemainingTime::RemainingTime(const std::vector<const CellSpec*>& cells, int jobs)
    : finished_(cells.size(), false),
      cells_left_(cells.size()),
      jobs_(static_cast<std::size_t>(std::max(jobs, 1))) {
  std::map<std::string, std::size_t> ids;
  for (const CellSpec* cell : cells) {
    const auto [it, added] = ids.emplace(cell->explainer, explainers_.size());
    if (added) explainers_.emplace_back();
    explainer_of_.push_back(it->second);
    budget_.push_back(static_cast<double>(std::max<std::int64_t>(cell->budget, 1)));
    explainers_[it->second].budget_left += budget_.back();
  }
}

void RemainingTime::finished(std::size_t index, double wall_seconds) {
  if (finished_.at(index)) return;
  finished_[index] = true;
  --cells_left_;
  Explainer& explainer = explainers_[explainer_of_[index]];
  explainer.budget_left -= budget_[index];
  for (Rate* rate : {&explainer.done, &overall_}) {
    rate->seconds += wall_seconds;
    rate->budget += budget_[index];
  }
}

double RemainingTime::seconds() const {
  if (overall_.budget == 0 || cells_left_ == 0) return 0;
  double total = 0;
  for (const Explainer& explainer : explainers_) {
    const Rate& rate = explainer.done.budget > 0 ? explainer.done : overall_;
    total += explainer.budget_left * rate.seconds / rate.budget;
  }
  // The cells left share the jobs; fewer cells than jobs keep only as many busy.
  return std::max(0.0, total) / static_cast<double>(std::min(cells_left_, jobs_));
}

}  // namespace spexbench
