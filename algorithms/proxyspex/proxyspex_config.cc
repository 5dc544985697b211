#include "algorithms/proxyspex/proxyspex_config.h"

#include <algorithm>
#include <sstream>

namespace spexbench::proxyspex {
namespace {

/// "3/5" -> {3, 5}; values separated by '/' (',' separates spec parameters).
template <class T>
std::vector<T> parse_grid(const std::string& text, std::string_view key) {
  std::vector<T> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, '/')) {
    T value{};
    std::stringstream parse(item);
    parse >> value;
    SPEXBENCH_CHECK(!item.empty() && parse.eof() && !parse.fail() && value > 0, "proxyspex: ", key,
                    "=", text, " must be positive numbers separated by '/'");
    values.push_back(value);
  }
  SPEXBENCH_CHECK(!values.empty(), "proxyspex: ", key, " is empty");
  return values;
}

}  // namespace

void ProxySpexConfig::check(std::string_view owner) const {
  (void)grid_of(*this);  // a malformed depths, trees or learning_rates list
  const ProxySpexConfig defaults;
  const bool lasso = is_lasso(refit);
  SPEXBENCH_CHECK(
      lasso || lasso_cv == defaults.lasso_cv, owner,
      ": lasso_cv applies to refit=lasso or adaptive_lasso, not refit=", enum_name(refit));
  SPEXBENCH_CHECK(
      lasso || candidates == defaults.candidates, owner,
      ": candidates applies to refit=lasso or adaptive_lasso, not refit=", enum_name(refit));
  SPEXBENCH_CHECK(lasso || relax == defaults.relax, owner,
                  ": relax applies to refit=lasso or adaptive_lasso, not refit=", enum_name(refit));
  SPEXBENCH_CHECK(relax != Relax::kCv || lasso_cv == LassoCv::kFullProxy, owner,
                  ": relax=cv needs lasso_cv=full_proxy (the folds' proxies are not the "
                  "final one, so their selections cannot score its relaxed fit)");
  SPEXBENCH_CHECK(refit == Refit::kAdaptiveLasso || gamma == defaults.gamma, owner,
                  ": gamma applies to refit=adaptive_lasso, not refit=", enum_name(refit));
}

bool ProxySpexConfig::applies(std::string_view key) const {
  if (key == "sparsify" || key == "energy" || key == "top_k" || key == "max_terms")
    return !is_lasso(refit);
  if (key == "lasso_cv" || key == "candidates" || key == "gamma") return is_lasso(refit);
  if (key == "relax") return is_lasso(refit) && relax_applies(*this);
  return true;
}

bool relax_applies(const ProxySpexConfig& config) {
  return config.relax == Relax::kCv ||
         (config.relax == Relax::kAuto && config.lasso_cv == LassoCv::kFullProxy);
}

Grid grid_of(const ProxySpexConfig& config) {
  Grid grid = config.grid == GridPreset::kFast ? Grid{{3, 5}, {100, 300}, {0.1}}
                                               : Grid{{3, 5}, {500, 1000, 5000}, {0.01, 0.1}};
  if (!config.depths.empty()) grid.depths = parse_grid<int>(config.depths, "depths");
  if (!config.trees.empty()) grid.trees = parse_grid<int>(config.trees, "trees");
  if (!config.learning_rates.empty())
    grid.rates = parse_grid<double>(config.learning_rates, "learning_rates");
  std::sort(grid.trees.begin(), grid.trees.end());
  return grid;
}

}  // namespace spexbench::proxyspex
