// Products of a ±1 column held as bits (bit r % 8 of byte r / 8 set: entry r is -1) with a vector
// of doubles: the hot loops of the LASSO on parity designs (sign_lasso.*). XOR with a sign-bit mask
// flips a double where the entry is -1, so the products need no multiplication and no conversion.
//
// Whole bytes go eight entries at a time, in eight partial sums (lane k sums entries i + k) that
// are reduced in one fixed order, so the SSE2 and AVX2 versions give identical results and a
// result does not depend on which one the CPU runs. The build stays portable (no -march): AVX2 is
// chosen at run time where the CPU has it.
#pragma once

#include <cstdint>

namespace spexbench::sign_kernels {

enum class Isa {
  kPortable,  ///< plain C++ (non-x86 builds; its partial sums are reduced in another order)
  kSse2,
  kAvx2,
};

/// The fastest instruction set this build and CPU both have.
[[nodiscard]] Isa best_isa();

/// sum_i s_i v[i] over i in [begin, end), s the column's signs. `isa` may be best_isa() or any
/// set before it.
[[nodiscard]] double dot(const std::uint8_t* bits, const double* v, std::int64_t begin,
                         std::int64_t end, Isa isa = best_isa());

/// v[i] -= delta s_i for i in [0, rows).
void subtract(const std::uint8_t* bits, double delta, double* v, std::int64_t rows,
              Isa isa = best_isa());

/// Rows [begin, end).
struct Rows {
  std::int64_t begin = 0, end = 0;
};

/// subtract(subtract_bits, delta, v, rows, isa), then dot(dot_bits, v, first..., isa) +
/// dot(dot_bits, v, second..., isa), with identical results: one pass over v instead of two, as
/// the LASSO's sweeps need (a column's update, then the next column's product).
[[nodiscard]] double subtract_then_dot(const std::uint8_t* subtract_bits, double delta,
                                       const std::uint8_t* dot_bits, double* v, std::int64_t rows,
                                       Rows first, Rows second, Isa isa = best_isa());

}  // namespace spexbench::sign_kernels
