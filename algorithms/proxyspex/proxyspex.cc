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
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>
#include <sstream>

#include "algorithms/proxyspex/tree_spectrum.h"
#include "algorithms/proxyspex/xgboost_booster.h"
#include "core/explainer.h"
#include "core/mask_set.h"
#include "core/parallel_for.h"
#include "core/regression/least_squares.h"
#include "core/regression/sign_lasso.h"
#include "core/rng.h"

namespace spexbench::proxyspex {
namespace {

/// "3/5" -> {3, 5}; values separated by '/' (',' separates spec parameters).
template <class T>
std::vector<T> parse_grid(const std::string& text, std::string_view key) {
  std::vector<T> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, '/')) {
    T value{};
    std::stringstream parse(item);
    parse >> value;
    SPEXBENCH_CHECK(!item.empty() && parse.eof() && !parse.fail() && value > 0, "proxyspex: ", key,
                    "=", text, " must be positive numbers separated by '/'");
    values.push_back(value);
  }
  SPEXBENCH_CHECK(!values.empty(), "proxyspex: ", key, " is empty");
  return values;
}

struct ProxySpexConfig {
  std::string grid = "default";
  std::string depths;
  std::string trees;
  std::string learning_rates;
  int folds = 5;
  int threads = 0;
  std::string masks = "uniform";
  std::string sparsify = "energy";
  double energy = 0.95;
  int top_k = 200;
  int max_terms = 0;
  std::string refit = "ridge";
  int candidates = 0;
  double gamma = 0.5;
  std::string lasso_cv = "full_proxy";
  std::string relax = "auto";

  template <class V>
  void visit(V& v) {
    v("grid", grid,
      {.doc = "default: depths 3/5, trees 500/1000/5000, rates 0.01/0.1; fast: depths 3/5, "
              "trees 100/300, rate 0.1, a ridge refit on at most half as many terms as masks",
       .choices = {"default", "fast"}});
    v("depths", depths, {.doc = "max depths to try, e.g. 3/5 (overrides the grid)"});
    v("trees", trees, {.doc = "tree counts to try, e.g. 500/1000 (overrides the grid)"});
    v("learning_rates", learning_rates,
      {.doc = "learning rates to try, e.g. 0.01/0.1 (overrides)"});
    v("folds", folds, {.doc = "cross-validation folds", .min = 2, .max = 50});
    v("threads", threads,
      {.doc = "XGBoost threads; 0 uses the run's thread count",
       .min = 0,
       .max = 256,
       .execution_only = true});
    v("masks", masks,
      {.doc = "uniform: i.i.d. bits (paper); distinct: no repeats, with ∅ and N (shapiq)",
       .choices = {"uniform", "distinct"}});
    v("sparsify", sparsify,
      {.doc = "energy: smallest set holding `energy` of non-constant energy (reference); top_k: "
              "the paper's k; cv: the top k with least leave-one-out refit error",
       .choices = {"energy", "top_k", "cv"}});
    v("energy", energy, {.doc = "energy share kept by sparsify=energy", .min = 0.0, .max = 1.0});
    v("top_k", top_k, {.doc = "coefficients kept by sparsify=top_k", .min = 1});
    v("max_terms", max_terms,
      {.doc = "at most this many non-constant terms kept by sparsify; 0: the grid's (default: no "
              "limit, as the reference; fast: half the masks when ridge fits them)",
       .min = 0});
    v("refit", refit,
      {.doc =
           "ridge: RidgeCV (LOO, 100 alphas in [1e-6, 1e6]) on the kept terms (reference); lasso: "
           "LassoCV (5 folds, 100 alphas, ratio 1e-3) over the largest tree terms (paper); "
           "adaptive_lasso: that LassoCV with penalties weighted by the tree coefficients; none",
       .choices = {"ridge", "lasso", "adaptive_lasso", "none"}});
    v("candidates", candidates,
      {.doc = "tree terms, largest first, the lasso refits choose among (sparsify does not apply); "
              "0: 4,096 for lasso; for adaptive_lasso all of them while their bit design fits in "
              "256 MiB (2^31 / masks terms), and at least 65,536",
       .min = 0,
       .max = 1 << 20});
    v("gamma", gamma,
      {.doc =
           "adaptive_lasso: term t's penalty is (max |c| / |c_t|)^gamma, c the tree coefficients",
       .min = 0.0,
       .max = 4.0});
    v("lasso_cv", lasso_cv,
      {.doc = "the lasso refits' penalty choice: full_proxy: LassoCV over the terms of the proxy "
              "fitted to all masks (paper); fold_proxies: each fold scores the terms of its own "
              "proxy, fitted without its held-out masks",
       .choices = {"full_proxy", "fold_proxies"}});
    v("relax", relax,
      {.doc = "the lasso refits' relaxed lasso: cv: least squares on the lasso's selection where "
              "the folds say it predicts better; none: the lasso's own coefficients; auto: cv "
              "with lasso_cv=full_proxy, none with fold_proxies",
       .choices = {"auto", "cv", "none"}});
  }
};

