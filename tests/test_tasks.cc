#include "tests/test_tasks.h"

#include <array>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>

#include "core/explainer.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench::test {
namespace {

struct NanTaskConfig {
  int n = 8;
  int after = 0;
  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "components", .min = 1, .max = 64});
    v("after", after, {.doc = "finite queries before the first NaN", .min = 0});
  }
};

class NanTask final : public ConfiguredPlugin<Task, NanTaskConfig> {
 public:
  explicit NanTask(NanTaskConfig config) : ConfiguredPlugin(std::move(config)) {}
  int num_features() const override { return config_.n; }
  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    for (std::size_t r = 0; r < masks.rows(); ++r)
      out[r] = served_++ < config_.after ? 1.0 : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  int served_ = 0;
};

enum class Thrown { kRuntimeError, kBadAlloc };
constexpr auto enum_names(Thrown) {
  return std::array{EnumName{Thrown::kRuntimeError, "runtime_error"},
                    EnumName{Thrown::kBadAlloc, "bad_alloc"}};
}

struct ThrowingTaskConfig {
  int n = 8;
  Thrown what = Thrown::kRuntimeError;
  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "components", .min = 1, .max = 64});
    v("what", what, {.doc = "the standard exception evaluate throws"});
  }
};

/// A value function that fails with a standard exception, as a library under a task may.
class ThrowingTask final : public ConfiguredPlugin<Task, ThrowingTaskConfig> {
 public:
  explicit ThrowingTask(ThrowingTaskConfig config) : ConfiguredPlugin(std::move(config)) {}
  int num_features() const override { return config_.n; }
  void evaluate(const MaskBatch&, std::span<double>) override {
    if (config_.what == Thrown::kBadAlloc) throw std::bad_alloc();
    throw std::runtime_error("a library failed");
  }
};

struct OverspendConfig {
  int extra = 1;
  template <class V>
  void visit(V& v) {
    v("extra", extra, {.doc = "queries asked beyond the budget", .min = 1});
  }
};

class Overspend final : public ConfiguredPlugin<Explainer, OverspendConfig> {
 public:
  explicit Overspend(OverspendConfig config) : ConfiguredPlugin(std::move(config)) {}
  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    Rng rng(ctx.seed);
    const auto rows = static_cast<std::size_t>(ctx.budget + config_.extra);
    (void)oracle.query(uniform_masks(rows, oracle.num_features(), rng));
    return SparsePolynomial(oracle.num_features(), Basis::kFourier);
  }
};

enum class ExplainerThrown { kRuntimeError, kBadAlloc, kLogicError };
constexpr auto enum_names(ExplainerThrown) {
  return std::array{EnumName{ExplainerThrown::kRuntimeError, "runtime_error"},
                    EnumName{ExplainerThrown::kBadAlloc, "bad_alloc"},
                    EnumName{ExplainerThrown::kLogicError, "logic_error"}};
}

struct ThrowingExplainerConfig {
  ExplainerThrown what = ExplainerThrown::kRuntimeError;
  template <class V>
  void visit(V& v) {
    v("what", what, {.doc = "the standard exception explain throws after its first query"});
  }
};

/// An explainer that fails with a standard exception, as a library under it may (libtorch's
/// c10::Error is a std::exception too).
class ThrowingExplainer final : public ConfiguredPlugin<Explainer, ThrowingExplainerConfig> {
 public:
  explicit ThrowingExplainer(ThrowingExplainerConfig config)
      : ConfiguredPlugin(std::move(config)) {}
  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    Rng rng(ctx.seed);
    (void)oracle.query(uniform_masks(1, oracle.num_features(), rng));
    if (config_.what == ExplainerThrown::kBadAlloc) throw std::bad_alloc();
    if (config_.what == ExplainerThrown::kLogicError) throw std::logic_error("a broken invariant");
    throw std::runtime_error("a solver failed");
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, ThrowingExplainer, ThrowingExplainerConfig, "test.throwing",
                   "throws a standard exception from explain");
SPEXBENCH_REGISTER(Task, NanTask, NanTaskConfig, "test.nan", "returns NaN after `after` queries");
SPEXBENCH_REGISTER(Task, ThrowingTask, ThrowingTaskConfig, "test.throws",
                   "throws a standard exception from evaluate");
SPEXBENCH_REGISTER(Explainer, Overspend, OverspendConfig, "test.overspend",
                   "asks for more queries than its budget");

void link_test_plugins() {}

}  // namespace spexbench::test
