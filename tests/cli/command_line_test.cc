// What every subcommand shares: help texts show real defaults as a user would write them.
#include "cli/command_line.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace spexbench {
namespace {

namespace po = boost::program_options;

TEST(CommandLine, RealOptionShowsItsDefaultAsWritten) {
  po::options_description options;
  options.add_options()("target", cli::real_option(0.9), "")(
      "tolerance", cli::real_option(1e-6), "")("floor", cli::real_option(0.05), "");
  std::ostringstream help;
  help << options;
  EXPECT_NE(help.str().find("(=0.9)"), std::string::npos) << help.str();
  EXPECT_NE(help.str().find("(=1e-06)"), std::string::npos) << help.str();
  EXPECT_NE(help.str().find("(=0.05)"), std::string::npos) << help.str();

  po::variables_map vm;
  po::store(po::parse_command_line(1, std::vector<const char*>{"x"}.data(), options), vm);
  EXPECT_EQ(vm["target"].as<double>(), 0.9);
  EXPECT_EQ(vm["tolerance"].as<double>(), 1e-6);
}

TEST(CommandLine, NoHelpPrintsADefaultToSeventeenDigits) {
  const std::regex long_number("[0-9]\\.[0-9]{12,}");
  for (const auto command : {cli::run_command, cli::evaluate_command, cli::report_command,
                             cli::compare_command, cli::figures_command, cli::list_command}) {
    std::ostringstream out, err;
    ASSERT_EQ(command({"--help"}, out, err), 0) << err.str();
    EXPECT_FALSE(std::regex_search(out.str(), long_number)) << out.str();
  }
}

}  // namespace
}  // namespace spexbench
