// A series across versions as a small standalone SVG chart (spexbench history --figures): the mean
// at each version, the range of its samples as a bar, and each flagged step as a dashed red line
// between the two versions, so that a trend reads without any plotting library.
#pragma once

#include <string>
#include <vector>

#include "results/compare/history.h"

namespace spexbench {

[[nodiscard]] std::string trend_svg(const Series& series, const std::vector<Step>& steps,
                                    const std::vector<Version>& versions);

}  // namespace spexbench
