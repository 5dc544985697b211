// What a task's ground truth is. Most tasks know their function exactly (a planted polynomial, or
// the exhaustive transform of a small model). Some know only what their construction intends: a
// classifier trained on a grammar is meant to compute the grammar's interactions, but its logit is
// a learned, rescaled version of the grammar's score. Metrics that compare coefficient values
// apply to exact truths only; metrics that compare supports by rank apply to both.
#pragma once

#include <string_view>

namespace spexbench {

enum class TruthKind { kExact, kIntended };

/// "exact" or "intended": the word stored in results files.
[[nodiscard]] std::string_view truth_kind_name(TruthKind kind);
/// Inverse of truth_kind_name; throws spexbench::Error for another word.
[[nodiscard]] TruthKind parse_truth_kind(std::string_view name);

}  // namespace spexbench
