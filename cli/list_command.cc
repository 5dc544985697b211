// spexbench list: every registered explainer, task and metric with its documented parameters.
#include <algorithm>
#include <boost/program_options.hpp>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "core/cell_evaluation.h"
#include "core/explainer.h"
#include "core/metric.h"
#include "core/task.h"

namespace spexbench::cli {
namespace {

namespace po = boost::program_options;

/// One line per parameter, its columns as wide as the entry's widest value: names such as
/// learning_rates and choices such as ridge|lasso|adaptive_lasso|none stay aligned.
void print_params(std::ostream& out, const std::vector<ParamSpec>& params) {
  const auto default_text = [](const ParamSpec& p) {
    return p.required ? std::string("required") : "default " + p.default_value;
  };
  std::size_t name = 0, type = 0, fallback = 0, range = 0;
  for (const ParamSpec& p : params) {
    name = std::max(name, p.name.size());
    type = std::max(type, p.type.size());
    fallback = std::max(fallback, default_text(p).size());
    range = std::max(range, p.range.size());
  }
  for (const ParamSpec& p : params) {
    out << "      " << std::left << std::setw(static_cast<int>(name)) << p.name << "  "
        << std::setw(static_cast<int>(type)) << p.type << "  "
        << std::setw(static_cast<int>(fallback)) << default_text(p) << "  "
        << std::setw(static_cast<int>(range)) << p.range << "  " << p.doc
        << (p.execution_only ? " (execution only: not seeded)" : "") << "\n";
  }
}

template <class Base>
void print_kind(std::ostream& out, std::string_view title) {
  out << title << "\n";
  std::size_t name = 0;
  for (const auto* entry : Registry<Base>::global().list())
    name = std::max(name, entry->name.size());
  for (const auto* entry : Registry<Base>::global().list()) {
    out << "  " << std::left << std::setw(static_cast<int>(name)) << entry->name << "  "
        << entry->description << "\n";
    print_params(out, entry->params);
  }
  out << "\n";
}

template <class Base>
nlohmann::json kind_json() {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto* entry : Registry<Base>::global().list()) {
    nlohmann::json params = nlohmann::json::array();
    for (const ParamSpec& p : entry->params) {
      params.push_back(
          {{"name", p.name},
           {"type", p.type},
           {"required", p.required},
           {"default", p.required ? nlohmann::json() : nlohmann::json(p.default_value)},
           {"range", p.range},
           {"doc", p.doc},
           {"execution_only", p.execution_only}});
    }
    entries.push_back(
        {{"name", entry->name}, {"description", entry->description}, {"params", params}});
  }
  return entries;
}

}  // namespace

int list_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("spexbench list [--json]\n\nOptions");
  options.add_options()("help,h", "show this help")("json", "print one JSON object instead");
  return run_subcommand("list", options, "", 0, args, out, err, [&](const po::variables_map& vm) {
    if (vm.count("json")) {
      out << nlohmann::json{{"explainers", kind_json<Explainer>()},
                            {"tasks", kind_json<Task>()},
                            {"metrics", kind_json<Metric>()},
                            {"evaluations", kind_json<CellEvaluation>()}}
                 .dump(2)
          << "\n";
      return 0;
    }
    print_kind<Explainer>(out, "explainers");
    print_kind<Task>(out, "tasks");
    print_kind<Metric>(out, "metrics");
    print_kind<CellEvaluation>(out, "evaluations");
    out << "\n* a choice the method's paper does not define (a variant of this project's or of "
           "another implementation); reports mark explainers that use one with a dagger\n";
    return 0;
  });
}

}  // namespace spexbench::cli
