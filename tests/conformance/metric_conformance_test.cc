// The metric contract, checked for every registered metric: its spec round-trips, and the exact
// explanation scores at least as well as any other, and strictly better than a damaged one.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "core/metric.h"
#include "core/rng.h"
#include "core/task.h"
#include "tests/conformance/conformance_cases.h"

namespace spexbench {
namespace {

class MetricConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    task_ = TaskRegistry::global().create("synthetic.sparse_fourier:n=10,s=12,d=3", {.seed = 2});
    Rng rng(3);
    masks_ = uniform_masks(400, task_->num_features(), rng);
    values_.resize(masks_.rows());
    task_->evaluate_reference(masks_, values_);
  }
  [[nodiscard]] double score(const SparsePolynomial& estimate) const {
    const auto metric = MetricRegistry::global().create(GetParam());
    const std::optional<double> value =
        metric->compute({estimate, task_->ground_truth(), masks_, values_});
    EXPECT_TRUE(value.has_value()) << GetParam() << " did not apply to an exact task";
    return value.value_or(NAN);
  }
  /// Whether `a` scores at least as well as `b` by this metric's direction.
  [[nodiscard]] bool no_worse(double a, double b) const {
    return MetricRegistry::global().create(GetParam())->higher_is_better() ? a >= b : a <= b;
  }

  std::unique_ptr<Task> task_;
  MaskBatch masks_;
  std::vector<double> values_;
};

TEST_P(MetricConformance, SpecRoundTrips) {
  const std::string canonical = MetricRegistry::global().canonical(GetParam());
  EXPECT_EQ(MetricRegistry::global().create(GetParam())->spec(), canonical);
  EXPECT_EQ(MetricRegistry::global().canonical(canonical), canonical);
}

TEST_P(MetricConformance, TheExactExplanationScoresBest) {
  const SparsePolynomial& truth = *task_->ground_truth();
  // Damaged copies: the largest term dropped, every coefficient halved, and a spurious term.
  std::size_t largest = 0;
  for (std::size_t t = 1; t < truth.size(); ++t)
    if (std::abs(truth.coef(t)) > std::abs(truth.coef(largest))) largest = t;
  SparsePolynomial dropped(truth.num_features(), truth.basis());
  SparsePolynomial halved(truth.num_features(), truth.basis());
  SparsePolynomial spurious = truth;
  for (std::size_t t = 0; t < truth.size(); ++t) {
    if (t != largest) dropped.add_term(truth.term(t), truth.coef(t));
    halved.add_term(truth.term(t), truth.coef(t) / 2);
  }
  spurious.add_term({0, 1, 2, 3, 4, 5}, 3.0);
  spurious.canonicalize();
  const double exact = score(truth);
  bool strictly_better_than_one = false;
  for (const SparsePolynomial* damaged : {&dropped, &halved, &spurious}) {
    const double other = score(*damaged);
    EXPECT_TRUE(no_worse(exact, other))
        << GetParam() << ": exact " << exact << ", damaged " << other;
    strictly_better_than_one = strictly_better_than_one || exact != other;
  }
  EXPECT_TRUE(strictly_better_than_one) << GetParam() << " scores every damage like the truth";
}

INSTANTIATE_TEST_SUITE_P(Registered, MetricConformance,
                         ::testing::ValuesIn(test::shipped_names(MetricRegistry::global())),
                         test::PluginTestName());

}  // namespace
}  // namespace spexbench
