#include "core/transforms.h"

#include <bit>
#include <cstddef>

#include "core/error.h"

namespace spexbench {
namespace {

// Every transform here is the n-fold tensor power of one 2x2 butterfly on (a[x], a[x | bit]).
// Two consecutive levels are fused (radix 4) to halve the passes over memory, and the low levels
// run block by block inside L1 before the high levels sweep the whole table.
constexpr std::size_t kBlockLog = 11;  // 2^11 doubles = 16 KiB

template <class Butterfly>
void radix2_level(double* a, std::size_t size, std::size_t h, Butterfly bf) {
  for (std::size_t j = 0; j < size; j += 2 * h)
    for (std::size_t i = j; i < j + h; ++i) bf(a[i], a[i + h]);
}

template <class Butterfly>
void radix4_levels(double* a, std::size_t size, std::size_t h, Butterfly bf) {
  for (std::size_t j = 0; j < size; j += 4 * h) {
    double* p0 = a + j;
    double* p1 = p0 + h;
    double* p2 = p1 + h;
    double* p3 = p2 + h;
    for (std::size_t i = 0; i < h; ++i) {
      double x0 = p0[i], x1 = p1[i], x2 = p2[i], x3 = p3[i];
      bf(x0, x1);
      bf(x2, x3);
      bf(x0, x2);
      bf(x1, x3);
      p0[i] = x0;
      p1[i] = x1;
      p2[i] = x2;
      p3[i] = x3;
    }
  }
}

template <class Butterfly>
void levels(double* a, std::size_t size, std::size_t first_log, std::size_t end_log, Butterfly bf) {
  std::size_t level = first_log;
  for (; level + 1 < end_log; level += 2) radix4_levels(a, size, std::size_t{1} << level, bf);
  if (level < end_log) radix2_level(a, size, std::size_t{1} << level, bf);
}

template <class Butterfly>
void transform(std::span<double> table, Butterfly bf) {
  const std::size_t size = table.size();
  SPEXBENCH_ASSERT(std::has_single_bit(size), "transform size ", size, " is not a power of two");
  const auto log = static_cast<std::size_t>(std::countr_zero(size));
  double* a = table.data();
  if (log <= kBlockLog) {
    levels(a, size, 0, log, bf);
    return;
  }
  const std::size_t block = std::size_t{1} << kBlockLog;
  for (std::size_t start = 0; start < size; start += block)
    levels(a + start, block, 0, kBlockLog, bf);
  levels(a, size, kBlockLog, log, bf);
}

}  // namespace

void fwht(std::span<double> a) {
  transform(a, [](double& lo, double& hi) {
    const double sum = lo + hi;
    hi = lo - hi;
    lo = sum;
  });
}

void subset_sum(std::span<double> a) {
  transform(a, [](double& lo, double& hi) { hi += lo; });
}

void mobius(std::span<double> a) {
  transform(a, [](double& lo, double& hi) { hi -= lo; });
}

void superset_sum(std::span<double> a) {
  transform(a, [](double& lo, double& hi) { lo += hi; });
}

void values_to_fourier(std::span<double> a) {
  fwht(a);
  const double scale = 1.0 / static_cast<double>(a.size());
  for (double& x : a) x *= scale;
}

}  // namespace spexbench
