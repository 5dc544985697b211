// data.subsets: data attribution by retraining (the third lens of the seed papers). A training set
// is split into n groups; a mask keeps groups; the value is the margin of the correct class on a
// fixed test point (its logit minus the largest other, as in ProxySPEX's CIFAR-10 study) of a
// model trained on the kept groups: an L2-regularised logistic regression trained to convergence
// (model=logistic), or a one-hidden-layer MLP trained by full-batch Adam for fixed epochs from
// seeded weights (model=mlp, libtorch: mlp_learner.cc), whose margins have non-linear interactions.
//
// Data: the planted dataset of group_dataset.h (redundant groups 0-1, complementary 2-3,
// mislabeled 4), or a user's CSV file. Ground truth: the exact Fourier spectrum by retraining on
// all 2^n subsets when n <= 14 (`ground_truth=auto`), none otherwise.
#include <array>
#include <cmath>

#include "core/error.h"
#include "core/exact_truth.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/task.h"
#include "core/truth_kind.h"
#include "datasets/data/group_dataset.h"
#include "datasets/data/logistic_regression.h"
#include "datasets/data/subset_learner.h"

namespace spexbench::data {
namespace {

constexpr int kExhaustiveMax = 14;

enum class Source { kPlanted, kCsv, kHdf5 };
constexpr auto enum_names(Source) {
  return std::array{EnumName{Source::kPlanted, "planted"}, EnumName{Source::kCsv, "csv"},
                    EnumName{Source::kHdf5, "hdf5"}};
}
enum class Model { kLogistic, kMlp };
constexpr auto enum_names(Model) {
  return std::array{EnumName{Model::kLogistic, "logistic"}, EnumName{Model::kMlp, "mlp"}};
}

struct DataSubsetsConfig {
  int n = 0;
  Source source = Source::kPlanted;
  int points = 10;
  int features = 20;
  std::string dataset;
  std::string csv;
  std::string hdf5;
  std::string label = "label";
  std::string group;
  int test_row = 0;
  Model model = Model::kLogistic;
  double l2 = 1.0;
  int hidden = 16;
  int epochs = 300;
  double learning_rate = 0.01;
  int batch = 64;
  int threads = 1;
  TruthOption ground_truth = TruthOption::kAuto;

  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "number of groups (components)", .required = true, .min = 5, .max = 1024});
    v("source", source,
      {.doc = "planted: generated with planted structure; csv or hdf5: a user's file"});
    v("points", points, {.doc = "rows per group (planted)", .min = 1, .max = 100000});
    v("features", features, {.doc = "features (planted)", .min = 1, .max = 10000});
    v("dataset", dataset,
      {.doc = "a classification dataset python3-sklearn ships (breast_cancer, digits, iris, "
              "wine), its rows dealt to the n groups; empty: `source`"});
    v("csv", csv, {.doc = "CSV file with a header row (source=csv)", .input_file = true});
    v("hdf5", hdf5,
      {.doc = "HDF5 file with features, labels and optional groups (source=hdf5)",
       .input_file = true});
    v("label", label, {.doc = "label column of the CSV"});
    v("group", group, {.doc = "group column of the CSV (empty: rows dealt at random)"});
    v("test_row", test_row, {.doc = "data row of the CSV used as the test point", .min = 0});
    v("model", model,
      {.doc = "logistic: Newton to convergence; mlp: one hidden ReLU layer, Adam (libtorch)"});
    v("l2", l2, {.doc = "L2 penalty (l2 / 2) ||parameters||^2 of either model", .min = 0.0});
    v("hidden", hidden, {.doc = "hidden units (mlp)", .min = 1, .max = 4096});
    v("epochs", epochs, {.doc = "full-batch Adam steps (mlp)", .min = 1, .max = 100000});
    v("learning_rate", learning_rate, {.doc = "Adam step size (mlp)", .min = 1e-8, .max = 10.0});
    v("batch", batch,
      {.doc = "subsets trained at once (mlp)", .min = 1, .max = 65536, .execution_only = true});
    v("threads", threads,
      {.doc = "torch intra-op threads (mlp)", .min = 1, .max = 256, .execution_only = true});
    v("ground_truth", ground_truth,
      {.doc = "auto: exact by retraining on all 2^n subsets when n <= 14 (mlp: about 30 ms per "
              "subset on 2 cores, 2 min at n = 12); none"});
  }
};

class DataSubsets final : public ConfiguredPlugin<Task, DataSubsetsConfig> {
 public:
  DataSubsets(DataSubsetsConfig config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)) {
    if (!config_.dataset.empty()) {
      SPEXBENCH_CHECK(config_.source == Source::kPlanted, "data.subsets: dataset=", config_.dataset,
                      " reads a bundled dataset; it cannot go with source=csv or "
                      "source=hdf5");
      data_ = bundled_group_dataset(config_.dataset, config_.n, config_.test_row, context.seed);
    } else if (config_.source == Source::kCsv) {
      SPEXBENCH_CHECK(!config_.csv.empty(), "data.subsets: source=csv needs csv=FILE");
      data_ = csv_dataset(config_.csv, config_.label, config_.group, config_.n, config_.test_row,
                          context.seed);
    } else if (config_.source == Source::kHdf5) {
      SPEXBENCH_CHECK(!config_.hdf5.empty(), "data.subsets: source=hdf5 needs hdf5=FILE");
      data_ = hdf5_dataset(config_.hdf5, config_.n, config_.test_row, context.seed);
    } else {
      data_ = planted_dataset(config_.n, config_.points, config_.features, context.seed);
    }
    groups_ = data_.rows_by_group();
    if (config_.model == Model::kMlp) {
      mlp_ = make_mlp_learner(data_,
                              {.hidden = config_.hidden,
                               .epochs = config_.epochs,
                               .learning_rate = config_.learning_rate,
                               .l2 = config_.l2,
                               .batch = config_.batch,
                               .threads = config_.threads,
                               .seed = derive_seed(context.seed, "data.subsets.mlp")},
                              "data.subsets");
    }
    if (config_.ground_truth == TruthOption::kAuto && config_.n <= kExhaustiveMax) {
      truth_ = exact_fourier_truth(*this, context.seed);
      has_truth_ = true;
    }
  }

  int num_features() const override { return config_.n; }
  std::vector<std::string> component_names() const override { return data_.group_names; }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    if (mlp_) {
      mlp_->margins(masks, out);
      return;
    }
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      rows.clear();
      for (int g = 0; g < config_.n; ++g)
        if (masks.get(r, g))
          rows.insert(rows.end(), groups_[static_cast<std::size_t>(g)].begin(),
                      groups_[static_cast<std::size_t>(g)].end());
      const LogisticModel model =
          fit_logistic(data_.features, data_.labels, rows, data_.classes, {.l2 = config_.l2});
      out[r] = model.margin(data_.test_features, data_.test_label);
    }
  }

  const SparsePolynomial* ground_truth() const override { return has_truth_ ? &truth_ : nullptr; }

 private:
  GroupDataset data_;
  std::vector<std::vector<std::size_t>> groups_;
  std::unique_ptr<SubsetLearner> mlp_;
  SparsePolynomial truth_;
  bool has_truth_ = false;
};

}  // namespace

SPEXBENCH_REGISTER(
    Task, DataSubsets, DataSubsetsConfig, "data.subsets",
    "margin on a test point of a logistic regression or MLP retrained on kept data groups");

}  // namespace spexbench::data
