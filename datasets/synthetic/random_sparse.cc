// Random sparse polynomials, one task per basis:
//
//   synthetic.sparse_fourier: f(x) = sum_{k in K} F(k) (-1)^{|k ∩ x|}, the setting of the SPEX
//     paper's synthetic recovery experiments;
//   synthetic.soum: a sum of unanimity games f(x) = sum_{S in K} a(S) prod_{i in S} x_i, the
//     shapiq SOUM benchmark game (Möbius ground truth).
//
// |K| = s distinct planted sets of size 1..d (size uniform, then members uniform), coefficients
// from a stated law, optional measurement noise (planted_task.h).
#include <cmath>

#include "core/params.h"
#include "core/rng.h"
#include "datasets/synthetic/planted_task.h"
#include "datasets/synthetic/random_terms.h"

namespace spexbench::synthetic {
namespace {

template <Basis kBasis>
struct RandomSparseConfig {
  int n = 0;
  int s = 0;
  int d = 0;
  CoefficientLaw coefficients;
  double snr_db = kInfinity;

  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "number of components", .required = true, .min = 1, .max = kMaxComponents});
    v("s", s, {.doc = "number of planted terms", .required = true, .min = 1, .max = 1e6});
    v("d", d, {.doc = "maximum degree of a planted term", .required = true, .min = 1, .max = 20});
    coefficients.visit(v);
    v("snr_db", snr_db,
      {.doc = "signal-to-noise ratio of queried values in dB (inf: noiseless)",
       .allow_infinite = true});
  }
  /// Noise needs the Fourier form of a Möbius truth, where a term of degree k becomes 2^k terms:
  /// degrees are uniform on 1..d, so s (2^(d+1) - 2) / d terms are expected.
  void check(std::string_view owner) const {
    if (kBasis == Basis::kFourier || !std::isfinite(snr_db)) return;
    const double expected = s * (std::ldexp(2.0, d) - 2) / d;
    SPEXBENCH_CHECK(expected <= kMaxBasisChangeTerms, owner, ": s=", s, ", d=", d,
                    " with noise needs about ", expected, " Fourier terms, over the limit of ",
                    kMaxBasisChangeTerms, ": lower s or d, or drop snr_db");
  }
};

template <Basis kBasis>
class RandomSparse final : public PlantedTask {
 public:
  static constexpr const char* kName =
      kBasis == Basis::kFourier ? "synthetic.sparse_fourier" : "synthetic.soum";

  RandomSparse(const RandomSparseConfig<kBasis>& config, const Task::CreateContext& context)
      : PlantedTask(plant(config, context.seed), config.snr_db, derive_seed(context.seed, "noise"),
                    canonical_spec(kName, config)) {}

 private:
  static SparsePolynomial plant(const RandomSparseConfig<kBasis>& config, std::uint64_t seed) {
    config.coefficients.validate(kName);
    Rng rng(derive_seed(seed, "terms"));
    SparsePolynomial truth(config.n, kBasis);
    for (const auto& set : distinct_random_sets(config.n, config.s, config.d, rng, kName))
      truth.add_term(set, config.coefficients.draw(rng));
    truth.canonicalize();
    return truth;
  }
};

}  // namespace

SPEXBENCH_REGISTER(Task, RandomSparse<Basis::kFourier>, RandomSparseConfig<Basis::kFourier>,
                   "synthetic.sparse_fourier",
                   "s planted Fourier terms of degree <= d over n components, optional noise");
SPEXBENCH_REGISTER(Task, RandomSparse<Basis::kMobius>, RandomSparseConfig<Basis::kMobius>,
                   "synthetic.soum",
                   "sum of s unanimity games of size <= d (Möbius ground truth), optional noise");

}  // namespace spexbench::synthetic
