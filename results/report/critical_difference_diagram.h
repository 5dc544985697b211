// The critical-difference diagram of a cross-task ranking (Demšar 2006, figure 1): the mean-rank
// axis, each explainer's mean rank with its label (the better half on the left, the rest on the
// right), a bar of the critical difference's length, and thick bars joining explainers whose mean
// ranks lie within it. A standalone SVG, so that reports embed it without any script or network.
#pragma once

#include <string>

#include "results/report/cross_task_ranking.h"

namespace spexbench {

/// Empty when the ranking has none (CrossTaskRanking::no_ranking).
[[nodiscard]] std::string critical_difference_svg(const CrossTaskRanking& ranking);

}  // namespace spexbench
