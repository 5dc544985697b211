// external.explainer: a method that lives in another process (any language), run per cell over the
// versioned JSON-lines protocol of README.md beside this file:
//
//   -> {"protocol": "spexbench-explainer", "version": 1, "n": N, "budget": B, "seed": S,
//       "threads": T, "params": "...", "names": [...]}
//   <- {"protocol": "spexbench-explainer", "version": 1}
//   <- {"query": ["0110...", ...]}  or  {"query_packed": ["a3f0...", ...]}
//   -> {"values": [v, ...]}          or  {"error": {"kind": "budget_exceeded", "message": "..."}}
//   ...
//   <- {"explanation": {"basis": "fourier" | "mobius", "terms": [[[i, j], c], ...], "info": {}}}
//      or {"explanation": {"index": "ksii", "order": 2, "terms": [...]}}: an index's values
//
// The method never sees the value function: each query goes through the cell's Oracle, which
// counts, caches and times it and refuses a batch that would pass the budget (the method is told,
// and the cell is budget_exceeded). The process plumbing (process group, timeouts on every answer
// and write, no orphans) is external.process's (datasets/external/worker_process.h). A method that
// dies, hangs, speaks another protocol or version or sends something malformed fails its cell
// with that reason and is killed with everything it started; the suite goes on.
// Queries: whatever the method asks, at most the budget. Estimator, cost and reference: the
// method's own.
#include <memory>
#include <variant>

#include "baselines/external/method_messages.h"
#include "core/explainer.h"
#include "datasets/external/worker_process.h"

namespace spexbench::external {
namespace {

struct ExternalExplainerConfig {
  std::string command;
  std::string params;
  double timeout = 600;

  template <class V>
  void visit(V& v) {
    v("command", command, {.doc = "the method, run by /bin/sh -c (quote it)", .required = true});
    v("params", params, {.doc = "text passed to the method with the problem"});
    v("timeout", timeout,
      {.doc = "seconds the method may stay silent (a progress message counts)", .min = 0.001});
  }
};

class ExternalExplainer final : public ConfiguredPlugin<Explainer, ExternalExplainerConfig> {
 public:
  explicit ExternalExplainer(ExternalExplainerConfig config)
      : ConfiguredPlugin(std::move(config)) {}

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    info_.clear();
    output_ = {};
    const std::string who = str_cat("external.explainer: method '", config_.command, "'");
    // The method's numeric libraries get the cell's threads, unless the user set them: a suite
    // runs cells side by side (--jobs), and BLAS threads spinning on every core of a shared
    // machine made cells of a 2-core run ten times slower.
    const std::string threads = std::to_string(ctx.threads);
    WorkerProcess method("external.explainer: method", config_.command, config_.timeout,
                         ErrorKind::kInvalidInput,
                         {{"OMP_NUM_THREADS", threads},
                          {"OPENBLAS_NUM_THREADS", threads},
                          {"MKL_NUM_THREADS", threads}});
    const int n = oracle.num_features();
    std::int64_t batches = 0;
    try {
      method.send(problem_message(n, ctx.budget, ctx.seed, ctx.threads, config_.params,
                                  oracle.component_names()));
      check_hello(who, method.receive());
      while (true) {
        MethodMessage message = parse_method_message(who, method.receive(), n);
        if (auto* query = std::get_if<MethodQuery>(&message)) {
          ++batches;
          std::vector<double> values(query->masks.rows());
          try {
            oracle.query(query->masks, values);
          } catch (const Error& error) {
            // The method is told why, so that its own log says so; the cell ends here.
            if (error.kind() == ErrorKind::kBudgetExceeded)
              method.send(refusal_message("budget_exceeded", error.what()));
            throw;
          }
          method.send(values_message(values));
        } else if (auto* progress = std::get_if<MethodProgress>(&message)) {
          ctx.report(progress->stage);
        } else if (auto* infeasible = std::get_if<MethodInfeasible>(&message)) {
          if (oracle.counts().total > 0)
            throw Error(str_cat(who, " declared itself infeasible after ", oracle.counts().total,
                                " queries; it may only do so before its first"));
          throw Error(str_cat(who, ": ", infeasible->reason), ErrorKind::kInfeasible);
        } else if (auto* failure = std::get_if<MethodFailure>(&message)) {
          throw Error(str_cat(who, " failed: ", failure->message));
        } else {
          auto& explanation = std::get<MethodExplanation>(message);
          info_ = std::move(explanation.info);
          output_ = {std::move(explanation.index), explanation.order};
          info_.emplace_back("query_messages", std::to_string(batches));
          return std::move(explanation.polynomial);
        }
      }
    } catch (const Error& error) {
      // A failed cell's method is not waited for, except one refused past the budget: it has been
      // told, and is given its timeout to exit (serve() exits at once).
      if (error.kind() != ErrorKind::kBudgetExceeded) method.kill();
      throw;
    } catch (...) {
      method.kill();
      throw;
    }
  }

  std::vector<std::pair<std::string, std::string>> run_info() const override { return info_; }
  IndexOutput output_index() const override { return output_; }

 private:
  std::vector<std::pair<std::string, std::string>> info_;
  IndexOutput output_;
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, ExternalExplainer, ExternalExplainerConfig, "external.explainer",
                   "a method served by another process over JSON lines; its queries go through "
                   "the oracle (see its README)");

}  // namespace spexbench::external
