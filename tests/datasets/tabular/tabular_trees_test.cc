#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "core/error.h"
#include "core/exact_truth.h"
#include "core/rng.h"
#include "core/task.h"
#include "datasets/tabular/tabular_dataset.h"
#include "results/hdf5_io.h"
#include "tests/spectrum_difference.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;
using test::max_coefficient_error;

std::unique_ptr<Task> make(const std::string& spec, std::uint64_t seed = 1) {
  return TaskRegistry::global().create(spec, {.seed = seed});
}

std::string info_of(const Task& task, const std::string& key) {
  for (const auto& [name, value] : task.info())
    if (name == key) return value;
  return "";
}

std::string error_of(const std::string& spec) {
  try {
    (void)make(spec);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TabularTrees, TruthEqualsTheExhaustiveTransform) {
  // Every bundled dataset with n <= 16, with the mean baseline and with an interventional
  // background, deep trees included: the path spectrum against all 2^n model values transformed.
  for (const std::string spec :
       {"tabular.trees:dataset=wine", "tabular.trees:dataset=wine,background=10,depth=6",
        "tabular.trees:dataset=diabetes,background=5", "tabular.trees:dataset=iris,depth=3",
        "tabular.trees:dataset=diabetes,depth=8,trees=50"}) {
    const auto task = make(spec);
    const SparsePolynomial exhaustive = exact_fourier_truth(*task, 1, /*relative_cutoff=*/0);
    const double error = max_coefficient_error(*task->ground_truth(), exhaustive);
    std::cout << spec << ": max coefficient error " << error << " over "
              << task->ground_truth()->size() << " terms\n";  // the README's figure
    EXPECT_LT(error, 1e-9) << spec;
    EXPECT_GT(task->ground_truth()->size(), 1U) << spec;
  }
}

TEST(TabularTrees, TruthEqualsTheModelOnRandomMasks) {
  // Breast cancer (n = 30) and digits (n = 64), beyond any exhaustive check.
  Rng rng(7);
  for (const std::string spec :
       {"tabular.trees:dataset=breast_cancer", "tabular.trees:dataset=breast_cancer,background=8",
        "tabular.trees:dataset=digits,depth=5", "tabular.trees:dataset=digits,background=4"}) {
    const auto task = make(spec);
    const MaskBatch masks = uniform_masks(1000, task->num_features(), rng);
    std::vector<double> values(masks.rows());
    task->evaluate(masks, values);
    const std::vector<double> truth = task->ground_truth()->evaluate(masks);
    double worst = 0;
    for (std::size_t r = 0; r < masks.rows(); ++r)
      worst = std::max(worst, std::abs(values[r] - truth[r]));
    std::cout << spec << ": max error on 1,000 masks " << worst << "\n";  // the README's figure
    EXPECT_LT(worst, 1e-9) << spec;
  }
}

TEST(TabularTrees, TrainsAModelThatPredictsAndAgreesWithXGBoost) {
  // The trees learn the data (held-out accuracy far above chance), and our margins, summed in
  // double, equal XGBoost's own float32 sums to their rounding.
  const auto cancer = make("tabular.trees:dataset=breast_cancer");
  EXPECT_GT(std::stod(info_of(*cancer, "holdout_accuracy")), 0.9);
  EXPECT_EQ(cancer->component_names().front(), "mean radius");
  EXPECT_EQ(cancer->component_names().back(), "worst fractal dimension");
  EXPECT_LT(std::stod(info_of(*cancer, "xgboost_margin_max_difference")), 1e-4);
  const auto digits = make("tabular.trees:dataset=digits,class=3");
  EXPECT_GT(std::stod(info_of(*digits, "holdout_accuracy")), 0.9);
  EXPECT_EQ(info_of(*digits, "explained_class"), "3 vs the rest");
  const auto diabetes = make("tabular.trees:dataset=diabetes");
  EXPECT_GT(std::stod(info_of(*diabetes, "holdout_r2")), 0.2);
  EXPECT_LT(std::stod(info_of(*diabetes, "xgboost_margin_max_difference")), 1e-3);
}

TEST(TabularTrees, InstancesExplainDifferentRowsOfOneModel) {
  // row=-1 draws the explained row from the instance seed; the split and trees follow `seed`.
  std::map<std::string, int> rows;
  for (std::uint64_t instance = 0; instance < 6; ++instance)
    ++rows[info_of(*make("tabular.trees:dataset=wine", instance), "explained_row")];
  EXPECT_GT(rows.size(), 1U);
  const auto a = make("tabular.trees:dataset=wine,row=3", 1);
  const auto b = make("tabular.trees:dataset=wine,row=3", 2);
  EXPECT_EQ(a->ground_truth()->coefs().size(), b->ground_truth()->coefs().size());
  EXPECT_EQ(max_coefficient_error(*a->ground_truth(), *b->ground_truth()), 0.0);
}

class TabularCsv : public ::testing::Test {
 protected:
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = fs::temp_directory_path() / ("spexbench_tabular_" + name + ".csv");
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(TabularCsv, ReadsAUsersFile) {
  std::string text = "a,b,c,y\n";
  Rng rng(3);
  for (int r = 0; r < 200; ++r) {
    const double a = rng.uniform(0, 1), b = rng.uniform(0, 1), c = rng.uniform(0, 1);
    text += str_cat(a, ",", b, ",", c, ",", (a > 0.5 && b > 0.5) ? 1 : 0, "\n");
  }
  const fs::path path = write("and", text);
  const auto task =
      make("tabular.trees:dataset=csv,kind=classification,trees=30,csv=" + path.string());
  EXPECT_EQ(task->num_features(), 3);
  EXPECT_GT(std::stod(info_of(*task, "holdout_accuracy")), 0.85);
  const SparsePolynomial exhaustive = exact_fourier_truth(*task, 1, 0);
  EXPECT_LT(max_coefficient_error(*task->ground_truth(), exhaustive), 1e-9);
}

TEST_F(TabularCsv, ReadsAUsersHdf5FileWithColumnNames) {
  const fs::path path = fs::temp_directory_path() / "spexbench_tabular.h5";
  {
    const hdf5::Group root = hdf5::create_file(path.string());
    std::vector<double> features, target;
    Rng rng(4);
    for (int r = 0; r < 150; ++r) {
      const double a = rng.uniform(0, 1), b = rng.uniform(0, 1);
      features.insert(features.end(), {a, b});
      target.push_back(a > 0.5 ? 2.0 * b : b);  // a regression with an interaction
    }
    root.write("features", features, 2);
    root.write("target", target);
    const std::vector<std::string> columns{"dose", "age"};
    root.write_strings("columns", columns);
  }
  const auto task = make("tabular.trees:dataset=hdf5,trees=40,hdf5=" + path.string());
  EXPECT_EQ(task->component_names(), (std::vector<std::string>{"dose", "age"}));
  EXPECT_GT(std::stod(info_of(*task, "holdout_r2")), 0.8);
  EXPECT_LT(max_coefficient_error(*task->ground_truth(), exact_fourier_truth(*task, 1, 0)), 1e-9);
  EXPECT_NE(error_of("tabular.trees:dataset=hdf5").find("dataset=hdf5 needs hdf5=FILE"),
            std::string::npos);
}

TEST_F(TabularCsv, BadInputIsNamed) {
  EXPECT_NE(
      error_of("tabular.trees:dataset=cancer")
          .find("no bundled dataset 'cancer'; the datasets are breast_cancer, diabetes, digits"),
      std::string::npos);
  const fs::path missing = write("missing", "a,b,y\n1,2,0\n3,,1\n");
  EXPECT_NE(error_of("tabular.trees:dataset=csv,csv=" + missing.string())
                .find(missing.string() + ":3: column 'b' has '', not a number"),
            std::string::npos)
      << error_of("tabular.trees:dataset=csv,csv=" + missing.string());
  const fs::path text = write("text", "a,b,y\n1,2,0\n3,abc,1\n");
  EXPECT_NE(error_of("tabular.trees:dataset=csv,csv=" + text.string())
                .find(":3: column 'b' has 'abc', not a number"),
            std::string::npos);
  EXPECT_NE(error_of("tabular.trees:dataset=wine,row=36").find("row=36 but the held-out split of "),
            std::string::npos)
      << error_of("tabular.trees:dataset=wine,row=36");
  EXPECT_NE(error_of("tabular.trees:dataset=iris,background=121")
                .find("background=121 but the training split of "),
            std::string::npos)
      << error_of("tabular.trees:dataset=iris,background=121");
  EXPECT_NE(error_of("tabular.trees:dataset=wine,class=3").find("class=3 but "), std::string::npos);
  EXPECT_NE(error_of("tabular.trees:dataset=csv").find("dataset=csv needs csv=FILE"),
            std::string::npos);
}

TEST(TabularTrees, MissingBundledFilesNameThePackage) {
  const fs::path empty = fs::temp_directory_path() / "spexbench_no_sklearn";
  fs::create_directories(empty);
  setenv("SPEXBENCH_SKLEARN_DATA", empty.c_str(), 1);
  const std::string message = error_of("tabular.trees:dataset=wine");
  unsetenv("SPEXBENCH_SKLEARN_DATA");
  EXPECT_NE(message.find("ships with Debian's python3-sklearn"), std::string::npos) << message;
}

}  // namespace
}  // namespace spexbench
