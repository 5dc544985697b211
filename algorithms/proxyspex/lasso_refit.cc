#include "algorithms/proxyspex/lasso_refit.h"

#include <algorithm>
#include <cmath>

#include "algorithms/proxyspex/grid_search.h"
#include "algorithms/proxyspex/tree_spectrum.h"
#include "core/parallel_for.h"
#include "core/regression/parity_design.h"
#include "core/regression/sign_lasso.h"
#include "core/stopwatch.h"

namespace spexbench::proxyspex {
namespace {

/// The LASSO refits' candidates: the `candidates` largest non-constant tree terms, and each one's
/// penalty factor, 1 for refit=lasso; for refit=adaptive_lasso (max |c| / |c_t|)^gamma, c the tree
/// coefficients: the proxy's spectrum is the adaptive lasso's initial estimate, so terms the trees
/// found weak must explain more of the data to enter.
struct LassoCandidates {
  std::vector<std::size_t> terms;  ///< indices into the spectrum, largest first
  std::vector<double> penalty;
  SignMatrix design{0, 0};  ///< their parity features on every mask
};

/// The adaptive LASSO's default candidates: every tree term while the parity design (one bit per
/// term and mask) fits in 256 MiB, and never fewer than 65,536 terms.
constexpr std::size_t kAdaptiveDesignBits = std::size_t{1} << 31;
constexpr std::size_t kAdaptiveCandidatesAtLeast = 65536;

LassoCandidates lasso_candidates(const MaskBatch& masks, const SparsePolynomial& spectrum,
                                 const ProxySpexConfig& config) {
  LassoCandidates out;
  for (std::size_t t = 0; t < spectrum.size(); ++t)
    if (spectrum.degree(t) > 0 && spectrum.coef(t) != 0.0) out.terms.push_back(t);
  std::stable_sort(out.terms.begin(), out.terms.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(spectrum.coef(a)) > std::abs(spectrum.coef(b));
  });
  // The plain LASSO loses accuracy when offered many more weak candidates; the adaptive one, whose
  // weak candidates carry large penalties, gains from all of them. On the instances reserved for
  // tuning (suites/tuning/adaptive-lasso-candidates.yaml, docs/experiments/tuning.md), where the
  // depth-5 trees hold 50,000 to 70,000 terms, every term gave R^2 0.999994 to 1 at n = 128 and
  // 256, against 0.991 to 0.995 with 16,384 and 0.954 to 0.996 with 4,096. So the adaptive LASSO
  // takes every tree term while its bit design fits in 256 MiB, and at least 65,536.
  const std::size_t limit =
      config.candidates > 0 ? static_cast<std::size_t>(config.candidates)
      : config.refit == Refit::kAdaptiveLasso
          ? std::max<std::size_t>(kAdaptiveCandidatesAtLeast,
                                  kAdaptiveDesignBits / std::max<std::size_t>(masks.rows(), 1))
          : 4096;
  out.terms.resize(std::min(out.terms.size(), limit));
  out.penalty.assign(out.terms.size(), 1.0);
  if (config.refit == Refit::kAdaptiveLasso && !out.terms.empty()) {
    const double largest = std::abs(spectrum.coef(out.terms.front()));
    for (std::size_t c = 0; c < out.terms.size(); ++c)
      out.penalty[c] = std::pow(largest / std::abs(spectrum.coef(out.terms[c])), config.gamma);
  }
  out.design = parity_design(masks, spectrum, out.terms);
  return out;
}

}  // namespace

LassoRefit lasso_refit(const MaskBatch& masks, std::span<const double> values,
                       const SparsePolynomial& spectrum, const ProxySpexConfig& config,
                       const BoosterParams& params, int threads) {
  const LassoCandidates candidates = lasso_candidates(masks, spectrum, config);
  SparsePolynomial out(spectrum.num_features(), Basis::kFourier);
  if (candidates.terms.empty()) {  // a proxy with no splits: its constant is the whole model
    double mean = 0;
    for (const double v : values) mean += v / static_cast<double>(values.size());
    out.add_term({}, mean);
    return {std::move(out), INFINITY, 0, {}};
  }
  LassoCvResult fit;
  double cv_mse = INFINITY, fold_seconds = 0;
  if (config.lasso_cv == LassoCv::kFoldProxies) {
    const Stopwatch fold_time;
    const std::vector<std::int64_t> bounds =
        kfold_boundaries(static_cast<std::int64_t>(masks.rows()), config.folds);
    std::vector<std::vector<double>> fold_mse(static_cast<std::size_t>(config.folds));
    BoosterParams fold_params = params;
    fold_params.threads = std::max(1, threads / config.folds);  // the folds train side by side
    parallel_for(config.folds, threads, [&](int fold) {
      const auto k = static_cast<std::size_t>(fold);
      const auto begin = static_cast<std::size_t>(bounds[k]);
      const auto end = static_cast<std::size_t>(bounds[k + 1]);
      const TrainingRows train = training_rows(masks, values, begin, end);
      const Booster booster(train.masks, train.values, fold_params);
      const LassoCandidates own = lasso_candidates(
          masks, tree_spectrum(booster.model_json(), masks.num_features()), config);
      if (own.terms.empty()) {  // its proxy has no splits: every alpha predicts the training mean
        double mean = 0, sse = 0;
        for (const double v : train.values) mean += v / static_cast<double>(train.values.size());
        for (std::size_t r = begin; r < end; ++r) sse += (values[r] - mean) * (values[r] - mean);
        fold_mse[k].assign(static_cast<std::size_t>(SignLassoCvOptions{}.alphas),
                           sse / static_cast<double>(end - begin));
        return;
      }
      fold_mse[k] =
          sign_lasso_held_out_path(own.design, values, own.penalty, bounds[k], bounds[k + 1]);
    });
    fold_seconds = fold_time.seconds();
    std::vector<double> mean_mse(fold_mse.front().size(), 0.0);
    for (const auto& mse : fold_mse)  // summed in fold order
      for (std::size_t a = 0; a < mean_mse.size(); ++a) mean_mse[a] += mse[a] / config.folds;
    const auto best = std::min_element(mean_mse.begin(), mean_mse.end());
    cv_mse = *best;
    fit = sign_lasso_fit_on_path(candidates.design, values, candidates.penalty,
                                 static_cast<int>(best - mean_mse.begin()));
  } else {
    fit =
        sign_lasso_cv(candidates.design, values, candidates.penalty,
                      {.folds = config.folds, .threads = threads, .relax = relax_applies(config)});
    cv_mse =
        fit.relaxed ? fit.relaxed_mse : *std::min_element(fit.mean_mse.begin(), fit.mean_mse.end());
  }
  out.add_term({}, fit.intercept);
  for (std::size_t c = 0; c < candidates.terms.size(); ++c)
    if (fit.coef(static_cast<Eigen::Index>(c)) != 0.0)
      out.add_term(spectrum.term(candidates.terms[c]), fit.coef(static_cast<Eigen::Index>(c)));
  return {std::move(out),
          cv_mse,
          fold_seconds,
          {{"lasso_alpha", format_param(fit.alpha)},
           {"lasso_candidates", std::to_string(candidates.terms.size())},
           {"relaxed", relax_applies(config) ? (fit.relaxed ? "yes" : "no") : "not tried"}}};
}

}  // namespace spexbench::proxyspex
