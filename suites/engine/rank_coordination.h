// What the ranks of one suite run over MPI agree on around the cells: that they run the same cells
// into the same file, that they share its shard folder, that no other MPI job writes there, and
// at the end how the cells were shared. Each step is collective: every rank calls it, and an error
// on any rank is thrown on every rank, naming the ranks and their hosts, so that none is left
// waiting in a call the others never make.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/folder_lock.h"
#include "suites/engine/rank_group.h"

namespace spexbench {

/// "rank 1 of 4 (host): why; rank 3 of 4 (host): why" for the ranks whose entry is not empty.
[[nodiscard]] std::string rank_messages(const RankGroup& ranks,
                                        const std::vector<std::string>& hosts,
                                        const std::vector<std::string>& messages);

/// Runs `step` on every rank (or once when `ranks` is null); when it throws on any, every rank
/// throws, naming who and why.
void on_every_rank(RankGroup* ranks, const std::vector<std::string>& hosts,
                   const std::function<void()>& step);

/// Lines joined with '\n' after each, and split back: how lists travel through all_gather.
[[nodiscard]] std::string join_lines(const std::vector<std::string>& lines);
[[nodiscard]] std::vector<std::string> split_lines(const std::string& text);

/// Every rank must run the same cells (`ids`) into the same file: a suite file edited while the
/// job started, or a different --out, would otherwise merge into something no one asked for.
void check_same_cells(RankGroup& ranks, const std::vector<std::string>& hosts,
                      const std::vector<std::string>& ids, const std::filesystem::path& out);

/// The shard folder of one MPI job, held for the job's lifetime: rank 0 makes it and locks it
/// (flock, released when the process ends, however it ends), and every rank checks it sees a file
/// rank 0 wrote there. Throws on every rank when the folder is not shared (ranks on machines that
/// cannot see each other's shards would each merge only their own) or when another MPI job holds
/// it (both would deal the same cells, and each one's merge would remove shards the other's rank 0
/// has still to read).
class ShardFolderClaim {
 public:
  ShardFolderClaim(RankGroup& ranks, const std::vector<std::string>& hosts,
                   const std::filesystem::path& shards);
  ShardFolderClaim(const ShardFolderClaim&) = delete;
  ShardFolderClaim& operator=(const ShardFolderClaim&) = delete;

 private:
  std::optional<FolderLock> lock_;  // rank 0's
};

/// Rank 0 logs how the cells were shared: per rank, cells run, when its last cell ended and the
/// wait for indices per cell (the scheduling overhead), and the ranks' idle time at the end.
void log_rank_balance(RankGroup& ranks, double busy_seconds, std::size_t cells, std::ostream& log);

}  // namespace spexbench
