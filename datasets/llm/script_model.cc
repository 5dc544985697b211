#include "datasets/llm/script_model.h"

#include "core/error.h"

namespace spexbench::llm {

ScriptModel::ScriptModel(const std::filesystem::path& file, torch::Device device, std::string owner)
    : file_(file), owner_(std::move(owner)) {
  SPEXBENCH_CHECK(std::filesystem::is_regular_file(file), owner_, ": the TorchScript model '",
                  file.string(), "' does not exist");
  try {
    module_ = torch::jit::load(file.string(), device);
  } catch (const c10::Error& e) {
    throw Error(str_cat(owner_, ": '", file.string(),
                        "' is not a TorchScript model this libtorch can load (",
                        e.what_without_backtrace(), ")"));
  }
  module_.eval();
}

torch::Tensor ScriptModel::forward(const torch::Tensor& input_ids,
                                   const torch::Tensor& attention_mask,
                                   const torch::Tensor& head_mask) {
  const torch::InferenceMode inference;
  std::vector<torch::jit::IValue> inputs{input_ids, attention_mask};
  if (head_mask.defined()) inputs.emplace_back(head_mask);
  torch::jit::IValue output;
  try {
    output = module_.forward(inputs);
  } catch (const std::exception& e) {
    throw Error(
        str_cat(owner_, ": the model '", file_.string(), "' failed on input of shape ",
                input_ids.sizes(), head_mask.defined() ? " with a head mask" : "", ": ", e.what()),
        ErrorKind::kValueFunction);
  }
  if (output.isTuple() && !output.toTupleRef().elements().empty())
    output = output.toTupleRef().elements()[0];
  if (output.isList() && !output.toListRef().empty()) output = output.toListRef()[0];
  SPEXBENCH_CHECK(output.isTensor(), owner_, ": the model '", file_.string(), "' returned ",
                  output.tagKind(), ", not a tensor of logits");
  return output.toTensor();
}

ScriptBatch script_batch(const ScriptExample& example, Ablation ablation, const MaskBatch& masks,
                         std::size_t first, std::size_t count, std::size_t items,
                         std::int64_t min_length) {
  const auto prompt = static_cast<std::int64_t>(example.input_ids.size());
  const auto length =
      std::max(min_length, prompt + static_cast<std::int64_t>(example.answer_ids.size()));
  const auto rows = static_cast<std::int64_t>(items);
  ScriptBatch batch;
  batch.input_ids = torch::full({rows, length}, example.pad_token_id, torch::kInt64);
  batch.attention_mask = torch::zeros({rows, length}, torch::kInt64);
  std::int64_t* ids = batch.input_ids.data_ptr<std::int64_t>();
  std::int64_t* attention = batch.attention_mask.data_ptr<std::int64_t>();
  // Which span, if any, each prompt token belongs to.
  std::vector<int> span_of(static_cast<std::size_t>(prompt), -1);
  for (std::size_t s = 0; s < example.spans.size(); ++s)
    for (std::int64_t t = example.spans[s].first; t < example.spans[s].second; ++t)
      span_of[static_cast<std::size_t>(t)] = static_cast<int>(s);
  for (std::int64_t r = 0; r < rows; ++r) {
    const bool padding = static_cast<std::size_t>(r) >= count;  // unablated copies
    std::int64_t* row = ids + r * length;
    std::int64_t* row_attention = attention + r * length;
    std::int64_t at = 0;
    for (std::int64_t t = 0; t < prompt; ++t) {
      const int span = span_of[static_cast<std::size_t>(t)];
      const bool kept = padding || span < 0 || masks.get(first + static_cast<std::size_t>(r), span);
      if (kept)
        row[at++] = example.input_ids[static_cast<std::size_t>(t)];
      else if (ablation == Ablation::kMask)
        row[at++] = *example.mask_token_id;
    }
    batch.prompt_lengths.push_back(at);
    for (const std::int64_t token : example.answer_ids) row[at++] = token;
    std::fill(row_attention, row_attention + at, 1);
  }
  return batch;
}

void check_vocabulary(ScriptModel& model, const ScriptExample& example, torch::Device device) {
  if (example.answer_ids.empty()) return;
  const auto prompt = static_cast<std::int64_t>(example.input_ids.size());
  const torch::Tensor logits =
      model.forward(torch::tensor(example.input_ids).view({1, prompt}).to(device),
                    torch::ones({1, prompt}, torch::kInt64).to(device));
  SPEXBENCH_CHECK(logits.dim() == 3, "the model '", model.file().string(),
                  "' returned logits of shape ", logits.sizes(),
                  "; a causal LM must return (batch, length, vocabulary)");
  const std::int64_t vocabulary = logits.size(2);
  auto check = [&](std::int64_t token, const char* what) {
    SPEXBENCH_CHECK(token < vocabulary, example.where, ": ", what, " ", token,
                    " is outside the vocabulary of the model '", model.file().string(), "' (",
                    vocabulary, " tokens)");
  };
  for (const std::int64_t token : example.input_ids) check(token, "input token");
  for (const std::int64_t token : example.answer_ids) check(token, "answer token");
  if (example.mask_token_id) check(*example.mask_token_id, "mask token");
  check(example.pad_token_id, "pad token");
}

std::vector<double> target_values(const torch::Tensor& logits_in, const ScriptExample& example,
                                  const ScriptBatch& batch, std::size_t count,
                                  ClassScore class_score, const ScriptModel& model) {
  const torch::Tensor logits = logits_in.to(torch::kCPU, torch::kFloat64);
  const std::int64_t rows = batch.input_ids.size(0), length = batch.input_ids.size(1);
  std::vector<double> values(count);
  if (example.target_class) {
    SPEXBENCH_CHECK(logits.dim() == 2 && logits.size(0) == rows, "the model '",
                    model.file().string(), "' returned logits of shape ", logits.sizes(),
                    "; a classifier must return (batch = ", rows, ", classes)");
    SPEXBENCH_CHECK(*example.target_class < logits.size(1), example.where, ": target class ",
                    *example.target_class, " but the model '", model.file().string(), "' has ",
                    logits.size(1), " classes");
    const torch::Tensor scores =
        class_score == ClassScore::kLogit ? logits : torch::log_softmax(logits, 1);
    const auto read = scores.accessor<double, 2>();
    for (std::size_t r = 0; r < count; ++r)
      values[r] = read[static_cast<std::int64_t>(r)][*example.target_class];
    return values;
  }
  SPEXBENCH_CHECK(logits.dim() == 3 && logits.size(0) == rows && logits.size(1) == length,
                  "the model '", model.file().string(), "' returned logits of shape ",
                  logits.sizes(), "; a causal LM must return (batch = ", rows,
                  ", length = ", length, ", vocabulary)");
  const std::int64_t vocabulary = logits.size(2);
  for (const std::int64_t token : example.answer_ids)
    SPEXBENCH_CHECK(token < vocabulary, example.where, ": answer token ", token,
                    " is outside the vocabulary of the model '", model.file().string(), "' (",
                    vocabulary, " tokens)");
  const torch::Tensor log_probabilities = torch::log_softmax(logits, 2);
  const auto read = log_probabilities.accessor<double, 3>();
  for (std::size_t r = 0; r < count; ++r) {
    // Logits at position p predict token p + 1: answer token j sits at prompt_length + j.
    const std::int64_t start = batch.prompt_lengths[r];
    SPEXBENCH_CHECK(start >= 1, example.where,
                    ": every prompt token was deleted; a causal LM needs at least one",
                    " (keep a token outside the spans, e.g. a beginning-of-sequence token)");
    double total = 0;
    for (std::size_t j = 0; j < example.answer_ids.size(); ++j)
      total += read[static_cast<std::int64_t>(r)][start - 1 + static_cast<std::int64_t>(j)]
                   [example.answer_ids[j]];
    values[r] = total;
  }
  return values;
}

void check_unablated(Task& task) {
  MaskBatch everything(1, task.num_features());
  for (int i = 0; i < task.num_features(); ++i) everything.set(0, i, true);
  std::vector<double> value(1);
  task.evaluate(everything, value);
}

}  // namespace spexbench::llm
