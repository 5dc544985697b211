// Roots of a polynomial that splits into distinct linear factors over GF(2^m), by Berlekamp's
// trace algorithm (E. R. Berlekamp, "Factoring polynomials over large finite fields", Math. Comp.
// 24, 1970).
//
// BCH decoding needs the roots of the error locator. A Chien search tries every position of the
// code, O(n t) per decoding: at n = 524,192 that is milliseconds per bin and dominates SPEX. The
// trace algorithm splits the locator by gcd(p(x), Tr(b x)) for b running over the basis
// a^0..a^{m-1}, where Tr(y) = y + y^2 + ... + y^(2^(m-1)) is 0 or 1 on the field: any two distinct
// roots differ in Tr(b r) for some basis element b. The cost is O(m^2 L^2) for degree L,
// independent of n.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/spex/galois_field.h"

namespace spexbench::spex {

/// The roots of `poly` (coefficients lowest degree first, degree >= 1, nonzero leading
/// coefficient), sorted, when it is a product of distinct linear factors over the field; empty
/// when it is not (a repeated or irreducible factor of degree >= 2 is never separated).
[[nodiscard]] std::vector<std::uint32_t> split_roots(const GaloisField& field,
                                                     std::span<const std::uint32_t> poly);

}  // namespace spexbench::spex
