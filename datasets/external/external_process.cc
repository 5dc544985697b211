// external.process: a value function served by another process (any language), over the
// versioned JSON-lines protocol of datasets/external/README.md:
//
//   -> {"protocol": "spexbench-external", "version": 1, "seed": S, "params": "..."}
//   <- {"protocol": "spexbench-external", "version": 1, "num_features": n}
//   -> {"masks": ["0110...", ...]}          (one string per mask, character i = component i kept)
//   <- {"values": [v, ...]}                 (as many finite numbers)
//   ...  then spexbench closes the worker's stdin and the worker exits.
//
// A worker that dies, stays silent past `timeout`, speaks another protocol or version, answers
// with the wrong count or with something that is not a finite number fails the cell with that
// reason (Error kValueFunction); the suite goes on.
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/params.h"
#include "core/task.h"
#include "datasets/external/worker_messages.h"
#include "datasets/external/worker_process.h"

namespace spexbench::external {
namespace {

struct ExternalConfig {
  std::string command;
  std::string params;
  int n = 0;
  double timeout = 60;
  int batch = 1024;

  template <class V>
  void visit(V& v) {
    v("command", command, {.doc = "the worker, run by /bin/sh -c (quote it)", .required = true});
    v("params", params, {.doc = "text passed to the worker in the handshake"});
    v("n", n,
      {.doc = "expected number of components; 0 takes the worker's",
       .min = 0,
       .max = kMaxFeatures});
    v("timeout", timeout, {.doc = "seconds the worker may take to answer", .min = 0.001});
    v("batch", batch, {.doc = "masks per message at most", .min = 1, .execution_only = true});
  }
};

class ExternalProcess final : public ConfiguredPlugin<Task, ExternalConfig> {
 public:
  ExternalProcess(ExternalConfig config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)),
        worker_(std::make_unique<WorkerProcess>("external.process: worker", config_.command,
                                                config_.timeout)) {
    worker_->send(nlohmann::json{{"protocol", kProtocol},
                                 {"version", kVersion},
                                 {"seed", context.seed},
                                 {"params", config_.params}}
                      .dump());
    n_ = handshake_features(config_.command, parse_worker_line(config_.command, worker_->receive()),
                            config_.n);
  }

  int num_features() const override { return n_; }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    const auto batch = static_cast<std::size_t>(config_.batch);
    for (std::size_t start = 0; start < masks.rows(); start += batch) {
      const std::size_t count = std::min(batch, masks.rows() - start);
      nlohmann::json encoded = nlohmann::json::array();
      std::string text(static_cast<std::size_t>(n_), '0');
      for (std::size_t r = start; r < start + count; ++r) {
        for (int i = 0; i < n_; ++i)
          text[static_cast<std::size_t>(i)] = masks.get(r, i) ? '1' : '0';
        encoded.push_back(text);
      }
      worker_->send(nlohmann::json{{"masks", encoded}}.dump());
      const std::vector<double> values = reply_values(
          config_.command, parse_worker_line(config_.command, worker_->receive()), count, start);
      std::copy(values.begin(), values.end(), out.begin() + static_cast<std::ptrdiff_t>(start));
    }
  }

 private:
  std::unique_ptr<WorkerProcess> worker_;
  int n_ = 0;
};

}  // namespace

SPEXBENCH_REGISTER(Task, ExternalProcess, ExternalConfig, "external.process",
                   "a value function served by another process over JSON lines (see its README)");

}  // namespace spexbench::external
