// The examples file of llm.torchscript and llm.heads: JSON lines, one example per line.
//
//   {"input_ids": [101, 2023, 3185, 2001, 2307, 102],
//    "spans": [[1, 2], [2, 3], [3, 4], [4, 5]],     feature i = tokens [begin, end)
//    "mask_token_id": 103,                           replaces a feature's tokens (masking=mask)
//    "pad_token_id": 0,                              optional (default 0): pads deleted tokens
//    "target": {"class": 1}}                         a classifier: the value is this logit
//
//   {"input_ids": [...], "spans": [...], "mask_token_id": 0,
//    "target": {"answer_ids": [6342, 13]}}           a causal LM: the value is the summed
//                                                    log-probability of these tokens after the
//                                                    prompt, teacher-forced
//
// Optional keys: "features" (a name per span, e.g. the words), "text", "id". Spans must lie in
// the input and not overlap; token ids are >= 0. Any other key is an error (a misspelling would
// otherwise be ignored). Errors name the file and the line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace spexbench::llm {

struct ScriptExample {
  std::vector<std::int64_t> input_ids;
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;  ///< [begin, end) token ranges
  std::optional<std::int64_t> mask_token_id;
  std::int64_t pad_token_id = 0;
  std::optional<std::int64_t> target_class;
  std::vector<std::int64_t> answer_ids;  ///< non-empty for a causal-LM target
  std::vector<std::string> features;     ///< names of the spans, when given
  std::string where;                     ///< "file:line", for error messages
};

/// Reads and validates every example of a JSON-lines file (blank lines are skipped).
[[nodiscard]] std::vector<ScriptExample> read_script_examples(const std::filesystem::path& path);

}  // namespace spexbench::llm
