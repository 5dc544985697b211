#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench {
namespace {

std::unique_ptr<Task> make(const std::string& spec, std::uint64_t seed = 1) {
  return TaskRegistry::global().create(spec, {.seed = seed});
}

TEST(SparseFourier, PlantsSDistinctTermsOfBoundedDegreeAndLaw) {
  const auto task = make("synthetic.sparse_fourier:n=100,s=50,d=4");
  const SparsePolynomial& truth = *task->ground_truth();
  EXPECT_EQ(truth.basis(), Basis::kFourier);
  EXPECT_EQ(truth.size(), 50u);
  for (std::size_t t = 0; t < truth.size(); ++t) {
    EXPECT_GE(truth.degree(t), 1u);
    EXPECT_LE(truth.degree(t), 4u);
    EXPECT_GE(std::abs(truth.coef(t)), 1.0);
    EXPECT_LE(std::abs(truth.coef(t)), 2.0);
  }
  EXPECT_EQ(task->spec(), "synthetic.sparse_fourier:n=100,s=50,d=4");
}

TEST(SparseFourier, SeedsGiveDifferentInstancesAndTheSameSeedTheSame) {
  EXPECT_EQ(*make("synthetic.sparse_fourier:n=30,s=5,d=2", 1)->ground_truth(),
            *make("synthetic.sparse_fourier:n=30,s=5,d=2", 1)->ground_truth());
  EXPECT_NE(*make("synthetic.sparse_fourier:n=30,s=5,d=2", 1)->ground_truth(),
            *make("synthetic.sparse_fourier:n=30,s=5,d=2", 2)->ground_truth());
}

TEST(SparseFourier, NoiseHasTheRequestedSnrAndLeavesTheReferenceClean) {
  const auto task = make("synthetic.sparse_fourier:n=64,s=20,d=3,snr_db=10");
  Rng rng(2);
  const MaskBatch masks = uniform_masks(20000, 64, rng);
  std::vector<double> noisy(masks.rows()), clean(masks.rows());
  task->evaluate(masks, noisy);
  task->evaluate_reference(masks, clean);
  double noise_power = 0, mean = 0;
  for (std::size_t r = 0; r < masks.rows(); ++r) mean += clean[r] / masks.rows();
  double signal_power = 0;
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    noise_power += (noisy[r] - clean[r]) * (noisy[r] - clean[r]);
    signal_power += (clean[r] - mean) * (clean[r] - mean);
  }
  EXPECT_NEAR(10 * std::log10(signal_power / noise_power), 10.0, 0.3);
  // Noise is a function of the mask: the same mask gives the same value in any batch.
  std::vector<double> again(1);
  task->evaluate(masks.slice(7, 1), again);
  EXPECT_EQ(again[0], noisy[7]);
}

TEST(Soum, GroundTruthIsMobius) {
  const auto task = make("synthetic.soum:n=20,s=10,d=3");
  EXPECT_EQ(task->ground_truth()->basis(), Basis::kMobius);
  EXPECT_EQ(task->ground_truth()->size(), 10u);
  // All kept: f(1) is the sum of all coefficients.
  MaskBatch all(1, 20);
  for (int i = 0; i < 20; ++i) all.set(0, i, true);
  std::vector<double> value(1);
  task->evaluate(all, value);
  double sum = 0;
  for (const double c : task->ground_truth()->coefs()) sum += c;
  EXPECT_NEAR(value[0], sum, 1e-12);
}

TEST(Hierarchical, CompleteHasAllSubsetsAndPeakOnlyTheTopSets) {
  const auto complete = make("synthetic.hierarchical:n=64");
  const auto peak = make("synthetic.hierarchical:n=64,variant=peak");
  const SparsePolynomial& c = *complete->ground_truth();
  const SparsePolynomial& p = *peak->ground_truth();
  EXPECT_EQ(p.size(), 10u);
  for (std::size_t t = 0; t < p.size(); ++t) EXPECT_EQ(p.degree(t), 5u);
  EXPECT_LE(c.size(), 10u * 32u);
  EXPECT_GT(c.size(), 32u * 5u);  // shared subsets of random 5-sets of 64 are few
  const TermIndex index(c);
  for (std::size_t t = 0; t < c.size(); ++t) {
    const auto term = c.term(t);
    for (std::size_t drop = 0; drop < term.size(); ++drop) {
      std::vector<std::uint32_t> sub(term.begin(), term.end());
      sub.erase(sub.begin() + static_cast<std::ptrdiff_t>(drop));
      EXPECT_TRUE(index.find(sub).has_value()) << "complete hierarchy misses a subset";
    }
    EXPECT_LE(std::abs(c.coef(t)), 1.0);
  }
}

