// spexbench report FILE.h5: the leaderboard of a results file as Markdown (stdout, or --markdown
// FILE) and as a static HTML page (--html FILE, default FILE.html beside the results), or a static
// site (--html DIR/: an index and a page per task): first the explainers ranked across every task
// with their critical-difference diagram (FILE.cd.svg beside the page, and inside it) and each
// against a reference, then a table per task and budget. Every table sorts by a click on a header.
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/figure_script.h"
#include "core/error.h"
#include "results/report/critical_difference_diagram.h"
#include "results/report/cross_task_ranking.h"
#include "results/report/explanation_page.h"
#include "results/report/html_escape.h"
#include "results/report/leaderboard.h"
#include "results/report/leaderboard_site.h"
#include "results/report/sortable_tables.h"
#include "results/results_file.h"

namespace spexbench::cli {
namespace {
namespace po = boost::program_options;
namespace fs = std::filesystem;

void write_text(const fs::path& path, const std::string& text) {
  check_output_path(path);
  std::ofstream out(path);
  out << text;
  SPEXBENCH_CHECK(out.good(), "cannot write '", path.string(), "'");
}

/// One line under the title: which code ran the cells, where and when, so that a leaderboard
/// read on its own can be traced to its run.
std::string source_of(const ResultsFile& results) {
  const Provenance& p = results.provenance;
  std::map<std::string, int> versions;
  std::set<std::string> hosts;
  for (const CellResult& cell : results.cells) {
    ++versions[cell.code_version];
    hosts.insert(cell.host);
  }
  std::string line = std::to_string(results.cells.size()) +
                     (results.cells.size() == 1 ? " cell" : " cells") + "; written by spexbench " +
                     p.spexbench_version + " (" + p.git_describe + ", " + p.build_type + ") on " +
                     p.host + " (" + p.cpu + "), " + p.started_utc;
  if (p.world_size > 1)
    line += str_cat("; over ", p.world_size, " MPI ranks (", p.mpi, ") on ", hosts.size(),
                    hosts.size() == 1 ? " host" : " hosts");
  if (versions.size() > 1) {
    line += "; cells run by";
    for (const auto& [version, count] : versions)
      line += " " + version + " (" + std::to_string(count) + ")";
  }
  return line + ".";
}
/// The PNG figures in `folder` (relative to the page's folder `base`), each linked to its PDF and
/// CSV.
std::string figures_html(const fs::path& base, const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(base / folder))
    if (entry.path().extension() == ".png") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  std::string html = "<h2>Figures</h2>\n";
  for (const std::string& name : names) {
    const std::string stem = folder + "/" + name;
    html += "<figure><img src=\"" + html_escape(stem) + ".png\" alt=\"" + html_escape(name) +
            "\" style=\"max-width:100%\"><figcaption>" + html_escape(name) + " (<a href=\"" +
            html_escape(stem) + ".pdf\">PDF</a>, <a href=\"" + html_escape(stem) +
            ".csv\">CSV</a>)</figcaption></figure>\n";
  }
  return html;
}

}  // namespace