struct Grid {
  std::vector<int> depths, trees;
  std::vector<double> rates;
};

Grid grid_of(const ProxySpexConfig& config) {
  Grid grid = config.grid == "fast" ? Grid{{3, 5}, {100, 300}, {0.1}}
                                    : Grid{{3, 5}, {500, 1000, 5000}, {0.01, 0.1}};
  if (!config.depths.empty()) grid.depths = parse_grid<int>(config.depths, "depths");
  if (!config.trees.empty()) grid.trees = parse_grid<int>(config.trees, "trees");
  if (!config.learning_rates.empty())
    grid.rates = parse_grid<double>(config.learning_rates, "learning_rates");
  std::sort(grid.trees.begin(), grid.trees.end());
  return grid;
}

double r2_score(std::span<const double> y, std::span<const double> predicted) {
  double mean = 0;
  for (const double v : y) mean += v / static_cast<double>(y.size());
  double residual = 0, total = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    residual += (y[i] - predicted[i]) * (y[i] - predicted[i]);
    total += (y[i] - mean) * (y[i] - mean);
  }
  if (total == 0) return residual == 0 ? 1.0 : 0.0;  // sklearn's convention
  return 1 - residual / total;
}

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

/// Parity features (-1)^{<mask, term>} of the kept terms, in kept order.
Eigen::MatrixXd parity_design(const MaskBatch& masks, const SparsePolynomial& spectrum,
                              const std::vector<std::size_t>& kept) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(masks.rows()),
                    static_cast<Eigen::Index>(kept.size()));
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    const auto row = masks.row(r);
    for (std::size_t c = 0; c < kept.size(); ++c) {
      bool odd = false;
      for (const std::uint32_t i : spectrum.term(kept[c])) odd ^= (row[i / 64] >> (i % 64)) & 1U;
      x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = odd ? -1.0 : 1.0;
    }
  }
  return x;
}

/// The most non-constant terms sparsify keeps from a spectrum fitted on `rows` masks (0: no
/// limit). The fast grid's weaker proxies spread their energy thinly: at n = 128 with 4,000 masks
/// the 95% rule kept up to 2,989 terms, and ridge over nearly as many terms as masks fitted noise
/// (R^2 0.944 on that instance; 0.962 with half the masks, 2,000 terms) and took 3.8 s to refit
/// (1.4 s with 2,000). Without a ridge fit (refit=none) nothing can fit noise, and the kept terms
/// are the proxy's own spectrum: no limit but max_terms.
std::size_t term_limit(const ProxySpexConfig& config, std::size_t rows) {
  if (config.max_terms > 0) return static_cast<std::size_t>(config.max_terms);
  const bool ridge = config.refit == "ridge" || config.sparsify == "cv";
  return config.grid == "fast" && ridge ? std::max<std::size_t>(1, rows / 2) : 0;
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
  if (config.sparsify == "top_k") {
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

/// Parity features of `terms` as a ±1 design, for the LASSO refits' candidate sets.
SignMatrix sign_parity_design(const MaskBatch& masks, const SparsePolynomial& spectrum,
                              const std::vector<std::size_t>& terms) {
  SignMatrix x(static_cast<std::int64_t>(masks.rows()), static_cast<std::int64_t>(terms.size()));
  for (std::size_t c = 0; c < terms.size(); ++c) {
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      const auto row = masks.row(r);
      bool odd = false;
      for (const std::uint32_t i : spectrum.term(terms[c])) odd ^= (row[i / 64] >> (i % 64)) & 1U;
      if (odd) x.set(static_cast<std::int64_t>(r), static_cast<std::int64_t>(c), -1);
    }
  }
  return x;
}

/// A fold's training rows: every row outside [held_begin, held_end).
struct TrainingRows {
  MaskBatch masks;
  std::vector<double> values;
};

TrainingRows training_rows(const MaskBatch& masks, std::span<const double> values,
                           std::size_t held_begin, std::size_t held_end) {
  TrainingRows out{MaskBatch(0, masks.num_features()), {}};
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    if (r >= held_begin && r < held_end) continue;
    out.masks.push_back(masks.row(r));
    out.values.push_back(values[r]);
  }
  return out;
}

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
  // The plain LASSO loses accuracy when offered many more weak candidates (n = 64, alpha = 4:
  // R^2 0.82 with 4,096, 0.72 with 16,384); the adaptive one, whose weak candidates carry large
  // penalties, gains (0.90 with 4,096, 0.94 with 16,384, 0.9999 with 65,536: the depth-5 trees'
  // 32,000 to 34,000 terms, all of them). At n = 128 with 3,149 masks the trees hold 50,000 to
  // 54,000 terms; among the largest 16,384 one instance missed planted ones (R^2 0.993, 0.9998
  // with all of them). At n = 256 with 3,533 masks they hold 63,000 to 68,000, and on one instance
  // the cut at 65,536 dropped planted ones (0.990; 0.999995 with all of them). So the adaptive
  // LASSO takes every tree term while its bit design fits in 256 MiB, and at least 65,536.
  const std::size_t limit =
      config.candidates > 0 ? static_cast<std::size_t>(config.candidates)
      : config.refit == "adaptive_lasso"
          ? std::max<std::size_t>(kAdaptiveCandidatesAtLeast,
                                  kAdaptiveDesignBits / std::max<std::size_t>(masks.rows(), 1))
          : 4096;
  out.terms.resize(std::min(out.terms.size(), limit));
  out.penalty.assign(out.terms.size(), 1.0);
  if (config.refit == "adaptive_lasso" && !out.terms.empty()) {
    const double largest = std::abs(spectrum.coef(out.terms.front()));
    for (std::size_t c = 0; c < out.terms.size(); ++c)
      out.penalty[c] = std::pow(largest / std::abs(spectrum.coef(out.terms[c])), config.gamma);
  }
  out.design = sign_parity_design(masks, spectrum, out.terms);
  return out;
}

