// SPEX: the sparse spectral explainer.
//
//   J. S. Kang, L. Butler, A. Agarwal, Y. E. Erginbas, R. Pedarsani, B. Yu, K. Ramchandran.
//   "SPEX: Scaling Feature Interaction Explanations for LLMs". ICML 2025, PMLR 267:28878-28903.
//
// Estimator: assume f has a sparse Fourier spectrum of degree <= t. Query the structured masks of
// QueryDesign (C groups x (P + 1) BCH delays x 2^b), transform each (group, delay) into 2^b bins,
// and peel singletons, reading each singleton's frequency off its parity signs with BCH decoding
// (hard decisions, or Chase soft decoding). Returns the peeled Fourier coefficients (`refit=none`,
// the current reference behaviour), or re-fits them by cross-validated LASSO over
// {peeled} ∪ {∅} ∪ {singletons} on all SPEX samples (`refit=lasso`, the paper-era behaviour).
//
// Query cost: exactly C (P + 1) 2^b, P = the BCH parity length for (n, t), about t log2 n.
// Budget rule (as shapiq): without `b`, the largest b with C (P + 1) 2^b <= budget; when that b
// is below 3, t is lowered (down to 2) and P recomputed; below that the cell is infeasible.
// Time: C (P + 1) b 2^b for the transforms, plus O(C 2^b) bin decodings per peeling iteration.
#include <algorithm>
#include <array>
#include <cmath>

#include "algorithms/spex/bch_code.h"
#include "algorithms/spex/chase_decoder.h"
#include "algorithms/spex/peeling.h"
#include "algorithms/spex/query_design.h"
#include "algorithms/spex/spex_lasso_refit.h"
#include "core/explainer.h"
#include "core/params.h"
#include "core/rng.h"

namespace spexbench::spex {
namespace {

constexpr int kMinB = 3;
constexpr int kMaxB = 20;
/// The largest oracle batch of masks SPEX builds at once (see explain).
constexpr std::size_t kMaxBatchBytes = std::size_t{256} << 20;

enum class Decoder { kSoft, kHard };
constexpr auto enum_names(Decoder) {
  return std::array{EnumName{Decoder::kSoft, "soft"}, EnumName{Decoder::kHard, "hard"}};
}
enum class Refit { kNone, kLasso };
constexpr auto enum_names(Refit) {
  return std::array{EnumName{Refit::kNone, "none"}, EnumName{Refit::kLasso, "lasso"}};
}

struct SpexConfig {
  Decoder decoder = Decoder::kSoft;
  int t = 5;
  int groups = 3;
  int b = 0;
  int chase_depth = 0;
  Refit refit = Refit::kNone;

