// An explanation as a person reads it (spexbench show): its largest interactions with the
// components named ({not, good}: -2.31), in the Möbius basis (what adding the set together adds
// beyond its parts) or the Fourier basis, then the first-order effects and the Shapley values
// that the explanation implies.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sparse_polynomial.h"

namespace spexbench {

struct ExplanationView {
  struct Entry {
    std::vector<std::uint32_t> components;
    double value = 0;
  };
  Basis basis = Basis::kMobius;
  std::size_t terms = 0;            ///< terms of the explanation in `basis`
  double constant = 0;              ///< its empty-set coefficient
  std::vector<Entry> interactions;  ///< the top k non-empty terms by |value|
  std::vector<Entry> first_order;   ///< the top k single-component terms by |value|
  std::vector<Entry> shapley;       ///< the top k Shapley values by |value|
};

/// The view of f in `basis` with the top `k` of each list (ties: canonical order). Throws
/// spexbench::Error when f cannot be expressed in `basis` within kMaxBasisChangeTerms.
[[nodiscard]] ExplanationView explanation_view(const SparsePolynomial& f, Basis basis,
                                               std::size_t k);

/// "{not, good}" from the components' names ("{}" for the empty set).
[[nodiscard]] std::string named_set(const std::vector<std::uint32_t>& components,
                                    const std::vector<std::string>& names);

/// The view as aligned text, one section per list.
[[nodiscard]] std::string format_explanation(const ExplanationView& view,
                                             const std::vector<std::string>& names);

}  // namespace spexbench
