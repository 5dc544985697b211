// The shape every subcommand shares: parse its options and positional arguments, answer --help,
// run, and turn a parse error or a spexbench::Error into "spexbench NAME: message" with exit
// status 2.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <iosfwd>
#include <string_view>

#include "cli/commands.h"

namespace spexbench::cli {

/// `positional` names the option collecting up to `count` positional arguments (empty: none).
int run_subcommand(std::string_view name,
                   const boost::program_options::options_description& options,
                   const char* positional, int count, const Args& args, std::ostream& out,
                   std::ostream& err,
                   const std::function<int(const boost::program_options::variables_map&)>& body);

/// A real-valued option whose help shows its default as written ("0.9"), not as the nearest
/// double printed to 17 digits ("0.90000000000000002").
boost::program_options::typed_value<double>* real_option(double default_value);

}  // namespace spexbench::cli