int report_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("spexbench report FILE.h5 [options]\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "metric", po::value<std::vector<std::string>>()->composing(),
      "metric column, repeatable (default: those of r2 support_f1 recall_at_10 sv_max_error "
      "that some cell has)")("rank-by", po::value<std::string>()->default_value("r2"),
                             "metric ranking the explainers")(
      "html", po::value<std::string>(),
      "HTML page to write (default: FILE.html; FILE.curves.html with --curves), or, given a "
      "folder (an existing one, or a name ending in /), a site: DIR/index.html and a page per "
      "task")("markdown", po::value<std::string>(), "Markdown file to write (default: stdout)")(
      "no-explanations",
      "do not write a page per cell's explanation (FILE.explanations/, linked from the HTML)")(
      "curves",
      "one table per task instead: the --rank-by metric against budget, a column per "
      "explainer (R^2 against queries)")(
      "figures",
      "also draw the figures (as spexbench figures does) beside the page, in the site's "
      "figures/ or FILE.figures, and show them on it")(
      "reference", po::value<std::string>(),
      "explainer the others are tested against, by wins, ties and losses over the problems "
      "(default: the best mean rank across tasks)");
  return run_subcommand(
      "report", options, "file", 1, args, out, err, [&](const po::variables_map& vm) {
        SPEXBENCH_CHECK(vm.count("file"), "missing results file (spexbench report FILE.h5)");
        const fs::path file = vm["file"].as<std::string>();
        const ResultsFile results = read_results(file);
        std::vector<std::string> metrics = {"r2", "support_f1", "recall_at_10", "sv_max_error"};
        const std::string rank_by = vm["rank-by"].as<std::string>();
        if (vm.count("metric")) {
          metrics = vm["metric"].as<std::vector<std::string>>();
        } else {
          // A default column that no cell has (the ground-truth metrics of LLM tasks) is noise.
          std::erase_if(metrics, [&](const std::string& metric) {
            return metric != rank_by &&
                   std::none_of(results.cells.begin(), results.cells.end(),
                                [&](const CellResult& cell) { return cell.metric(metric); });
          });
        }
        if (std::find(metrics.begin(), metrics.end(), rank_by) == metrics.end())
          metrics.insert(metrics.begin(), rank_by);
        Leaderboard board = build_leaderboard(results.cells, metrics, rank_by);
        board.source = source_of(results);
        const bool curves = vm.count("curves") > 0;
        const std::string title =
            (curves ? "spexbench curves: " : "spexbench leaderboard: ") + file.filename().string();
        const std::string html_option = vm.count("html") ? vm["html"].as<std::string>() : "";
        const bool site = !curves && !html_option.empty() &&
                          (html_option.back() == '/' || fs::is_directory(html_option));
        const fs::path html =
            site ? fs::path(html_option) / "index.html"
            : vm.count("html")
                ? fs::path(html_option)
                : fs::path(file).replace_extension(curves ? ".curves.html" : ".html");
        if (site) fs::create_directories(html_option);
        std::string summary_markdown, summary_html;
        if (!curves) {
          const CrossTaskRanking ranking = rank_across_tasks(results.cells, rank_by);
          summary_markdown = cross_task_ranking_markdown(ranking);
          summary_html = cross_task_ranking_html(ranking);
          if (const std::string svg = critical_difference_svg(ranking); !svg.empty()) {
            const fs::path diagram = fs::path(html).replace_extension(".cd.svg");
            write_text(diagram, svg);
            summary_markdown += "\nCritical-difference diagram: `" + diagram.string() + "`.\n";
            summary_html += svg;
          }
          std::string reference;
          if (vm.count("reference")) {
            reference = vm["reference"].as<std::string>();
          } else if (!ranking.explainers.empty()) {
            reference = ranking.explainers.front();
          }
          if (!reference.empty()) {
            const ReferenceComparison comparison =
                compare_with_reference(results.cells, rank_by, reference);
            summary_markdown += reference_comparison_markdown(comparison);
            summary_html += reference_comparison_html(comparison);
          }
        }
        const std::string markdown = curves ? curves_markdown(board, title)
                                            : leaderboard_markdown(board, title, summary_markdown);
        if (vm.count("markdown")) {
          write_text(vm["markdown"].as<std::string>(), markdown);
        } else {
          out << markdown;
        }
        if (vm.count("figures") && !curves) {
          const std::string folder = site ? "figures" : html.stem().string() + ".figures";
          draw_figures({file.string(), (html.parent_path() / folder).string()}, results);
          summary_html += figures_html(html.parent_path(), folder);
        }
        std::string explanation_links;
        if (!curves && !vm.count("no-explanations")) {
          // Each cell's explanation gets a page in a folder beside the leaderboard, linked from it.
          const std::string folder = site ? "explanations" : html.stem().string() + ".explanations";
          const fs::path pages = html.parent_path() / folder;
          fs::create_directories(pages);
          for (const CellResult& cell : results.cells)
            if (cell.estimate)
              write_text(pages / explanation_page_name(cell), explanation_page(cell));
          explanation_links = explanation_links_html(results.cells, folder);
        }
        if (site) {
          fs::create_directories(html.parent_path() / "tasks");
          for (const SitePage& page :
               leaderboard_site(board, title, summary_html, explanation_links))
            write_text(html.parent_path() / page.path, page.html);
        } else if (curves) {
          write_text(html, curves_html(board, title));
        } else {
          std::string page = leaderboard_html(board, title, summary_html);
          const std::size_t end = page.rfind("</body>");
          page.insert(end == std::string::npos ? page.size() : end, explanation_links);
          write_text(html, with_sortable_tables(std::move(page)));
        }
        err << (curves ? "curves: " : "leaderboard: ") << html.string() << "\n";
        return 0;
      });
}

}  // namespace spexbench::cli
