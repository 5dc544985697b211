#include "suites/engine/suite.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <map>
#include <set>

#include "core/error.h"
#include "core/explainer.h"
#include "core/metric.h"
#include "core/task.h"
#include "evaluation/removal.h"

namespace spexbench {
namespace {

std::string at_line(const std::filesystem::path& path, const YAML::Node& node) {
  return str_cat(path.string(), ":", node.Mark().line + 1);
}

void check_keys(const std::filesystem::path& path, const YAML::Node& map,
                const std::set<std::string>& allowed, std::string_view what) {
  SPEXBENCH_CHECK(map.IsMap(), at_line(path, map), ": ", what, " must be a mapping");
  // yaml-cpp keeps every duplicate and lookups find the first: a second 'budgets:' would be
  // silently ignored.
  std::map<std::string, int> seen;
  for (const auto& item : map) {
    SPEXBENCH_CHECK(item.first.IsScalar(), at_line(path, item.first), ": a key in ", what,
                    " must be a plain name");
    const auto key = item.first.as<std::string>();
    const auto [first, fresh] = seen.emplace(key, item.first.Mark().line + 1);
    SPEXBENCH_CHECK(fresh, at_line(path, item.first), ": duplicate key '", key, "' in ", what,
                    " (first at line ", first->second, ")");
    if (allowed.contains(key)) continue;
    std::string message = str_cat(at_line(path, item.first), ": unknown key '", key, "' in ", what);
    const std::string hint = closest_match(key, {allowed.begin(), allowed.end()});
    if (!hint.empty()) message += str_cat("; did you mean '", hint, "'?");
    throw Error(message);
  }
}

template <class T>
T scalar(const std::filesystem::path& path, const YAML::Node& node, std::string_view what) {
  try {
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw Error(str_cat(at_line(path, node), ": ", what, " has an invalid value"));
  }
}

template <class T>
std::vector<T> list(const std::filesystem::path& path, const YAML::Node& node,
                    std::string_view what) {
  SPEXBENCH_CHECK(node.IsSequence(), at_line(path, node), ": ", what, " must be a list");
  std::vector<T> out;
  for (const auto& item : node) out.push_back(scalar<T>(path, item, what));
  return out;
}

/// A spec string from a list item. In a YAML flow list ([a, b]) the commas of an unquoted spec
/// split it into several items; the leftover "key=value" items are caught here with the fix.
std::string spec_item(const std::filesystem::path& path, const YAML::Node& node,
                      std::string_view what) {
  const auto text = scalar<std::string>(path, node, what);
  const auto colon = text.find(':');
  const auto equals = text.find('=');
  SPEXBENCH_CHECK(equals == std::string::npos || (colon != std::string::npos && colon < equals),
                  at_line(path, node), ": '", text, "' is not ", what,
                  " spec; inside [...] lists quote specs that contain commas, e.g. "
                  "['synthetic.soum:n=6,s=2,d=2', 'proxyspex:grid=fast,refit=none']");
  return text;
}

std::vector<std::string> parse_explainers(const std::filesystem::path& path,
                                          const YAML::Node& node) {
  SPEXBENCH_CHECK(node.IsSequence(), at_line(path, node), ": 'explainers' must be a list");
  std::vector<std::string> explainers;
  for (const auto& item : node) {
    const std::string spec = spec_item(path, item, "an explainer");
    try {
      explainers.push_back(ExplainerRegistry::global().canonical(spec));
    } catch (const Error& e) {
      throw Error(str_cat(at_line(path, item), ": ", e.what()));
    }
  }
  return explainers;
}

std::vector<BudgetRule> parse_budgets(const std::filesystem::path& path, const YAML::Node& node) {
  SPEXBENCH_CHECK(node.IsSequence(), at_line(path, node), ": 'budgets' must be a list");
  std::vector<BudgetRule> budgets;
  for (const auto& item : node) {
    BudgetRule rule;
    if (item.IsMap()) {
      check_keys(path, item, {"alpha"}, "budget");
      rule.alpha = scalar<double>(path, item["alpha"], "alpha");
      SPEXBENCH_CHECK(rule.alpha > 0 && rule.alpha <= BudgetRule::kMaxAlpha, at_line(path, item),
                      ": alpha must be a number in (0, ", BudgetRule::kMaxAlpha, "], got ",
                      rule.alpha);
    } else {
      rule.absolute = scalar<std::int64_t>(path, item, "budgets");
      SPEXBENCH_CHECK(rule.absolute >= 1, at_line(path, item), ": budget ", rule.absolute,
                      " must be >= 1");
    }
    budgets.push_back(rule);
  }
  return budgets;
}

}  // namespace

std::int64_t BudgetRule::for_features(int n) const {
  if (absolute > 0) return absolute;
  return std::max<std::int64_t>(
      1, std::llround(alpha * n * std::log2(static_cast<double>(std::max(n, 2)))));
}

std::string BudgetRule::describe() const {
  return absolute > 0 ? std::to_string(absolute) : str_cat("alpha=", alpha);
}

namespace {
Suite load_suite_checked(const std::filesystem::path& path);
}  // namespace

Suite load_suite(const std::filesystem::path& path) {
  try {
    return load_suite_checked(path);
  } catch (const YAML::Exception& e) {  // a node of an unexpected kind that no check above named
    throw Error(str_cat(path.string(), ":", e.mark.line + 1, ": ", e.msg));
  }
}

namespace {
Suite load_suite_checked(const std::filesystem::path& path) {
  SPEXBENCH_CHECK(std::filesystem::exists(path), "suite file '", path.string(), "' does not exist");
  SPEXBENCH_CHECK(!std::filesystem::is_directory(path), "suite file '", path.string(),
                  "' is a folder");
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    throw Error(str_cat(path.string(), ":", e.mark.line + 1, ": malformed YAML: ", e.msg));
  }
  check_keys(path, root,
             {"name", "description", "tasks", "explainers", "budgets", "seeds", "repetitions",
              "holdout", "metrics", "removal", "cache"},
             "suite");
  Suite suite;
  SPEXBENCH_CHECK(root["name"], path.string(), ": missing key 'name'");
  suite.name = scalar<std::string>(path, root["name"], "name");
  // The name is the default output file, results/NAME.h5: a plain file name, nothing that climbs
  // out of results/ or lands elsewhere.
  SPEXBENCH_CHECK(!suite.name.empty() && suite.name.size() <= 128 && suite.name.front() != '.' &&
                      suite.name.find_first_not_of(
                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
                          std::string::npos,
                  at_line(path, root["name"]), ": name '", suite.name,
                  "' must be a plain file name: letters, digits, '.', '_' and '-', not starting "
                  "with '.', at most 128 "
                  "characters");
  if (root["description"])
    suite.description = scalar<std::string>(path, root["description"], "description");

  SPEXBENCH_CHECK(root["tasks"] && root["tasks"].IsSequence(), path.string(),
                  ": 'tasks' must be a list");
  // Two passes: split flow-list specs are reported before any fragment fails validation.
  std::vector<std::pair<YAML::Node, SuiteTask>> tasks;
  for (const auto& node : root["tasks"]) {
    SuiteTask task;
    if (node.IsScalar()) {
      task.spec = spec_item(path, node, "a task");
    } else {
      check_keys(path, node, {"task", "instances", "explainers", "budgets"}, "task entry");
      SPEXBENCH_CHECK(node["task"], at_line(path, node), ": task entry needs 'task'");
      task.spec = spec_item(path, node["task"], "a task");
      if (node["instances"]) task.instances = scalar<int>(path, node["instances"], "instances");
      SPEXBENCH_CHECK(task.instances >= 1, at_line(path, node["instances"]),
                      ": instances must be >= 1");
      if (node["explainers"]) task.explainers = parse_explainers(path, node["explainers"]);
      if (node["budgets"]) task.budgets = parse_budgets(path, node["budgets"]);
    }
    tasks.emplace_back(node, task);
  }
  for (auto& [node, task] : tasks) {
    try {
      task.spec = TaskRegistry::global().canonical(task.spec);
    } catch (const Error& e) {
      throw Error(str_cat(at_line(path, node), ": ", e.what()));
    }
    suite.tasks.push_back(task);
  }
  if (root["explainers"]) suite.explainers = parse_explainers(path, root["explainers"]);
  if (root["budgets"]) suite.budgets = parse_budgets(path, root["budgets"]);
  for (const SuiteTask& task : suite.tasks) {
    SPEXBENCH_CHECK(!task.explainers.empty() || !suite.explainers.empty(), path.string(),
                    ": task '", task.spec,
                    "' has no explainers: give the suite or the task a list");
    SPEXBENCH_CHECK(!task.budgets.empty() || !suite.budgets.empty(), path.string(), ": task '",
                    task.spec, "' has no budgets: give the suite or the task a list");
  }
  if (root["seeds"]) suite.seeds = list<std::uint64_t>(path, root["seeds"], "seeds");
  if (root["repetitions"])
    suite.repetitions = scalar<int>(path, root["repetitions"], "repetitions");
  SPEXBENCH_CHECK(suite.repetitions >= 1, path.string(), ": repetitions must be >= 1");
  if (root["holdout"]) suite.holdout = scalar<int>(path, root["holdout"], "holdout");
  SPEXBENCH_CHECK(suite.holdout >= 0 && suite.holdout <= kMaxHoldout, path.string(), ": holdout ",
                  suite.holdout, " is out of range [0, ", kMaxHoldout, "]");
  if (root["metrics"]) {
    for (const auto& node : root["metrics"]) {
      try {
        suite.metrics.push_back(
            MetricRegistry::global().create(spec_item(path, node, "a metric"))->spec());
      } catch (const Error& e) {
        throw Error(str_cat(at_line(path, node), ": ", e.what()));
      }
    }
  }
  if (root["cache"]) suite.cache = scalar<std::string>(path, root["cache"], "cache");
  if (root["removal"]) {
    const auto range = list<int>(path, root["removal"], "removal");
    SPEXBENCH_CHECK(range.size() == 2 && range[0] >= 1 && range[0] <= range[1],
                    at_line(path, root["removal"]),
                    ": removal must be [r_min, r_max] with 1 <= r_min <= r_max");
    suite.removal_min = range[0];
    suite.removal_max = range[1];
  }
  SPEXBENCH_CHECK(!suite.tasks.empty() && !suite.seeds.empty(), path.string(),
                  ": a suite needs at least one task and seed");
  return suite;
}
}  // namespace

std::vector<CellSpec> expand_suite(const Suite& suite) {
  std::vector<CellSpec> cells;
  std::vector<std::string> evaluations;
  if (suite.removal_min > 0)
    evaluations.push_back(removal_spec(suite.removal_min, suite.removal_max));
  for (const SuiteTask& task : suite.tasks) {
    // n for alpha budgets: from one instance of the task (its size does not depend on the seed).
    const auto& explainers = task.explainers.empty() ? suite.explainers : task.explainers;
    const auto& budgets = task.budgets.empty() ? suite.budgets : task.budgets;
    int n = 0;
    for (const BudgetRule& rule : budgets)
      if (rule.absolute == 0 && n == 0)
        n = TaskRegistry::global().create(task.spec, {.seed = 0})->num_features();
    for (int instance = 0; instance < task.instances; ++instance)
      for (const std::string& explainer : explainers)
        for (const BudgetRule& rule : budgets)
          for (const std::uint64_t seed : suite.seeds)
            for (int repetition = 0; repetition < suite.repetitions; ++repetition)
              cells.push_back({.task = task.spec,
                               .explainer = explainer,
                               .budget = rule.for_features(n),
                               .seed = seed,
                               .instance = instance,
                               .repetition = repetition,
                               .holdout = suite.holdout,
                               .metrics = suite.metrics,
                               .cache = suite.cache,
                               .evaluations = evaluations});
  }
  return cells;
}

}  // namespace spexbench
