#include "algorithms/spex/spex_lasso_refit.h"

#include <bit>

#include "core/regression/gram.h"
#include "core/regression/lasso.h"

namespace spexbench::spex {
namespace {

/// The support of the refit: peeled terms, the empty set and every singleton, each once.
SparsePolynomial refit_support(const SparsePolynomial& peeled) {
  TermAccumulator support(peeled.num_features(), Basis::kFourier);
  for (std::size_t t = 0; t < peeled.size(); ++t) support.add(peeled.term(t), 1.0);
  support.add({}, 1.0);
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(peeled.num_features()); ++i) {
    const std::uint32_t single[1] = {i};
    support.add(single, 1.0);
  }
  return std::move(support).finish();
}

/// Parity of <mask, term>.
bool character_bit(std::span<const std::uint64_t> mask, std::span<const std::uint32_t> term) {
  bool odd = false;
  for (const std::uint32_t f : term) odd ^= (mask[f / 64] >> (f % 64)) & 1U;
  return odd;
}

}  // namespace

SparsePolynomial lasso_refit(const SparsePolynomial& peeled, const std::vector<MaskBatch>& masks,
                             const std::vector<std::vector<double>>& values) {
  const SparsePolynomial support = refit_support(peeled);
  const auto columns = static_cast<Eigen::Index>(support.size());
  std::int64_t rows = 0;
  for (const auto& v : values) rows += static_cast<std::int64_t>(v.size());
  const std::vector<std::int64_t> bounds = kfold_boundaries(rows, 5);

  // Sufficient statistics per fold, accumulated one row at a time from the characters of the
  // support on that row: X^T X gets the outer product of a +-1 vector, which for a few thousand
  // columns is the dominant cost; rows are visited once.
  std::vector<GramStats> folds(5, GramStats::zero(columns));
  Eigen::VectorXd x(columns);
  std::int64_t row = 0;
  int fold = 0;
  for (std::size_t g = 0; g < masks.size(); ++g) {
    for (std::size_t r = 0; r < masks[g].rows(); ++r, ++row) {
      while (row >= bounds[static_cast<std::size_t>(fold) + 1]) ++fold;
      const auto mask = masks[g].row(r);
      for (Eigen::Index c = 0; c < columns; ++c)
        x(c) = character_bit(mask, support.term(static_cast<std::size_t>(c))) ? -1.0 : 1.0;
      const double y = values[g][r];
      GramStats& s = folds[static_cast<std::size_t>(fold)];
      s.xtx.selfadjointView<Eigen::Lower>().rankUpdate(x);
      s.xty += y * x;
      s.yty += y * y;
      ++s.rows;
    }
  }
  GramStats full = GramStats::zero(columns);
  for (GramStats& s : folds) {
    s.xtx = s.xtx.selfadjointView<Eigen::Lower>();
    full.xtx += s.xtx;
    full.xty += s.xty;
    full.yty += s.yty;
    full.rows += s.rows;
  }
  const LassoCvResult fit = lasso_cv(full, folds);
  SparsePolynomial out(peeled.num_features(), Basis::kFourier);
  for (Eigen::Index c = 0; c < columns; ++c)
    if (fit.coef(c) != 0.0) out.add_term(support.term(static_cast<std::size_t>(c)), fit.coef(c));
  return out;
}

}  // namespace spexbench::spex
