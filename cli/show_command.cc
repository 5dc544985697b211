// spexbench show FILE.h5 [CELL-ID] [--task T --explainer E --budget B ...]: one cell's explanation
// as a person reads it, components named (results/explanation_view.h), or as JSON for scripts.
#include <algorithm>
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "core/error.h"
#include "results/explanation_view.h"
#include "results/number_text.h"
#include "results/results_file.h"
#include "results/spectrum_profile.h"

namespace spexbench::cli {
namespace po = boost::program_options;
namespace {

/// Length of the common prefix of two ids: what "near" means for content-derived hex ids.
std::size_t shared_prefix(const std::string& a, const std::string& b) {
  const auto [ai, bi] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  return static_cast<std::size_t>(ai - a.begin());
}

std::string cell_line(const CellResult& cell) {
  return str_cat(cell.id, "  ", cell.spec.explainer, " on ", cell.spec.task, " #",
                 cell.spec.instance, " budget ", cell.spec.budget, " seed ", cell.spec.seed,
                 " rep ", cell.spec.repetition, " (", cell_status_name(cell.status), ")");
}

const CellResult& select_cell(const ResultsFile& file, const std::string& path,
                              const po::variables_map& vm) {
  if (vm.count("cell")) {
    const std::string id = vm["cell"].as<std::string>();
    std::vector<const CellResult*> matches;
    for (const CellResult& cell : file.cells)
      if (cell.id.rfind(id, 0) == 0) matches.push_back(&cell);  // the id or a prefix of it
    if (matches.size() == 1) return *matches.front();
    if (matches.empty()) {
      std::vector<const CellResult*> near;
      for (const CellResult& cell : file.cells) near.push_back(&cell);
      std::stable_sort(near.begin(), near.end(), [&](const auto* a, const auto* b) {
        return shared_prefix(a->id, id) > shared_prefix(b->id, id);
      });
      std::string listing;
      for (std::size_t i = 0; i < std::min<std::size_t>(5, near.size()); ++i)
        listing += "\n  " + cell_line(*near[i]);
      throw Error(str_cat(path, " holds no cell '", id, "' (", file.cells.size(), " cells)",
                          near.empty() ? "" : "; nearest ids:", listing));
    }
    std::string listing;
    for (const CellResult* cell : matches) listing += "\n  " + cell_line(*cell);
    throw Error(str_cat("'", id, "' starts ", matches.size(), " cell ids of ", path,
                        "; give more of it:", listing));
  }
  const auto wanted = [&](const char* option, const std::string& value) {
    return !vm.count(option) || vm[option].as<std::string>() == value;
  };
  std::vector<const CellResult*> matches;
  for (const CellResult& cell : file.cells) {
    if (!wanted("task", cell.spec.task) || !wanted("explainer", cell.spec.explainer)) continue;
    if (vm.count("budget") && vm["budget"].as<std::int64_t>() != cell.spec.budget) continue;
    if (vm.count("instance") && vm["instance"].as<int>() != cell.spec.instance) continue;
    if (vm.count("seed") && vm["seed"].as<std::uint64_t>() != cell.spec.seed) continue;
    if (vm.count("repetition") && vm["repetition"].as<int>() != cell.spec.repetition) continue;
    matches.push_back(&cell);
  }
  if (matches.size() == 1) return *matches.front();
  std::string listing;
  const std::vector<const CellResult*>& shown = matches;
  for (std::size_t i = 0; i < std::min<std::size_t>(10, shown.size()); ++i)
    listing += "\n  " + cell_line(*shown[i]);
  if (shown.size() > 10) listing += str_cat("\n  ... and ", shown.size() - 10, " more");
  if (matches.empty())
    throw Error(str_cat("no cell of ", path,
                        " matches; the tasks and explainers it holds are listed by "
                        "'spexbench report ",
                        path, "'"));
  throw Error(str_cat(matches.size(), " cells of ", path,
                      " match; give a CELL-ID or narrow with --task, --explainer, --budget, "
                      "--instance, --seed, --repetition:",
                      listing));
}

nlohmann::json entries_json(const std::vector<ExplanationView::Entry>& entries,
                            const std::vector<std::string>& names) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& entry : entries) {
    nlohmann::json set = nlohmann::json::array();
    for (const std::uint32_t c : entry.components) set.push_back(names.at(c));
    out.push_back({{"components", set}, {"indices", entry.components}, {"value", entry.value}});
  }
  return out;
}

nlohmann::json profile_json(const SpectrumProfile& profile) {
  nlohmann::json top = nlohmann::json::array(), needed = nlohmann::json::array();
  for (const auto& entry : profile.top) top.push_back({{"k", entry.k}, {"share", entry.share}});
  for (const auto& entry : profile.needed)
    needed.push_back({{"share", entry.share}, {"terms", entry.terms}});
  return {{"variance", profile.variance},
          {"terms", profile.terms},
          {"top", top},
          {"terms_for_share", needed},
          {"share_by_degree", profile.degree}};
}

}  // namespace

