#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/cell.h"
#include "core/error.h"
#include "core/interaction_index.h"
#include "core/rng.h"
#include "core/task.h"
#include "datasets/data/logistic_regression.h"
#include "results/hdf5_io.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

double mobius_of(const SparsePolynomial& f, std::vector<std::uint32_t> set) {
  return f.to_basis(Basis::kMobius).find(set).value_or(0.0);
}

TEST(LogisticRegression, ReachesTheStationaryPointOfThePenalisedLoss) {
  Rng rng(1);
  Eigen::MatrixXd x(200, 5);
  std::vector<int> y(200);
  for (int r = 0; r < 200; ++r) {
    for (int j = 0; j < 5; ++j) x(r, j) = rng.normal();
    y[static_cast<std::size_t>(r)] = x(r, 0) + 0.5 * rng.normal() > 0;
  }
  std::vector<std::size_t> rows(200);
  for (std::size_t r = 0; r < 200; ++r) rows[r] = r;
  const data::LogisticModel model = data::fit_logistic(x, y, rows, 2, {.l2 = 0.5});
  Eigen::VectorXd gradient = 0.5 * Eigen::VectorXd(Eigen::VectorXd::Zero(6));
  for (std::size_t r = 0; r < 200; ++r) {
    const double z = model.weights.row(0).dot(x.row(static_cast<Eigen::Index>(r))) + model.bias(0);
    const double p = 1 / (1 + std::exp(-z));
    gradient.head(5) += (p - y[r]) * x.row(static_cast<Eigen::Index>(r)).transpose();
    gradient(5) += p - y[r];
  }
  gradient.head(5) += 0.5 * model.weights.row(0).transpose();
  gradient(5) += 0.5 * model.bias(0);
  EXPECT_LT(gradient.norm(), 1e-8);
  EXPECT_GT(model.weights(0, 0), 0.5);
}

TEST(DataSubsets, PlantedStructureHasTheRightSignsInTheExactSpectrum) {
  const auto task = TaskRegistry::global().create("data.subsets:n=12", {.seed = 1});
  const SparsePolynomial& truth = *task->ground_truth();
  EXPECT_LT(mobius_of(truth, {0, 1}), -0.3);  // redundant copies
  EXPECT_GT(mobius_of(truth, {2, 3}), 0.3);   // complementary groups
  EXPECT_LT(mobius_of(truth, {4}), -0.3);     // mislabeled
  EXPECT_GT(mobius_of(truth, {0}), 0.3);      // helpful alone
}

/// The returned Möbius pair terms ranked by magnitude.
std::vector<std::pair<std::vector<std::uint32_t>, double>> top_pairs(const SparsePolynomial& f,
                                                                     std::size_t k) {
  const SparsePolynomial a = f.to_basis(Basis::kMobius);
  std::vector<std::pair<std::vector<std::uint32_t>, double>> pairs;
  for (std::size_t t = 0; t < a.size(); ++t)
    if (a.degree(t) == 2)
      pairs.emplace_back(std::vector<std::uint32_t>(a.term(t).begin(), a.term(t).end()), a.coef(t));
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& x, const auto& y) { return std::abs(x.second) > std::abs(y.second); });
  pairs.resize(std::min(k, pairs.size()));
  return pairs;
}

// This binary never links libtorch (the MLP's tests are in spexbench_tests_llm), so model=mlp
// must say what it needs rather than fail obscurely.
TEST(DataSubsets, MlpWithoutLibtorchIsAClearError) {
  try {
    (void)TaskRegistry::global().create("data.subsets:n=6,model=mlp");
    FAIL() << "model=mlp was created without libtorch";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("model=mlp needs libtorch"), std::string::npos)
        << e.what();
  }
}

TEST(DataSubsets, SpexAndProxySpexFindThePlantedPairsAtN64) {
  std::vector<std::string> explainers{"spex"};
#ifdef SPEXBENCH_HAVE_XGBOOST  // ProxySPEX is built only with XGBoost
  explainers.emplace_back("proxyspex:grid=fast,sparsify=top_k");
#endif
  for (const std::string& explainer : explainers) {
    const CellResult cell = run_cell({.task = "data.subsets:n=64",
                                      .explainer = explainer,
                                      .budget = 7000,
                                      .seed = 1,
                                      .holdout = 100});
    ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
    bool redundant = false, synergy = false;
    for (const auto& [pair, value] : top_pairs(*cell.estimate, 6)) {
      redundant = redundant || (pair == std::vector<std::uint32_t>{0, 1} && value < 0);
      synergy = synergy || (pair == std::vector<std::uint32_t>{2, 3} && value > 0);
    }
    EXPECT_TRUE(redundant) << explainer << ": no negative (0, 1) among the top pairs";
    EXPECT_TRUE(synergy) << explainer << ": no positive (2, 3) among the top pairs";
    EXPECT_LT(mobius_of(*cell.estimate, {4}), 0) << explainer;
  }
}

