#include "suites/engine/suite_runner.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <thread>

#include "core/error.h"
#include "core/explainer.h"
#include "core/folder_lock.h"
#include "core/query_cache.h"
#include "core/stopwatch.h"
#include "core/task.h"
#include "results/number_text.h"
#include "results/results_file.h"
#include "results/shard_log.h"
#include "suites/engine/rank_coordination.h"
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

/// A shard read at the start of a run: the file, the ids of the cells it holds, and whether a
/// live process still appends to it (another suite writing to the same OUT): such a log is left
/// to its writer, which merges and removes it.
struct ShardFile {
  fs::path path;
  std::vector<std::string> ids;
  bool live = false;
};

/// Cells already done: those of an earlier complete OUT, then the shards.
struct CompletedCells {
  std::map<std::string, CellResult> cells;
  std::set<std::string> in_out;  ///< ids already in OUT
  std::vector<ShardFile> shards;
};

/// Moves a shard that cannot be read out of the way, to OUT.quarantine/, so that no later run
/// trips over it again while it stays there for a person to look at; its cell runs again.
void quarantine_shard(const fs::path& shard, const fs::path& out, const Error& why,
                      std::ostream& log) {
  const fs::path folder = fs::path(out.string() + ".quarantine");
  std::error_code error;
  fs::create_directories(folder, error);
  fs::rename(shard, folder / shard.filename(), error);
  log << "unreadable shard " << shard.string() << " (" << why.what() << ") "
      << (error ? "left where it is" : "moved to " + (folder / shard.filename()).string())
      << "; its cells run again\n";
}

/// Removes the temporaries (`<shard>.h5.tmp-<pid>`, results_file.cc) that processes killed while
/// writing a one-cell shard (builds before shard logs) left in the folder. A live process's
/// temporary stays: another suite may be writing to the same folder.
void remove_dead_temporaries(const fs::path& shards) {
  std::error_code error;
  if (!fs::is_directory(shards, error)) return;
  for (const auto& entry : fs::directory_iterator(shards, error)) {
    const std::string name = entry.path().filename().string();
    const std::size_t mark = name.rfind(".tmp-");
    if (mark == std::string::npos) continue;
    const std::string digits = name.substr(mark + 5);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long long pid = std::stoll(digits);
    if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      fs::remove(entry.path(), error);
  }
}

CompletedCells completed_cells(const fs::path& out, std::ostream& log) {
  CompletedCells done;
  if (fs::exists(out)) {
    try {
      for (CellResult& cell : read_results(out).cells) {
        done.in_out.insert(cell.id);
        done.cells.emplace(cell.id, std::move(cell));
      }
    } catch (const Error& e) {
      throw Error(str_cat(e.what(), "; the results file ", out.string(),
                          " cannot be resumed: move it away to run the suite into a new file"));
    }
  }
  const fs::path shards = shard_folder(out);
  if (!fs::is_directory(shards)) return done;
  remove_dead_temporaries(shards);
  // Shard logs, and the one-cell shards (<id>.h5) that builds before them wrote.
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(shards))
    if (entry.path().extension() == kShardLogExtension || entry.path().extension() == ".h5")
      paths.push_back(entry.path());  // not temporaries
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    try {
      ShardFile shard{path, {}, false};
      std::vector<CellResult> cells;
      if (path.extension() == ".h5") {
        cells = read_results(path).cells;
      } else {
        shard.live = shard_log_in_use(path);
        ShardLogContents contents = read_shard_log(path);
        if (contents.unread_bytes > 0)
          log << "shard log " << path.string() << ": " << contents.unread_bytes
              << " bytes after its last whole cell not read (" << contents.unread_reason
              << (shard.live ? ", still being written" : "; a run killed while writing")
              << "); those cells run again\n";
        cells = std::move(contents.cells);
      }
      for (CellResult& cell : cells) {
        shard.ids.push_back(cell.id);
        done.cells.insert_or_assign(cell.id, std::move(cell));
      }
      done.shards.push_back(std::move(shard));
    } catch (const Error& e) {
      quarantine_shard(path, out, e, log);
    }
  }
  return done;
}

/// Removes the shard folder when it is empty and no MPI job holds it (ShardFolderClaim): a job
/// that has not written its first log yet would otherwise lose its claim with the folder, and a
/// second job could claim a new one under the same name.
void remove_shard_folder_if_unused(const fs::path& shards) {
  std::error_code error;
  if (!fs::is_directory(shards, error)) return;
  try {
    const FolderLock unused(shards, FolderLock::Wait::kNo);
    if (unused.held()) fs::remove(shards, error);  // only when empty: other suites' logs stay
  } catch (const Error&) {                         // gone meanwhile: another run removed it
  }
}

