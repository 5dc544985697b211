#include "suites/engine/suite.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/explainer.h"
#include "tests/suites/shipped_suites.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

fs::path write_suite(const std::string& name, const std::string& text) {
  const fs::path path = fs::temp_directory_path() / ("spexbench_suite_test_" + name + ".yaml");
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::string& name, const std::string& text) {
  try {
    (void)load_suite(write_suite(name, text));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Suite, LoadsCanonicalizesAndExpandsInAFixedOrder) {
  const Suite suite = load_suite(write_suite("ok", R"(name: tiny
tasks:
  - task: synthetic.sparse_fourier:d=2,n=8,s=3
    instances: 2
  - synthetic.soum:n=6,s=2,d=2
explainers: [exhaustive]
budgets: [256, {alpha: 2}]
seeds: [0, 5]
metrics: [r2]
)"));
  EXPECT_EQ(suite.tasks[0].spec, "synthetic.sparse_fourier:n=8,s=3,d=2");
  const auto cells = expand_suite(suite);
  ASSERT_EQ(cells.size(), (2 + 1) * 1 * 2 * 2u);
  EXPECT_EQ(cells[0].budget, 256);
  EXPECT_EQ(cells[2].budget, 48);  // alpha = 2 at n = 8: 2 * 8 * 3
  EXPECT_EQ(cells[0].seed, 0u);
  EXPECT_EQ(cells[1].seed, 5u);
  EXPECT_EQ(cells[4].instance, 1);
  EXPECT_EQ(cells.back().task, "synthetic.soum:n=6,s=2,d=2");
}

TEST(Suite, ATaskMayNameItsOwnExplainersAndBudgets) {
  const Suite suite = load_suite(write_suite("own", R"(name: own
tasks:
  - synthetic.soum:n=6,s=2,d=2
  - task: synthetic.soum:n=8,s=2,d=2
    explainers: [lasso]
    budgets: [{alpha: 1}]
explainers: [exhaustive, spex]
budgets: [64, 128]
)"));
  const auto cells = expand_suite(suite);
  ASSERT_EQ(cells.size(), 2 * 2 + 1u);
  EXPECT_EQ(cells[3].explainer, ExplainerRegistry::global().canonical("spex"));
  EXPECT_EQ(cells[3].budget, 128);
  EXPECT_EQ(cells[4].explainer, ExplainerRegistry::global().canonical("lasso"));
  EXPECT_EQ(cells[4].budget, 24);  // alpha = 1 at n = 8
  // Without a suite-wide list, every task must have its own.
  EXPECT_NE(error_of("none", "name: x\ntasks: ['synthetic.soum:n=6,s=2,d=2']\nbudgets: [4]\n")
                .find("has no explainers"),
            std::string::npos);
}

TEST(Suite, MistakesNameTheKeyAndTheLine) {
  EXPECT_NE(
      error_of("key", "name: x\ntasks: ['synthetic.soum:n=6,s=2,d=2']\nexplainer: [exhaustive]\n")
          .find(":3: unknown key 'explainer' in suite; did you mean 'explainers'?"),
      std::string::npos);
  EXPECT_NE(
      error_of("task",
               "name: x\ntasks:\n  - synthetic.sum:n=6\nexplainers: [exhaustive]\nbudgets: [1]\n")
          .find(":3: unknown task 'synthetic.sum'"),
      std::string::npos);
  EXPECT_NE(error_of("yaml", "name: x\ntasks: [a\n").find("malformed YAML"), std::string::npos);
  EXPECT_NE(error_of("budget",
                     "name: x\ntasks: ['synthetic.soum:n=6,s=2,d=2']\nexplainers: "
                     "[exhaustive]\nbudgets: [ten]\n")
                .find("budgets has an invalid value"),
            std::string::npos);
  EXPECT_NE(
      error_of(
          "flow",
          "name: x\ntasks: [synthetic.soum:n=6,s=2,d=2]\nexplainers: [exhaustive]\nbudgets: [9]\n")
          .find(":2: 's=2' is not a task spec; inside [...] lists quote specs"),
      std::string::npos);
  const std::string unquoted_explainer =
      error_of("flow_explainer",
               "name: x\ntasks: ['synthetic.soum:n=6,s=2,d=2']\nexplainers: [exhaustive, "
               "spex:decoder=hard,"
               "t=4]\nbudgets: [9]\n");
  EXPECT_NE(unquoted_explainer.find(":3: 't=4' is not an explainer spec"), std::string::npos)
      << unquoted_explainer;
  EXPECT_EQ(unquoted_explainer.find(":3:"), unquoted_explainer.rfind(":3:")) << unquoted_explainer;
  EXPECT_THROW((void)load_suite("/nonexistent/suite.yaml"), Error);
}

TEST(Suite, DuplicateKeysAreErrorsNamingBothLines) {
  const std::string message =
      error_of("duplicate",
               "name: x\ntasks: ['synthetic.soum:n=6,s=2,d=2']\nexplainers: [exhaustive]\n"
               "budgets: [9]\nbudgets: [64]\n");
  EXPECT_NE(message.find(":5: duplicate key 'budgets' in suite (first at line 4)"),
            std::string::npos)
      << message;
  const std::string in_task =
      error_of("duplicate_task",
               "name: x\ntasks:\n  - task: 'synthetic.soum:n=6,s=2,d=2'\n    instances: 2\n"
               "    instances: 3\nexplainers: [exhaustive]\nbudgets: [9]\n");
  EXPECT_NE(in_task.find("duplicate key 'instances'"), std::string::npos) << in_task;
}

TEST(Suite, AKeyThatIsNotAPlainNameIsAnError) {
  // Found by the suite_yaml fuzz target: a complex key ('? - x') escaped as a yaml-cpp exception.
  const std::string message = error_of("complex_key", "name: x\n? - task\n: 1\n");
  EXPECT_NE(message.find(":2: a key in suite must be a plain name"), std::string::npos) << message;
}

TEST(Suite, AlphaMustBeAFiniteNumberOfSensibleSize) {
  for (const std::string alpha : {".inf", "1e300", "-1", "0", ".nan"}) {
    const std::string message = error_of("alpha",
                                         "name: x\ntasks: ['synthetic.soum:n=6,s=2,d=2']\n"
                                         "explainers: [exhaustive]\nbudgets: [{alpha: " +
                                             alpha + "}]\n");
    EXPECT_NE(message.find(":4: alpha must be a number in (0, 1e+09]"), std::string::npos)
        << alpha << ": " << message;
  }
}

TEST(Suite, EveryYamlBlockOfTheReadmeIsAValidSuite) {
  std::ifstream readme(fs::path(SPEXBENCH_SOURCE_DIR) / "README.md");
  ASSERT_TRUE(readme) << "README.md not found";
  std::string line, block;
  int blocks = 0;
  bool inside = false;
  while (std::getline(readme, line)) {
    if (!inside && line == "```yaml") {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      ++blocks;
      const std::string message = error_of("readme_" + std::to_string(blocks), block);
      // Without XGBoost, proxyspex is not registered: naming it is then the only error allowed.
      if (ExplainerRegistry::global().find("proxyspex") == nullptr &&
          message.find("unknown explainer 'proxyspex") != std::string::npos)
        continue;
      EXPECT_EQ(message, "") << "README yaml block " << blocks << ":\n" << block;
    } else if (inside) {
      block += line + "\n";
    }
  }
  EXPECT_GE(blocks, 1);
}

TEST(Suite, AHoldoutNeedingUnboundedMemoryIsAnError) {
  const std::string message =
      error_of("holdout",
               "name: x\nholdout: 2000000000\ntasks: ['synthetic.soum:n=6,s=2,d=2']\n"
               "explainers: [exhaustive]\nbudgets: [9]\n");
  EXPECT_NE(message.find("holdout 2000000000 is out of range [0, 1000000]"), std::string::npos)
      << message;
}

TEST(Suite, TheNameMustBeAPlainFileName) {
  for (const std::string name : {"../escape", "/tmp/abs", "a/b", ".hidden", "''", "a b"}) {
    const std::string message = error_of(
        "name",
        "name: " + name +
            "\ntasks: ['synthetic.soum:n=6,s=2,d=2']\nexplainers: [exhaustive]\nbudgets: [9]\n");
    EXPECT_NE(message.find(":1: name"), std::string::npos) << name << ": " << message;
    EXPECT_NE(message.find("must be a plain file name"), std::string::npos)
        << name << ": " << message;
  }
  EXPECT_EQ(error_of("good_name",
                     "name: my-suite_2.v1\ntasks: ['synthetic.soum:n=6,s=2,d=2']\n"
                     "explainers: [exhaustive]\nbudgets: [9]\n"),
            "");
}

TEST(Suite, TuningSeedsAreKeptApartFromReportedSuites) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(SPEXBENCH_SOURCE_DIR) / "suites";
  int reported = 0, tuning = 0;
  for (const bool is_tuning : {false, true})
    for (const auto& entry : fs::directory_iterator(is_tuning ? root / "tuning" : root)) {
      if (entry.path().extension() != ".yaml") continue;
      Suite suite;
      try {
        suite = load_suite(entry.path());
      } catch (const Error& e) {  // a plug-in this build lacks; the seeds are read all the same
        const std::string text = e.what();
        ASSERT_TRUE(text.find("unknown task 'llm.") != std::string::npos ||
                    text.find("unknown explainer 'proxyspex") != std::string::npos ||
                    text.find("unknown task 'tabular.") != std::string::npos)
            << text;
        continue;
      }
      for (const std::uint64_t seed : suite.seeds)
        EXPECT_EQ(seed >= kFirstTuningSeed, is_tuning) << entry.path() << ": seed " << seed;
      ++(is_tuning ? tuning : reported);
    }
  EXPECT_GE(reported, 4);
#ifdef SPEXBENCH_HAVE_XGBOOST
  EXPECT_GE(tuning, 2);
#endif
}

TEST(Suite, EveryShippedSuiteLoads) {
  // This binary does not link libtorch: suites of llm.* tasks are loaded by the LLM test binary
  // (Suite.EveryShippedSuiteLoadsWithEveryPlugin), and those of proxyspex and tabular.trees only
  // where XGBoost is found.
  const int loaded = test::load_shipped_suites([](const std::string& message) {
#ifdef SPEXBENCH_HAVE_XGBOOST
    const bool without_xgboost = false;
#else
    const bool without_xgboost = message.find("unknown task 'tabular.") != std::string::npos;
#endif
    return message.find("unknown task 'llm.") != std::string::npos ||
           message.find("unknown explainer 'proxyspex") != std::string::npos || without_xgboost;
  });
#ifdef SPEXBENCH_HAVE_XGBOOST
  EXPECT_GE(loaded, 8);
#else
  EXPECT_GE(loaded, 4);  // the four suites without proxyspex
#endif
}

}  // namespace
}  // namespace spexbench
