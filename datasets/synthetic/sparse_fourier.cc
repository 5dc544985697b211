// synthetic.sparse_fourier: f(x) = sum_{k in K} F(k) (-1)^{|k ∩ x|} with |K| = s planted
// frequencies of degree 1..d (degree uniform, then members uniform), coefficients from a stated
// law, optional measurement noise. The setting of the SPEX paper's synthetic recovery experiments.
#include "core/params.h"
#include "core/rng.h"
#include "datasets/synthetic/planted_task.h"
#include "datasets/synthetic/random_terms.h"

namespace spexbench::synthetic {
namespace {

struct SparseFourierConfig {
  int n = 0;
  int s = 0;
  int d = 0;
  CoefficientLaw coefficients;
  double snr_db = kInfinity;

  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "number of components", .required = true, .min = 1, .max = 4096});
    v("s", s, {.doc = "number of planted Fourier terms", .required = true, .min = 1, .max = 1e6});
    v("d", d, {.doc = "maximum degree of a planted term", .required = true, .min = 1, .max = 20});
    coefficients.visit(v);
    v("snr_db", snr_db,
      {.doc = "signal-to-noise ratio of queried values in dB (inf: noiseless)",
       .allow_infinite = true});
  }
};

constexpr const char* kName = "synthetic.sparse_fourier";

class SparseFourier final : public PlantedTask {
 public:
  SparseFourier(const SparseFourierConfig& config, const Task::CreateContext& context)
      : PlantedTask(plant(config, context.seed), config.snr_db,
                    derive_seed(context.seed, "noise"), canonical_spec(kName, config)) {}

 private:
  static SparsePolynomial plant(const SparseFourierConfig& config, std::uint64_t seed) {
    config.coefficients.validate(kName);
    Rng rng(derive_seed(seed, "terms"));
    SparsePolynomial truth(config.n, Basis::kFourier);
    for (const auto& set : distinct_random_sets(config.n, config.s, config.d, rng, kName))
      truth.add_term(set, config.coefficients.draw(rng));
    truth.canonicalize();
    return truth;
  }
};

}  // namespace

SPEXBENCH_REGISTER(Task, SparseFourier, SparseFourierConfig, kName,
                   "s planted Fourier terms of degree <= d over n components, optional noise");

}  // namespace spexbench::synthetic
