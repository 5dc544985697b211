#include "algorithms/proxyspex/xgboost_booster.h"

#include <xgboost/c_api.h>

#include <charconv>
#include <cmath>

#include "core/error.h"

namespace spexbench::proxyspex {
namespace {

/// XGBoost's last error without what only its developers read: the "[time] file:line: " prefix
/// and the stack trace.
std::string last_error() {
  std::string_view message = XGBGetLastError();
  message = message.substr(0, message.find('\n'));
  if (message.starts_with('[')) {
    const std::size_t location = message.find("] ");
    const std::size_t text = message.find(": ", location);
    if (location != std::string_view::npos && text != std::string_view::npos)
      message.remove_prefix(text + 2);
  }
  return std::string(message);
}

void check(int status, const char* what) {
  if (status != 0) throw Error(str_cat("XGBoost failed to ", what, ": ", last_error()));
}

/// Rows [begin, end) as a sparse matrix holding the ones only: XGBoost takes the zeros as missing
/// values, which each split sends down its default branch (tree_spectrum reads it). Its histograms
/// then sum over the ones alone, about half the entries of the dense 0/1 matrix: the same trees'
/// predictions, 15% less time for the default grid at n = 128 on 4,000 masks and up to 40% less on
/// 30,000 (docs/experiments/proxyspex-speed.md).
class Matrix {
 public:
  Matrix(const MaskBatch& masks, std::size_t begin, std::size_t end) {
    const int n = masks.num_features();
    std::vector<std::size_t> row_starts{0};
    std::vector<unsigned> columns;
    for (std::size_t r = begin; r < end; ++r) {
      for (int i = 0; i < n; ++i)
        if (masks.get(r, i)) columns.push_back(static_cast<unsigned>(i));
      row_starts.push_back(columns.size());
    }
    const std::vector<float> ones(columns.size(), 1.0f);
    check(
        XGDMatrixCreateFromCSREx(row_starts.data(), columns.data(), ones.data(), row_starts.size(),
                                 columns.size(), static_cast<std::size_t>(n), &handle_),
        "create a data matrix");
  }
  ~Matrix() { XGDMatrixFree(handle_); }
  Matrix(const DenseRows& rows) {
    check(XGDMatrixCreateFromMat(rows.values.data(), rows.rows, rows.columns, std::nanf(""),
                                 &handle_),
          "create a data matrix");
  }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
  [[nodiscard]] DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

}  // namespace

std::string xgboost_version() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

Booster::Booster(const MaskBatch& masks, std::span<const double> targets,
                 const BoosterParams& params, std::size_t begin, std::size_t end) {
  if (end == 0) end = masks.rows();
  const Matrix data(masks, begin, end);
  std::vector<float> labels(targets.begin() + static_cast<std::ptrdiff_t>(begin),
                            targets.begin() + static_cast<std::ptrdiff_t>(end));
  check(XGDMatrixSetFloatInfo(data.get(), "label", labels.data(), labels.size()), "set labels");
  train(data.get(), params);
}

Booster::Booster(const DenseRows& features, std::span<const double> targets,
                 const BoosterParams& params) {
  const Matrix data(features);
  const std::vector<float> labels(targets.begin(), targets.end());
  check(XGDMatrixSetFloatInfo(data.get(), "label", labels.data(), labels.size()), "set labels");
  train(data.get(), params);
}

void Booster::train(void* data_handle, const BoosterParams& params) {
  const DMatrixHandle data = data_handle;
  DMatrixHandle matrices[1] = {data};
  check(XGBoosterCreate(matrices, 1, &handle_), "create a booster");
  const auto set = [&](const char* name, const std::string& value) {
    check(XGBoosterSetParam(handle_, name, value.c_str()), "set a parameter");
  };
  set("objective", params.objective);
  char base_score[32];  // shortest text that reads back as the same double
  const auto written = std::to_chars(base_score, base_score + sizeof base_score, params.base_score);
  set("base_score", std::string(base_score, written.ptr));
  set("tree_method", "hist");
  set("max_depth", std::to_string(params.max_depth));
  set("eta", std::to_string(params.learning_rate));
  set("nthread", std::to_string(params.threads));
  set("seed", std::to_string(params.seed % 2147483647));
  set("verbosity", "0");
  for (int round = 0; round < params.trees; ++round)
    check(XGBoosterUpdateOneIter(handle_, round, data), "train a boosting round");
}

Booster::~Booster() { XGBoosterFree(handle_); }

std::vector<double> Booster::predict(const MaskBatch& masks, int trees, std::size_t begin,
                                     std::size_t end) const {
  if (end == 0) end = masks.rows();
  const Matrix data(masks, begin, end);
  const std::string config =
      str_cat(R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": )", trees,
              R"(, "strict_shape": false})");
  const bst_ulong* shape = nullptr;
  bst_ulong dimensions = 0;
  const float* out = nullptr;
  check(XGBoosterPredictFromDMatrix(handle_, data.get(), config.c_str(), &shape, &dimensions, &out),
        "predict");
  return std::vector<double>(out, out + (end - begin));
}

std::vector<double> Booster::predict_margins(const DenseRows& features) const {
  const Matrix data(features);
  const char* config =
      R"({"type": 1, "training": false, "iteration_begin": 0, "iteration_end": 0,
          "strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dimensions = 0;
  const float* out = nullptr;
  check(XGBoosterPredictFromDMatrix(handle_, data.get(), config, &shape, &dimensions, &out),
        "predict");
  return std::vector<double>(out, out + features.rows);
}

std::string Booster::model_json() const {
  bst_ulong length = 0;
  const char* buffer = nullptr;
  check(XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})", &length, &buffer),
        "serialise the model");
  return std::string(buffer, length);
}

}  // namespace spexbench::proxyspex
