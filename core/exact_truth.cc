#include "core/exact_truth.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "core/transforms.h"

namespace spexbench {

namespace {

SparsePolynomial enumerate_spectrum(Task& task, double relative_cutoff) {
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

}  // namespace

SparsePolynomial exact_fourier_truth(Task& task, std::uint64_t instance_seed,
                                     double relative_cutoff) {
  using Key = std::tuple<std::string, std::uint64_t, double>;
  static std::mutex mutex;
  static std::map<Key, SparsePolynomial> remembered;
  static std::deque<Key> order;  // oldest first: at most kRemembered spectra (a few MB each) kept
  constexpr std::size_t kRemembered = 32;
  Key key{task.spec(), instance_seed, relative_cutoff};
  {
    const std::lock_guard lock(mutex);
    if (const auto it = remembered.find(key); it != remembered.end()) return it->second;
  }
  // Computed outside the lock: other instances go on meanwhile. Two threads on the same instance
  // may both compute it; the results are identical.
  SparsePolynomial spectrum = enumerate_spectrum(task, relative_cutoff);
  const std::lock_guard lock(mutex);
  if (remembered.emplace(key, spectrum).second) order.push_back(std::move(key));
  if (order.size() > kRemembered) {
    remembered.erase(order.front());
    order.pop_front();
  }
  return spectrum;
}

}  // namespace spexbench
