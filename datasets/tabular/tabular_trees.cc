// tabular.trees: a gradient-boosted tree ensemble (XGBoost) trained by the task on real data, and
// its output on one held-out row as features are ablated.
//
// Data: a dataset Debian's python3-sklearn ships (breast_cancer, diabetes, digits, iris, wine;
// tabular_dataset.h) or a user's CSV. A seeded 80/20 split; the model trains on the 80% (one
// thread, so the trees are the same on every machine) and reports its held-out accuracy (R^2 for
// regression) in the task's info. Classification explains the margin (log-odds) of one class:
// class 1 of two, else `class` against the rest.
//
// Value of a mask z: the model's margin on the explained row with every ablated feature (z_j = 0)
// taken from a background: the training rows' mean (background=0), or the mean of the margins
// over K training rows (background=K, interventional). Margins are the trees' float32 leaves
// summed in double, on XGBoost's float32 inputs and thresholds.
//
// Ground truth, exact at any n: each tree, for each background row, is a tree over the mask bits
// (bit j = 1 follows the row's value of feature j, bit j = 0 the background's), whose Fourier
// spectrum follows from its paths (core/bit_tree_spectrum.h). The truth is their sum over trees,
// averaged over the background, plus the base margin; at most trees x leaves x 2^depth terms.
#include <array>
#include <cmath>
#include <numeric>

#include "algorithms/proxyspex/xgboost_booster.h"
#include "algorithms/proxyspex/xgboost_model.h"
#include "core/bit_tree_spectrum.h"
#include "core/configured_plugin.h"
#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/task.h"
#include "datasets/tabular/tabular_dataset.h"

namespace spexbench::tabular {
namespace {

constexpr const char* kName = "tabular.trees";
constexpr double kHoldoutFraction = 0.2;

enum class Kind { kAuto, kClassification, kRegression };
constexpr auto enum_names(Kind) {
  return std::array{EnumName{Kind::kAuto, "auto"},
                    EnumName{Kind::kClassification, "classification"},
                    EnumName{Kind::kRegression, "regression"}};
}

struct TabularTreesConfig {
  std::string dataset;
  std::string csv;
  std::string hdf5;
  std::string target;
  Kind kind = Kind::kAuto;
  int klass = -1;
  int depth = 4;
  int trees = 100;
  double learning_rate = 0.1;
  int row = -1;
  int background = 0;
  int seed = 0;

  template <class V>
  void visit(V& v) {
    v("dataset", dataset,
      {.doc = "breast_cancer, diabetes, digits, iris, wine (python3-sklearn's files), csv or hdf5",
       .required = true});
    v("csv", csv, {.doc = "CSV file with a header row (dataset=csv)", .input_file = true});
    v("hdf5", hdf5,
      {.doc = "HDF5 file with features (rows x d), target and optional columns (dataset=hdf5)",
       .input_file = true});
    v("target", target, {.doc = "target column of the CSV (empty: the last)"});
    v("kind", kind,
      {.doc = "auto: the bundled dataset's own, regression for a user's file; classification; "
              "regression"});
    v("class", klass,
      {.doc = "class whose margin is explained when there are more than two (-1: the explained "
              "row's own)",
       .min = -1,
       .max = 1000000});
    v("depth", depth, {.doc = "maximum depth of each tree", .min = 1, .max = 12});
    v("trees", trees, {.doc = "boosting rounds", .min = 1, .max = 5000});
    v("learning_rate", learning_rate, {.doc = "XGBoost's eta", .min = 1e-6, .max = 1.0});
    v("row", row,
      {.doc = "held-out row explained (-1: drawn from the instance seed)",
       .min = -1,
       .max = 100000000});
    v("background", background,
      {.doc = "0: ablated features take the training mean; K: the mean margin over K training "
              "rows (interventional)",
       .min = 0,
       .max = 100000});
    v("seed", seed, {.doc = "seed of the split, the trees and the background rows", .min = 0});
  }
};

class TabularTrees final : public ConfiguredPlugin<Task, TabularTreesConfig> {
 public:
  TabularTrees(TabularTreesConfig config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)) {
    const TabularDataset data = load();
    n_ = static_cast<int>(data.width());
    SPEXBENCH_CHECK(data.rows() >= 5, kName, ": ", data.source, " has ", data.rows(),
                    " rows; the split needs at least 5");
    split(data);
    choose_row(data, context.seed);
    train(data);
    choose_background(data);
    truth_ = build_truth();
  }

