// A user's TorchScript model (llm.torchscript, llm.heads with torchscript=FILE), loaded and run
// with clear errors.
//
// Calling convention: forward(input_ids, attention_mask[, head_mask]) with int64 (batch, length)
// ids and mask (1 = real token, 0 = padding) and, for the head lens, a float (batch, layers,
// heads) head mask; it returns logits: (batch, classes) for a classifier, (batch, length,
// vocabulary) for a causal LM (a tuple or list whose first element is that tensor is accepted,
// as traced Hugging Face models return). scripts/export_hf_torchscript.py writes such models and
// their examples files (script_examples.h).
#pragma once

#include <torch/script.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/enum_names.h"
#include "core/mask.h"
#include "core/task.h"
#include "datasets/llm/script_examples.h"

namespace spexbench::llm {

class ScriptModel {
 public:
  /// Throws spexbench::Error naming `owner` and the file when it is missing or not TorchScript.
  ScriptModel(const std::filesystem::path& file, torch::Device device, std::string owner);
  /// The logits; a model that fails or returns no tensor is a clear error naming the file.
  torch::Tensor forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask,
                        const torch::Tensor& head_mask = {});
  [[nodiscard]] const std::filesystem::path& file() const { return file_; }

 private:
  torch::jit::Module module_;
  std::filesystem::path file_;
  std::string owner_;
};

/// How an ablated feature leaves the input: its tokens replaced by the mask token, or removed
/// (the rest shifts left; rows are padded to the full length so shapes never change).
enum class Ablation { kMask, kDelete };
constexpr auto enum_names(Ablation) {
  return std::array{EnumName{Ablation::kMask, "mask"}, EnumName{Ablation::kDelete, "delete"}};
}

/// Model inputs for rows `first`..`first + count` of `masks` over the example's spans, padded to
/// `items` rows by unablated copies; the answer tokens follow the prompt for causal-LM targets.
/// Rows have the example's full length (prompt and answer), or `length` when that is longer.
struct ScriptBatch {
  torch::Tensor input_ids, attention_mask;   ///< (items, length) int64
  std::vector<std::int64_t> prompt_lengths;  ///< per row: prompt tokens left after ablation
};
[[nodiscard]] ScriptBatch script_batch(const ScriptExample& example, Ablation ablation,
                                       const MaskBatch& masks, std::size_t first, std::size_t count,
                                       std::size_t items, std::int64_t length = 0);

/// What a classifier's value is: the target class's logit (feature attribution), or its
/// log-probability (the head lens). Causal-LM targets always give the answer's log-probability.
enum class ClassScore { kLogit, kLogProbability };

/// Checks an example's tokens against a causal LM's vocabulary before they reach the model (an
/// out-of-vocabulary id would fail inside it with no word of which file and line), by one
/// forward pass on the prompt; a classifier's vocabulary is not visible and is left to the model.
void check_vocabulary(ScriptModel& model, const ScriptExample& example, torch::Device device);

/// The value of each of the first `count` rows. Checks the logits' shape against the example's
/// target (class in range, answer tokens in the vocabulary), naming the model file and the
/// example's file and line.
[[nodiscard]] std::vector<double> target_values(const torch::Tensor& logits,
                                                const ScriptExample& example,
                                                const ScriptBatch& batch, std::size_t count,
                                                ClassScore class_score, const ScriptModel& model);

/// Evaluates `task` once with every feature kept, so that a user's model is checked against its
/// example's target when the task is made (errors name the files and line), not in the middle of
/// an explainer's run.
void check_unablated(Task& task);

}  // namespace spexbench::llm
