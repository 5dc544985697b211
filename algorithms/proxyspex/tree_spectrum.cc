#include "algorithms/proxyspex/tree_spectrum.h"

#include <cmath>
#include <vector>

#include "algorithms/proxyspex/xgboost_model.h"
#include "core/bit_tree_spectrum.h"
#include "core/error.h"

namespace spexbench::proxyspex {

SparsePolynomial tree_spectrum(std::string_view model_json, int n) {
  XGBoostModel model;
  try {
    model = read_xgboost_model(model_json, n);
  } catch (const Error& e) {
    throw Error(str_cat("proxyspex: ", e.what()));
  }
  // A 1 bit is the value 1; a 0 bit is absent from the booster's data: missing.
  const std::vector<float> ones(static_cast<std::size_t>(n), 1.0f);
  const std::vector<float> missing(static_cast<std::size_t>(n), std::nanf(""));
  TermAccumulator spectrum(n, Basis::kFourier);
  spectrum.add({}, model.base_margin);
  for (std::size_t t = 0; t < model.trees.size(); ++t)
    add_bit_tree_spectrum(model.bit_tree(t, ones, missing), 1.0, spectrum);
  return std::move(spectrum).finish();
}

}  // namespace spexbench::proxyspex
