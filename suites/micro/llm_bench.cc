// Throughput of llm.sentiment through the oracle at n = 64 and 512 words on 2 threads, against
// one batched forward pass of the same 64 masks measured in the same run. On the CPU the task runs
// a forward pass per mask (batch_invariance.h, so that no value depends on its batch) and spreads
// the masks over its threads; `vs_batched_forward` is its speed over the batched pass's (above 1:
// faster; the target was at most 10% slower, 0.9). Each iteration queries 1,024 uniform masks
// through an Oracle, 64 at a time, and runs the bare batched forward pass on each same token
// batch, alternating which goes first so that drifts in the machine's speed fall on both alike.
#include <benchmark/benchmark.h>

#include "core/error.h"
#include "core/oracle.h"
#include "core/rng.h"
#include "core/stopwatch.h"
#include "core/task.h"
#include "datasets/llm/review_classifier.h"
#include "datasets/llm/review_grammar.h"

namespace spexbench::llm {
namespace {

constexpr int kMasks = 1024;
constexpr int kBatch = 64;
constexpr int kThreads = 2;

void BM_SentimentOracle(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  constexpr std::uint64_t kSeed = 1;
  const auto task =
      TaskRegistry::global().create(str_cat("llm.sentiment:n=", n, ",batch=", kBatch,
                                            ",threads=", kThreads, ",ground_truth=none"),
                                    {.seed = kSeed});
  Rng rng(2);
  const MaskBatch masks = uniform_masks(kMasks, n, rng);
  // The task's own review (llm_sentiment.cc draws it from this stream) and model, for the bare
  // forward passes on identical token batches.
  Rng review_rng(derive_seed(kSeed, "review"));
  const Review review = generate_review(n, review_rng);
  const std::vector<std::int64_t> tokens = review.tokens();
  const std::vector<int> positions = review.word_positions();
  std::vector<torch::Tensor> batches;
  for (int start = 0; start < kMasks; start += kBatch) {
    torch::Tensor batch = torch::tensor(tokens).repeat({kBatch, 1});
    for (int r = 0; r < kBatch; ++r)
      for (int i = 0; i < n; ++i)
        if (!masks.get(static_cast<std::size_t>(start + r), i))
          batch[r][positions[static_cast<std::size_t>(i)]] = kReviewMaskToken;
    batches.push_back(batch);
  }
  ReviewTransformer model = review_classifier(ReviewClassifierRecipe{});
  double oracle_seconds = 0, forward_seconds = 0;
  std::vector<double> values(kMasks);
  task->evaluate(masks.slice(0, kBatch), std::span<double>(values).first(kBatch));  // warm-up
  for (auto _ : state) {
    Oracle oracle(*task, {.budget = kMasks});
    for (std::size_t b = 0; b < batches.size(); ++b) {
      auto through_oracle = [&] {
        const Stopwatch oracle_time;
        const MaskBatch chunk = masks.slice(b * kBatch, kBatch);
        oracle.query(chunk, std::span<double>(values).subspan(b * kBatch, kBatch));
        oracle_seconds += oracle_time.seconds();
      };
      auto bare = [&] {
        const Stopwatch forward_time;
        const torch::InferenceMode inference;
        benchmark::DoNotOptimize(model->forward(batches[b]).data_ptr());
        forward_seconds += forward_time.seconds();
      };
      if (b % 2 == 0) {
        through_oracle();
        bare();
      } else {
        bare();
        through_oracle();
      }
    }
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["masks_per_second"] = kMasks * iterations / oracle_seconds;
  state.counters["vs_batched_forward"] = forward_seconds / oracle_seconds;
}
BENCHMARK(BM_SentimentOracle)
    ->Arg(64)
    ->Arg(512)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(3.0);

}  // namespace
}  // namespace spexbench::llm