int show_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "spexbench show FILE.h5 [CELL-ID] [options]\n\n"
      "Prints one cell's explanation with its components named: the top interactions, the\n"
      "first-order effects and the Shapley values it implies. Pick the cell by its id (or a\n"
      "prefix of it) or by the options below.\n\nOptions");
  options.add_options()("help,h", "show this help")("task", po::value<std::string>(),
                                                    "the cell's task spec, as stored")(
      "explainer", po::value<std::string>(), "the cell's explainer spec, as stored")(
      "budget", po::value<std::int64_t>(), "the cell's budget")(
      "instance", po::value<int>(), "the cell's task instance")("seed", po::value<std::uint64_t>(),
                                                                "the cell's master seed")(
      "repetition", po::value<int>(), "the cell's explainer repetition")(
      "top,k", po::value<std::size_t>()->default_value(10), "entries in each list")(
      "basis", po::value<std::string>()->default_value("mobius"), "mobius or fourier")(
      "truth", "show the cell's ground truth instead of its explanation")(
      "profile",
      "also the spectrum's profile: the variance share of the top 10/100/1,000 Fourier terms, "
      "the terms holding 50/90/99% of it, and its share by degree")(
      "json", "print one JSON object instead of text");
  return run_subcommand(
      "show", options, "positional", 2, args, out, err, [&](const po::variables_map& vm) {
        SPEXBENCH_CHECK(vm.count("positional"),
                        "missing results file (spexbench show FILE.h5 [CELL-ID])");
        const auto positional = vm["positional"].as<std::vector<std::string>>();
        po::variables_map selection = vm;
        if (positional.size() > 1)
          selection.emplace("cell", po::variable_value(positional[1], false));
        const std::string& path = positional[0];
        const Basis basis = parse_basis(vm["basis"].as<std::string>());
        const std::size_t k = vm["top"].as<std::size_t>();
        const ResultsFile file = read_results(path);
        const CellResult& cell = select_cell(file, path, selection);
        const bool truth = vm.count("truth") > 0;
        const std::optional<SparsePolynomial>& f = truth ? cell.ground_truth : cell.estimate;
        SPEXBENCH_CHECK(f.has_value(), "cell ", cell.id, " (", cell_status_name(cell.status),
                        cell.error.empty() ? "" : ": " + cell.error, ") has no ",
                        truth ? "ground truth" : "explanation");
        // An index output (an external method's k-SII, say) holds the index's values as Möbius
        // terms: shown as they are, never changed to another basis.
        const bool index_values = !truth && !cell.estimate_index.empty();
        const ExplanationView view = explanation_view(*f, index_values ? Basis::kMobius : basis, k);
        const std::vector<std::string>& names = cell.component_names;
        std::optional<SpectrumProfile> profile;
        if (vm.count("profile")) profile = spectrum_profile(*f);
        if (vm.count("json")) {
          nlohmann::json json = {{"cell_id", cell.id},
                                 {"task", cell.spec.task},
                                 {"explainer", cell.spec.explainer},
                                 {"budget", cell.spec.budget},
                                 {"host", cell.host},
                                 {"rank", cell.rank},
                                 {"shown", truth ? "ground_truth" : "explanation"},
                                 {"basis", std::string(basis_name(view.basis))},
                                 {"index", index_values ? cell.estimate_index : ""},
                                 {"order", index_values ? cell.estimate_index_order : 0},
                                 {"terms", view.terms},
                                 {"constant", view.constant},
                                 {"component_names", names},
                                 {"interactions", entries_json(view.interactions, names)},
                                 {"first_order", entries_json(view.first_order, names)},
                                 {"shapley_values", entries_json(view.shapley, names)}};
          if (profile) json["profile"] = profile_json(*profile);
          out << json.dump(2) << "\n";
          return 0;
        }
        out << "cell " << cell.id << ": " << cell.spec.explainer << " on " << cell.spec.task
            << " (n=" << cell.num_features << ", instance " << cell.spec.instance << "), budget "
            << cell.spec.budget << ", " << cell_status_name(cell.status) << "\n";
        out << "  ran on " << cell.host
            << (file.provenance.world_size > 1 ? str_cat(" (MPI rank ", cell.rank, ")") : "")
            << " by " << cell.code_version << "\n";
        for (const auto& [name, value] : cell.task_info)
          out << "  " << name << ": " << value << "\n";
        if (const MetricValue* r2 = cell.metric("r2"))
          out << "  r2 on held-out masks: " << significant(r2->value, 4) << "\n";
        if (index_values)
          out << "  the explanation holds the values of " << cell.estimate_index << " of order "
              << cell.estimate_index_order
              << ", an interaction index, not a surrogate of the function: the top interactions "
                 "are its values; the lists below them read those as Möbius terms\n";
        out << (truth ? "ground truth, " : "") << format_explanation(view, names);
        if (profile) out << format_spectrum_profile(*profile);
        return 0;
      });
}

}  // namespace spexbench::cli
