#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "spexbench/build_info.h"

namespace spexbench::cli {
namespace {

constexpr const char* kUsage =
    "usage: spexbench COMMAND [OPTIONS]\n"
    "\n"
    "Benchmark suite for interaction attribution (SPEX, ProxySPEX and baselines).\n"
    "\n"
    "commands:\n"
    "  list      print every registered explainer, task and metric with its parameters\n"
    "  run       run one cell (--task, --explainer, --budget) or a suite file (SUITE.yaml)\n"
    "  evaluate  recompute metrics in a results file from its stored data\n"
    "  report    leaderboard of a results file (Markdown and HTML)\n"
    "  compare   regression gate between two results files\n"
    "  figures   paper-style figures (PNG, PDF and CSV) from a results file\n"
    "  show      one cell's explanation with its components named\n"
    "  history   what moved across versions: results files of a suite, micro benchmarks\n"
    "\n"
    "Run 'spexbench COMMAND --help' for the options of a command.\n";

}  // namespace

std::pair<int, int> parse_removal_range(const std::string& text) {
  const auto colon = text.find(':');
  int low = 0, high = 0;
  try {
    low = std::stoi(text.substr(0, colon));
    high = colon == std::string::npos ? low : std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    low = high = 0;
  }
  SPEXBENCH_CHECK(low >= 1 && low <= high, "--removal ", text,
                  ": give R or R_MIN:R_MAX with 1 <= R_MIN <= R_MAX");
  return {low, high};
}

int dispatch(const Args& argv, std::ostream& out, std::ostream& err) {
  if (argv.size() < 2 || argv[1] == "--help" || argv[1] == "-h" || argv[1] == "help") {
    (argv.size() < 2 ? err : out) << kUsage;
    return argv.size() < 2 ? 2 : 0;
  }
  if (argv[1] == "--version") {
    out << "spexbench " << build_info::kVersion << " (" << build_info::kGitDescribe << ", "
        << build_info::kBuildType << ")\n";
    return 0;
  }
  const Args rest(argv.begin() + 2, argv.end());
  if (argv[1] == "list") return list_command(rest, out, err);
  if (argv[1] == "run") return run_command(rest, out, err);
  if (argv[1] == "evaluate") return evaluate_command(rest, out, err);
  if (argv[1] == "report") return report_command(rest, out, err);
  if (argv[1] == "compare") return compare_command(rest, out, err);
  if (argv[1] == "figures") return figures_command(rest, out, err);
  if (argv[1] == "show") return show_command(rest, out, err);
  if (argv[1] == "history") return history_command(rest, out, err);
  err << "spexbench: unknown command '" << argv[1] << "'\n\n" << kUsage;
  return 2;
}

}  // namespace spexbench::cli
