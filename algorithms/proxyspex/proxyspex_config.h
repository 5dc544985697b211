// ProxySPEX's parameters, as a spec string sets them, and the hyperparameter grid they define.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/params.h"

namespace spexbench::proxyspex {

enum class GridPreset { kDefault, kFast };
constexpr auto enum_names(GridPreset) {
  return std::array{EnumName{GridPreset::kDefault, "default"},
                    EnumName{GridPreset::kFast, "fast", false}};
}
enum class MaskSampling { kUniform, kDistinct };
constexpr auto enum_names(MaskSampling) {
  return std::array{EnumName{MaskSampling::kUniform, "uniform"},
                    EnumName{MaskSampling::kDistinct, "distinct", false}};
}
enum class Sparsify { kEnergy, kTopK, kCv };
constexpr auto enum_names(Sparsify) {
  return std::array{EnumName{Sparsify::kEnergy, "energy"}, EnumName{Sparsify::kTopK, "top_k"},
                    EnumName{Sparsify::kCv, "cv", false}};
}
enum class Refit { kRidge, kLasso, kAdaptiveLasso, kNone };
constexpr auto enum_names(Refit) {
  return std::array{EnumName{Refit::kRidge, "ridge"}, EnumName{Refit::kLasso, "lasso"},
                    EnumName{Refit::kAdaptiveLasso, "adaptive_lasso", false},
                    EnumName{Refit::kNone, "none", false}};
}
enum class LassoCv { kFullProxy, kFoldProxies };
constexpr auto enum_names(LassoCv) {
  return std::array{EnumName{LassoCv::kFullProxy, "full_proxy"},
                    EnumName{LassoCv::kFoldProxies, "fold_proxies", false}};
}
enum class Relax { kAuto, kCv, kNone };
constexpr auto enum_names(Relax) {
  return std::array{EnumName{Relax::kAuto, "auto", false}, EnumName{Relax::kCv, "cv", false},
                    EnumName{Relax::kNone, "none"}};
}

struct ProxySpexConfig {
  GridPreset grid = GridPreset::kDefault;
  std::string depths;
  std::string trees;
  std::string learning_rates;
  int folds = 5;
  int threads = 0;
  MaskSampling masks = MaskSampling::kUniform;
  Sparsify sparsify = Sparsify::kEnergy;
  double energy = 0.95;
  int top_k = 200;
  int max_terms = 0;
  Refit refit = Refit::kRidge;
  int candidates = 0;
  double gamma = 0.5;
  LassoCv lasso_cv = LassoCv::kFullProxy;
  Relax relax = Relax::kAuto;

  template <class V>
  void visit(V& v) {
    v("grid", grid,
      {.doc = "default: depths 3/5, trees 500/1000/5000, rates 0.01/0.1; fast: depths 3/5, "
              "trees 100/300, rate 0.1, a ridge refit on at most half as many terms as masks"});
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
      {.doc = "uniform: i.i.d. bits (paper); distinct: no repeats, with ∅ and N (shapiq)"});
    v("sparsify", sparsify,
      {.doc = "energy: smallest set holding `energy` of non-constant energy (reference); top_k: "
              "the paper's k; cv: the top k with least leave-one-out refit error"});
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
           "adaptive_lasso: that LassoCV with penalties weighted by the tree coefficients; none"});
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
              "proxy, fitted without its held-out masks"});
    v("relax", relax,
      {.doc = "the lasso refits' relaxed lasso: cv: least squares on the lasso's selection where "
              "the folds say it predicts better; none: the lasso's own coefficients; auto: cv "
              "with lasso_cv=full_proxy, none with fold_proxies"});
  }

  /// A lasso parameter beside another refit would be silently ignored: name it instead.
  void check(std::string_view owner) const;
  /// Whether a parameter matters under the other settings (core/params.h, departures()): the
  /// sparsifier's under ridge or no refit, the lasso's under the lasso refits, and `relax` only
  /// where the relaxed fit is tried.
  [[nodiscard]] bool applies(std::string_view key) const;
};

/// refit=lasso or refit=adaptive_lasso: the refits that select their own terms.
[[nodiscard]] constexpr bool is_lasso(Refit refit) {
  return refit == Refit::kLasso || refit == Refit::kAdaptiveLasso;
}

/// Whether the lasso refits try the relaxed fit: the folds score it on their selections at the
/// chosen penalty, which under lasso_cv=fold_proxies are terms of other proxies than the final one.
[[nodiscard]] bool relax_applies(const ProxySpexConfig& config);

/// The hyperparameters the grid search tries; tree counts ascending.
struct Grid {
  std::vector<int> depths, trees;
  std::vector<double> rates;
};

/// The preset's grid, with the depths, trees and learning_rates parameters in place of its own.
[[nodiscard]] Grid grid_of(const ProxySpexConfig& config);

}  // namespace spexbench::proxyspex
