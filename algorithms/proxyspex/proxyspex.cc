// ProxySPEX: interactions from a gradient-boosted proxy.
//
//   L. Butler, A. Agarwal, J. S. Kang, Y. E. Erginbas, B. Yu, K. Ramchandran. "ProxySPEX:
//   Inference-Efficient Interpretability via Sparse Feature Interactions in LLMs". NeurIPS 2025.
//
// Estimator (docs/proxyspex.md, "The algorithm"): query f on `budget` uniformly random masks; fit
// gradient-boosted trees (XGBoost; LightGBM is not packaged for Debian) choosing max depth, tree
// count and learning rate by 5-fold cross-validated R^2 over a grid (sklearn GridSearchCV:
// contiguous folds, refit on all rows); read the exact Fourier spectrum off the trees; keep the
// coefficients holding 95% of the non-constant energy (or the top k; under the fast preset at most
// half as many as masks), the constant term always; re-fit those coefficients by ridge regression
// on the parity features with leave-one-out choice of the penalty among 100 values log-spaced in
// [1e-6, 1e6] (sklearn RidgeCV, as the reference), or by the paper's cross-validated LASSO over
// the largest tree terms, which also drops spurious ones (refit=lasso), or by that LASSO with
// penalties weighted by the tree coefficients (refit=adaptive_lasso, Zou 2006: the proxy's
// spectrum as the initial estimate); that LASSO's penalty is chosen over the terms of the proxy
// fitted to all masks, or on each fold's own proxy (lasso_cv=fold_proxies). The lasso refits are
// relaxed (Meinshausen 2007) where their folds say so: least squares on the lasso's selection,
// without its shrinkage.
// The hierarchy prior: trees learn functions whose important high-order terms come with their
// lower-order subsets; without that structure (synthetic.hierarchical:variant=peak) SPEX wins.
//
// Queries: exactly the budget (distinct masks with ∅ and N included under `masks=distinct`, as
// shapiq). Minimum: one row per fold. Time: the grid's boosting dominates; the largest tree count
// of each (depth, learning rate) is trained once per fold and smaller counts are scored on its
// prefixes, which is exact for boosting without subsampling.
#include <algorithm>
#include <cmath>
#include <optional>

#include "algorithms/proxyspex/grid_search.h"
#include "algorithms/proxyspex/lasso_refit.h"
#include "algorithms/proxyspex/proxyspex_config.h"
#include "algorithms/proxyspex/sparse_refit.h"
#include "algorithms/proxyspex/tree_spectrum.h"
#include "algorithms/proxyspex/xgboost_booster.h"
#include "core/explainer.h"
#include "core/mask_set.h"
#include "core/parallel_for.h"
#include "core/rng.h"
#include "core/stopwatch.h"

namespace spexbench::proxyspex {
namespace {

/// Masks: i.i.d. uniform, or distinct ones with the empty and full mask first.
MaskBatch sample_masks(int n, std::int64_t count, bool distinct, Rng& rng) {
  if (!distinct) return uniform_masks(static_cast<std::size_t>(count), n, rng);
  MaskBatch out(0, n);
  MaskSet seen(n);
  MaskBatch ends(2, n);
  for (int i = 0; i < n; ++i) ends.set(1, i, true);
  for (std::size_t r = 0; r < 2 && static_cast<std::int64_t>(out.rows()) < count; ++r)
    if (seen.insert(ends.row(r))) out.push_back(ends.row(r));
  const double available = std::ldexp(1.0, std::min(n, 62));
  SPEXBENCH_CHECK(static_cast<double>(count) <= available, "proxyspex: ", count,
                  " distinct masks do not exist over n=", n);
  while (static_cast<std::int64_t>(out.rows()) < count) {
    const MaskBatch draw = uniform_masks(1, n, rng);
    if (seen.insert(draw.row(0))) out.push_back(draw.row(0));
  }
  return out;
}

/// The spectrum of the booster with `params` trained on every mask, and the seconds its training
/// and its extraction took.
struct ProxySpectrum {
  SparsePolynomial spectrum;
  double fit_seconds = 0, extract_seconds = 0;
};

ProxySpectrum proxy_spectrum(const MaskBatch& masks, std::span<const double> values,
                             const BoosterParams& params) {
  try {
    const Stopwatch fit_time;
    const Booster booster(masks, values, params);
    const double fit_seconds = fit_time.seconds();
    const Stopwatch extract_time;
    SparsePolynomial spectrum = tree_spectrum(booster.model_json(), masks.num_features());
    return {std::move(spectrum), fit_seconds, extract_time.seconds()};
  } catch (const Error& e) {
    throw Error(str_cat("proxyspex: the proxy at max_depth=", params.max_depth,
                        ", learning_rate=", params.learning_rate, ", trees=", params.trees,
                        " on all ", masks.rows(), " masks: ", e.what()),
                e.kind());
  }
}

class ProxySpex final : public ConfiguredPlugin<Explainer, ProxySpexConfig> {
 public:
  explicit ProxySpex(ProxySpexConfig config)
      : ConfiguredPlugin(std::move(config)), grid_(grid_of(config_)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    // A preset's depths above n only stop early (a path splits on each component at most once);
    // a depth the user asked for is named.
    if (!config_.depths.empty())
      for (const int depth : grid_.depths)
        if (depth > n)
          return str_cat("depths=", config_.depths, " asks for depth ", depth, " above n=", n,
                         ": a tree path splits on each component at most once");
    if (budget < config_.folds)
      return str_cat("budget ", budget, " is below the number of cross-validation folds (",
                     config_.folds, ")");
    return std::nullopt;
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    Rng rng(derive_seed(ctx.seed, "proxyspex.masks"));
    const MaskBatch masks =
        sample_masks(n, ctx.budget, config_.masks == MaskSampling::kDistinct, rng);
    ctx.report(str_cat("querying ", masks.rows(), " masks"));
    const std::vector<double> values = oracle.query(masks);
    info_.clear();

    const bool constant =
        std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); });
    if (constant) {  // nothing to learn: the constant polynomial
      SparsePolynomial out(n, Basis::kFourier);
      if (values.front() != 0.0) out.add_term({}, values.front());
      info_ = {{"note", "constant outputs"}};
      return out;
    }

