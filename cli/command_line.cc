#include "cli/command_line.h"

#include <new>
#include <ostream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/params.h"

namespace spexbench::cli {
namespace po = boost::program_options;

int run_subcommand(std::string_view name, const po::options_description& options,
                   const char* positional, int count, const Args& args, std::ostream& out,
                   std::ostream& err, const std::function<int(const po::variables_map&)>& body) {
  po::options_description hidden;
  if (positional != nullptr && positional[0] != '\0') {
    if (count == 1)
      hidden.add_options()(positional, po::value<std::string>());
    else
      hidden.add_options()(positional, po::value<std::vector<std::string>>());
  }
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positions;
  if (positional != nullptr && positional[0] != '\0') positions.add(positional, count);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positions).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      out << options << "\n";
      return 0;
    }
    return body(vm);
  } catch (const po::error& e) {
    err << "spexbench " << name << ": " << e.what() << " (see spexbench " << name << " --help)\n";
    return 2;
  } catch (const Error& e) {
    err << "spexbench " << name << ": " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    err << "spexbench " << name
        << ": out of memory (std::bad_alloc): the run asks for more than this machine has\n";
    return 2;
  } catch (const std::exception& e) {
    // A library's or the system's own error (a path too long, a folder given as a file): said, not
    // an abort.
    err << "spexbench " << name << ": " << e.what() << "\n";
    return 2;
  }
}

po::typed_value<double>* real_option(double default_value) {
  return po::value<double>()->default_value(default_value, format_param(default_value));
}

}  // namespace spexbench::cli
