#include "core/truth_kind.h"

#include "core/error.h"

namespace spexbench {

std::string_view truth_kind_name(TruthKind kind) { return enum_name(kind); }

TruthKind parse_truth_kind(std::string_view name) {
  return parse_enum<TruthKind>(name, "ground-truth kind");
}

}  // namespace spexbench
