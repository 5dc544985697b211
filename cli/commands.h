// The `spexbench` subcommands, one file each. Each takes its arguments (without the program and
// command names) and the streams to write to, and returns the process exit status:
//   0  success
//   1  compare, history: a regression
//   2  bad input (nothing run or written) or a cell that did not succeed (recorded in the file)
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace spexbench::cli {

using Args = std::vector<std::string>;

int list_command(const Args& args, std::ostream& out, std::ostream& err);
int run_command(const Args& args, std::ostream& out, std::ostream& err);
int evaluate_command(const Args& args, std::ostream& out, std::ostream& err);
int report_command(const Args& args, std::ostream& out, std::ostream& err);
int compare_command(const Args& args, std::ostream& out, std::ostream& err);
int figures_command(const Args& args, std::ostream& out, std::ostream& err);
int show_command(const Args& args, std::ostream& out, std::ostream& err);
int history_command(const Args& args, std::ostream& out, std::ostream& err);

/// "3:7" -> {3, 7} for the removal test's r range; throws Error for anything else.
std::pair<int, int> parse_removal_range(const std::string& text);

/// Dispatches `spexbench COMMAND ARGS...`; prints usage for unknown commands.
int dispatch(const Args& argv, std::ostream& out, std::ostream& err);

}  // namespace spexbench::cli
