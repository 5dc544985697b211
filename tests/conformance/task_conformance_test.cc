// The task contract, checked for every registered task: deterministic, independent of batch size,
// spec round trip, and (where it has one) a ground truth equal to the exact transform of its
// reference values. The llm.* tasks are checked by the LLM test binary, which alone links them.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/rng.h"
#include "core/task.h"
#include "core/transforms.h"
#include "tests/conformance/conformance_cases.h"

namespace spexbench {
namespace {

class TaskConformance : public ::testing::TestWithParam<std::string> {
 protected:
#ifdef SPEXBENCH_TORCHSCRIPT_FIXTURES
  void SetUp() override {
    // Written by the ctest fixture llm.torchscript_fixtures, which needs python3-torch.
    if (GetParam() == "llm.torchscript" &&
        !std::filesystem::exists(SPEXBENCH_TORCHSCRIPT_FIXTURES "/classifier.pt"))
      GTEST_SKIP() << "no TorchScript fixtures in " SPEXBENCH_TORCHSCRIPT_FIXTURES;
  }
#endif
  std::string example() {
    const auto it = test::task_cases().find(GetParam());
    if (it == test::task_cases().end()) {
      ADD_FAILURE() << "add a conformance case for '" << GetParam() << "'";
      return GetParam();
    }
    return it->second;
  }
};

TEST_P(TaskConformance, SpecRoundTrips) {
  const std::string spec = example();
  EXPECT_EQ(TaskRegistry::global().create(spec, {.seed = 1})->spec(), spec);
  EXPECT_EQ(TaskRegistry::global().canonical(spec), spec);
}

TEST_P(TaskConformance, NamesEachComponentOnce) {
  const auto task = TaskRegistry::global().create(example(), {.seed = 1});
  const std::vector<std::string> names = task->component_names();
  ASSERT_EQ(static_cast<int>(names.size()), task->num_features());
  const std::set<std::string> distinct(names.begin(), names.end());
  EXPECT_EQ(distinct.size(), names.size());
  for (const std::string& name : names) EXPECT_FALSE(name.empty());
}

TEST_P(TaskConformance, IsDeterministicAndBatchSizeIndependent) {
  const auto a = TaskRegistry::global().create(example(), {.seed = 4});
  const auto b = TaskRegistry::global().create(example(), {.seed = 4});
  Rng rng(5);
  const MaskBatch masks = uniform_masks(300, a->num_features(), rng);
  std::vector<double> whole(masks.rows()), again(masks.rows());
  a->evaluate(masks, whole);
  b->evaluate(masks, again);
  EXPECT_EQ(whole, again);
  for (const std::size_t batch : {1u, 7u, 64u}) {
    std::vector<double> pieces(masks.rows());
    for (std::size_t start = 0; start < masks.rows(); start += batch) {
      const std::size_t count = std::min(batch, masks.rows() - start);
      a->evaluate(masks.slice(start, count), std::span(pieces).subspan(start, count));
    }
    EXPECT_EQ(pieces, whole) << "batch size " << batch;
  }
}

TEST_P(TaskConformance, GroundTruthIsTheExactTransformOfTheReferenceValues) {
  const auto task = TaskRegistry::global().create(example(), {.seed = 6});
  const SparsePolynomial* truth = task->ground_truth();
  if (truth == nullptr) {  // only where a task has none by design
    EXPECT_TRUE(test::tasks_without_truth().contains(GetParam()))
        << GetParam() << " lost its ground truth";
    return;
  }
  EXPECT_FALSE(test::tasks_without_truth().contains(GetParam())) << "update tasks_without_truth()";
  const int n = task->num_features();
  ASSERT_LE(n, 16);
  const MaskBatch all = enumerate_masks(n, 0, std::size_t{1} << n);
  std::vector<double> table(all.rows());
  task->evaluate_reference(all, table);
  values_to_fourier(table);
  const SparsePolynomial fourier = truth->to_basis(Basis::kFourier);
  std::vector<double> expected(table.size(), 0.0);
  for (std::size_t t = 0; t < fourier.size(); ++t) {
    std::uint64_t k = 0;
    for (const auto f : fourier.term(t)) k |= std::uint64_t{1} << f;
    expected[k] = fourier.coef(t);
  }
  for (std::size_t k = 0; k < table.size(); ++k) ASSERT_NEAR(table[k], expected[k], 1e-10) << k;
}

INSTANTIATE_TEST_SUITE_P(Registered, TaskConformance,
                         ::testing::ValuesIn(test::conformance_names(TaskRegistry::global())),
                         test::PluginTestName());

}  // namespace
}  // namespace spexbench