/// Whether the lasso refits try the relaxed fit: the folds score it on their selections at the
/// chosen penalty, which under lasso_cv=fold_proxies are terms of other proxies than the final one.
bool relax_applies(const ProxySpexConfig& config) {
  return config.relax == "cv" || (config.relax == "auto" && config.lasso_cv == "full_proxy");
}

/// The LASSO refits (docs/proxyspex.md, "The algorithm", step 5; the paper: "L1 reg. param λ, 100
/// values with λmin/λmax = 0.001"): a LASSO with an intercept over the candidates' parity features,
/// so that the refit selects among them, its penalty chosen on 5 contiguous folds.
/// lasso_cv=full_proxy scores the folds on the candidates of the proxy fitted to all masks (LassoCV
/// over them, as the paper); lasso_cv=fold_proxies fits each fold's own proxy on its training masks
/// and scores the held-out masks on that proxy's candidates, at the same place along each path, so
/// that the held-out masks shaped neither the candidates nor their penalties.
struct LassoRefit {
  SparsePolynomial polynomial;
  double cv_mse = INFINITY;  ///< mean held-out error at the chosen penalty
  /// fold_proxies: wall seconds of training the folds' proxies and scoring their paths (side by
  /// side, so neither fit nor refit time alone)
  double fold_seconds = 0;
  std::vector<std::pair<std::string, std::string>> info;
};

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
  if (config.lasso_cv == "fold_proxies") {
    const auto fold_start = std::chrono::steady_clock::now();
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
    fold_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - fold_start).count();
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

