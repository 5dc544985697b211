// Spec strings: `name:key=value,key=value`, the one grammar used by the CLI, suite files, results
// and test names (docs/architecture.md, "Vocabulary"). Names may contain letters, digits, '_' and
// '.', keys letters, digits and '_'; values anything but ',', '=', ':', '"' and white space, or
// anything but '"' between double quotes (`command="python3 worker.py --scale 2"`).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spexbench {

struct Spec {
  std::string name;
  std::vector<std::pair<std::string, std::string>> params;  ///< in the order written

  /// Throws spexbench::Error naming the problem and its position for malformed text
  /// (empty name, missing '=', empty key or value, repeated key, stray characters).
  [[nodiscard]] static Spec parse(std::string_view text);
  /// name, then ":key=value,..." when there are parameters; values quoted where they must be.
  [[nodiscard]] std::string str() const;
};

/// Levenshtein distance, for "did you mean" hints on misspelled names and keys.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is a plausible misspelling, else empty.
[[nodiscard]] std::string closest_match(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace spexbench
