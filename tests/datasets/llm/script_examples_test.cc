// The examples reader: every malformed line is an Error naming file and line, never an escaped
// exception of the JSON library.
#include "datasets/llm/script_examples.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace spexbench::llm {
namespace {

namespace fs = std::filesystem;

std::string error_reading(const std::string& text) {
  const fs::path path = fs::temp_directory_path() / "spexbench_script_examples_test.jsonl";
  std::ofstream(path) << text;
  try {
    (void)read_script_examples(path);
  } catch (const Error& e) {
    fs::remove(path);
    return e.what();
  }
  fs::remove(path);
  return {};
}

constexpr const char* kGood =
    R"({"input_ids": [101, 7, 8, 102], "spans": [[1, 2], [2, 3]], "mask_token_id": 103, "target": {"class": 1}})";

TEST(ScriptExamples, AValidFileReads) {
  EXPECT_EQ(error_reading(std::string(kGood) + "\n\n" + kGood + "\n"), "");
}

TEST(ScriptExamples, ANumberPastTheRangeOfADoubleIsAnErrorNamingTheLine) {
  // Found by the script_examples fuzz target: the JSON library's out_of_range escaped the reader.
  const std::string message = error_reading(std::string(kGood) + "\n" +
                                            R"({"input_ids": [1e400], "spans": [[0, 1]]})" + "\n");
  EXPECT_NE(message.find("spexbench_script_examples_test.jsonl:2: not valid JSON"),
            std::string::npos)
      << message;
}

TEST(ScriptExamples, MalformedExamplesAreErrorsNamingTheLine) {
  EXPECT_NE(error_reading(R"({"input_ids": [1, -2], "spans": [[0, 1]], "target": {"class": 0}})")
                .find(":1: 'input_ids' holds -2"),
            std::string::npos);
  EXPECT_NE(error_reading(R"({"input_ids": [1, 2], "spans": [[0, 3]], "target": {"class": 0}})")
                .find("exceeds the 2 input tokens"),
            std::string::npos);
  EXPECT_NE(
      error_reading(R"({"input_ids": [1, 2], "spans": [[0, 1]], "target": {"class": 0}, "x": 1})")
          .find("unknown key 'x'"),
      std::string::npos);
  EXPECT_NE(error_reading("\n").find("has no examples"), std::string::npos);
}

}  // namespace
}  // namespace spexbench::llm
