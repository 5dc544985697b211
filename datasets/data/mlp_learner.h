// data.subsets' MLP (model=mlp); see mlp_learner.cc. Included by that file and its tests only,
// so libtorch's headers stay out of everything else.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "datasets/data/subset_learner.h"

namespace spexbench::data {

class MlpLearner final : public SubsetLearner {
 public:
  MlpLearner(const GroupDataset& data, const MlpOptions& options);
  void margins(const MaskBatch& masks, std::span<double> out) override;
  /// w1 (features x hidden), b1 (1 x hidden), w2 (hidden x classes), b2 (1 x classes): the
  /// seeded starting point of every subset's training.
  [[nodiscard]] std::vector<torch::Tensor> initial_parameters() const;

 private:
  void train_and_read(const MaskBatch& masks, std::size_t first, std::size_t count,
                      std::span<double> out);

  MlpOptions options_;
  torch::Tensor x_, xt_, y_, test_, group_;
  torch::Tensor w1_, b1_, w2_, b2_;
  int test_label_ = 0;
  int groups_ = 0;
};

}  // namespace spexbench::data
