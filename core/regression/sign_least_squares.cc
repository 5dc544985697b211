#include "core/regression/sign_least_squares.h"

#include <bit>
#include <vector>

#include "core/error.h"
#include "core/regression/sign_kernels.h"

namespace spexbench {
namespace {

/// The columns' sign bits on the training rows, repacked densely: column c's word w holds
/// training rows 64 w .. 64 w + 63 (in row order), unused high bits zero.
struct PackedColumns {
  std::int64_t rows = 0, words = 0;
  std::vector<std::uint64_t> bits;  ///< column-major, `words` per column
  [[nodiscard]] const std::uint64_t* column(std::size_t c) const {
    return bits.data() + c * static_cast<std::size_t>(words);
  }
};

PackedColumns pack(const SignMatrix& x, std::span<const std::int64_t> columns,
                   std::int64_t held_begin, std::int64_t held_end) {
  PackedColumns out;
  out.rows = x.rows() - (held_end - held_begin);
  out.words = (out.rows + 63) / 64;
  out.bits.assign(columns.size() * static_cast<std::size_t>(out.words), 0);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::uint64_t* word = out.bits.data() + c * static_cast<std::size_t>(out.words);
    std::int64_t t = 0;
    for (std::int64_t r = 0; r < x.rows(); ++r) {
      if (r >= held_begin && r < held_end) continue;
      if (x(r, columns[c]) < 0) word[t / 64] |= std::uint64_t{1} << (t % 64);
      ++t;
    }
  }
  return out;
}

/// sum over words of popcount(a xor b), with the popcnt instruction where the CPU has it (the
/// portable build's software popcount is several times slower, and this is the whole cost).
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("popcnt"))) std::int64_t differing_bits_popcnt(const std::uint64_t* a,
                                                                     const std::uint64_t* b,
                                                                     std::int64_t words) {
  std::int64_t out = 0;
  for (std::int64_t w = 0; w < words; ++w) out += std::popcount(a[w] ^ b[w]);
  return out;
}
#endif

std::int64_t differing_bits(const std::uint64_t* a, const std::uint64_t* b, std::int64_t words) {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool popcnt = __builtin_cpu_supports("popcnt");
  if (popcnt) return differing_bits_popcnt(a, b, words);
#endif
  std::int64_t out = 0;
  for (std::int64_t w = 0; w < words; ++w) out += std::popcount(a[w] ^ b[w]);
  return out;
}

}  // namespace

SignLeastSquares sign_least_squares(const SignMatrix& x, std::span<const std::int64_t> columns,
                                    std::span<const double> y, std::int64_t held_begin,
                                    std::int64_t held_end, double ridge) {
  SPEXBENCH_ASSERT(static_cast<std::int64_t>(y.size()) == x.rows());
  SPEXBENCH_ASSERT(0 <= held_begin && held_begin <= held_end && held_end <= x.rows());
  const PackedColumns packed = pack(x, columns, held_begin, held_end);
  SPEXBENCH_CHECK(packed.rows > 0, "least squares: no training rows");
  const auto p = static_cast<Eigen::Index>(columns.size());
  const auto rows = static_cast<double>(packed.rows);
  const std::vector<std::uint64_t> zeros(static_cast<std::size_t>(packed.words), 0);

  // Normal equations of [1, X_S]: index 0 is the intercept.
  Eigen::MatrixXd gram(p + 1, p + 1);
  Eigen::VectorXd xty(p + 1);
  gram(0, 0) = rows;
  double ysum = 0;
  for (std::int64_t r = 0; r < x.rows(); ++r)
    if (r < held_begin || r >= held_end) ysum += y[static_cast<std::size_t>(r)];
  xty(0) = ysum;
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto cj = static_cast<std::size_t>(j);
    const std::uint8_t* bits = x.column_bits(columns[cj]);
    xty(j + 1) = sign_kernels::dot(bits, y.data(), 0, held_begin) +
                 sign_kernels::dot(bits, y.data(), held_end, x.rows());
    gram(0, j + 1) = gram(j + 1, 0) =
        rows -
        2.0 * static_cast<double>(differing_bits(packed.column(cj), zeros.data(), packed.words));
    for (Eigen::Index k = 0; k <= j; ++k)
      gram(j + 1, k + 1) = gram(k + 1, j + 1) =
          rows -
          2.0 * static_cast<double>(differing_bits(
                    packed.column(cj), packed.column(static_cast<std::size_t>(k)), packed.words));
  }
  for (Eigen::Index j = 1; j <= p; ++j) gram(j, j) += ridge;

  const Eigen::LDLT<Eigen::MatrixXd> solver(gram);
  const Eigen::VectorXd w = solver.solve(xty);
  SPEXBENCH_CHECK(w.allFinite(), "least squares: the normal equations over ", p, " columns and ",
                  packed.rows, " rows have no finite solution");
  return {w(0), w.tail(p)};
}

double sign_mse(const SignMatrix& x, std::span<const std::int64_t> columns,
                const SignLeastSquares& fit, std::span<const double> y, std::int64_t begin,
                std::int64_t end) {
  SPEXBENCH_ASSERT(0 <= begin && begin < end && end <= x.rows());
  std::vector<double> residual(y.begin() + begin, y.begin() + end);
  for (double& r : residual) r -= fit.intercept;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const double w = fit.coef(static_cast<Eigen::Index>(c));
    for (std::int64_t r = begin; r < end; ++r)
      residual[static_cast<std::size_t>(r - begin)] -= w * x(r, columns[c]);
  }
  double sse = 0;
  for (const double r : residual) sse += r * r;
  return sse / static_cast<double>(end - begin);
}

}  // namespace spexbench
