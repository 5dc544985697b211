#include "datasets/llm/script_examples.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"

namespace spexbench::llm {
namespace {

using nlohmann::json;

std::vector<std::int64_t> token_list(const json& value, const std::string& where, const char* key) {
  SPEXBENCH_CHECK(value.is_array() && !value.empty(), where, ": '", key,
                  "' must be a non-empty list of token ids");
  std::vector<std::int64_t> tokens;
  for (const json& item : value) {
    SPEXBENCH_CHECK(item.is_number_integer() && item.get<std::int64_t>() >= 0, where, ": '", key,
                    "' holds ", item.dump(), ", not a token id (an integer >= 0)");
    tokens.push_back(item.get<std::int64_t>());
  }
  return tokens;
}

std::int64_t token_id(const json& value, const std::string& where, const char* key) {
  SPEXBENCH_CHECK(value.is_number_integer() && value.get<std::int64_t>() >= 0, where, ": '", key,
                  "' is ", value.dump(), ", not a token id (an integer >= 0)");
  return value.get<std::int64_t>();
}

ScriptExample parse_example(const json& line, const std::string& where) {
  SPEXBENCH_CHECK(line.is_object(), where, ": an example must be a JSON object");
  static const std::set<std::string> kKeys = {
      "input_ids", "spans", "mask_token_id", "pad_token_id", "target", "features", "text", "id"};
  for (const auto& [key, value] : line.items())
    SPEXBENCH_CHECK(
        kKeys.contains(key), where, ": unknown key '", key,
        "' (input_ids, spans, mask_token_id, pad_token_id, target, features, text, id)");
  ScriptExample example;
  example.where = where;
  SPEXBENCH_CHECK(line.contains("input_ids"), where, ": missing 'input_ids'");
  example.input_ids = token_list(line["input_ids"], where, "input_ids");
  const auto length = static_cast<std::int64_t>(example.input_ids.size());

  SPEXBENCH_CHECK(line.contains("spans") && line["spans"].is_array() && !line["spans"].empty(),
                  where, ": 'spans' must be a non-empty list of [begin, end) token ranges");
  for (const json& span : line["spans"]) {
    SPEXBENCH_CHECK(span.is_array() && span.size() == 2 && span[0].is_number_integer() &&
                        span[1].is_number_integer(),
                    where, ": span ", span.dump(), " is not [begin, end]");
    const auto begin = span[0].get<std::int64_t>(), end = span[1].get<std::int64_t>();
    SPEXBENCH_CHECK(0 <= begin && begin < end, where, ": span ", example.spans.size(), " [", begin,
                    ", ", end, ") is empty or negative");
    SPEXBENCH_CHECK(end <= length, where, ": span ", example.spans.size(), " [", begin, ", ", end,
                    ") exceeds the ", length, " input tokens");
    example.spans.emplace_back(begin, end);
  }
  auto sorted = example.spans;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 1; i < sorted.size(); ++i)
    SPEXBENCH_CHECK(sorted[i].first >= sorted[i - 1].second, where, ": spans [",
                    sorted[i - 1].first, ", ", sorted[i - 1].second, ") and [", sorted[i].first,
                    ", ", sorted[i].second, ") overlap");

  if (line.contains("mask_token_id"))
    example.mask_token_id = token_id(line["mask_token_id"], where, "mask_token_id");
  if (line.contains("pad_token_id"))
    example.pad_token_id = token_id(line["pad_token_id"], where, "pad_token_id");

  SPEXBENCH_CHECK(line.contains("target") && line["target"].is_object(), where,
                  ": 'target' must be {\"class\": k} or {\"answer_ids\": [...]}");
  const json& target = line["target"];
  SPEXBENCH_CHECK(target.size() == 1 && (target.contains("class") || target.contains("answer_ids")),
                  where, ": 'target' must be {\"class\": k} or {\"answer_ids\": [...]}, got ",
                  target.dump());
  if (target.contains("class"))
    example.target_class = token_id(target["class"], where, "class");
  else
    example.answer_ids = token_list(target["answer_ids"], where, "answer_ids");

  if (line.contains("features")) {
    const json& names = line["features"];
    SPEXBENCH_CHECK(names.is_array() && names.size() == example.spans.size(), where,
                    ": 'features' must name each of the ", example.spans.size(), " spans");
    for (const json& name : names) {
      SPEXBENCH_CHECK(name.is_string(), where, ": 'features' must be strings");
      example.features.push_back(name.get<std::string>());
    }
  }
  return example;
}

}  // namespace

std::vector<ScriptExample> read_script_examples(const std::filesystem::path& path) {
  std::ifstream in(path);
  SPEXBENCH_CHECK(in, "cannot read the examples file '", path.string(), "'");
  std::vector<ScriptExample> examples;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = str_cat(path.string(), ":", number);
    json line;
    try {
      line = json::parse(text);
    } catch (const json::exception& e) {  // a syntax error, or a number past double's range
      throw Error(str_cat(where, ": not valid JSON (", e.what(), ")"));
    }
    examples.push_back(parse_example(line, where));
  }
  SPEXBENCH_CHECK(!examples.empty(), "the examples file '", path.string(), "' has no examples");
  return examples;
}

}  // namespace spexbench::llm
