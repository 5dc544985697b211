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
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/params.h"
#include "core/task.h"
#include "datasets/external/worker_process.h"

namespace spexbench::external {
namespace {

constexpr const char* kProtocol = "spexbench-external";
constexpr int kVersion = 1;
/// The most components a worker may announce: the most any task of the suite takes.
constexpr std::int64_t kMaxFeatures = 65536;

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
    v("n", n, {.doc = "expected number of components; 0 takes the worker's", .min = 0, .max = kMaxFeatures});
    v("timeout", timeout, {.doc = "seconds the worker may take to answer", .min = 0.001});
    v("batch", batch, {.doc = "masks per message at most", .min = 1, .execution_only = true});
  }
};

nlohmann::json parse_reply(const WorkerProcess& worker, const std::string& line) {
  try {
    return nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception&) {
    throw Error(str_cat("external.process: worker '", worker.command(),
                        "' sent a line that is not JSON: ", line.substr(0, 200)),
                ErrorKind::kValueFunction);
  }
}

class ExternalProcess final : public Task {
 public:
  ExternalProcess(ExternalConfig config, const Task::CreateContext& context)
      : config_(std::move(config)),
        worker_(std::make_unique<WorkerProcess>(config_.command, config_.timeout)) {
    worker_->send(nlohmann::json{{"protocol", kProtocol}, {"version", kVersion},
                                 {"seed", context.seed}, {"params", config_.params}}
                      .dump());
    const nlohmann::json hello = parse_reply(*worker_, worker_->receive());
    // Whatever the worker sends, a wrong handshake fails this cell with its reason, never the run.
    const auto wrong = [&](const std::string& what) {
      return Error(str_cat("external.process: worker '", config_.command, "' ", what, " (its handshake: ",
                           hello.dump().substr(0, 200), ")"),
                   ErrorKind::kValueFunction);
    };
    if (!hello.is_object()) throw wrong("did not answer the handshake with a JSON object");
    const auto field = [&](const char* key) { return hello.contains(key) ? hello.at(key) : nlohmann::json(); };
    const nlohmann::json protocol = field("protocol"), version = field("version"), n = field("num_features");
    if (protocol != kProtocol || !version.is_number_integer() || version != kVersion)
      throw wrong(str_cat("speaks protocol ", protocol.is_string() ? "'" + protocol.get<std::string>() + "'" : protocol.dump(),
                          " version ", version.dump(), "; this build speaks '", kProtocol, "' version ", kVersion));
    if (!n.is_number_integer() || n.get<std::int64_t>() < 1 || n.get<std::int64_t>() > kMaxFeatures)
      throw wrong(str_cat("announced num_features=", n.dump(), ", not a whole number in [1, ", kMaxFeatures, "]"));
    n_ = n.get<int>();
    if (config_.n != 0 && config_.n != n_)
      throw wrong(str_cat("has ", n_, " components but the spec says n=", config_.n));
  }

  int num_features() const override { return n_; }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    const auto batch = static_cast<std::size_t>(config_.batch);
    for (std::size_t start = 0; start < masks.rows(); start += batch) {
      const std::size_t count = std::min(batch, masks.rows() - start);
      nlohmann::json encoded = nlohmann::json::array();
      std::string text(static_cast<std::size_t>(n_), '0');
      for (std::size_t r = start; r < start + count; ++r) {
        for (int i = 0; i < n_; ++i) text[static_cast<std::size_t>(i)] = masks.get(r, i) ? '1' : '0';
        encoded.push_back(text);
      }
      worker_->send(nlohmann::json{{"masks", encoded}}.dump());
      const nlohmann::json reply = parse_reply(*worker_, worker_->receive());
      const auto values = reply.find("values");
      if (values == reply.end() || !values->is_array() || values->size() != count)
        throw Error(str_cat("external.process: worker '", config_.command, "' answered ",
                            values == reply.end() || !values->is_array() ? std::size_t{0} : values->size(),
                            " values for ", count, " masks"),
                    ErrorKind::kValueFunction);
      for (std::size_t k = 0; k < count; ++k) {
        const auto& value = (*values)[k];
        if (!value.is_number() || !std::isfinite(value.get<double>()))
          throw Error(str_cat("external.process: worker '", config_.command, "' returned ",
                              value.dump(), " (not a finite number) for mask ", start + k),
                      ErrorKind::kValueFunction);
        out[start + k] = value.get<double>();
      }
    }
  }

  std::string spec() const override { return canonical_spec("external.process", config_); }

 private:
  ExternalConfig config_;
  std::unique_ptr<WorkerProcess> worker_;
  int n_ = 0;
};

}  // namespace

SPEXBENCH_REGISTER(Task, ExternalProcess, ExternalConfig, "external.process",
                   "a value function served by another process over JSON lines (see its README)");

}  // namespace spexbench::external
