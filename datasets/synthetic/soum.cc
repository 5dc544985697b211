// synthetic.soum: a sum of unanimity games, f(x) = sum_{S in K} a(S) prod_{i in S} x_i, with
// |K| = s planted sets of size 1..d; the ground truth lives in the Möbius basis (the shapiq SOUM
// benchmark game). Same laws and noise as synthetic.sparse_fourier.
#include "core/params.h"
#include "core/rng.h"
#include "datasets/synthetic/planted_task.h"
#include "datasets/synthetic/random_terms.h"

namespace spexbench::synthetic {
namespace {

struct SoumConfig {
  int n = 0;
  int s = 0;
  int d = 0;
  CoefficientLaw coefficients;
  double snr_db = kInfinity;

  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "number of components", .required = true, .min = 1, .max = 4096});
    v("s", s, {.doc = "number of unanimity terms", .required = true, .min = 1, .max = 1e6});
    v("d", d, {.doc = "maximum size of a unanimity set", .required = true, .min = 1, .max = 20});
    coefficients.visit(v);
    v("snr_db", snr_db,
      {.doc = "signal-to-noise ratio of queried values in dB (inf: noiseless)",
       .allow_infinite = true});
  }
};

constexpr const char* kName = "synthetic.soum";

class Soum final : public PlantedTask {
 public:
  Soum(const SoumConfig& config, const Task::CreateContext& context)
      : PlantedTask(plant(config, context.seed), config.snr_db,
                    derive_seed(context.seed, "noise"), canonical_spec(kName, config)) {}

 private:
  static SparsePolynomial plant(const SoumConfig& config, std::uint64_t seed) {
    config.coefficients.validate(kName);
    Rng rng(derive_seed(seed, "terms"));
    SparsePolynomial truth(config.n, Basis::kMobius);
    for (const auto& set : distinct_random_sets(config.n, config.s, config.d, rng, kName))
      truth.add_term(set, config.coefficients.draw(rng));
    truth.canonicalize();
    return truth;
  }
};

}  // namespace

SPEXBENCH_REGISTER(Task, Soum, SoumConfig, kName,
                   "sum of s unanimity games of size <= d (Möbius ground truth), optional noise");

}  // namespace spexbench::synthetic
