#include "datasets/data/subset_learner.h"

#include "core/error.h"

namespace spexbench::data {
namespace {

MlpFactory& mlp_factory() {
  static MlpFactory factory = nullptr;
  return factory;
}

}  // namespace

bool register_mlp_learner(MlpFactory factory) {
  mlp_factory() = factory;
  return true;
}

std::unique_ptr<SubsetLearner> make_mlp_learner(const GroupDataset& data, const MlpOptions& options,
                                                const std::string& owner) {
  SPEXBENCH_CHECK(mlp_factory() != nullptr, owner,
                  ": model=mlp needs libtorch, and this build has none (configure with "
                  "libtorch-dev installed, or -DSPEXBENCH_WITH_TORCH=ON to insist)");
  return mlp_factory()(data, options);
}

}  // namespace spexbench::data