/// Checks, before any cell runs, what the cells read from outside: the files the task and
/// explainer specs name and the query cache folder. Bad input then stops the suite before it has
/// computed anything, rather than after, with shards left behind.
void check_inputs(const std::vector<const CellSpec*>& cells) {
  std::set<std::string> tasks, explainers, caches;
  for (const CellSpec* cell : cells) {
    if (tasks.insert(cell->task).second) TaskRegistry::global().check_inputs(cell->task);
    if (explainers.insert(cell->explainer).second)
      ExplainerRegistry::global().check_inputs(cell->explainer);
    if (!cell->cache.empty() && caches.insert(cell->cache).second)
      QueryCache::check_folder(cell->cache);
  }
}

/// This process's shard log, made when its first cell finishes (a run with nothing to do leaves
/// no file), named for the host and process so that ranks and suites sharing the folder never
/// share a log.
class ShardLog {
 public:
  ShardLog(fs::path folder, Provenance provenance, std::string host)
      : folder_(std::move(folder)), provenance_(std::move(provenance)), host_(std::move(host)) {}

  void append(const CellResult& cell) {
    {
      const std::lock_guard lock(mutex_);
      if (!writer_) writer_ = create();
    }
    writer_->append(cell);
  }
  /// The log's file, closed; empty when no cell was written.
  fs::path close() {
    const std::lock_guard lock(mutex_);
    if (!writer_) return {};
    writer_->close();
    return writer_->path();
  }

 private:
  // Another suite writing to the same OUT may remove the folder when it finishes (only when
  // empty), so it is made again if it went; a stale log of a dead process with this one's pid
  // keeps its name.
  [[nodiscard]] std::unique_ptr<ShardLogWriter> create() const {
    const std::string stem = str_cat(host_, ".", getpid());
    for (int attempt = 0;; ++attempt) {
      fs::create_directories(folder_);
      const fs::path path =
          folder_ / str_cat(attempt == 0 ? stem : str_cat(stem, ".", attempt), kShardLogExtension);
      if (fs::exists(path)) continue;
      try {
        return std::make_unique<ShardLogWriter>(path, provenance_);
      } catch (const Error&) {
        if (attempt >= 8) throw;
      }
    }
  }

  fs::path folder_;
  Provenance provenance_;
  std::string host_;
  std::mutex mutex_;
  std::unique_ptr<ShardLogWriter> writer_;
};

class Progress {
 public:
  /// `rank` prefixes each line when the cells are shared with other ranks (then done/total counts
  /// this rank's cells against all).
  Progress(std::ostream& log, const std::vector<const CellSpec*>& cells, int jobs, bool bar,
           std::string rank)
      : log_(log),
        total_(cells.size()),
        bar_(bar),
        rank_(std::move(rank)),
        remaining_(cells, jobs) {}

  void cell_done(std::size_t index, const CellResult& cell, bool failed) {
    std::lock_guard lock(mutex_);
    ++done_;
    failed_ += failed ? 1 : 0;
    remaining_.finished(index, cell.wall_seconds);
    const double elapsed = elapsed_.seconds();
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
    log_ << rank_ << "[" << done_ << "/" << total_ << "] " << cell.spec.explainer << " on "
         << cell.spec.task << " #" << cell.spec.instance << " budget " << cell.spec.budget
         << " seed " << cell.spec.seed << ": " << cell_status_name(cell.status);
    if (const MetricValue* r2 = cell.metric("r2")) log_ << " r2=" << significant(r2->value, 4);
    log_ << " (" << significant(cell.wall_seconds, 3) << " s, ETA " << format_duration(eta)
         << ")\n";
  }

 private:
  std::ostream& log_;
  std::size_t total_;
  bool bar_;
  std::string rank_;
  RemainingTime remaining_;
  std::mutex mutex_;
  std::size_t done_ = 0, failed_ = 0;
  Stopwatch elapsed_;
};

bool is_failure(const CellResult& cell) {
  return cell.status == CellStatus::kError || cell.status == CellStatus::kBudgetExceeded;
}

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

fs::path shard_folder(const fs::path& out) { return fs::path(out.string() + ".cells"); }