class ProxySpex final : public Explainer {
 public:
  explicit ProxySpex(ProxySpexConfig config) : config_(std::move(config)), grid_(grid_of(config_)) {
    // A lasso parameter beside another refit would be silently ignored: name it instead.
    const ProxySpexConfig defaults;
    const bool lasso = config_.refit == "lasso" || config_.refit == "adaptive_lasso";
    SPEXBENCH_CHECK(
        lasso || config_.lasso_cv == defaults.lasso_cv,
        "proxyspex: lasso_cv applies to refit=lasso or adaptive_lasso, not refit=", config_.refit);
    SPEXBENCH_CHECK(lasso || config_.candidates == defaults.candidates,
                    "proxyspex: candidates applies to refit=lasso or adaptive_lasso, not refit=",
                    config_.refit);
    SPEXBENCH_CHECK(
        lasso || config_.relax == defaults.relax,
        "proxyspex: relax applies to refit=lasso or adaptive_lasso, not refit=", config_.refit);
    SPEXBENCH_CHECK(config_.relax != "cv" || config_.lasso_cv == "full_proxy",
                    "proxyspex: relax=cv needs lasso_cv=full_proxy (the folds' proxies are not the "
                    "final one, so their selections cannot score its relaxed fit)");
    SPEXBENCH_CHECK(config_.refit == "adaptive_lasso" || config_.gamma == defaults.gamma,
                    "proxyspex: gamma applies to refit=adaptive_lasso, not refit=", config_.refit);
  }

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    (void)n;
    if (budget < config_.folds)
      return str_cat("budget ", budget, " is below the number of cross-validation folds (",
                     config_.folds, ")");
    return std::nullopt;
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    using Clock = std::chrono::steady_clock;
    const int n = oracle.num_features();
    Rng rng(derive_seed(ctx.seed, "proxyspex.masks"));
    const MaskBatch masks = sample_masks(n, ctx.budget, config_.masks == "distinct", rng);
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
    const auto start = Clock::now();
    ctx.report(str_cat("fitting the proxy: ", grid_.depths.size() * grid_.rates.size(),
                       " grid points x ", config_.folds, " folds, up to ", grid_.trees.back(),
                       " trees each"));
    BoosterParams best = select(masks, values, threads, seed);
    double fit_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    double refit_seconds = 0, fold_seconds = 0;
    const auto seconds_since = [](Clock::time_point from) {
      return std::chrono::duration<double>(Clock::now() - from).count();
    };

    SparsePolynomial out(n, Basis::kFourier);
    std::size_t extracted_terms = 0;
    if (config_.refit == "lasso" || config_.refit == "adaptive_lasso") {
      // The lasso refits are their own sparsifier, and their cross-validated error chooses the
      // depth: the proxy's R^2 can prefer depth 3, whose spectrum has no terms above order 3.
      std::optional<LassoRefit> chosen;
      for (const auto& [params, cv_r2] : best_by_depth_) {
        ctx.report(str_cat("depth ", params.max_depth, ": ", params.trees,
                           " trees, their spectrum, and its ", config_.refit, " refit",
                           config_.lasso_cv == "fold_proxies"
                               ? str_cat(" (penalty on ", config_.folds, " fold proxies)")
                               : ""));
        const auto train_start = Clock::now();
        const Booster booster(masks, values, params);
        fit_seconds += seconds_since(train_start);
        const auto refit_start = Clock::now();
        const SparsePolynomial spectrum = tree_spectrum(booster.model_json(), n);
        LassoRefit refit = lasso_refit(masks, values, spectrum, config_, params, threads);
        refit_seconds += seconds_since(refit_start) - refit.fold_seconds;
        fold_seconds += refit.fold_seconds;
        if (!chosen || refit.cv_mse < chosen->cv_mse) {
          chosen = std::move(refit);
          best = params;
          best_cv_r2_ = cv_r2;
          extracted_terms = spectrum.size();
        }
      }
      out = std::move(chosen->polynomial);
      info_ = std::move(chosen->info);
    } else {
      ctx.report(str_cat("depth ", best.max_depth, ": ", best.trees, " trees, their spectrum, and ",
                         config_.refit == "none" ? "no refit" : "its " + config_.refit + " refit"));
      const auto train_start = Clock::now();
      const Booster booster(masks, values, best);
      fit_seconds += seconds_since(train_start);
      const auto refit_start = Clock::now();
      const SparsePolynomial spectrum = tree_spectrum(booster.model_json(), n);
      extracted_terms = spectrum.size();
      out = sparse_refit(masks, values, spectrum);
      refit_seconds += seconds_since(refit_start);
    }
    out.canonicalize();

