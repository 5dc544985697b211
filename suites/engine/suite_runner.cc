#include "suites/engine/suite_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

#include "core/error.h"
#include "evaluation/removal.h"
#include "results/results_file.h"
#include "suites/engine/remaining_time.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

std::string format_duration(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  char buffer[32];
  if (total >= 3600)
    std::snprintf(buffer, sizeof(buffer), "%lldh%02lldm", total / 3600, total / 60 % 60);
  else if (total >= 60)
    std::snprintf(buffer, sizeof(buffer), "%lldm%02llds", total / 60, total % 60);
  else
    std::snprintf(buffer, sizeof(buffer), "%llds", total);
  return buffer;
}

/// Cells already done: those of an earlier complete OUT, then the shards.
std::map<std::string, CellResult> completed_cells(const fs::path& out, std::ostream& log) {
  std::map<std::string, CellResult> done;
  if (fs::exists(out)) {
    for (CellResult& cell : read_results(out).cells) done.emplace(cell.id, std::move(cell));
  }
  const fs::path shards = shard_folder(out);
  if (fs::is_directory(shards)) {
    for (const auto& entry : fs::directory_iterator(shards)) {
      if (entry.path().extension() != ".h5") continue;  // temporaries of a killed write
      try {
        for (CellResult& cell : read_results(entry.path()).cells) done.emplace(cell.id, std::move(cell));
      } catch (const Error& e) {
        log << "ignoring unreadable shard " << entry.path().string() << ": " << e.what() << "\n";
      }
    }
  }
  return done;
}

class Progress {
 public:
  Progress(std::ostream& log, const std::vector<const CellSpec*>& cells, int jobs, bool bar)
      : log_(log), total_(cells.size()), bar_(bar), remaining_(cells, jobs) {}

  void cell_done(std::size_t index, const CellResult& cell, bool failed) {
    std::lock_guard lock(mutex_);
    ++done_;
    failed_ += failed ? 1 : 0;
    remaining_.finished(index, cell.wall_seconds);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = remaining_.seconds();
    if (bar_) {
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(kWidth * done_ / std::max<std::size_t>(total_, 1));
      log_ << "\r[" << std::string(static_cast<std::size_t>(filled), '=')
           << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] " << done_ << "/"
           << total_ << " cells, " << failed_ << " failed, elapsed " << format_duration(elapsed)
           << ", ETA " << format_duration(eta) << "   " << std::flush;
      if (done_ == total_) log_ << "\n";
      return;
    }
    log_ << "[" << done_ << "/" << total_ << "] " << cell.spec.explainer << " on " << cell.spec.task
         << " #" << cell.spec.instance << " budget " << cell.spec.budget << " seed "
         << cell.spec.seed << ": " << cell_status_name(cell.status);
    if (const MetricValue* r2 = cell.metric("r2")) log_ << " r2=" << r2->value;
    log_ << " (" << cell.wall_seconds << " s, ETA " << format_duration(eta) << ")\n";
  }

 private:
  std::ostream& log_;
  std::size_t total_;
  bool bar_;
  RemainingTime remaining_;
  std::mutex mutex_;
  std::size_t done_ = 0, failed_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

bool is_failure(const CellResult& cell) {
  return cell.status == CellStatus::kError || cell.status == CellStatus::kBudgetExceeded;
}

}  // namespace

fs::path shard_folder(const fs::path& out) { return fs::path(out.string() + ".cells"); }

SuiteRunReport run_suite(const Suite& suite, const SuiteRunOptions& options,
                         const Provenance& provenance, std::ostream& log) {
  SPEXBENCH_CHECK(options.jobs >= 1, "jobs=", options.jobs, ", must be >= 1");
  check_output_path(options.out);
  const std::vector<CellSpec> specs = expand_suite(suite);

  std::map<std::string, CellResult> done = completed_cells(options.out, log);
  // Which cells are missing: ids come from the canonical definition, known only after running
  // run_cell's validation; cell_id_of computes them without running anything.
  std::vector<const CellSpec*> missing;
  std::vector<std::string> all_ids;
  for (const CellSpec& spec : specs) {
    all_ids.push_back(cell_id(spec));
    if (!done.contains(all_ids.back())) missing.push_back(&spec);
  }
  SuiteRunReport report;
  report.resumed = static_cast<int>(specs.size() - missing.size());
  log << "suite " << suite.name << ": " << specs.size() << " cells";
  if (report.resumed > 0) log << ", " << report.resumed << " already done";
  log << ", " << options.jobs << " job" << (options.jobs > 1 ? "s" : "") << " -> "
      << options.out.string() << "\n";

  const fs::path shards = shard_folder(options.out);
  if (!missing.empty()) fs::create_directories(shards);
  Progress progress(log, missing, options.jobs, options.progress_bar);
  std::atomic<std::size_t> next{0};
  std::mutex done_mutex;
  std::exception_ptr first_error;
  auto worker = [&] {
    while (true) {
      const std::size_t index = next.fetch_add(1);
      if (index >= missing.size()) return;
      try {
        CellResult cell = run_cell(*missing[index]);
        if (suite.removal_min > 0) add_removal_metrics(cell, suite.removal_min, suite.removal_max);
        write_results(shards / (cell.id + ".h5"), provenance, std::span(&cell, 1));
        progress.cell_done(index, cell, is_failure(cell));
        std::lock_guard lock(done_mutex);
        done.emplace(cell.id, std::move(cell));
      } catch (...) {  // recorded and rethrown below: no cell is silently lost
        std::lock_guard lock(done_mutex);
        if (!first_error) first_error = std::current_exception();
        next = missing.size();
      }
    }
  };
  std::vector<std::thread> threads;
  const int jobs = std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(missing.size(), 1)));
  for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);

  std::sort(all_ids.begin(), all_ids.end());
  all_ids.erase(std::unique(all_ids.begin(), all_ids.end()), all_ids.end());
  for (const std::string& id : all_ids) {
    report.cells.push_back(done.at(id));
    report.failed += is_failure(report.cells.back()) ? 1 : 0;
  }
  report.ran = static_cast<int>(missing.size());
  // Cells of OUT that this suite does not define (another suite's, an edited one's, or those a
  // single-cell run added while this one ran) are kept: nothing already computed is dropped. A
  // complete file with nothing new to add is left as it is (its provenance stays the run's).
  std::vector<CellResult> file_cells = report.cells;
  for (auto& [id, cell] : done)
    if (!std::binary_search(all_ids.begin(), all_ids.end(), id)) file_cells.push_back(cell);
  std::size_t in_file = file_cells.size();
  if (report.ran > 0 || !fs::exists(options.out))
    in_file = add_to_results(options.out, provenance, file_cells);
  report.kept = static_cast<int>(in_file - report.cells.size());
  std::error_code ignored;
  fs::remove_all(shards, ignored);
  return report;
}

}  // namespace spexbench
