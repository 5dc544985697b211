#include "algorithms/proxyspex/sparse_refit.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/regression/least_squares.h"
#include "core/regression/parity_design.h"

namespace spexbench::proxyspex {
namespace {

/// The refit's 100 penalties, log-spaced in [1e-6, 1e6] (the reference's RidgeCV grid).
std::span<const double> ridge_alphas() {
  static const std::vector<double> alphas = [] {
    std::vector<double> out(100);
    for (int a = 0; a < 100; ++a)
      out[static_cast<std::size_t>(a)] = std::pow(10.0, -6.0 + 12.0 * a / 99.0);
    return out;
  }();
  return alphas;
}

/// The most non-constant terms sparsify keeps from a spectrum fitted on `rows` masks (0: no
/// limit). The fast grid's weaker proxies spread their energy thinly, and ridge over nearly as many
/// terms as masks can fit noise. On the ten instances reserved for tuning
/// (suites/tuning/fast-term-limit.yaml, docs/experiments/tuning.md) a limit of half the masks left
/// the mean R^2 where it was (0.9817 against 0.9820 without), took 12% less time, and spared the
/// two instances where ridge over 2,468 and 2,763 terms fitted noise (0.989 and 0.974 against 0.961
/// and 0.956). Without a ridge fit (refit=none) nothing can fit noise, and the kept terms are the
/// proxy's own spectrum: no limit but max_terms.
std::size_t term_limit(const ProxySpexConfig& config, std::size_t rows) {
  if (config.max_terms > 0) return static_cast<std::size_t>(config.max_terms);
  const bool ridge = config.refit == Refit::kRidge || config.sparsify == Sparsify::kCv;
  return config.grid == GridPreset::kFast && ridge ? std::max<std::size_t>(1, rows / 2) : 0;
}

/// Indices of the coefficients to keep: the constant term, then by decreasing magnitude either
/// the smallest prefix holding `energy` of the non-constant energy, or the top k; at most `limit`
/// (0: no limit) of them.
std::vector<std::size_t> sparsify(const SparsePolynomial& spectrum, const ProxySpexConfig& config,
                                  std::size_t limit) {
  std::vector<std::size_t> order;
  std::optional<std::size_t> constant;
  double total = 0;
  for (std::size_t t = 0; t < spectrum.size(); ++t) {
    if (spectrum.degree(t) == 0) {
      constant = t;
      continue;
    }
    order.push_back(t);
    total += spectrum.coef(t) * spectrum.coef(t);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(spectrum.coef(a)) > std::abs(spectrum.coef(b));
  });
  std::size_t keep = 0;
  if (config.sparsify == Sparsify::kTopK) {
    keep = std::min(order.size(), static_cast<std::size_t>(config.top_k));
  } else {  // energy, also the upper end of cv's candidates
    double cumulative = 0;
    while (keep < order.size() && cumulative < config.energy * total) {
      cumulative += spectrum.coef(order[keep]) * spectrum.coef(order[keep]);
      ++keep;
    }
  }
  if (limit > 0) keep = std::min(keep, limit);
  order.resize(keep);
  if (constant) order.insert(order.begin(), *constant);
  return order;
}

}  // namespace

SparseRefit sparse_refit(const MaskBatch& masks, std::span<const double> values,
                         const SparsePolynomial& spectrum, const ProxySpexConfig& config) {
  std::vector<std::size_t> kept = sparsify(spectrum, config, term_limit(config, masks.rows()));
  SparseRefit out{SparsePolynomial(spectrum.num_features(), Basis::kFourier), std::nullopt};
  if (config.refit == Refit::kRidge || config.sparsify == Sparsify::kCv) {
    const Eigen::MatrixXd x = dense_parity_design(masks, spectrum, kept);
    const Eigen::Map<const Eigen::VectorXd> y(values.data(), x.rows());
    LinearFit fit;
    if (config.sparsify == Sparsify::kCv) {
      // Candidates k = 16, 32, ... below min(energy rule's count, rows), and that bound.
      const std::size_t bound = std::min(kept.size(), masks.rows());
      std::size_t best_k = 0;
      for (std::size_t k = std::min<std::size_t>(16, bound);; k = std::min(2 * k, bound)) {
        const LinearFit trial =
            ridge_cv(x.leftCols(static_cast<Eigen::Index>(k)), y, ridge_alphas());
        if (best_k == 0 || trial.cv_mse < fit.cv_mse) {
          fit = trial;
          best_k = k;
        }
        if (k == bound) break;
      }
      kept.resize(best_k);
    } else {
      fit = ridge_cv(x, y, ridge_alphas());
    }
    for (std::size_t c = 0; c < kept.size(); ++c)
      if (fit.coef(static_cast<Eigen::Index>(c)) != 0.0)
        out.polynomial.add_term(spectrum.term(kept[c]), fit.coef(static_cast<Eigen::Index>(c)));
    out.ridge_alpha = fit.alpha;
  } else {
    for (const std::size_t t : kept) out.polynomial.add_term(spectrum.term(t), spectrum.coef(t));
  }
  return out;
}

}  // namespace spexbench::proxyspex
