// What a task's ground truth is. Most tasks know their function exactly (a planted polynomial, or
// the exhaustive transform of a small model). Some know only what their construction intends: a
// classifier trained on a grammar is meant to compute the grammar's interactions, but its logit is
// a learned, rescaled version of the grammar's score. Metrics that compare coefficient values
// apply to exact truths only; metrics that compare supports by rank apply to both.
#pragma once

#include <array>
#include <string_view>

#include "core/enum_names.h"

namespace spexbench {

enum class TruthKind { kExact, kIntended };
constexpr auto enum_names(TruthKind) {
  return std::array{EnumName{TruthKind::kExact, "exact"},
                    EnumName{TruthKind::kIntended, "intended"}};
}

/// A task parameter `ground_truth=auto|none`: whether a task that can compute its exact truth
/// (by 2^n evaluations of its model) does so when n is small enough.
enum class TruthOption { kAuto, kNone };
constexpr auto enum_names(TruthOption) {
  return std::array{EnumName{TruthOption::kAuto, "auto"}, EnumName{TruthOption::kNone, "none"}};
}

/// "exact" or "intended": the word stored in results files.
[[nodiscard]] std::string_view truth_kind_name(TruthKind kind);
/// Inverse of truth_kind_name; throws spexbench::Error for another word.
[[nodiscard]] TruthKind parse_truth_kind(std::string_view name);

}  // namespace spexbench
