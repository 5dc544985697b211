#include "core/truth_kind.h"

#include "core/error.h"

namespace spexbench {

std::string_view truth_kind_name(TruthKind kind) {
  return kind == TruthKind::kExact ? "exact" : "intended";
}

TruthKind parse_truth_kind(std::string_view name) {
  if (name == "exact") return TruthKind::kExact;
  if (name == "intended") return TruthKind::kIntended;
  throw Error(str_cat("unknown ground-truth kind '", name, "' (exact, intended)"));
}

}  // namespace spexbench
