// The sparse polynomial: what every explainer returns and every task's ground truth is, so that
// every method is scored the same way.
//
// One type holds either basis:
//   Fourier (Walsh-Hadamard):  f(x) = sum_k F(k) (-1)^{|k ∩ x|}
//   Möbius (Harsanyi):         f(x) = sum_S a(S) prod_{i in S} x_i
// where x is a mask (bit i = 1 keeps component i; core/mask.h) and a term k or S is a set of
// component indices. The bases are related by
//   a(S) = (-2)^{|S|} sum_{k ⊇ S} F(k),      F(k) = (-1)^{|k|} sum_{S ⊇ k} a(S) 2^{-|S|}.
//
// Terms are stored in CSR form: term t has the sorted, distinct indices
// features[offsets[t] .. offsets[t+1]) and the coefficient coefs[t].
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/mask.h"

namespace spexbench {

enum class Basis { kFourier, kMobius };

/// The most terms a change of basis may produce (each term of degree k spreads over 2^k): about
/// 1.5 GB while it runs. Tasks estimate their own conversions against it before they start.
inline constexpr double kMaxBasisChangeTerms = 16777216;  // 2^24

[[nodiscard]] std::string_view basis_name(Basis basis);  // "fourier", "mobius"
[[nodiscard]] Basis parse_basis(std::string_view name);  // throws Error on unknown names

class SparsePolynomial {
 public:
  SparsePolynomial() = default;
  SparsePolynomial(int n, Basis basis);

  [[nodiscard]] int num_features() const { return n_; }
  [[nodiscard]] Basis basis() const { return basis_; }
  [[nodiscard]] std::size_t size() const { return coefs_.size(); }
  [[nodiscard]] bool empty() const { return coefs_.empty(); }

  [[nodiscard]] std::span<const std::uint32_t> term(std::size_t t) const {
    return {features_.data() + offsets_[t], offsets_[t + 1] - offsets_[t]};
  }
  [[nodiscard]] std::size_t degree(std::size_t t) const { return offsets_[t + 1] - offsets_[t]; }
  [[nodiscard]] double coef(std::size_t t) const { return coefs_[t]; }
  [[nodiscard]] std::span<const double> coefs() const { return coefs_; }
  [[nodiscard]] std::span<double> coefs() { return coefs_; }
  [[nodiscard]] std::span<const std::uint64_t> offsets() const { return offsets_; }
  [[nodiscard]] std::span<const std::uint32_t> features() const { return features_; }
  /// Highest term degree (0 for an empty polynomial).
  [[nodiscard]] std::size_t max_degree() const;

  /// Appends a term. `features` must be strictly increasing and < n (checked, Error otherwise).
  /// Duplicate terms are allowed until canonicalize() merges them.
  void add_term(std::span<const std::uint32_t> features, double coef);
  void add_term(std::initializer_list<std::uint32_t> features, double coef) {
    add_term(std::span<const std::uint32_t>(features.begin(), features.size()), coef);
  }
  /// Appends a term given as a packed mask row (core/mask.h layout).
  void add_term_mask(std::span<const std::uint64_t> row, double coef);

  /// Canonical form: duplicate terms merged (coefficients summed), exact zeros dropped, terms
  /// ordered by degree then lexicographically. Two polynomials with the same function in the same
  /// basis have identical canonical forms (up to rounding of merged sums).
  void canonicalize();

  /// The polynomial whose coefficient of the set with bits x (n <= 63) is table[x], keeping
  /// entries with |value| > threshold; canonical.
  [[nodiscard]] static SparsePolynomial from_table(int n, Basis basis,
                                                   std::span<const double> table,
                                                   double threshold = 0.0);

  /// Builds from raw CSR arrays (e.g. read from a file), validating every invariant.
  [[nodiscard]] static SparsePolynomial from_csr(int n, Basis basis,
                                                 std::vector<std::uint64_t> offsets,
                                                 std::vector<std::uint32_t> features,
                                                 std::vector<double> coefs);

  /// out[r] = f(masks.row(r)). Bit-sliced over blocks of 64 masks; switches to a dense 2^n
  /// table when n <= 24 and that is cheaper.
  void evaluate(const MaskBatch& masks, std::span<double> out) const;
  [[nodiscard]] std::vector<double> evaluate(const MaskBatch& masks) const;

  /// The same function in `target` basis (exact formulas above), canonical, with terms that cancel
  /// to rounding level (|c| <= 1e-12 max|input coef|) dropped. Dense O(n 2^n) path when n <= 24
  /// and the sparse expansion (sum over terms of 2^degree) would be larger.
  [[nodiscard]] SparsePolynomial to_basis(Basis target) const;

  /// The k terms of largest |coef| (ties broken by canonical order), canonical.
  [[nodiscard]] SparsePolynomial top_k(std::size_t k) const;
  /// Terms with |coef| > threshold, canonical order preserved.
  [[nodiscard]] SparsePolynomial pruned(double threshold) const;

  /// Coefficient of the term `features` (sorted), if present. O(size) scan: use TermIndex in loops.
  [[nodiscard]] std::optional<double> find(std::span<const std::uint32_t> features) const;

  friend bool operator==(const SparsePolynomial&, const SparsePolynomial&) = default;

 private:
  int n_ = 0;
  Basis basis_ = Basis::kFourier;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<std::uint32_t> features_;
  std::vector<double> coefs_;
};

/// Hash index from term (sorted feature list) to its position in a polynomial, for merging and
/// matching terms in O(1). The polynomial must outlive the index and only grow through it.
class TermIndex {
 public:
  explicit TermIndex(const SparsePolynomial& poly);
  [[nodiscard]] std::optional<std::size_t> find(std::span<const std::uint32_t> features) const;
  /// Records that poly.term(t) exists (call after appending it to the polynomial).
  void insert(std::size_t t);

 private:
  void grow();
  [[nodiscard]] std::size_t slot_of(std::span<const std::uint32_t> features) const;
  const SparsePolynomial& poly_;
  std::vector<std::uint32_t> slots_;  // term position + 1; 0 = empty
  std::size_t used_ = 0;
};

/// Accumulates coefficients by term: add(S, c) adds c to term S, creating it when absent.
class TermAccumulator {
 public:
  TermAccumulator(int n, Basis basis) : poly_(n, basis), index_(poly_) {}
  TermAccumulator(const TermAccumulator&) = delete;  // index_ refers to poly_
  TermAccumulator& operator=(const TermAccumulator&) = delete;
  void add(std::span<const std::uint32_t> features, double coef);
  /// The accumulated polynomial, canonical.
  [[nodiscard]] SparsePolynomial finish() &&;
  [[nodiscard]] const SparsePolynomial& current() const { return poly_; }

 private:
  SparsePolynomial poly_;
  TermIndex index_;
};

/// Hash of a sorted feature list, shared by every term-keyed table.
[[nodiscard]] std::uint64_t hash_term(std::span<const std::uint32_t> features);

}  // namespace spexbench