  int num_features() const override { return n_; }
  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    std::vector<float> x(static_cast<std::size_t>(n_));
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      double sum = 0;
      for (const auto& base : background_) {
        for (int j = 0; j < n_; ++j) {
          const auto u = static_cast<std::size_t>(j);
          x[u] = masks.get(r, j) ? explained_[u] : base[u];
        }
        sum += model_.margin(x);
      }
      out[r] = sum / static_cast<double>(background_.size());
    }
  }
  const SparsePolynomial* ground_truth() const override { return &truth_; }
  std::vector<std::string> component_names() const override { return columns_; }
  std::vector<std::pair<std::string, std::string>> info() const override { return info_; }

 private:
  [[nodiscard]] TabularDataset load() const {
    if (config_.dataset == "csv") {
      SPEXBENCH_CHECK(!config_.csv.empty(), kName, ": dataset=csv needs csv=FILE");
      return csv_tabular_dataset(config_.csv, config_.target,
                                 config_.kind == Kind::kClassification);
    }
    if (config_.dataset == "hdf5") {
      SPEXBENCH_CHECK(!config_.hdf5.empty(), kName, ": dataset=hdf5 needs hdf5=FILE");
      return hdf5_tabular_dataset(config_.hdf5, config_.kind == Kind::kClassification);
    }
    SPEXBENCH_CHECK(
        config_.csv.empty() && config_.target.empty() && config_.hdf5.empty(), kName,
        ": csv=, target= and hdf5= are for dataset=csv or hdf5, not dataset=", config_.dataset);
    TabularDataset data = bundled_dataset(config_.dataset);
    if (config_.kind == Kind::kRegression) data.classes = 0;
    SPEXBENCH_CHECK(config_.kind != Kind::kClassification || data.classes > 0, kName, ": ",
                    config_.dataset, " has a regression target, not classes");
    return data;
  }

  /// The seeded 80/20 split: a permutation of the rows, the last 20% held out.
  void split(const TabularDataset& data) {
    std::vector<std::size_t> order(data.rows());
    std::iota(order.begin(), order.end(), std::size_t{0});
    Rng rng(derive_seed(static_cast<std::uint64_t>(config_.seed), "split"));
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    const auto held = std::max<std::size_t>(
        1,
        static_cast<std::size_t>(std::floor(kHoldoutFraction * static_cast<double>(data.rows()))));
    train_rows_.assign(order.begin(), order.end() - static_cast<std::ptrdiff_t>(held));
    test_rows_.assign(order.end() - static_cast<std::ptrdiff_t>(held), order.end());
  }

  void choose_row(const TabularDataset& data, std::uint64_t instance_seed) {
    std::size_t index = 0;
    if (config_.row >= 0) {
      SPEXBENCH_CHECK(static_cast<std::size_t>(config_.row) < test_rows_.size(), kName,
                      ": row=", config_.row, " but the held-out split of ", data.source, " has ",
                      test_rows_.size(), " rows (0 to ", test_rows_.size() - 1, ")");
      index = static_cast<std::size_t>(config_.row);
    } else {
      index = Rng(derive_seed(instance_seed, "row")).below(test_rows_.size());
    }
    const std::size_t r = test_rows_[index];
    explained_.assign(data.features.begin() + static_cast<std::ptrdiff_t>(r * data.width()),
                      data.features.begin() + static_cast<std::ptrdiff_t>((r + 1) * data.width()));
    explained_class_ =
        data.classes > 2 && config_.klass < 0 ? static_cast<int>(data.target[r]) : config_.klass;
    SPEXBENCH_CHECK(data.classes <= 2 || explained_class_ < data.classes, kName,
                    ": class=", config_.klass, " but ", data.source, " has ", data.classes,
                    " classes");
    info_.emplace_back("dataset", data.source);
    info_.emplace_back("rows", str_cat(data.rows()));
    info_.emplace_back("explained_row",
                       str_cat(index, " of the held-out split (data row ", r, ")"));
    info_.emplace_back("explained_label", str_cat(data.target[r]));
    columns_ = distinct_component_names(data.columns);
  }

  /// The label the model learns: the target, or 1 for the explained class and 0 otherwise.
  [[nodiscard]] double label(const TabularDataset& data, std::size_t r) const {
    if (data.classes <= 2) return data.target[r];  // regression, or classes 0 and 1
    return data.target[r] == explained_class_ ? 1.0 : 0.0;
  }

  [[nodiscard]] std::vector<float> rows_of(const TabularDataset& data,
                                           const std::vector<std::size_t>& rows) const {
    std::vector<float> out;
    out.reserve(rows.size() * data.width());
    for (const std::size_t r : rows)
      out.insert(out.end(), data.features.begin() + static_cast<std::ptrdiff_t>(r * data.width()),
                 data.features.begin() + static_cast<std::ptrdiff_t>((r + 1) * data.width()));
    return out;
  }

  void train(const TabularDataset& data) {
    const std::vector<float> train_x = rows_of(data, train_rows_);
    std::vector<double> train_y;
    for (const std::size_t r : train_rows_) train_y.push_back(label(data, r));
    const bool classification = data.classes > 0;
    const double mean =
        std::accumulate(train_y.begin(), train_y.end(), 0.0) / static_cast<double>(train_y.size());
    SPEXBENCH_CHECK(!classification || (mean > 0 && mean < 1), kName,
                    ": the training split holds one class only; explain another class or seed");
    const proxyspex::Booster booster(
        {train_x, train_rows_.size(), data.width()}, train_y,
        {.max_depth = config_.depth,
         .learning_rate = config_.learning_rate,
         .trees = config_.trees,
         .threads = 1,
         .seed = derive_seed(static_cast<std::uint64_t>(config_.seed), "trees"),
         .objective = classification ? "binary:logistic" : "reg:squarederror",
         .base_score = classification ? 0.5 : mean});
    model_ = proxyspex::read_xgboost_model(booster.model_json(), n_);

    // Held-out quality, and our margins against XGBoost's own (float32 sums) on the same rows.
    const std::vector<float> test_x = rows_of(data, test_rows_);
    const std::vector<double> theirs =
        booster.predict_margins({test_x, test_rows_.size(), data.width()});
    double agreement = 0, correct = 0, residual = 0, spread = 0, test_mean = 0;
    for (const std::size_t r : test_rows_) test_mean += label(data, r);
    test_mean /= static_cast<double>(test_rows_.size());
    for (std::size_t i = 0; i < test_rows_.size(); ++i) {
      const double ours =
          model_.margin(std::span<const float>(test_x).subspan(i * data.width(), data.width()));
      agreement = std::max(agreement, std::abs(ours - theirs[i]));
      const double y = label(data, test_rows_[i]);
      correct += (ours > 0) == (y > 0.5) ? 1 : 0;
      residual += (y - ours) * (y - ours);
      spread += (y - test_mean) * (y - test_mean);
    }
    if (classification) {
      info_.emplace_back("explained_class", data.classes == 2
                                                ? "1 (of 2)"
                                                : str_cat(explained_class_, " vs the rest"));
      info_.emplace_back("holdout_accuracy",
                         str_cat(correct / static_cast<double>(test_rows_.size())));
    } else {
      info_.emplace_back("holdout_r2", str_cat(spread > 0 ? 1 - residual / spread : 0.0));
    }
    info_.emplace_back("train_rows", str_cat(train_rows_.size()));
    info_.emplace_back("holdout_rows", str_cat(test_rows_.size()));
    info_.emplace_back("xgboost_margin_max_difference", str_cat(agreement));
  }

  void choose_background(const TabularDataset& data) {
    const std::size_t d = data.width();
    if (config_.background == 0) {
      std::vector<double> mean(d, 0.0);
      for (const std::size_t r : train_rows_)
        for (std::size_t j = 0; j < d; ++j) mean[j] += data.at(r, j);
      std::vector<float> base(d);
      for (std::size_t j = 0; j < d; ++j)
        base[j] = static_cast<float>(mean[j] / static_cast<double>(train_rows_.size()));
      background_.push_back(std::move(base));
      return;
    }
    const auto k = static_cast<std::size_t>(config_.background);
    SPEXBENCH_CHECK(k <= train_rows_.size(), kName, ": background=", k,
                    " but the training split of ", data.source, " has ", train_rows_.size(),
                    " rows");
    Rng rng(derive_seed(static_cast<std::uint64_t>(config_.seed), "background"));
    for (const std::uint32_t i : rng.sample_without_replacement(
             static_cast<std::uint32_t>(train_rows_.size()), static_cast<std::uint32_t>(k))) {
      const std::size_t r = train_rows_[i];
      background_.emplace_back(data.features.begin() + static_cast<std::ptrdiff_t>(r * d),
                               data.features.begin() + static_cast<std::ptrdiff_t>((r + 1) * d));
    }
  }

  [[nodiscard]] SparsePolynomial build_truth() const {
    TermAccumulator spectrum(n_, Basis::kFourier);
    spectrum.add({}, model_.base_margin);
    const double weight = 1.0 / static_cast<double>(background_.size());
    for (std::size_t t = 0; t < model_.trees.size(); ++t)
      for (const auto& base : background_)
        add_bit_tree_spectrum(model_.bit_tree(t, explained_, base), weight, spectrum);
    const SparsePolynomial sum = std::move(spectrum).finish();
    double largest = 0;
    for (const double c : sum.coefs()) largest = std::max(largest, std::abs(c));
    return sum.pruned(1e-12 * largest);  // cancellations in the sum leave rounding, not terms
  }

  int n_ = 0;
  std::vector<std::size_t> train_rows_, test_rows_;
  std::vector<float> explained_;
  int explained_class_ = 1;
  std::vector<std::string> columns_;
  proxyspex::XGBoostModel model_;
  std::vector<std::vector<float>> background_;
  SparsePolynomial truth_{1, Basis::kFourier};
  std::vector<std::pair<std::string, std::string>> info_;
};

}  // namespace

SPEXBENCH_REGISTER(Task, TabularTrees, TabularTreesConfig, kName,
                   "XGBoost trees trained on real data (python3-sklearn's datasets or a CSV), "
                   "exact truth from their paths");

}  // namespace spexbench::tabular
