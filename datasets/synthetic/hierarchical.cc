// synthetic.hierarchical: ProxySPEX's hierarchy test functions (Butler et al., NeurIPS 2025,
// App. B.4; docs/proxyspex.md, "Synthetic experiments"). Draw `sets` distinct random sets of size d
// ("top sets").
//   variant=complete: f_SCH(x) = sum_{R in H} F(R) (-1)^{|R ∩ x|}, H = every subset of every top
//                     set (the empty set included, shared subsets counted once);
//   variant=peak:     H = the top sets alone, with no lower-order subsets.
// Fourier coefficients F(R) ~ U(-1, 1).
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#include "datasets/synthetic/planted_task.h"

namespace spexbench::synthetic {
namespace {

enum class Variant { kComplete, kPeak };
constexpr auto enum_names(Variant) {
  return std::array{EnumName{Variant::kComplete, "complete"}, EnumName{Variant::kPeak, "peak"}};
}

struct HierarchicalConfig {
  int n = 0;
  int sets = 10;
  int d = 5;
  Variant variant = Variant::kComplete;
  double snr_db = kInfinity;

  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "number of components", .required = true, .min = 1, .max = kMaxComponents});
    v("sets", sets, {.doc = "number of top sets", .min = 1, .max = 10000});
    v("d", d, {.doc = "size of each top set", .min = 1, .max = 16});
    v("variant", variant,
      {.doc = "complete: all subsets of the top sets; peak: the top sets only"});
    v("snr_db", snr_db,
      {.doc = "signal-to-noise ratio of queried values in dB (inf: noiseless)",
       .allow_infinite = true});
  }
  /// Refuses what cannot be drawn (more distinct d-sets than C(n, d)) or held: `complete` plants
  /// up to sets * 2^d terms.
  void check(std::string_view owner) const {
    SPEXBENCH_CHECK(d <= n, owner, ": d=", d, " exceeds n=", n);
    double available = 1;
    for (int k = 1; k <= d; ++k) available = available * (n - k + 1) / k;
    SPEXBENCH_CHECK(sets <= available, owner, ": cannot draw ", sets, " distinct sets of size ", d,
                    " over n=", n);
    const double terms = variant == Variant::kPeak ? sets : sets * std::ldexp(1.0, d);
    SPEXBENCH_CHECK(terms <= kMaxBasisChangeTerms, owner, ": sets=", sets, ", d=", d,
                    " plants up to ", terms, " terms, over the limit of ", kMaxBasisChangeTerms,
                    ": lower sets or d");
  }
};

constexpr const char* kName = "synthetic.hierarchical";

class Hierarchical final : public PlantedTask {
 public:
  Hierarchical(const HierarchicalConfig& config, const Task::CreateContext& context)
      : PlantedTask(plant(config, context.seed), config.snr_db, derive_seed(context.seed, "noise"),
                    canonical_spec(kName, config)) {}

 private:
  static SparsePolynomial plant(const HierarchicalConfig& config, std::uint64_t seed) {
    Rng rng(derive_seed(seed, "terms"));
    std::set<std::vector<std::uint32_t>> top;
    while (static_cast<int>(top.size()) < config.sets) {
      auto members = rng.sample_without_replacement(static_cast<std::uint32_t>(config.n),
                                                    static_cast<std::uint32_t>(config.d));
      std::sort(members.begin(), members.end());
      top.insert(std::move(members));
    }
    std::set<std::vector<std::uint32_t>> terms;
    for (const auto& set : top) {
      if (config.variant == Variant::kPeak) {
        terms.insert(set);
        continue;
      }
      for (std::uint32_t sub = 0; sub < (1U << set.size()); ++sub) {
        std::vector<std::uint32_t> subset;
        for (std::size_t i = 0; i < set.size(); ++i)
          if ((sub >> i) & 1U) subset.push_back(set[i]);
        terms.insert(std::move(subset));
      }
    }
    SparsePolynomial truth(config.n, Basis::kFourier);
    for (const auto& term : terms) truth.add_term(term, rng.uniform(-1.0, 1.0));
    truth.canonicalize();
    return truth;
  }
};

}  // namespace

SPEXBENCH_REGISTER(Task, Hierarchical, HierarchicalConfig, kName,
                   "ProxySPEX hierarchy function: all subsets (or only the peaks) of random sets");

}  // namespace spexbench::synthetic
