#include "core/oracle.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/rng.h"

namespace spexbench {
namespace {

/// f(x) = number of kept components; counts its calls.
class CountingTask final : public Task {
 public:
  explicit CountingTask(int n) : n_(n) {}
  int num_features() const override { return n_; }
  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    ++calls;
    for (std::size_t r = 0; r < masks.rows(); ++r) out[r] = masks.count_kept(r);
  }
  std::string spec() const override { return "counting"; }
  int calls = 0;

 private:
  int n_;
};

TEST(Oracle, CountsTotalUniqueAndBatches) {
  for (const int n : {10, 100}) {  // bitmap and fingerprint paths
    CountingTask task(n);
    Oracle oracle(task, {.budget = 100});
    Rng rng(1);
    const MaskBatch masks = uniform_masks(20, n, rng);
    const auto values = oracle.query(masks);
    EXPECT_EQ(values[3], masks.count_kept(3));
    (void)oracle.query(masks.slice(0, 5));  // five repeats
    EXPECT_EQ(oracle.counts().total, 25);
    EXPECT_EQ(oracle.counts().unique, 20);
    EXPECT_EQ(oracle.counts().batches, 2);
    EXPECT_EQ(oracle.remaining(), 75);
  }
}

TEST(Oracle, RefusesABatchOverBudgetBeforeEvaluatingAnything) {
  CountingTask task(8);
  Oracle oracle(task, {.budget = 10});
  (void)oracle.query(enumerate_masks(8, 0, 8));
  try {
    (void)oracle.query(enumerate_masks(8, 8, 3));
    FAIL() << "the oracle answered past its budget";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBudgetExceeded);
    EXPECT_NE(std::string(e.what()).find("over the budget of 10"), std::string::npos) << e.what();
  }
  EXPECT_EQ(task.calls, 1) << "nothing of the refused batch may be evaluated";
  EXPECT_EQ(oracle.counts().total, 8);
  (void)oracle.query(enumerate_masks(8, 8, 2));  // exactly the rest still fits
  EXPECT_EQ(oracle.remaining(), 0);
}

TEST(Oracle, NonFiniteValuesAreValueFunctionErrors) {
  class NanAt3 final : public Task {
   public:
    int num_features() const override { return 4; }
    void evaluate(const MaskBatch& masks, std::span<double> out) override {
      for (std::size_t r = 0; r < masks.rows(); ++r) out[r] = r == 3 ? NAN : 1.0;
    }
    std::string spec() const override { return "nan_at_3"; }
  } task;
  Oracle oracle(task, {.budget = 100});
  try {
    (void)oracle.query(enumerate_masks(4, 0, 5));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kValueFunction);
    EXPECT_NE(std::string(e.what()).find("task 'nan_at_3' returned nan"), std::string::npos)
        << e.what();
  }
}

TEST(Oracle, LogsQueriesWhenAsked) {
  CountingTask task(6);
  Oracle oracle(task, {.budget = 100, .log_queries = true});
  const MaskBatch masks = enumerate_masks(6, 10, 4);
  (void)oracle.query(masks);
  EXPECT_EQ(oracle.logged_masks(), masks);
  EXPECT_EQ(oracle.logged_values(), (std::vector<double>{2, 3, 2, 3}));
}

TEST(Oracle, BudgetBelowOneIsAnError) {
  CountingTask task(4);
  EXPECT_THROW(Oracle(task, {.budget = 0}), Error);
}

}  // namespace
}  // namespace spexbench
