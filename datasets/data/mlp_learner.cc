// data.subsets' non-linear model (model=mlp): one hidden ReLU layer, trained from the same seeded
// initial weights on every subset by full-batch Adam for a fixed number of steps, minimising
//
//   (1 / |S|) ( sum_{i in S} cross-entropy_i  +  (l2 / 2) ||all weights and biases||^2 ),
//
// the logistic model's objective per kept row, so `l2` means the same for both. An empty subset
// gives margin 0 (the penalty's minimiser, the zero network), as the logistic model's does.
//
// Speed and determinism: a batch of subsets is trained at once as a batch of networks over all
// training rows, each row weighted 1/|S| when its group is kept and 0 otherwise. Gradients are
// written out by hand and every sum over rows is a batched matrix product, so no result depends
// on how many subsets share a batch (per-network products have the same shapes in any batch).
// Float64 throughout. tests/datasets/data/mlp_learner_test.cc checks the hand-written gradients
// and Adam against libtorch's autograd and torch::optim::Adam.
#include "datasets/data/mlp_learner.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/parallel_for.h"
#include "core/rng.h"

namespace spexbench::data {
namespace {

torch::Tensor to_tensor(const Eigen::MatrixXd& m) {
  torch::Tensor out = torch::empty({m.rows(), m.cols()}, torch::kFloat64);
  auto a = out.accessor<double, 2>();
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) a[r][c] = m(r, c);
  return out;
}

/// PyTorch's default Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from the
/// suite's own generator so the weights do not depend on libtorch's.
torch::Tensor uniform_init(std::int64_t rows, std::int64_t cols, std::int64_t fan_in, Rng& rng) {
  torch::Tensor out = torch::empty({rows, cols}, torch::kFloat64);
  const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
  auto a = out.accessor<double, 2>();
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) a[r][c] = rng.uniform(-bound, bound);
  return out;
}

[[maybe_unused]] const bool registered = register_mlp_learner(
    [](const GroupDataset& data, const MlpOptions& options) -> std::unique_ptr<SubsetLearner> {
      return std::make_unique<MlpLearner>(data, options);
    });

}  // namespace

MlpLearner::MlpLearner(const GroupDataset& data, const MlpOptions& options) : options_(options) {
  SPEXBENCH_CHECK(
      options.hidden >= 1 && options.epochs >= 1 && options.batch >= 1 && options.learning_rate > 0,
      "data.subsets: model=mlp needs hidden, epochs, batch >= 1 and learning_rate > 0");
  torch::InferenceMode guard;
  const auto n = static_cast<std::int64_t>(data.features.rows());
  const auto d = static_cast<std::int64_t>(data.features.cols());
  const std::int64_t classes = data.classes;
  x_ = to_tensor(data.features);
  xt_ = x_.t().contiguous();
  y_ = torch::zeros({n, classes}, torch::kFloat64);
  for (std::int64_t i = 0; i < n; ++i) y_[i][data.labels[static_cast<std::size_t>(i)]] = 1.0;
  test_ = to_tensor(data.test_features.transpose());
  test_label_ = data.test_label;
  group_ = torch::empty({n}, torch::kInt64);
  for (std::int64_t i = 0; i < n; ++i) group_[i] = data.group[static_cast<std::size_t>(i)];
  groups_ = data.groups;
  Rng rng(options.seed);
  w1_ = uniform_init(d, options.hidden, d, rng);
  b1_ = uniform_init(1, options.hidden, d, rng);
  w2_ = uniform_init(options.hidden, classes, options.hidden, rng);
  b2_ = uniform_init(1, classes, options.hidden, rng);
}

void MlpLearner::margins(const MaskBatch& masks, std::span<double> out) {
  torch::InferenceMode guard;
  at::set_num_threads(usable_threads(options_.threads));
  const auto batch = static_cast<std::size_t>(options_.batch);
  for (std::size_t first = 0; first < masks.rows(); first += batch) {
    const std::size_t count = std::min(batch, masks.rows() - first);
    train_and_read(masks, first, count, out.subspan(first, count));
  }
}

