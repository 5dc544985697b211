#include "algorithms/spex/spex_lasso_refit.h"

#include <numeric>

#include "core/regression/gram.h"
#include "core/regression/lasso.h"
#include "core/regression/parity_design.h"

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

}  // namespace

SparsePolynomial lasso_refit(const SparsePolynomial& peeled, const std::vector<MaskBatch>& masks,
                             const std::vector<std::vector<double>>& values) {
  const SparsePolynomial support = refit_support(peeled);
  const auto columns = static_cast<Eigen::Index>(support.size());
  std::int64_t rows = 0;  // all samples, in query order
  for (const auto& v : values) rows += static_cast<std::int64_t>(v.size());
  const std::vector<std::int64_t> bounds = kfold_boundaries(rows, 5);

  // The design is ±1, so its Gram entries over a fold (a contiguous row range) are popcounts of
  // its bit-packed columns (SignMatrix::dot): far cheaper than a dense product.
  MaskBatch all_masks(0, peeled.num_features());
  std::vector<double> y;
  y.reserve(static_cast<std::size_t>(rows));
  for (std::size_t g = 0; g < masks.size(); ++g)
    for (std::size_t r = 0; r < masks[g].rows(); ++r) {
      all_masks.push_back(masks[g].row(r));
      y.push_back(values[g][r]);
    }
  std::vector<std::size_t> every_term(support.size());
  std::iota(every_term.begin(), every_term.end(), std::size_t{0});
  const SignMatrix x = parity_design(all_masks, support, every_term);
  std::vector<GramStats> folds;
  for (int f = 0; f < 5; ++f) {
    const std::int64_t begin = bounds[static_cast<std::size_t>(f)];
    const std::int64_t end = bounds[static_cast<std::size_t>(f) + 1];
    GramStats s = GramStats::zero(columns);
    s.rows = end - begin;
    for (std::int64_t q = begin; q < end; ++q)
      s.yty += y[static_cast<std::size_t>(q)] * y[static_cast<std::size_t>(q)];
    for (Eigen::Index a = 0; a < columns; ++a) {
      double xty = 0;
      for (std::int64_t q = begin; q < end; ++q)
        xty += x(q, a) < 0 ? -y[static_cast<std::size_t>(q)] : y[static_cast<std::size_t>(q)];
      s.xty(a) = xty;
      for (Eigen::Index b = 0; b <= a; ++b)
        s.xtx(a, b) = s.xtx(b, a) = static_cast<double>(x.dot(a, b, begin, end));
    }
    folds.push_back(std::move(s));
  }
  GramStats full = GramStats::zero(columns);
  for (const GramStats& s : folds) full += s;
  const LassoCvResult fit = lasso_cv(full, folds);
  SparsePolynomial out(peeled.num_features(), Basis::kFourier);
  for (Eigen::Index c = 0; c < columns; ++c)
    if (fit.coef(c) != 0.0) out.add_term(support.term(static_cast<std::size_t>(c)), fit.coef(c));
  return out;
}

}  // namespace spexbench::spex