SuiteRunReport run_suite(const Suite& suite, const SuiteRunOptions& options,
                         const Provenance& caller_provenance, std::ostream& log) {
  SPEXBENCH_CHECK(options.jobs >= 1 && options.jobs <= kMaxJobs, "--jobs ", options.jobs,
                  " is out of range [1, ", kMaxJobs, "]");
  RankGroup* ranks =
      options.ranks != nullptr && options.ranks->size() > 1 ? options.ranks : nullptr;
  const bool lead = ranks == nullptr || ranks->rank() == 0;
  Provenance provenance = caller_provenance;
  if (ranks != nullptr) {
    provenance.mpi = ranks->library();
    provenance.world_size = ranks->size();
  }
  const std::vector<std::string> hosts =
      ranks != nullptr ? ranks->all_gather(ranks->host()) : std::vector<std::string>{};
  on_every_rank(ranks, hosts, [&] { check_output_path(options.out); });
  const std::vector<CellSpec> specs = expand_suite(suite);
  std::vector<std::string> all_ids;
  for (const CellSpec& spec : specs) all_ids.push_back(cell_id(spec));
  if (ranks != nullptr) check_same_cells(*ranks, hosts, all_ids, options.out);

  // Rank 0 alone reads what is done (and quarantines what it cannot read), then tells the others.
  CompletedCells completed;
  std::vector<std::string> missing_lines;  // indices into specs, as text
  on_every_rank(ranks, hosts, [&] {
    if (!lead) return;
    completed = completed_cells(options.out, log);
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (!completed.cells.contains(all_ids[i])) missing_lines.push_back(std::to_string(i));
  });
  if (ranks != nullptr)
    missing_lines = split_lines(ranks->all_gather(join_lines(missing_lines))[0]);
  std::map<std::string, CellResult>& done = completed.cells;
  std::vector<const CellSpec*> missing;
  for (const std::string& line : missing_lines) missing.push_back(&specs[std::stoull(line)]);
  on_every_rank(ranks, hosts, [&] { check_inputs(missing); });
  const fs::path shards = shard_folder(options.out);
  std::optional<ShardFolderClaim> claim;
  if (ranks != nullptr) claim.emplace(*ranks, hosts, shards);

  SuiteRunReport report;
  report.resumed = static_cast<int>(specs.size() - missing.size());
  if (lead) {
    log << "suite " << suite.name << ": " << specs.size() << " cells";
    if (report.resumed > 0) log << ", " << report.resumed << " already done";
    if (ranks != nullptr) log << ", " << ranks->size() << " MPI ranks of";
    log << " " << options.jobs << " job" << (options.jobs > 1 ? "s" : "") << " -> "
        << options.out.string() << "\n";
  }

  Progress progress(log, missing, options.jobs, options.progress_bar && ranks == nullptr,
                    ranks != nullptr ? str_cat("rank ", ranks->rank(), " ") : "");
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex done_mutex;
  std::vector<std::string> written;  // ids of the cells this run wrote to its shard log
  ShardLog shard_log(shards, provenance, provenance.host);
  std::exception_ptr first_error;
  auto worker = [&] {
    while (!stop) {
      const std::size_t index = ranks != nullptr ? ranks->next_index() : next.fetch_add(1);
      if (index >= missing.size()) return;
      try {
        CellResult cell = run_cell(*missing[index]);
        if (ranks != nullptr) {
          cell.host = ranks->host();
          cell.rank = ranks->rank();
        }
        shard_log.append(cell);
        progress.cell_done(index, cell, is_failure(cell));
        std::lock_guard lock(done_mutex);
        written.push_back(cell.id);
        done.emplace(cell.id, std::move(cell));
      } catch (...) {  // recorded and rethrown below: no cell is silently lost
        std::lock_guard lock(done_mutex);
        if (!first_error) first_error = std::current_exception();
        stop = true;
      }
    }
  };
  if (ranks != nullptr) ranks->begin_dealing();
  const Stopwatch since_dealing;
  std::vector<std::thread> threads;
  const int jobs =
      std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(missing.size(), 1)));
  for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  const Stopwatch merging;  // the other ranks' shard logs read, OUT written, the logs removed
  const fs::path own_log = shard_log.close();
  std::vector<fs::path> merged_logs;  // the other ranks' logs, removed once OUT holds their cells
  if (ranks != nullptr) {
    const double busy = since_dealing.seconds();
    ranks->end_dealing();
    log_rank_balance(*ranks, busy, written.size(), log);
    const std::vector<std::string> errors =
        ranks->all_gather(first_error ? message_of(first_error) : "");
    const std::vector<std::string> shards_written = ranks->all_gather(join_lines(written));
    const std::vector<std::string> logs = ranks->all_gather(own_log.filename().string());
    std::size_t finished = 0;
    for (const std::string& lines : shards_written) finished += split_lines(lines).size();
    const std::string messages = rank_messages(*ranks, hosts, errors);
    SPEXBENCH_CHECK(messages.empty(), messages, "; the ", finished, " cells finished are kept in ",
                    shards.string(), " and a rerun resumes them");
    report.ran = static_cast<int>(written.size());
    if (!lead) {
      report.merged = false;
      return report;
    }
    // A rank's cells can be missing from its log only if a plain run writing to the same OUT
    // read the closed log and merged it since: they are then in OUT.
    std::set<std::string> merged_elsewhere;
    for (std::size_t r = 1; r < shards_written.size(); ++r) {
      std::set<std::string> ids;
      for (const std::string& id : split_lines(shards_written[r])) ids.insert(id);
      if (ids.empty()) continue;
      const fs::path log_file = shards / logs[r];
      if (fs::exists(log_file)) {
        ShardLogContents contents = read_shard_log(log_file);
        for (CellResult& cell : contents.cells) {
          if (ids.erase(cell.id) == 0) continue;
          written.push_back(cell.id);
          done.insert_or_assign(cell.id, std::move(cell));
        }
        merged_logs.push_back(log_file);
      }
      merged_elsewhere.merge(ids);
    }
    if (!merged_elsewhere.empty() && fs::exists(options.out))
      for (CellResult& cell : read_results(options.out).cells)
        if (merged_elsewhere.erase(cell.id) > 0) done.emplace(cell.id, std::move(cell));
    SPEXBENCH_CHECK(merged_elsewhere.empty(), merged_elsewhere.size(),
                    " cells the other ranks finished are neither in their shards in ",
                    shards.string(), " nor in ", options.out.string(),
                    " (first: ", merged_elsewhere.empty() ? "" : *merged_elsewhere.begin(),
                    "); a rerun computes them again");
  }
  if (first_error) {
    // The finished cells stay in their shards, and a rerun resumes them; say so with the error.
    if (written.empty()) {
      claim.reset();
      remove_shard_folder_if_unused(shards);
      std::rethrow_exception(first_error);
    }
    const std::string kept =
        str_cat("; the ", written.size(), " cells finished before it are kept in ", shards.string(),
                " and a rerun resumes them");
    try {
      std::rethrow_exception(first_error);
    } catch (const Error& e) {
      throw Error(str_cat(e.what(), kept), e.kind());
    } catch (const std::exception& e) {
      throw Error(str_cat(e.what(), kept));
    }
  }

  std::sort(all_ids.begin(), all_ids.end());
  all_ids.erase(std::unique(all_ids.begin(), all_ids.end()), all_ids.end());
  for (const std::string& id : all_ids) {
    report.cells.push_back(std::move(done.at(id)));  // one copy of 10^5 cells is enough
    report.failed += is_failure(report.cells.back()) ? 1 : 0;
  }
  report.ran = static_cast<int>(missing.size());
  // Cells of OUT that this suite does not define (another suite's, an edited one's, or those a
  // single-cell run added while this one ran) stay, since add_to_results keeps what is there.
  // Another suite's shards read at the start move in under its lock: one that suite merged
  // meanwhile is gone by then, and its cells are not written back over what happened to them
  // since (a rerun, a deletion). This suite's own shards hold cells of report.cells.
  std::vector<fs::path> others_shards;
  for (const ShardFile& shard : completed.shards)
    if (!shard.live && std::any_of(shard.ids.begin(), shard.ids.end(), [&](const std::string& id) {
          return !std::binary_search(all_ids.begin(), all_ids.end(), id);
        }))
      others_shards.push_back(shard.path);
  // A run killed after its last shard but before the merge leaves cells only in shards: they are
  // merged now even though nothing ran. A complete file with nothing new to add is left as it is
  // (its provenance stays the run's).
  const bool shards_hold_new_cells =
      std::any_of(completed.shards.begin(), completed.shards.end(), [&](const ShardFile& shard) {
        return std::any_of(shard.ids.begin(), shard.ids.end(),
                           [&](const std::string& id) { return !completed.in_out.contains(id); });
      });
  std::size_t in_file = done.size();
  if (report.ran > 0 || shards_hold_new_cells || !fs::exists(options.out))
    in_file = add_to_results(options.out, provenance, report.cells, others_shards);
  report.kept = static_cast<int>(in_file - report.cells.size());
  // Only the shards this run merged go: another suite writing to the same file keeps its own, a
  // live writer's log stays its writer's, and the folder goes only once empty.
  std::error_code ignored;
  for (const ShardFile& shard : completed.shards)
    if (!shard.live) fs::remove(shard.path, ignored);
  if (!own_log.empty()) fs::remove(own_log, ignored);
  for (const fs::path& log_file : merged_logs) fs::remove(log_file, ignored);
  remove_dead_temporaries(shards);
  claim.reset();
  remove_shard_folder_if_unused(shards);
  if (report.ran > 0)
    log << "merged " << report.cells.size() << " cells into " << options.out.string() << " in "
        << significant(merging.seconds(), 3) << " s\n";
  return report;
}

}  // namespace spexbench