class CsvTest : public ::testing::Test {
 protected:
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = fs::temp_directory_path() / ("spexbench_csv_" + name + ".csv");
    std::ofstream(path) << text;
    return path;
  }
  std::string error_of(const std::string& spec) {
    try {
      (void)TaskRegistry::global().create(spec, {.seed = 1});
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
};

TEST_F(CsvTest, ReadsFeaturesLabelsAndGroups) {
  std::string text = "a,b,label,g\n";
  Rng rng(2);
  for (int r = 0; r < 60; ++r) {
    const double a = rng.normal(), b = rng.normal();
    text += std::to_string(a) + "," + std::to_string(b) + "," + std::to_string(a > 0 ? 1 : 0) +
            "," + std::to_string(r % 6) + "\n";
  }
  const fs::path path = write("good", text);
  const auto task = TaskRegistry::global().create(
      "data.subsets:n=6,source=csv,csv=" + path.string() + ",group=g,test_row=3", {.seed = 1});
  EXPECT_EQ(task->num_features(), 6);
  EXPECT_NE(task->ground_truth(), nullptr);
}

TEST_F(CsvTest, ReadsTheBundledDatasetsAndNamesTheGroups) {
  // Real data for the data lens: breast cancer's rows dealt to 6 groups, exact truth by
  // retraining on all 64 subsets; CSV groups are named by their column's values.
  const auto task = TaskRegistry::global().create(
      "data.subsets:n=6,dataset=breast_cancer,test_row=7", {.seed = 1});
  EXPECT_EQ(task->num_features(), 6);
  ASSERT_NE(task->ground_truth(), nullptr);
  EXPECT_GT(task->ground_truth()->size(), 6U);
  EXPECT_EQ(task->component_names().front(), "group 0");
  EXPECT_NE(error_of("data.subsets:n=6,dataset=diabetes").find("regression target"),
            std::string::npos);
  EXPECT_NE(error_of("data.subsets:n=6,dataset=mnist").find("no bundled dataset 'mnist'"),
            std::string::npos);
  EXPECT_NE(error_of("data.subsets:n=6,dataset=wine,source=csv,csv=x.csv").find("cannot go with"),
            std::string::npos);
  const fs::path grouped =
      write("grouped", "a,label,g\n1,0,10\n2,1,20\n3,0,30\n4,1,40\n5,0,50\n6,1,60\n");
  EXPECT_EQ(TaskRegistry::global()
                .create("data.subsets:n=5,source=csv,group=g,csv=" + grouped.string(), {.seed = 1})
                ->component_names()
                .front(),
            "g=20");  // row 0, of group 10, is the test point
}

TEST_F(CsvTest, ReadsAnHdf5FileWithFeaturesLabelsAndGroups) {
  const fs::path path = fs::temp_directory_path() / "spexbench_data.h5";
  {
    const hdf5::Group root = hdf5::create_file(path.string());
    std::vector<double> features, labels, groups;
    Rng rng(3);
    for (int r = 0; r < 40; ++r) {
      const double a = rng.normal();
      features.insert(features.end(), {a, rng.normal()});
      labels.push_back(a > 0 ? 1 : 0);
      groups.push_back(r % 5);
    }
    root.write("features", features, 2);
    root.write("labels", labels);
    root.write("groups", groups);
  }
  const auto task = TaskRegistry::global().create(
      "data.subsets:n=5,source=hdf5,hdf5=" + path.string() + ",test_row=1", {.seed = 1});
  EXPECT_EQ(task->num_features(), 5);
  EXPECT_NE(task->ground_truth(), nullptr);
  EXPECT_NE(error_of("data.subsets:n=5,source=hdf5,hdf5=/nonexistent.h5").find("does not exist"),
            std::string::npos);
}

TEST_F(CsvTest, MalformedFilesNameTheLine) {
  const fs::path ragged = write("ragged", "a,b,label\n1,2,0\n3,4\n");
  EXPECT_NE(error_of("data.subsets:n=5,source=csv,csv=" + ragged.string())
                .find(":3: 2 fields, the header has 3"),
            std::string::npos);
  const fs::path text = write("text", "a,b,label\n1,2,0\n1,x,1\n");
  EXPECT_NE(error_of("data.subsets:n=5,source=csv,csv=" + text.string())
                .find(":3: column 'b' has 'x', not a number"),
            std::string::npos);
  const fs::path few = write("few", "a,label,g\n1,0,0\n2,1,1\n3,0,0\n4,1,1\n");
  EXPECT_NE(error_of("data.subsets:n=5,source=csv,group=g,csv=" + few.string())
                .find("has 2 groups, fewer than n=5"),
            std::string::npos);
  // Found by the csv_dataset fuzz target: a huge label overflowed its conversion to int.
  const fs::path huge = write("huge", "a,b,label\n1,2,0\n1,3,4.4e56\n");
  EXPECT_NE(error_of("data.subsets:n=5,source=csv,csv=" + huge.string())
                .find(":3: column 'label' holds 4.4e+56, not a whole number"),
            std::string::npos)
      << error_of("data.subsets:n=5,source=csv,csv=" + huge.string());
  // Found by the csv_dataset fuzz target: a file of labels alone gave rows of no features.
  const fs::path labels_only = write("labels_only", "label\n0\n1\n0\n1\n0\n1\n");
  EXPECT_NE(error_of("data.subsets:n=5,source=csv,csv=" + labels_only.string())
                .find("has no feature columns besides the label and group"),
            std::string::npos);
}

}  // namespace
}  // namespace spexbench