TEST(SyntheticTasks, ImpossibleRequestsAreClearErrors) {
  try {  // 3 + 3 sets of size 1..2 over 3 features: all 6 can be planted, not 7
    make("synthetic.sparse_fourier:n=3,s=7,d=2");
    ADD_FAILURE() << "7 distinct terms planted where only 6 exist";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot plant 7 distinct terms of degree 1..2 over n=3 "
                                         "(only 6 exist)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(make("synthetic.sparse_fourier:n=3,s=6,d=2"));
  EXPECT_THROW(make("synthetic.sparse_fourier:n=524193,s=8,d=2"), Error);  // above the BCH codes'
  EXPECT_THROW(make("synthetic.sparse_fourier:n=8,s=2,d=2,lo=3,hi=1"), Error);
  EXPECT_THROW(make("synthetic.hierarchical:n=4,d=5"), Error);
  EXPECT_THROW(make("synthetic.soum:n=8,s=2"), Error);  // d is required
}

TEST(SyntheticTasks, ReachTheLargestNOfSpexCodes) {
  // n = 524,192 (t = 5 over GF(2^19)): the truth stays sparse and a value costs its terms, not n.
  for (const char* spec :
       {"synthetic.sparse_fourier:n=524192,s=256,d=5", "synthetic.soum:n=524192,s=64,d=5",
        "synthetic.hierarchical:n=524192,sets=8,d=5"}) {
    const auto task = make(spec);
    ASSERT_EQ(task->num_features(), 524192) << spec;
    const SparsePolynomial& truth = *task->ground_truth();
    Rng rng(3);
    MaskBatch masks = uniform_masks(3, 524192, rng);
    std::vector<double> values(masks.rows());
    task->evaluate(masks, values);
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      double expected = 0;
      for (std::size_t t = 0; t < truth.size(); ++t) {
        int ones = 0;
        for (const auto f : truth.term(t)) ones += masks.get(r, static_cast<int>(f));
        if (truth.basis() == Basis::kFourier)
          expected += (ones % 2 ? -1.0 : 1.0) * truth.coef(t);
        else if (ones == static_cast<int>(truth.degree(t)))
          expected += truth.coef(t);
      }
      EXPECT_NEAR(values[r], expected, 1e-9) << spec << " row " << r;
    }
  }
}

/// The message of the Error that canonicalising `spec` throws (empty when it does not): cost
/// checks run on the spec alone, before a task is built, so a suite refuses the cell up front.
std::string refusal(const std::string& spec) {
  try {
    (void)TaskRegistry::global().canonical(spec);
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

TEST(SyntheticTasks, RequestsNeedingUnboundedMemoryAreRefusedBeforeTheyStart) {
  // 10,000 sets of 2^16 subsets each: about 47 GB before this check.
  EXPECT_NE(
      refusal("synthetic.hierarchical:n=64,sets=10000,d=16").find("sets=10000, d=16 plants up to"),
      std::string::npos);
  EXPECT_EQ(refusal("synthetic.hierarchical:n=64,sets=256,d=16"), "");
  EXPECT_EQ(refusal("synthetic.hierarchical:n=64,sets=10000,d=16,variant=peak"), "");
  // Noise on a Möbius truth needs its Fourier form: 2^d terms for each term of degree d.
  EXPECT_NE(refusal("synthetic.soum:n=64,s=1000000,d=20,snr_db=10").find("lower s or d"),
            std::string::npos);
  EXPECT_EQ(refusal("synthetic.soum:n=64,s=1000000,d=20"), "");
  EXPECT_EQ(refusal("synthetic.sparse_fourier:n=64,s=1000000,d=20,snr_db=10"), "");
}

}  // namespace
}  // namespace spexbench
