// Tolerances shared by the tests, in one place rather than as magic numbers.
#pragma once

namespace spexbench::test {

/// Exact identities computed in double precision on tables of up to 2^10 entries.
inline constexpr double kExact = 1e-10;
/// The foundation figure: exhaustive recovers planted coefficients to this absolute error.
inline constexpr double kExhaustiveCoefficient = 1e-9;
/// ... and R^2 = 1 to this.
inline constexpr double kExhaustiveR2 = 1e-12;

}  // namespace spexbench::test
