// The models data.subsets retrains on the kept groups of each mask, behind one interface so that
// the libtorch model (mlp_learner.cc) is built only where libtorch is, and data.subsets itself
// never includes a torch header.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "core/mask.h"
#include "datasets/data/group_dataset.h"

namespace spexbench::data {

/// out[r] = the test point's margin (true-class logit minus the largest other) of the model
/// trained on the groups kept by masks.row(r). Deterministic, and the same whatever the batch.
class SubsetLearner {
 public:
  virtual ~SubsetLearner() = default;
  virtual void margins(const MaskBatch& masks, std::span<double> out) = 0;
};

/// The MLP's settings (data.subsets: model=mlp).
struct MlpOptions {
  int hidden = 16;   ///< units of the one hidden ReLU layer
  int epochs = 300;  ///< full-batch Adam steps
  double learning_rate = 0.01;
  double l2 = 1.0;         ///< penalty (l2 / 2) ||parameters||^2, as the logistic model's
  int batch = 64;          ///< subsets trained at once (batched matrix products)
  int threads = 1;         ///< torch intra-op threads
  std::uint64_t seed = 0;  ///< initial weights: the same for every subset
};

using MlpFactory = std::unique_ptr<SubsetLearner> (*)(const GroupDataset& data,
                                                      const MlpOptions& options);

/// Called once by the libtorch build (mlp_learner.cc) at static initialisation.
bool register_mlp_learner(MlpFactory factory);

/// The MLP learner; a clear error naming `owner` when this build has no libtorch.
[[nodiscard]] std::unique_ptr<SubsetLearner> make_mlp_learner(const GroupDataset& data,
                                                              const MlpOptions& options,
                                                              const std::string& owner);

}  // namespace spexbench::data
