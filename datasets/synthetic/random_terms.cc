#include "datasets/synthetic/random_terms.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/regression/design.h"

namespace spexbench::synthetic {

void CoefficientLaw::validate(std::string_view owner) const {
  SPEXBENCH_CHECK(lo <= hi, owner, ": lo=", format_param(lo), " exceeds hi=", format_param(hi));
}

double CoefficientLaw::draw(Rng& rng) const {
  if (law == Law::kGaussian) return rng.normal();
  if (law == Law::kUniform) return rng.uniform(lo, hi);
  const double magnitude = rng.uniform(lo, hi);
  return rng.coin() ? -magnitude : magnitude;
}

std::vector<std::vector<std::uint32_t>> distinct_random_sets(int n, int count, int d, Rng& rng,
                                                             std::string_view owner) {
  const std::uint64_t available = count_sets_up_to(n, d) - 1;  // the empty set excluded
  SPEXBENCH_CHECK(static_cast<std::uint64_t>(count) <= available, owner, ": cannot plant ", count,
                  " distinct terms of degree 1..", d, " over n=", n, " (only ", available,
                  " exist)");
  std::set<std::vector<std::uint32_t>> seen;
  std::vector<std::vector<std::uint32_t>> sets;
  const int max_size = std::min(n, d);
  while (static_cast<int>(sets.size()) < count) {
    const auto size =
        static_cast<std::uint32_t>(1 + rng.below(static_cast<std::uint64_t>(max_size)));
    std::vector<std::uint32_t> members =
        rng.sample_without_replacement(static_cast<std::uint32_t>(n), size);
    std::sort(members.begin(), members.end());
    if (seen.insert(members).second) sets.push_back(std::move(members));
  }
  return sets;
}

}  // namespace spexbench::synthetic
