#include <gtest/gtest.h>

#include <cmath>

#include "core/interaction_index.h"
#include "core/metric.h"
#include "core/rng.h"

namespace spexbench {
namespace {

double metric(const std::string& spec, const SparsePolynomial& estimate,
              const SparsePolynomial* truth, const MaskBatch& masks,
              const std::vector<double>& values) {
  const auto m = MetricRegistry::global().create(spec);
  const auto value = m->compute({estimate, truth, masks, values});
  EXPECT_TRUE(value.has_value()) << spec;
  return value.value_or(NAN);
}

struct Fixture {
  SparsePolynomial truth{12, Basis::kFourier};
  MaskBatch masks;
  std::vector<double> values;
  Fixture() {
    truth.add_term({0}, 2.0);
    truth.add_term({1, 2}, -1.0);
    truth.add_term({3, 4, 5}, 0.5);
    truth.add_term({6}, 1.0);
    Rng rng(4);
    masks = uniform_masks(1000, 12, rng);
    values = truth.evaluate(masks);
  }
};

TEST(Metrics, PerfectEstimateScoresPerfectly) {
  Fixture f;
  EXPECT_DOUBLE_EQ(metric("r2", f.truth, &f.truth, f.masks, f.values), 1.0);
  EXPECT_DOUBLE_EQ(metric("support_f1", f.truth, &f.truth, f.masks, f.values), 1.0);
  EXPECT_DOUBLE_EQ(metric("nmse", f.truth, &f.truth, f.masks, f.values), 0.0);
  // The same function in the other basis scores the same.
  const SparsePolynomial mobius = f.truth.to_basis(Basis::kMobius);
  EXPECT_NEAR(metric("r2", mobius, &f.truth, f.masks, f.values), 1.0, 1e-12);
  EXPECT_NEAR(metric("support_f1", mobius, &f.truth, f.masks, f.values), 1.0, 1e-12);
}

TEST(Metrics, SupportCountsRecoveredTermsWithinTolerance) {
  Fixture f;
  SparsePolynomial estimate(12, Basis::kFourier);
  estimate.add_term({0}, 2.1);      // within 10%: recovered
  estimate.add_term({1, 2}, -0.5);  // 50% off: not recovered, but claimed
  estimate.add_term({7}, 0.8);      // spurious
  estimate.add_term({8}, 0.01);     // below 0.1 * min |true| = 0.05: not a claim
  EXPECT_DOUBLE_EQ(metric("support_precision", estimate, &f.truth, f.masks, f.values), 1.0 / 3);
  EXPECT_DOUBLE_EQ(metric("support_recall", estimate, &f.truth, f.masks, f.values), 1.0 / 4);
  EXPECT_NEAR(metric("support_f1", estimate, &f.truth, f.masks, f.values),
              2 * (1.0 / 3) * (1.0 / 4) / (1.0 / 3 + 1.0 / 4), 1e-15);
  EXPECT_DOUBLE_EQ(metric("support_recall:rel_tol=0.5", estimate, &f.truth, f.masks, f.values),
                   2.0 / 4);
}

TEST(Metrics, SupportPrecisionStaysAtMostOneAtALooseTolerance) {
  // At rel_tol 0.9 a recovered term may be smaller than the claim threshold 0.9 * min |c| = 0.45:
  // {6} at 0.2 is within 90% of 1.0. Before, it counted as recovered but not as estimated, and
  // precision came out as 2 / 1.
  Fixture f;
  SparsePolynomial estimate(12, Basis::kFourier);
  estimate.add_term({0}, 2.0);  // recovered, above the threshold
  estimate.add_term({6}, 0.2);  // recovered, under the threshold
  estimate.add_term({9}, 0.0);  // a zero coefficient claims nothing
  EXPECT_DOUBLE_EQ(metric("support_precision:rel_tol=0.9", estimate, &f.truth, f.masks, f.values),
                   1.0);
  EXPECT_DOUBLE_EQ(metric("support_recall:rel_tol=0.9", estimate, &f.truth, f.masks, f.values),
                   2.0 / 4);
  // rel_tol 1 would call a zero estimate of a true term "recovered": it is not.
  SparsePolynomial zero(12, Basis::kFourier);
  zero.add_term({0}, 0.0);
  zero.add_term({6}, 1.0);
  EXPECT_DOUBLE_EQ(metric("support_recall:rel_tol=1", zero, &f.truth, f.masks, f.values), 1.0 / 4);
}

TEST(Metrics, EnergyRecallCountsTheTruthsEnergyOnTheEstimatesSupport) {
  Fixture f;
  SparsePolynomial estimate(12, Basis::kFourier);
  estimate.add_term({0}, 0.1);        // value far off: still holds 2^2 of the energy
  estimate.add_term({3, 4, 5}, 9.0);  // 0.5^2
  estimate.add_term({7}, 1.0);        // spurious terms cost nothing
  estimate.add_term({1, 2}, 0.0);     // a zero coefficient is not held
  EXPECT_DOUBLE_EQ(metric("energy_recall", estimate, &f.truth, f.masks, f.values), 4.25 / 6.25);
  EXPECT_DOUBLE_EQ(metric("energy_recall", f.truth, &f.truth, f.masks, f.values), 1.0);
  // The ceiling it names: least squares on the estimate's support, on uniform masks, explains
  // that share of the variance (up to sampling error on 1,000 masks).
  const std::vector<std::vector<std::uint32_t>> support{{0}, {3, 4, 5}, {7}};
  std::vector<std::vector<double>> characters;
  for (const auto& term : support) {
    SparsePolynomial character(12, Basis::kFourier);
    character.add_term(term, 1.0);
    characters.push_back(character.evaluate(f.masks));
  }
  double gram[4][4] = {}, rhs[4] = {};
  for (std::size_t r = 0; r < f.masks.rows(); ++r) {
    const double row[4] = {1, characters[0][r], characters[1][r], characters[2][r]};
    for (int a = 0; a < 4; ++a) {
      rhs[a] += row[a] * f.values[r];
      for (int b = 0; b < 4; ++b) gram[a][b] += row[a] * row[b];
    }
  }
  for (int p = 0; p < 4; ++p)  // Gauss-Jordan on the (well-conditioned) normal equations
    for (int a = 0; a < 4; ++a) {
      if (a == p) continue;
      const double factor = gram[a][p] / gram[p][p];
      for (int b = 0; b < 4; ++b) gram[a][b] -= factor * gram[p][b];
      rhs[a] -= factor * rhs[p];
    }
  SparsePolynomial refit(12, Basis::kFourier);
  refit.add_term({}, rhs[0] / gram[0][0]);
  for (std::size_t j = 0; j < 3; ++j) refit.add_term(support[j], rhs[j + 1] / gram[j + 1][j + 1]);
  EXPECT_NEAR(metric("r2", refit, &f.truth, f.masks, f.values), 4.25 / 6.25, 0.03);
}

TEST(Metrics, NmseAndR2MatchHandComputedValues) {
  Fixture f;
  SparsePolynomial estimate(12, Basis::kFourier);
  estimate.add_term({0}, 2.0);
  estimate.add_term({1, 2}, -1.0);
  // Missing {3,4,5} (0.25) and {6} (1.0): NMSE = 1.25 / (4 + 1 + 0.25 + 1).
  EXPECT_DOUBLE_EQ(metric("nmse", estimate, &f.truth, f.masks, f.values), 1.25 / 6.25);
  // R^2 by hand on the four masks over n = 2 (feature 0 is bit 0 of the row number): the truth
  // 2 chi_{0} + chi_{1} takes 3, -1, 1, -3 there, with mean 0 and sum of squares 20. The estimate
  // 2 chi_{0} takes 2, -2, 2, -2: residuals 1, 1, -1, -1, sum of squares 4. R^2 = 1 - 4/20.
  SparsePolynomial half(2, Basis::kFourier);
  half.add_term({0}, 2.0);
  const MaskBatch all = enumerate_masks(2, 0, 4);
  EXPECT_DOUBLE_EQ(metric("r2", half, nullptr, all, {3.0, -1.0, 1.0, -3.0}), 0.8);
}

TEST(Metrics, RecallAtTenAndKendallTauOnValues) {
  Fixture f;
  EXPECT_DOUBLE_EQ(metric("recall_at_10", f.truth, &f.truth, f.masks, f.values), 1.0);
  EXPECT_DOUBLE_EQ(metric("kendall_tau", f.truth, &f.truth, f.masks, f.values), 1.0);
  // Same support, order of the values reversed: tau = -1 on values (the argsort of [2,-1,.5,1]
  // and of its negation would not say that).
  SparsePolynomial reversed(12, Basis::kFourier);
  for (std::size_t t = 0; t < f.truth.size(); ++t)
    reversed.add_term(f.truth.term(t), -f.truth.coef(t));
  EXPECT_DOUBLE_EQ(metric("kendall_tau", reversed, &f.truth, f.masks, f.values), -1.0);
  // Two of the four true terms among the estimate's top terms.
  SparsePolynomial half(12, Basis::kFourier);
  half.add_term({0}, 2.0);
  half.add_term({6}, 1.0);
  half.add_term({9}, 5.0);
  EXPECT_DOUBLE_EQ(metric("recall_at_10", half, &f.truth, f.masks, f.values), 0.5);
  // Kendall tau-b with ties by hand, canonical term order: x = (2, 1, -1, .5), y = (2, 1, 0, 0):
  // 5 concordant pairs, none discordant, 1 tie in y only -> 5 / sqrt(5 * 6).
  EXPECT_NEAR(metric("kendall_tau", half, &f.truth, f.masks, f.values), 5.0 / std::sqrt(30.0),
              1e-12);
}

TEST(Metrics, GroundTruthMetricsDoNotApplyWithoutGroundTruth) {
  Fixture f;
  for (const char* name : {"support_f1", "nmse"}) {
    const auto m = MetricRegistry::global().create(name);
    EXPECT_FALSE(m->compute({f.truth, nullptr, f.masks, f.values}).has_value()) << name;
  }
}

TEST(Metrics, AnIntendedTruthIsRankedAgainstNotCompared) {
  // An intended ground truth is on another scale than the model: the estimate here is the truth
  // times 3, which ranks exactly like it but matches none of its coefficients.
  Fixture f;
  SparsePolynomial scaled(12, Basis::kFourier);
  for (std::size_t t = 0; t < f.truth.size(); ++t)
    scaled.add_term(f.truth.term(t), 3 * f.truth.coef(t));
  for (const char* name :
       {"support_f1", "support_recall", "energy_recall", "nmse", "sv_max_error", "sv_mse"}) {
    const auto m = MetricRegistry::global().create(name);
    EXPECT_FALSE(
        m->compute({scaled, &f.truth, f.masks, f.values, TruthKind::kIntended}).has_value())
        << name;
    EXPECT_TRUE(m->compute({scaled, &f.truth, f.masks, f.values, TruthKind::kExact}).has_value())
        << name;
  }
  for (const char* name : {"recall_at_10", "kendall_tau"}) {
    const auto m = MetricRegistry::global().create(name);
    EXPECT_EQ(m->compute({scaled, &f.truth, f.masks, f.values, TruthKind::kIntended}), 1.0) << name;
  }
}

}  // namespace
}  // namespace spexbench