    const int threads = usable_threads(config_.threads > 0 ? config_.threads : ctx.threads);
    const std::uint64_t seed = derive_seed(ctx.seed, "proxyspex.booster");
    const Stopwatch select_time;
    ctx.report(str_cat("fitting the proxy: ", grid_.depths.size() * grid_.rates.size(),
                       " grid points x ", config_.folds, " folds, up to ", grid_.trees.back(),
                       " trees each"));
    const GridSearch search = grid_search(masks, values, grid_, config_.folds, threads, seed);
    BoosterParams best = search.best;
    double best_cv_r2 = search.best_cv_r2;
    double fit_seconds = select_time.seconds();
    double refit_seconds = 0, fold_seconds = 0;

    SparsePolynomial out(n, Basis::kFourier);
    std::size_t extracted_terms = 0;
    if (is_lasso(config_.refit)) {
      // The lasso refits are their own sparsifier, and their cross-validated error chooses the
      // depth: the proxy's R^2 can prefer depth 3, whose spectrum has no terms above order 3.
      std::optional<LassoRefit> chosen;
      for (const auto& [params, cv_r2] : search.best_by_depth) {
        ctx.report(str_cat("depth ", params.max_depth, ": ", params.trees,
                           " trees, their spectrum, and its ", enum_name(config_.refit), " refit",
                           config_.lasso_cv == LassoCv::kFoldProxies
                               ? str_cat(" (penalty on ", config_.folds, " fold proxies)")
                               : ""));
        const ProxySpectrum proxy = proxy_spectrum(masks, values, params);
        fit_seconds += proxy.fit_seconds;
        const SparsePolynomial& spectrum = proxy.spectrum;
        const Stopwatch refit_time;
        LassoRefit refit = lasso_refit(masks, values, spectrum, config_, params, threads);
        refit_seconds += proxy.extract_seconds + refit_time.seconds() - refit.fold_seconds;
        fold_seconds += refit.fold_seconds;
        if (!chosen || refit.cv_mse < chosen->cv_mse) {
          chosen = std::move(refit);
          best = params;
          best_cv_r2 = cv_r2;
          extracted_terms = spectrum.size();
        }
      }
      out = std::move(chosen->polynomial);
      info_ = std::move(chosen->info);
    } else {
      ctx.report(str_cat("depth ", best.max_depth, ": ", best.trees, " trees, their spectrum, and ",
                         config_.refit == Refit::kNone
                             ? "no refit"
                             : str_cat("its ", enum_name(config_.refit), " refit")));
      const ProxySpectrum proxy = proxy_spectrum(masks, values, best);
      fit_seconds += proxy.fit_seconds;
      extracted_terms = proxy.spectrum.size();
      const Stopwatch refit_time;
      SparseRefit refit = sparse_refit(masks, values, proxy.spectrum, config_);
      refit_seconds += proxy.extract_seconds + refit_time.seconds();
      out = std::move(refit.polynomial);
      if (refit.ridge_alpha) info_.emplace_back("ridge_alpha", format_param(*refit.ridge_alpha));
    }
    out.canonicalize();

    info_.insert(info_.begin(), {{"max_depth", std::to_string(best.max_depth)},
                                 {"trees", std::to_string(best.trees)},
                                 {"learning_rate", format_param(best.learning_rate)},
                                 {"cv_r2", format_param(best_cv_r2)},
                                 {"extracted_terms", std::to_string(extracted_terms)},
                                 {"kept_terms", std::to_string(out.size())},
                                 {"fit_seconds", format_param(fit_seconds)},
                                 {"extract_refit_seconds", format_param(refit_seconds)}});
    if (config_.lasso_cv == LassoCv::kFoldProxies)
      info_.emplace_back("fold_proxies_seconds", format_param(fold_seconds));
    return out;
  }

  std::vector<std::pair<std::string, std::string>> run_info() const override { return info_; }

 private:
  Grid grid_;
  std::vector<std::pair<std::string, std::string>> info_;
};

}  // namespace

SPEXBENCH_REGISTER(
    Explainer, ProxySpex, ProxySpexConfig, "proxyspex",
    "ProxySPEX: gradient-boosted proxy, exact tree spectra, sparsified refit (ridge or LASSO)");

}  // namespace spexbench::proxyspex
