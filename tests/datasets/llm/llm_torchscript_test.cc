// llm.torchscript and llm.heads with torchscript=FILE against models and values written by
// make_torchscript_models.py with Debian's python3-torch (the ctest fixture
// llm.torchscript_fixtures, writing to the folder SPEXBENCH_TORCHSCRIPT_FIXTURES).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

class LlmTorchScript : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = SPEXBENCH_TORCHSCRIPT_FIXTURES;
    if (!fs::exists(folder_ / "expected.json"))
      GTEST_SKIP() << "no TorchScript fixtures in " << folder_
                   << " (python3-torch missing at configure time)";
    std::ifstream(folder_ / "expected.json") >> expected_;
  }
  std::string file(const std::string& name) const { return (folder_ / name).string(); }
  std::string spec(const std::string& model, const std::string& examples,
                   const std::string& rest = "") const {
    return "llm.torchscript:model=" + file(model) + ",examples=" + file(examples) + rest;
  }
  std::string error_of(const std::string& task_spec) const {
    try {
      (void)TaskRegistry::global().create(task_spec, {.seed = 1});
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
  /// Replays the Python-computed values of one model.
  void expect_python_values(const std::string& model, const std::string& examples,
                            const std::string& key) {
    int checked = 0;
    for (const auto& row : expected_[key]) {
      const std::string task_spec = spec(model, examples,
                                         ",example=" + std::to_string(row["example"].get<int>()) +
                                             ",ablation=" + row["ablation"].get<std::string>());
      const auto task = TaskRegistry::global().create(task_spec, {.seed = 1});
      const auto bits = row["mask"].get<std::vector<int>>();
      MaskBatch mask(1, static_cast<int>(bits.size()));
      for (std::size_t i = 0; i < bits.size(); ++i) mask.set(0, static_cast<int>(i), bits[i] != 0);
      std::vector<double> value(1);
      task->evaluate(mask, value);
      EXPECT_NEAR(value[0], row["value"].get<double>(), 1e-5) << task_spec;
      ++checked;
    }
    EXPECT_GE(checked, 12);
  }

  fs::path folder_;
  nlohmann::json expected_;
};

TEST_F(LlmTorchScript, ClassifierLogitsMatchPythonForMaskingAndDeletion) {
  expect_python_values("classifier.pt", "classifier.jsonl", "classifier");
}

TEST_F(LlmTorchScript, CausalLmAnswerLogProbabilitiesMatchPython) {
  expect_python_values("causal_lm.pt", "causal_lm.jsonl", "causal_lm");
}

TEST_F(LlmTorchScript, SmallExamplesHaveTheExactSpectrumAndBatchSizeDoesNotMatter) {
  const auto task = TaskRegistry::global().create(
      spec("classifier.pt", "classifier.jsonl", ",batch=64"), {.seed = 1});
  ASSERT_EQ(task->num_features(), 8);
  ASSERT_NE(task->ground_truth(), nullptr);
  const MaskBatch all = enumerate_masks(8, 0, 256);
  std::vector<double> values(256);
  task->evaluate(all, values);
  const std::vector<double> truth = task->ground_truth()->evaluate(all);
  for (std::size_t r = 0; r < 256; ++r) EXPECT_NEAR(truth[r], values[r], 1e-5);
  const auto single = TaskRegistry::global().create(
      spec("classifier.pt", "classifier.jsonl", ",batch=1,ground_truth=none"), {.seed = 1});
  std::vector<double> one_by_one(256);
  single->evaluate(all, one_by_one);
  EXPECT_EQ(one_by_one, values);
  // 20 spans: no exact truth.
  EXPECT_EQ(TaskRegistry::global()
                .create(spec("classifier.pt", "classifier.jsonl", ",example=1"), {.seed = 1})
                ->ground_truth(),
            nullptr);
}

TEST_F(LlmTorchScript, HeadLensOverAUsersModelMatchesPython) {
  const std::string task_spec = "llm.heads:layers=2,heads=3,torchscript=" + file("heads.pt") +
                                ",examples=" + file("heads.jsonl");
  const auto task = TaskRegistry::global().create(task_spec, {.seed = 1});
  ASSERT_EQ(task->num_features(), 6);
  EXPECT_NE(task->ground_truth(), nullptr);
  for (const auto& row : expected_["heads"]) {
    const auto bits = row["mask"].get<std::vector<int>>();
    MaskBatch mask(1, 6);
    for (int i = 0; i < 6; ++i) mask.set(0, i, bits[static_cast<std::size_t>(i)] != 0);
    std::vector<double> value(1);
    task->evaluate(mask, value);
    EXPECT_NEAR(value[0], row["value"].get<double>(), 1e-5);
  }
}

TEST_F(LlmTorchScript, ModelsWrittenByTheHuggingFaceExportScriptRun) {
  // scripts/export_hf_torchscript.py --self-test: its stand-in model, traced like a real one.
  const std::string classifier = "llm.torchscript:model=" + file("exported/classifier/model.pt") +
                                 ",examples=" + file("exported/classifier/examples.jsonl");
  for (const char* example : {",example=0", ",example=1,ablation=delete"}) {
    const auto task = TaskRegistry::global().create(classifier + example, {.seed = 1});
    EXPECT_GE(task->num_features(), 8);
    ASSERT_NE(task->ground_truth(), nullptr);
  }
  const auto lm =
      TaskRegistry::global().create("llm.torchscript:model=" + file("exported/causal_lm/model.pt") +
                                        ",examples=" + file("exported/causal_lm/examples.jsonl"),
                                    {.seed = 1});
  EXPECT_EQ(lm->num_features(), 5);  // "Paris is the capital of"
  const auto heads = TaskRegistry::global().create(
      "llm.heads:layers=2,heads=2,torchscript=" + file("exported/heads/model.pt") +
          ",examples=" + file("exported/heads/examples.jsonl"),
      {.seed = 1});
  MaskBatch masks = enumerate_masks(4, 0, 16);
  std::vector<double> values(16);
  heads->evaluate(masks, values);
  for (const double v : values) EXPECT_TRUE(std::isfinite(v) && v < 0);
  EXPECT_NE(values[0], values[15]);  // ablating heads changes the label's log-probability
}

TEST_F(LlmTorchScript, BadFilesAndExamplesAreClearErrors) {
  auto contains = [](const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  };
  std::string message = error_of(spec("missing.pt", "classifier.jsonl"));
  EXPECT_TRUE(contains(message, "missing.pt' does not exist")) << message;
  message = error_of(spec("corrupt.pt", "classifier.jsonl"));
  EXPECT_TRUE(contains(message, "corrupt.pt' is not a TorchScript model")) << message;
  message = error_of(spec("classifier.pt", "bad_span.jsonl", ",example=1"));
  EXPECT_TRUE(contains(message, "bad_span.jsonl:2: span 1 [2, 5) exceeds the 3 input tokens"))
      << message;
  message = error_of(spec("classifier.pt", "bad_json.jsonl"));
  EXPECT_TRUE(contains(message, "bad_json.jsonl:2: not valid JSON")) << message;
  message = error_of(spec("causal_lm.pt", "bad_answer.jsonl"));
  EXPECT_TRUE(contains(
      message, "bad_answer.jsonl:1: answer token 99 is outside the vocabulary of the model"))
      << message;
  message = error_of(spec("classifier.pt", "bad_class.jsonl"));
  EXPECT_TRUE(contains(message, "bad_class.jsonl:1: target class 7 but the model")) << message;
  message = error_of(spec("returns_ids.pt", "classifier.jsonl"));
  EXPECT_TRUE(contains(message, "returns_ids.pt' returned logits of shape [") &&
              contains(message, ", 11, 1]; a classifier must return (batch"))
      << message;
  message = error_of(spec("classifier.pt", "classifier.jsonl", ",example=5"));
  EXPECT_TRUE(contains(message, "example=5 but")) << message;
  message = error_of(spec("classifier.pt", "missing.jsonl"));
  EXPECT_TRUE(contains(message, "cannot read the examples file")) << message;
  if (!torch::cuda::is_available()) {
    message = error_of(spec("classifier.pt", "classifier.jsonl", ",device=cuda"));
    EXPECT_TRUE(contains(message, "device=cuda but no CUDA device")) << message;
  }
}

}  // namespace
}  // namespace spexbench
