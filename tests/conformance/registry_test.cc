// Every plug-in the project ships is registered: a dropped object file would fail here rather
// than silently shrink a sweep.
#include <gtest/gtest.h>

#include "core/cell_evaluation.h"
#include "core/error.h"
#include "core/explainer.h"
#include "core/metric.h"
#include "core/task.h"

namespace spexbench {
namespace {

TEST(Registry, EveryShippedPluginIsRegistered) {
  for (const char* name :
       {"banzhaf", "exact_index", "exhaustive", "faith_banzhaf", "faith_shap", "kernel_shap",
        "lasso", "lime", "permutation_shapley", "shapley_taylor", "spex", "external.explainer"})
    EXPECT_NE(ExplainerRegistry::global().find(name), nullptr) << name;
#ifdef SPEXBENCH_HAVE_XGBOOST
  EXPECT_NE(ExplainerRegistry::global().find("proxyspex"), nullptr);
  EXPECT_NE(TaskRegistry::global().find("tabular.trees"), nullptr);
#endif
  for (const char* name : {"synthetic.sparse_fourier", "synthetic.soum", "synthetic.hierarchical",
                           "external.process", "data.subsets"})
    EXPECT_NE(TaskRegistry::global().find(name), nullptr) << name;
  for (const char* name : {"r2", "support_precision", "support_recall", "support_f1", "nmse",
                           "sv_max_error", "sv_mse", "recall_at_10", "kendall_tau", "energy_recall",
                           "index_mse", "index_precision_at_k", "index_kendall_tau"})
    EXPECT_NE(MetricRegistry::global().find(name), nullptr) << name;
  EXPECT_NE(EvaluationRegistry::global().find("removal"), nullptr);
}

TEST(Registry, UnknownNamesListTheCandidates) {
  try {
    (void)ExplainerRegistry::global().create("exhaustiv");
    FAIL();
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("unknown explainer 'exhaustiv'"), std::string::npos) << message;
    EXPECT_NE(message.find("did you mean 'exhaustive'?"), std::string::npos) << message;
    EXPECT_NE(message.find("registered explainers:"), std::string::npos) << message;
  }
}

TEST(Registry, EveryEntryDocumentsItself) {
  auto check = [](const auto& registry) {
    for (const auto* entry : registry.list()) {
      EXPECT_FALSE(entry->description.empty()) << entry->name;
      for (const auto& p : entry->params)
        EXPECT_FALSE(p.doc.empty()) << entry->name << "." << p.name;
    }
  };
  check(ExplainerRegistry::global());
  check(TaskRegistry::global());
  check(MetricRegistry::global());
  check(EvaluationRegistry::global());
}

}  // namespace
}  // namespace spexbench