namespace spexbench {
namespace {

/// Kendall's tau-b over explicit pairs, pair by pair: what index_kendall_tau must equal when its
/// zeros are written out.
double brute_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  double concordant = 0, discordant = 0, ties_x = 0, ties_y = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      const double dx = x[i] - x[j], dy = y[i] - y[j];
      if (dx == 0 && dy == 0) continue;
      if (dx == 0)
        ++ties_x;
      else if (dy == 0)
        ++ties_y;
      else if ((dx > 0) == (dy > 0))
        ++concordant;
      else
        ++discordant;
    }
  return (concordant - discordant) /
         std::sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y));
}

TEST(IndexMetrics, BanzhafValuesAgainstHandComputedOnes) {
  // Truth a({0}) = 3, a({1}) = 1, a({1,2}) = 2: Banzhaf values (FBII of order 1) 3, 2, 1, 0, 0, 0.
  SparsePolynomial truth(6, Basis::kMobius);
  truth.add_term({0}, 3.0);
  truth.add_term({1}, 1.0);
  truth.add_term({1, 2}, 2.0);
  // An additive estimate is its own Banzhaf values: 3, 0, 2.5, 0, 0, 0.
  SparsePolynomial estimate(6, Basis::kMobius);
  estimate.add_term({0}, 3.0);
  estimate.add_term({2}, 2.5);
  Rng rng(1);
  const MaskBatch masks = uniform_masks(10, 6, rng);
  const std::vector<double> values = truth.evaluate(masks);
  EXPECT_DOUBLE_EQ(metric("index_mse:index=fbii,order=1", estimate, &truth, masks, values),
                   (0 + 4 + 2.25) / 6);
  // Top 2 of the truth: {0}, {1}; of the estimate: {0}, {2}.
  EXPECT_DOUBLE_EQ(
      metric("index_precision_at_k:index=fbii,order=1,k=2", estimate, &truth, masks, values), 0.5);
  EXPECT_DOUBLE_EQ(metric("index_kendall_tau:index=fbii,order=1", estimate, &truth, masks, values),
                   brute_tau_b({3, 2, 1, 0, 0, 0}, {3, 0, 2.5, 0, 0, 0}));
}

