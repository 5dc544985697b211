// Components have names (docs/architecture.md): words of a sentence, L<layer>.H<head>, columns of a
// table, groups of training rows. Tasks that know none get x<i>, the name every reader falls back
// to for results written before names were stored.
#pragma once

#include <string>
#include <vector>

namespace spexbench {

/// "x0", "x1", ..., "x<n-1>".
[[nodiscard]] std::vector<std::string> generated_component_names(int n);

/// The names with each one that occurs more than once suffixed by its index ("not@3", "not@7"),
/// so that every name picks out one component.
[[nodiscard]] std::vector<std::string> distinct_component_names(std::vector<std::string> names);

/// Whether `names` are exactly the generated ones (then results files need not store them).
[[nodiscard]] bool are_generated_component_names(const std::vector<std::string>& names);

}  // namespace spexbench
