#include <gtest/gtest.h>

#include "core/cell.h"
#include "core/error.h"
#include "core/explainer.h"

namespace spexbench {
namespace {

std::string info(const CellResult& cell, const std::string& name) {
  for (const auto& [key, value] : cell.explainer_info)
    if (key == name) return value;
  return "";
}

TEST(ProxySpex, LearnsTheCompleteHierarchy) {
  const CellResult cell = run_cell({.task = "synthetic.hierarchical:n=128",
                                    .explainer = "proxyspex:grid=fast",
                                    .budget = 4 * 128 * 7,  // alpha = 4: 4 n log2 n
                                    .seed = 1});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(cell.counts.total, 3584);
  EXPECT_GT(cell.metric("r2")->value, 0.9);
  EXPECT_FALSE(info(cell, "fit_seconds").empty());
}

// With few samples the depth-5 trees' spectrum holds many spurious terms beside the planted ones:
// ridge on the reference's 95% set (no limit on the kept terms) keeps all of them; the paper's
// LASSO refinement and the adaptive LASSO (penalties weighted by the tree coefficients) choose.
TEST(ProxySpex, LassoRefitsSelectAmongTheTreeTerms) {
  const auto run = [](const std::string& refit) {
    return run_cell(
        {.task = "synthetic.hierarchical:n=64,sets=5,d=4",
         .explainer = "proxyspex:grid=fast,depths=5,trees=300,max_terms=100000,refit=" + refit,
         .budget = 600});
  };
  const CellResult ridge = run("ridge"), lasso = run("lasso,candidates=4096"),
                   adaptive = run("adaptive_lasso,candidates=4096");
  ASSERT_EQ(ridge.status, CellStatus::kOk) << ridge.error;
  ASSERT_EQ(lasso.status, CellStatus::kOk) << lasso.error;
  ASSERT_EQ(adaptive.status, CellStatus::kOk) << adaptive.error;
  EXPECT_LT(ridge.metric("r2")->value, 0.7);
  EXPECT_GT(lasso.metric("r2")->value, 0.85);
  EXPECT_GT(adaptive.metric("r2")->value, 0.95);
  EXPECT_LT(lasso.estimate->size(), ridge.estimate->size());
  EXPECT_FALSE(info(lasso, "lasso_alpha").empty());
  EXPECT_EQ(info(lasso, "lasso_candidates"), "4096");
  EXPECT_EQ(info(adaptive, "kept_terms"), std::to_string(adaptive.estimate->size()));
}

// The fast preset's weak proxies spread their energy over many terms; it keeps at most half as
// many as there are masks, and max_terms sets any other limit.
TEST(ProxySpex, FastPresetKeepsAtMostHalfAsManyTermsAsMasks) {
  const auto kept = [](const std::string& extra) {
    const CellResult cell = run_cell({.task = "synthetic.hierarchical:n=64,sets=5,d=4",
                                      .explainer = "proxyspex:grid=fast,depths=5,trees=300" + extra,
                                      .budget = 600});
    EXPECT_EQ(cell.status, CellStatus::kOk) << cell.error;
    return std::stoul(info(cell, "kept_terms"));
  };
  EXPECT_GT(kept(",max_terms=100000"), 301U);  // the 95% rule alone keeps more here
  EXPECT_LE(kept(""), 301U);                   // 300 terms and the constant
  EXPECT_LE(kept(",max_terms=40"), 41U);
}

// The limit guards the ridge fit against noise; with refit=none there is no fit, and energy=1
// returns the proxy's whole spectrum (the ceiling the energy_recall metric reads), not its top
// half.
TEST(ProxySpex, FastPresetWithoutARefitReturnsTheWholeSpectrum) {
  const CellResult cell = run_cell({.task = "synthetic.hierarchical:n=64,sets=5,d=4",
                                    .explainer = "proxyspex:grid=fast,depths=5,trees=300,"
                                                 "refit=none,energy=1",
                                    .budget = 600});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_GT(std::stoul(info(cell, "kept_terms")), 301U);
  EXPECT_EQ(info(cell, "kept_terms"), info(cell, "extracted_terms"));
}

// Deep trees on many features hold more than 65,536 terms; on few masks their bit design is
// small, and the adaptive LASSO takes every one of them (75,830 here: 7 MB), not the largest
// 65,536, where planted terms can lie.
TEST(ProxySpex, AdaptiveLassoTakesEveryTreeTermWhileItsDesignIsSmall) {
  const CellResult cell = run_cell({.task = "synthetic.hierarchical:n=256",
                                    .explainer = "proxyspex:grid=fast,depths=5,trees=300,"
                                                 "refit=adaptive_lasso",
                                    .budget = 800});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  const unsigned long extracted = std::stoul(info(cell, "extracted_terms"));
  EXPECT_GT(extracted, 65537U);
  EXPECT_EQ(std::stoul(info(cell, "lasso_candidates")), extracted - 1);  // all but the constant
}

// The proxy's CV R^2 prefers depth 3 here, whose spectrum cannot hold the order-4 terms; the lasso
// refits choose the depth by their own CV error and take depth 5.
TEST(ProxySpex, LassoRefitsChooseTheDepthByTheirOwnCrossValidation) {
  const auto run = [](const std::string& refit) {
    return run_cell({.task = "synthetic.hierarchical:n=64,sets=5,d=4",
                     .explainer = "proxyspex:grid=fast,trees=300,refit=" + refit,
                     .budget = 600});
  };
  const CellResult ridge = run("ridge"), adaptive = run("adaptive_lasso,candidates=4096");
  ASSERT_EQ(ridge.status, CellStatus::kOk) << ridge.error;
  ASSERT_EQ(adaptive.status, CellStatus::kOk) << adaptive.error;
  EXPECT_EQ(info(ridge, "max_depth"), "3");
  EXPECT_EQ(info(adaptive, "max_depth"), "5");
  EXPECT_GT(adaptive.metric("r2")->value, 0.99);
}

// On few masks LassoCV over the full proxy's terms favours small penalties: its held-out masks
// helped choose those terms. With lasso_cv=fold_proxies each fold's held-out masks are scored on
// terms of a proxy fitted without them, so the penalty is larger and fewer terms stay. Folds run
// side by side with several threads; that must not change the result.
TEST(ProxySpex, FoldProxiesChooseThePenaltyOnTermsTheirHeldOutMasksDidNotShape) {
  const auto run = [](const std::string& lasso_cv, int threads) {
    return run_cell({.task = "synthetic.hierarchical:n=64,sets=5,d=4",
                     .explainer = "proxyspex:grid=fast,refit=adaptive_lasso,candidates=4096,"
                                  "lasso_cv=" +
                                  lasso_cv,
                     .budget = 250,
                     .threads = threads});
  };
  const CellResult full = run("full_proxy", 1), folds = run("fold_proxies", 1),
                   folds_two_threads = run("fold_proxies", 2);
  ASSERT_EQ(full.status, CellStatus::kOk) << full.error;
  ASSERT_EQ(folds.status, CellStatus::kOk) << folds.error;
  ASSERT_EQ(folds_two_threads.status, CellStatus::kOk) << folds_two_threads.error;
  EXPECT_GT(std::stod(info(folds, "lasso_alpha")), std::stod(info(full, "lasso_alpha")));
  EXPECT_LT(folds.estimate->size(), full.estimate->size() / 2);
  EXPECT_EQ(folds.metric("r2")->value, folds_two_threads.metric("r2")->value);
  EXPECT_EQ(info(folds, "lasso_alpha"), info(folds_two_threads, "lasso_alpha"));
  EXPECT_GT(std::stod(info(folds, "fold_proxies_seconds")), 0.0);
  EXPECT_GE(std::stod(info(folds, "extract_refit_seconds")), 0.0);
  EXPECT_TRUE(info(full, "fold_proxies_seconds").empty());
}

TEST(ProxySpex, DistinctMasksIncludeTheEndpointsAndNeverRepeat) {
  const CellResult cell = run_cell({.task = "synthetic.sparse_fourier:n=8,s=4,d=2",
                                    .explainer = "proxyspex:grid=fast,masks=distinct,trees=50",
                                    .budget = 200,
                                    .seed = 2,
                                    .log_queries = true});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(cell.counts.unique, 200);
  EXPECT_EQ(cell.query_masks.row(0)[0], 0u);
  EXPECT_EQ(cell.query_masks.row(1)[0], 255u);
}

TEST(ProxySpex, ConstantOutputsGiveTheConstantPolynomial) {
  const CellResult cell =
      run_cell({.task = "synthetic.sparse_fourier:n=8,s=1,d=1,law=uniform,lo=0,hi=0",
                .explainer = "proxyspex:grid=fast",
                .budget = 100,
                .seed = 0});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_LE(cell.estimate->size(), 1u);
}

// An exactly sparse function and masks enough for the lasso to select its terms: the lasso's
// shrinkage is all that stands between it and the function, and the relaxed fit (least squares on
// the selection, taken where the folds prefer it) removes it.
TEST(ProxySpex, RelaxedLassoRemovesTheShrinkageOnceTheSelectionIsRight) {
  const auto run = [](const std::string& relax) {
    return run_cell({.task = "synthetic.hierarchical:n=64,sets=5,d=4",
                     .explainer = "proxyspex:grid=fast,trees=300,refit=adaptive_lasso,"
                                  "candidates=4096" +
                                  relax,
                     .budget = 1200});
  };
  const CellResult relaxed = run(""), lasso = run(",relax=none");
  ASSERT_EQ(relaxed.status, CellStatus::kOk) << relaxed.error;
  ASSERT_EQ(lasso.status, CellStatus::kOk) << lasso.error;
  EXPECT_EQ(info(relaxed, "relaxed"), "yes");
  EXPECT_EQ(info(lasso, "relaxed"), "not tried");
  EXPECT_GT(relaxed.metric("r2")->value, 1 - 1e-9);
  EXPECT_LT(lasso.metric("r2")->value, 1 - 1e-6);
}

TEST(ProxySpex, BadInputIsClear) {
  const auto proxyspex = ExplainerRegistry::global().create("proxyspex");
  EXPECT_NE(proxyspex->infeasible(10, 4)->find("below the number of cross-validation folds (5)"),
            std::string::npos);
  // A depth the user asks for above n is named; a preset's only stops early.
  EXPECT_NE(ExplainerRegistry::global()
                .create("proxyspex:depths=3/8")
                ->infeasible(6, 100)
                ->find("depths=3/8 asks for depth 8 above n=6"),
            std::string::npos);
  EXPECT_FALSE(proxyspex->infeasible(4, 100).has_value());
  EXPECT_THROW((void)ExplainerRegistry::global().create("proxyspex:grid=huge"), Error);
  try {
    (void)ExplainerRegistry::global().create("proxyspex:depths=3/x");
    FAIL() << "a malformed grid was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("depths=3/x must be positive numbers"), std::string::npos);
  }
  // Lasso parameters beside another refit are named, not ignored.
  for (const auto& [spec, message] : std::vector<std::pair<std::string, std::string>>{
           {"proxyspex:lasso_cv=fold_proxies",
            "lasso_cv applies to refit=lasso or adaptive_lasso, "
            "not refit=ridge"},
           {"proxyspex:refit=none,candidates=10", "candidates applies to refit=lasso or"},
           {"proxyspex:refit=lasso,gamma=1",
            "gamma applies to refit=adaptive_lasso, not "
            "refit=lasso"},
           {"proxyspex:relax=cv",
            "relax applies to refit=lasso or adaptive_lasso, not refit=ridge"},
           {"proxyspex:refit=lasso,lasso_cv=fold_proxies,relax=cv",
            "relax=cv needs lasso_cv=full_proxy"}}) {
    try {
      (void)ExplainerRegistry::global().create(spec);
      ADD_FAILURE() << spec << " was accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW((void)ExplainerRegistry::global().create(
      "proxyspex:refit=lasso,candidates=100,lasso_cv=fold_proxies"));
}

// XGBoost's labels are floats: values beyond their range stop the first cross-validation fit, and
// the stored error names it with XGBoost's own reason, without its source location or stack trace.
TEST(ProxySpex, AnXGBoostErrorNamesTheFitThatFailed) {
  const CellResult cell =
      run_cell({.task = "synthetic.sparse_fourier:n=8,s=2,d=2,lo=1e300,hi=1e300",
                .explainer = "proxyspex:grid=fast",
                .budget = 100,
                .seed = 1,
                .threads = 2});
  ASSERT_EQ(cell.status, CellStatus::kError);
  EXPECT_NE(cell.error.find("proxyspex: cross-validation at max_depth=3, learning_rate=0.1, fold 1 "
                            "of 5: XGBoost failed to set labels"),
            std::string::npos)
      << cell.error;
  EXPECT_NE(cell.error.find("Label contains NaN, infinity or a value too large"), std::string::npos)
      << cell.error;
  EXPECT_EQ(cell.error.find("Stack trace"), std::string::npos) << cell.error;
  EXPECT_EQ(cell.error.find("data.cc"), std::string::npos) << cell.error;
}

}  // namespace
}  // namespace spexbench
