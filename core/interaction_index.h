// Interaction indices derived from the Möbius (Harsanyi) coefficients a(T) of a polynomial by
// closed forms (docs/spex.md, "Transforms and indices"; docs/proxyspex.md, "Closed forms on the
// Fourier spectrum"). Every index is returned as a polynomial in the Möbius basis whose term S
// carries the index value I(S), for all S with |S| <= order (the empty set included): the papers
// score baselines by reading their interaction values as the Möbius coefficients of a surrogate.
//
//   SII   (Grabisch 1997)          SII(S)  = sum_{T ⊇ S} a(T) / (|T| - |S| + 1)
//   BII                            BII(S)  = sum_{T ⊇ S} a(T) / 2^{|T| - |S|}
//   STII  (Sundararajan 2020)      STII(S) = a(S) for |S| < l;  sum_{T ⊇ S} a(T) / C(|T|, l) for
//   |S| = l FBII  (Tsai et al. 2023)       FBII(S) = a(S) + (-1)^{l-|S|} sum_{T ⊋ S, |T| > l}
//                                             2^{-(|T|-|S|)} C(|T|-|S|-1, l-|S|) a(T)
//   FSII  (Tsai et al. 2023)       FSII(S) = a(S) + (-1)^{l-|S|} |S|/(|S|+l) C(l, |S|)
//                                             sum_{T ⊋ S, |T| > l} C(|T|-1, l) / C(|T|+l-1, l+|S|)
//                                             a(T)
//   k-SII (Bordt, von Luxburg 2023) k-SII(S) = sum_{U ⊇ S, |U| <= l} B_{|U|-|S|} SII(U) for
//                                   1 <= |S| <= l (B: Bernoulli numbers, B_1 = -1/2), f(∅) at ∅;
//                                   efficient, and equal to a(S) for a function of degree <= l
//   Shapley values  = FSII of order 1 (phi_i = sum_{T ∋ i} a(T) / |T|, with f(∅) at the empty set)
//   Banzhaf values  = FBII of order 1 (beta_i = sum_{T ∋ i} a(T) / 2^{|T|-1}, with its intercept)
//
// Cost: O(sum_T 2^{min(|T|, order)}) subset visits, fine for the degrees explanations have.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/sparse_polynomial.h"

namespace spexbench {

enum class InteractionIndex { kShapley, kBanzhaf, kSii, kBii, kStii, kFsii, kFbii, kKsii };
constexpr auto enum_names(InteractionIndex) {
  using enum InteractionIndex;
  return std::array{EnumName{kShapley, "shapley"}, EnumName{kBanzhaf, "banzhaf"},
                    EnumName{kSii, "sii"},         EnumName{kBii, "bii"},
                    EnumName{kStii, "stii"},       EnumName{kFsii, "fsii"},
                    EnumName{kFbii, "fbii"},       EnumName{kKsii, "ksii"}};
}

/// The highest order an index output (an external method's) and the index metrics take.
inline constexpr int kMaxIndexOrder = 8;

[[nodiscard]] std::string_view index_name(InteractionIndex index);  // "shapley", "fsii", ...
[[nodiscard]] InteractionIndex parse_index(std::string_view name);  // throws Error
/// The order an index is defined at: 1 for Shapley and Banzhaf values, else `order`.
[[nodiscard]] int index_order(InteractionIndex index, int order);

/// The index of `f` (either basis) of the given order, as a Möbius-basis polynomial over all
/// S with |S| <= order (zeros dropped). Throws Error for order < 1 or order > n.
[[nodiscard]] SparsePolynomial interaction_index(const SparsePolynomial& f, InteractionIndex index,
                                                 int order);

/// Shapley values phi_0..phi_{n-1} of f (either basis).
[[nodiscard]] std::vector<double> shapley_values(const SparsePolynomial& f);

}  // namespace spexbench
