// The order in which reports list tasks and groups. Results files keep cells in cell-id (hash)
// order, and plain string order puts n=128 before n=64; here runs of digits compare by value.
#pragma once

#include <string_view>

namespace spexbench {

/// True when `a` comes before `b`: character by character, except that runs of digits compare as
/// numbers ("synthetic.hierarchical:n=64" < "synthetic.hierarchical:n=128").
[[nodiscard]] bool natural_less(std::string_view a, std::string_view b);

}  // namespace spexbench