  template <class V>
  void visit(V& v) {
    v("decoder", decoder,
      {.doc = "soft: Chase decoding of the parity reliabilities; hard: signs only"});
    v("t", t,
      {.doc = "degree bound = BCH correction capability", .min = 1, .max = kMaxCorrectable});
    v("groups", groups, {.doc = "subsampling groups C", .min = 1, .max = 16});
    v("b", b, {.doc = "log2 bins per group; 0 derives it from the budget", .min = 0, .max = kMaxB});
    v("chase_depth", chase_depth,
      {.doc = "least reliable positions Chase flips; 0 means 2t (the reference)",
       .min = 0,
       .max = 63});
    v("refit", refit,
      {.doc = "none: peeled values; lasso: LassoCV over peeled, empty and singleton terms"});
  }
};

/// The (t, b, P) a run uses, or why none fits.
struct Plan {
  int t = 0;
  int b = 0;
  int parity = 0;
  std::string infeasible;
};

Plan plan_for(const SpexConfig& config, int n, std::int64_t budget);

/// The plan, with a code that cannot exist (n too large for GF(2^19)) as an infeasibility.
Plan make_plan(const SpexConfig& config, int n, std::int64_t budget) {
  try {
    return plan_for(config, n, budget);
  } catch (const Error& e) {
    Plan plan;
    plan.infeasible = e.what();
    return plan;
  }
}

Plan plan_for(const SpexConfig& config, int n, std::int64_t budget) {
  Plan plan;
  const auto cost = [&](int parity, int b) {
    return static_cast<double>(config.groups) * (parity + 1) * std::ldexp(1.0, b);
  };
  if (config.b > 0) {
    plan.t = config.t;
    plan.b = config.b;
    plan.parity = BchCode::parity_length(n, plan.t);
    if (cost(plan.parity, plan.b) > static_cast<double>(budget))
      plan.infeasible =
          str_cat("b=", plan.b, " at t=", plan.t, " needs ", config.groups, "*(", plan.parity,
                  "+1)*2^", plan.b, " = ", static_cast<std::int64_t>(cost(plan.parity, plan.b)),
                  " queries, budget is ", budget);
    return plan;
  }
  for (int t = config.t; t >= std::min(2, config.t); --t) {
    const int parity = BchCode::parity_length(n, t);
    const double per_bin = cost(parity, 0);
    const int b = static_cast<int>(std::floor(std::log2(static_cast<double>(budget) / per_bin)));
    if (b >= kMinB) {
      plan.t = t;
      plan.b = std::min(b, kMaxB);
      plan.parity = parity;
      return plan;
    }
  }
  const int t_min = std::min(2, config.t);
  const int parity = BchCode::parity_length(n, t_min);
  plan.infeasible =
      str_cat("budget ", budget, " is below the minimum ", config.groups, "*(", parity, "+1)*2^",
              kMinB, " = ", static_cast<std::int64_t>(cost(parity, kMinB)), " queries (t=", t_min,
              ", b=", kMinB, ")");
  return plan;
}

class Spex final : public ConfiguredPlugin<Explainer, SpexConfig> {
 public:
  explicit Spex(SpexConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    const Plan plan = make_plan(config_, n, budget);
    if (!plan.infeasible.empty()) return plan.infeasible;
    return std::nullopt;
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    const Plan plan = make_plan(config_, n, ctx.budget);
    if (!plan.infeasible.empty()) throw Error("spex: " + plan.infeasible, ErrorKind::kInfeasible);

    const BchCode code(n, plan.t);
    Rng rng(derive_seed(ctx.seed, "spex.design"));
    const QueryDesign design(code, plan.b, config_.groups, rng);

    // One oracle batch per group, as the reference, unless its masks would pass kMaxBatchBytes:
    // then batches of whole delays (values never depend on batching). Keep the samples only for
    // a refit.
    const bool keep_samples = config_.refit == Refit::kLasso;
    const std::size_t delay_bytes = design.bins_per_group() * words_for(n) * sizeof(std::uint64_t);
    const int delays_per_batch = static_cast<int>(std::clamp<std::size_t>(
        kMaxBatchBytes / delay_bytes, 1, static_cast<std::size_t>(design.delays())));
    std::vector<std::vector<double>> bins(static_cast<std::size_t>(design.groups()));
    std::vector<MaskBatch> sample_masks;
    std::vector<std::vector<double>> sample_values;
    double power = 0;
    MaskBatch masks;  // reused by every batch of the same shape
    for (int c = 0; c < design.groups(); ++c) {
      ctx.report(str_cat("querying group ", c + 1, " of ", design.groups(), " (",
                         design.total_queries() / design.groups(), " masks)"));
      std::vector<double> values;
      values.reserve(static_cast<std::size_t>(design.total_queries() / design.groups()));
      for (int first = 0; first < design.delays(); first += delays_per_batch) {
        design.group_masks(c, first, std::min(delays_per_batch, design.delays() - first), masks);
        std::vector<double> part = oracle.query(masks);
        values.insert(values.end(), part.begin(), part.end());
        if (keep_samples) {
          sample_masks.push_back(masks);
          sample_values.push_back(std::move(part));
        }
      }
      for (const double v : values) power += v * v;
      bins[static_cast<std::size_t>(c)] =
          group_bins(values, design.delays(), design.bins_per_group());
    }
    power /= static_cast<double>(design.total_queries());

    // Zero-ton test relative to the signal's mean power, far below any noise and about 1e6 above
    // the rounding of the transforms (energy ~ 1e-30 of the power): peeling goes on until the
    // residual corrections of a noiseless spectrum are exact, and the scale of f does not matter.
    PeelingOptions options;
    options.zero_energy = 1e-24 * std::max(power, 1e-300);
    const int depth = config_.chase_depth > 0 ? config_.chase_depth : 2 * plan.t;
    const ChaseDecoder chase(code, depth);
    std::vector<double> reliability(static_cast<std::size_t>(code.parity_bits()));
    BinDecoder decode = [&](std::span<const double> u) {
      for (std::size_t p = 0; p < reliability.size(); ++p) reliability[p] = u[p + 1] * u[0];
      if (config_.decoder == Decoder::kSoft) return chase.decode(reliability).features;
      auto decoded = code.decode(hard_decision(reliability));
      return decoded ? decoded->features : std::vector<std::uint32_t>{};
    };
    ctx.report("peeling the bins");
    PeelingStats stats;
    SparsePolynomial spectrum = peel(bins, design, code, decode, options, stats);

    if (keep_samples) {
      ctx.report("lasso refit");
      spectrum = lasso_refit(spectrum, sample_masks, sample_values);
    }

    info_ = {{"t", std::to_string(plan.t)},
             {"b", std::to_string(plan.b)},
             {"P", std::to_string(code.parity_bits())},
             {"m", std::to_string(code.field_degree())},
             {"queries", std::to_string(design.total_queries())},
             {"iterations", std::to_string(stats.iterations)},
             {"peeled", std::to_string(stats.distinct)},
             {"decodes", std::to_string(stats.decodes)}};
    return spectrum;
  }

  std::vector<std::pair<std::string, std::string>> run_info() const override { return info_; }

 private:
  std::vector<std::pair<std::string, std::string>> info_;
};

}  // namespace

SPEXBENCH_REGISTER(
    Explainer, Spex, SpexConfig, "spex",
    "SPEX: BCH-coded subsampling and peeling of a sparse low-degree Fourier spectrum");

}  // namespace spexbench::spex