void MlpLearner::train_and_read(const MaskBatch& masks, std::size_t first, std::size_t count,
                                std::span<double> out) {
  const auto b = static_cast<std::int64_t>(count);
  // Row weights 1/|S| on kept rows; the penalty's factor l2/|S| per network.
  torch::Tensor kept_groups = torch::zeros({b, groups_}, torch::kFloat64);
  auto kg = kept_groups.accessor<double, 2>();
  for (std::int64_t r = 0; r < b; ++r)
    for (int g = 0; g < groups_; ++g) kg[r][g] = masks.get(first + static_cast<std::size_t>(r), g);
  const torch::Tensor kept_rows = kept_groups.index_select(1, group_);  // (b, n)
  const torch::Tensor sizes = kept_rows.sum(1, /*keepdim=*/true);       // exact: integer counts
  const torch::Tensor empty = sizes.eq(0);
  const torch::Tensor safe = sizes.clamp_min(1.0);
  const torch::Tensor row_weight = (kept_rows / safe).unsqueeze(2);  // (b, n, 1)
  const torch::Tensor penalty = (options_.l2 / safe).unsqueeze(2);   // (b, 1, 1)
  const std::int64_t n = x_.size(0);
  const torch::Tensor ones = torch::ones({b, 1, n}, torch::kFloat64);

  // Every network starts from the same seeded weights; m and v are Adam's moment estimates.
  std::vector<torch::Tensor> params, m, v;
  for (const torch::Tensor& initial : {w1_, b1_, w2_, b2_}) {
    params.push_back(initial.expand({b, -1, -1}).clone());
    m.push_back(torch::zeros_like(params.back()));
    v.push_back(torch::zeros_like(params.back()));
  }
  const torch::Tensor x = x_.expand({b, -1, -1});
  const torch::Tensor xt = xt_.expand({b, -1, -1});
  const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  for (int step = 1; step <= options_.epochs; ++step) {
    const torch::Tensor &w1 = params[0], &b1 = params[1], &w2 = params[2], &b2 = params[3];
    const torch::Tensor z1 = torch::baddbmm(b1, x, w1);  // (b, n, h)
    const torch::Tensor h = z1.clamp_min(0.0);
    const torch::Tensor z2 = torch::baddbmm(b2, h, w2);  // (b, n, c)
    const torch::Tensor dz2 = (torch::softmax(z2, 2) - y_) * row_weight;
    const torch::Tensor dz1 = torch::bmm(dz2, w2.transpose(1, 2)) * z1.gt(0.0);
    const std::vector<torch::Tensor> grads = {
        torch::bmm(xt, dz1) + penalty * w1, torch::bmm(ones, dz1) + penalty * b1,
        torch::bmm(h.transpose(1, 2), dz2) + penalty * w2, torch::bmm(ones, dz2) + penalty * b2};
    const double correction1 = 1 - std::pow(beta1, step), correction2 = 1 - std::pow(beta2, step);
    for (std::size_t k = 0; k < params.size(); ++k) {
      m[k].mul_(beta1).add_(grads[k], 1 - beta1);
      v[k].mul_(beta2).addcmul_(grads[k], grads[k], 1 - beta2);
      const torch::Tensor denominator = (v[k] / correction2).sqrt_().add_(eps);
      params[k].addcdiv_(m[k], denominator, -options_.learning_rate / correction1);
    }
  }
  const torch::Tensor test = test_.expand({b, -1, -1});
  const torch::Tensor hidden = torch::baddbmm(params[1], test, params[0]).clamp_min(0.0);
  const torch::Tensor logits = torch::baddbmm(params[3], hidden, params[2]).squeeze(1);  // (b, c)
  const torch::Tensor margin_true = logits.select(1, test_label_);
  const torch::Tensor others = logits.index_fill(1, torch::tensor({test_label_}), -INFINITY);
  const torch::Tensor margin =
      (margin_true - std::get<0>(others.max(1))).masked_fill(empty.squeeze(1), 0.0);
  const auto read = margin.accessor<double, 1>();
  for (std::int64_t r = 0; r < b; ++r) out[static_cast<std::size_t>(r)] = read[r];
}

std::vector<torch::Tensor> MlpLearner::initial_parameters() const { return {w1_, b1_, w2_, b2_}; }

}  // namespace spexbench::data
