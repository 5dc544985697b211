#include "baselines/common/endpoints.h"

namespace spexbench::baselines {

Endpoints query_endpoints(Oracle& oracle) {
  const int n = oracle.num_features();
  MaskBatch masks(2, n);
  for (int i = 0; i < n; ++i) masks.set(1, i, true);
  const std::vector<double> values = oracle.query(masks);
  return {values[0], values[1]};
}

}  // namespace spexbench::baselines