    info_.insert(info_.begin(), {{"max_depth", std::to_string(best.max_depth)},
                                 {"trees", std::to_string(best.trees)},
                                 {"learning_rate", format_param(best.learning_rate)},
                                 {"cv_r2", format_param(best_cv_r2_)},
                                 {"extracted_terms", std::to_string(extracted_terms)},
                                 {"kept_terms", std::to_string(out.size())},
                                 {"fit_seconds", format_param(fit_seconds)},
                                 {"extract_refit_seconds", format_param(refit_seconds)}});
    if (config_.lasso_cv == "fold_proxies")
      info_.emplace_back("fold_proxies_seconds", format_param(fold_seconds));
    return out;
  }

  std::vector<std::pair<std::string, std::string>> run_info() const override { return info_; }
  std::string spec() const override { return canonical_spec("proxyspex", config_); }

 private:
  /// Sparsify, then refit by ridge (with sparsify=cv's choice of k) or not at all.
  SparsePolynomial sparse_refit(const MaskBatch& masks, std::span<const double> values,
                                const SparsePolynomial& spectrum) {
    std::vector<std::size_t> kept = sparsify(spectrum, config_, term_limit(config_, masks.rows()));
    SparsePolynomial out(spectrum.num_features(), Basis::kFourier);
    if (config_.refit == "ridge" || config_.sparsify == "cv") {
      const Eigen::MatrixXd x = parity_design(masks, spectrum, kept);
      const Eigen::Map<const Eigen::VectorXd> y(values.data(), x.rows());
      LinearFit fit;
      if (config_.sparsify == "cv") {
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
          out.add_term(spectrum.term(kept[c]), fit.coef(static_cast<Eigen::Index>(c)));
      info_.emplace_back("ridge_alpha", format_param(fit.alpha));
    } else {
      for (const std::size_t t : kept) out.add_term(spectrum.term(t), spectrum.coef(t));
    }
    return out;
  }

  /// GridSearchCV: mean held-out R^2 over contiguous folds for every grid point; ties keep the
  /// first point in (depth, rate, trees) order. Also records the best point of each depth.
  /// The (depth, rate, fold) boosters are independent: with several threads they train side by
  /// side on one thread each, which uses 2 cores better than one booster on both (XGBoost's
  /// threads split each small tree's histogram work). XGBoost's results do not depend on its
  /// thread count, and the folds' scores are summed in fold order, so neither do ours.
  BoosterParams select(const MaskBatch& masks, std::span<const double> values, int threads,
                       std::uint64_t seed) {
    const std::vector<std::int64_t> bounds =
        kfold_boundaries(static_cast<std::int64_t>(masks.rows()), config_.folds);
    const int folds = config_.folds;
    const auto points = static_cast<int>(grid_.depths.size() * grid_.rates.size());
    const int fits = points * folds;
    const int booster_threads = fits >= threads ? 1 : threads;
    // fold_r2[(point * folds + fold)][t]: held-out R^2 of the first grid_.trees[t] trees.
    std::vector<std::vector<double>> fold_r2(static_cast<std::size_t>(fits));
    parallel_for(fits, threads, [&](int fit) {
      const int point = fit / folds;
      const auto fold = static_cast<std::size_t>(fit % folds);
      const int depth = grid_.depths[static_cast<std::size_t>(point) / grid_.rates.size()];
      const double rate = grid_.rates[static_cast<std::size_t>(point) % grid_.rates.size()];
      const auto test_begin = static_cast<std::size_t>(bounds[fold]);
      const auto test_end = static_cast<std::size_t>(bounds[fold + 1]);
      const TrainingRows train = training_rows(masks, values, test_begin, test_end);
      const Booster booster(train.masks, train.values,
                            {depth, rate, grid_.trees.back(), booster_threads, seed});
      for (const int trees : grid_.trees) {
        const std::vector<double> predicted = booster.predict(masks, trees, test_begin, test_end);
        fold_r2[static_cast<std::size_t>(fit)].push_back(
            r2_score(values.subspan(test_begin, test_end - test_begin), predicted));
      }
    });

    BoosterParams best;
    best_cv_r2_ = -INFINITY;
    best_by_depth_.clear();
    int point = 0;
    for (const int depth : grid_.depths) {
      best_by_depth_.push_back(
          {{depth, grid_.rates.front(), grid_.trees.front(), threads, seed}, -INFINITY});
      for (const double rate : grid_.rates) {
        for (std::size_t t = 0; t < grid_.trees.size(); ++t) {
          double mean_r2 = 0.0;
          for (int f = 0; f < folds; ++f)
            mean_r2 += fold_r2[static_cast<std::size_t>(point * folds + f)][t] / folds;
          const BoosterParams candidate{depth, rate, grid_.trees[t], threads, seed};
          if (mean_r2 > best_cv_r2_) {
            best_cv_r2_ = mean_r2;
            best = candidate;
          }
          if (mean_r2 > best_by_depth_.back().second) best_by_depth_.back() = {candidate, mean_r2};
        }
        ++point;
      }
    }
    return best;
  }

  ProxySpexConfig config_;
  Grid grid_;
  double best_cv_r2_ = 0;
  std::vector<std::pair<BoosterParams, double>> best_by_depth_;  ///< with its CV R^2
  std::vector<std::pair<std::string, std::string>> info_;
};

}  // namespace

SPEXBENCH_REGISTER(
    Explainer, ProxySpex, ProxySpexConfig, "proxyspex",
    "ProxySPEX: gradient-boosted proxy, exact tree spectra, sparsified refit (ridge or LASSO)");

}  // namespace spexbench::proxyspex
