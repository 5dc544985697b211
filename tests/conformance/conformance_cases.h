// Per-plug-in settings for the conformance tests. Every registered explainer and task must have an
// entry here (a test checks it), so a new plug-in cannot skip the contract.
#pragma once

#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace spexbench::test {

struct ExplainerCase {
  std::string spec;           ///< a canonical spec exercising non-default parameters where useful
  std::string task;           ///< a sparse task it must recover
  std::int64_t budget;        ///< a generous budget for that task
  std::int64_t small_budget;  ///< a budget it must respect (or declare infeasible)
};

inline const std::map<std::string, ExplainerCase>& explainer_cases() {
  static const std::map<std::string, ExplainerCase> cases = {
#ifdef SPEXBENCH_HAVE_XGBOOST
      {"proxyspex",
       {"proxyspex:grid=fast,trees=200", "synthetic.sparse_fourier:n=12,s=6,d=2", 2000, 50}},
#endif
      {"exhaustive", {"exhaustive:batch=100", "synthetic.sparse_fourier:n=10,s=8,d=3", 1024, 100}},
      {"spex", {"spex:decoder=hard,t=4", "synthetic.sparse_fourier:n=40,s=20,d=4", 20000, 1000}},
      // Marginal methods recover additive (degree-1) functions exactly; interaction methods of
      // order 2 recover degree-2 functions.
      {"kernel_shap", {"kernel_shap", "synthetic.sparse_fourier:n=12,s=6,d=1", 4096, 30}},
      {"permutation_shapley",
       {"permutation_shapley", "synthetic.sparse_fourier:n=12,s=6,d=1", 500, 30}},
      {"banzhaf", {"banzhaf:method=regression", "synthetic.sparse_fourier:n=12,s=6,d=1", 4096, 30}},
      {"lime", {"lime:kernel_width=50", "synthetic.sparse_fourier:n=12,s=6,d=1", 4096, 30}},
      {"lasso", {"lasso:folds=4", "synthetic.sparse_fourier:n=12,s=6,d=1", 2000, 30}},
      {"faith_banzhaf",
       {"faith_banzhaf:regularization=none", "synthetic.sparse_fourier:n=10,s=8,d=2", 1024, 100}},
      {"faith_shap", {"faith_shap", "synthetic.sparse_fourier:n=10,s=8,d=2", 1024, 100}},
      {"shapley_taylor", {"shapley_taylor", "synthetic.sparse_fourier:n=10,s=8,d=2", 1024, 100}},
      {"exact_index",
       {"exact_index:index=fsii,order=2", "synthetic.sparse_fourier:n=10,s=8,d=2", 1024, 100}},
      // A NumPy method in another process: least squares of order 2 on every mask recovers a
      // degree-2 function; at 100 queries it regresses on 100 seeded uniform masks.
      {"external.explainer",
       {"external.explainer:command=\"/usr/bin/python3 " + std::string(SPEXBENCH_SOURCE_DIR) +
            "/baselines/external/examples/uniform_regression.py --order 2\",timeout=60",
        "synthetic.sparse_fourier:n=10,s=8,d=2", 1024, 100}},
  };
  return cases;
}

/// A small instance of each task family (n <= 12 so the exhaustive check is cheap).
inline const std::map<std::string, std::string>& task_cases() {
  static const std::map<std::string, std::string> cases = {
      {"synthetic.sparse_fourier", "synthetic.sparse_fourier:n=10,s=8,d=3,snr_db=20"},
      {"synthetic.soum", "synthetic.soum:n=9,s=6,d=3,law=gaussian"},
      {"synthetic.hierarchical", "synthetic.hierarchical:n=12,sets=3,d=4,variant=peak"},
      {"data.subsets", "data.subsets:n=8,points=3,features=4"},
#ifdef SPEXBENCH_HAVE_XGBOOST
      {"tabular.trees", "tabular.trees:dataset=wine,trees=20,background=3"},
#endif
      {"external.process", "external.process:command=\"/usr/bin/python3 " +
                               std::string(SPEXBENCH_SOURCE_DIR) +
                               "/datasets/external/examples/sparse_polynomial_worker.py " +
                               std::string(SPEXBENCH_SOURCE_DIR) +
                               "/datasets/external/examples/example_polynomial.json\""},
#ifdef SPEXBENCH_TORCHSCRIPT_FIXTURES  // the LLM test binary (tests/CMakeLists.txt)
      {"llm.planted", "llm.planted:n=8,s=4,d=2,dtype=float64"},  // float32 is exact to 1e-7
      {"llm.circuit", "llm.circuit:layers=3,heads=5,and=1,or=1,inhibit=1,noise=1,order_max=3"},
      {"llm.sentiment", "llm.sentiment:n=8"},
      {"llm.heads", "llm.heads:layers=2,heads=4,width=16,train_steps=300,reviews=8,words=12"},
      {"llm.torchscript",
       "llm.torchscript:model=" SPEXBENCH_TORCHSCRIPT_FIXTURES
       "/classifier.pt,examples=" SPEXBENCH_TORCHSCRIPT_FIXTURES "/classifier.jsonl"},
#endif
  };
  return cases;
}

/// The tasks that have no ground truth by design: a worker process is a black box. Any other task
/// without one fails the conformance test.
inline const std::set<std::string>& tasks_without_truth() {
  static const std::set<std::string> names = {"external.process"};
  return names;
}

inline bool is_test_plugin(const std::string& name) { return name.rfind("test.", 0) == 0; }

/// Every registered name of a plug-in kind except the test binary's own plug-ins.
template <class Registry>
std::vector<std::string> shipped_names(const Registry& registry) {
  std::vector<std::string> names;
  for (const auto& name : registry.names())
    if (!is_test_plugin(name)) names.push_back(name);
  return names;
}

/// The shipped names this binary checks: the LLM test binary checks the llm.* plug-ins, which
/// only it links; the main binary checks the rest.
template <class Registry>
std::vector<std::string> conformance_names(const Registry& registry) {
  std::vector<std::string> names;
  for (const auto& name : shipped_names(registry)) {
    const bool llm = name.rfind("llm.", 0) == 0;
#ifdef SPEXBENCH_TORCHSCRIPT_FIXTURES
    if (llm) names.push_back(name);
#else
    if (!llm) names.push_back(name);
#endif
  }
  return names;
}

/// A GoogleTest parameter name from a plug-in name ("synthetic.soum" -> "synthetic_soum").
struct PluginTestName {
  template <class Info>
  std::string operator()(const Info& info) const {
    std::string name = info.param;
    for (char& ch : name)
      if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return name;
  }
};

}  // namespace spexbench::test