TEST(IndexMetrics, AnEstimateOfTheExactIndexScoresPerfectlyAtAnyN) {
  // n = 1024: the closed forms hold at any n, and the C(1024, 2) zero pairs are counted, not
  // visited. faith_banzhaf's output of order 2 is compared as it returned it: the FBII of a
  // polynomial of degree <= 2 is the polynomial.
  SparsePolynomial truth(1024, Basis::kMobius);
  truth.add_term({}, 0.5);
  truth.add_term({3}, 1.0);
  truth.add_term({3, 900}, -2.0);
  truth.add_term({5, 77, 1000}, 1.5);
  truth.add_term({10, 11, 12, 13}, -0.75);
  Rng rng(2);
  const MaskBatch masks = uniform_masks(10, 1024, rng);
  const std::vector<double> values = truth.evaluate(masks);
  for (const char* index : {"fbii", "fsii", "ksii", "stii"}) {
    const std::string suffix = std::string(":index=") + index + ",order=2";
    const SparsePolynomial exact =
        interaction_index(truth, parse_index(index), 2);  // read as a surrogate of degree 2
    EXPECT_NEAR(metric("index_mse" + suffix, exact, &truth, masks, values), 0.0, 1e-30) << index;
    EXPECT_DOUBLE_EQ(metric("index_precision_at_k" + suffix, exact, &truth, masks, values), 1.0)
        << index;
    EXPECT_DOUBLE_EQ(metric("index_kendall_tau" + suffix, exact, &truth, masks, values), 1.0)
        << index;
  }
  // The empty estimate: the truth's values all missed, and ranked as 0 among 0s.
  const SparsePolynomial empty(1024, Basis::kMobius);
  EXPECT_DOUBLE_EQ(metric("index_precision_at_k:index=fbii", empty, &truth, masks, values), 0.0);
  EXPECT_GT(metric("index_mse:index=fbii", empty, &truth, masks, values), 0.0);
}

TEST(IndexMetrics, DoNotApplyWithoutAnExactTruthOrAboveN) {
  SparsePolynomial truth(3, Basis::kMobius);
  truth.add_term({0, 1}, 1.0);
  Rng rng(3);
  const MaskBatch masks = uniform_masks(10, 3, rng);
  const std::vector<double> values = truth.evaluate(masks);
  const auto mse = MetricRegistry::global().create("index_mse:order=4");
  EXPECT_FALSE(mse->compute({truth, &truth, masks, values}).has_value());
  const auto tau = MetricRegistry::global().create("index_kendall_tau");
  EXPECT_FALSE(tau->compute({truth, nullptr, masks, values}).has_value());
  EXPECT_FALSE(tau->compute({truth, &truth, masks, values, TruthKind::kIntended}).has_value());
}

}  // namespace
}  // namespace spexbench
