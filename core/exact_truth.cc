#include "core/exact_truth.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.h"
#include "core/transforms.h"

namespace spexbench {

SparsePolynomial exact_fourier_truth(Task& task, double relative_cutoff) {
  const int n = task.num_features();
  SPEXBENCH_ASSERT(n >= 1 && n <= 24, "exact_fourier_truth at n=", n);
  std::vector<double> table(std::size_t{1} << n);
  constexpr std::size_t kChunk = 4096;
  for (std::size_t start = 0; start < table.size(); start += kChunk) {
    const std::size_t count = std::min(kChunk, table.size() - start);
    task.evaluate(enumerate_masks(n, start, count), std::span<double>(table).subspan(start, count));
  }
  double largest = 0;
  for (const double v : table) {
    SPEXBENCH_CHECK(std::isfinite(v), "task '", task.spec(), "' returned a non-finite value while ",
                    "its exact ground truth was computed");
    largest = std::max(largest, std::abs(v));
  }
  values_to_fourier(table);
  return SparsePolynomial::from_table(n, Basis::kFourier, table, relative_cutoff * largest);
}

}  // namespace spexbench
