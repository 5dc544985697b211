// Random planted terms shared by the synthetic task families.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/params.h"
#include "core/rng.h"

namespace spexbench::synthetic {

enum class Law { kSignedUniform, kUniform, kGaussian };
constexpr auto enum_names(Law) {
  return std::array{EnumName{Law::kSignedUniform, "signed_uniform"},
                    EnumName{Law::kUniform, "uniform"}, EnumName{Law::kGaussian, "gaussian"}};
}

/// How planted coefficients are drawn.
///   signed_uniform: |c| ~ U[lo, hi], sign + or - with probability 1/2 (default: magnitudes 1..2)
///   uniform:        c ~ U[lo, hi]
///   gaussian:       c ~ N(0, 1) (lo and hi unused)
struct CoefficientLaw {
  Law law = Law::kSignedUniform;
  double lo = 1.0;
  double hi = 2.0;

  template <class V>
  void visit(V& v) {
    v("law", law, {.doc = "coefficient law"});
    v("lo", lo, {.doc = "lower end of the uniform laws"});
    v("hi", hi, {.doc = "upper end of the uniform laws"});
  }
  /// Throws when lo > hi (owner names the task in the message).
  void validate(std::string_view owner) const;
  [[nodiscard]] double draw(Rng& rng) const;
};

/// `count` distinct random subsets of {0..n-1}, each of a size drawn uniformly from 1..d and then
/// members uniformly without replacement; sorted members. Throws when count exceeds the number of
/// such sets.
[[nodiscard]] std::vector<std::vector<std::uint32_t>> distinct_random_sets(int n, int count, int d,
                                                                           Rng& rng,
                                                                           std::string_view owner);

}  // namespace spexbench::synthetic
