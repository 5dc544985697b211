#include "suites/engine/rank_coordination.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/params.h"
#include "results/number_text.h"

namespace spexbench {

namespace fs = std::filesystem;

std::string rank_messages(const RankGroup& ranks, const std::vector<std::string>& hosts,
                          const std::vector<std::string>& messages) {
  std::string out;
  for (std::size_t r = 0; r < messages.size(); ++r) {
    if (messages[r].empty()) continue;
    if (!out.empty()) out += "; ";
    out += str_cat("rank ", r, " of ", ranks.size(), " (", hosts[r], "): ", messages[r]);
  }
  return out;
}

void on_every_rank(RankGroup* ranks, const std::vector<std::string>& hosts,
                   const std::function<void()>& step) {
  if (ranks == nullptr) return step();
  std::string why;
  try {
    step();
  } catch (const Error& e) {
    why = e.what();
  }
  const std::string messages = rank_messages(*ranks, hosts, ranks->all_gather(why));
  SPEXBENCH_CHECK(messages.empty(), messages);
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    out.push_back(text.substr(start, end - start));
  return out;
}

void log_rank_balance(RankGroup& ranks, double busy_seconds, std::size_t cells, std::ostream& log) {
  const std::vector<std::string> all = ranks.all_gather(
      str_cat(cells, " ", format_param(busy_seconds), " ", format_param(ranks.dealing_seconds())));
  if (ranks.rank() != 0) return;
  std::vector<std::size_t> counts;
  std::vector<double> busy, waited;
  for (const std::string& entry : all) {
    std::istringstream in(entry);
    std::size_t c = 0;
    double b = 0, w = 0;
    in >> c >> b >> w;
    counts.push_back(c);
    busy.push_back(b);
    waited.push_back(w);
  }
  const double last = *std::max_element(busy.begin(), busy.end());
  log << "ranks:";
  for (std::size_t r = 0; r < all.size(); ++r)
    log << (r == 0 ? " " : "; ") << "rank " << r << " ran " << counts[r] << " cells, idle "
        << significant(last - busy[r], 3) << " s at the end, waited "
        << significant(counts[r] > 0 ? 1e3 * waited[r] / static_cast<double>(counts[r]) : 0, 3)
        << " ms per cell for it";
  log << "\n";
}

void check_same_cells(RankGroup& ranks, const std::vector<std::string>& hosts,
                      const std::vector<std::string>& ids, const fs::path& out) {
  std::uint64_t hash = std::hash<std::string>{}(out.string());
  for (const std::string& id : ids) hash = hash * 1000003 ^ std::hash<std::string>{}(id);
  const std::string mine = str_cat(ids.size(), " cells into ", out.string(), " (hash ", hash, ")");
  const std::vector<std::string> all = ranks.all_gather(mine);
  std::vector<std::string> differing(all.size());
  for (std::size_t r = 1; r < all.size(); ++r)
    if (all[r] != all[0]) differing[r] = str_cat(all[r], ", where rank 0 has ", all[0]);
  const std::string messages = rank_messages(ranks, hosts, differing);
  SPEXBENCH_CHECK(messages.empty(),
                  "the ranks of this MPI job do not run the same suite: ", messages,
                  ". Was the suite file edited while the job started?");
}

ShardFolderClaim::ShardFolderClaim(RankGroup& ranks, const std::vector<std::string>& hosts,
                                   const fs::path& shards) {
  std::string token, held;
  if (ranks.rank() == 0) {
    fs::create_directories(shards);
    lock_.emplace(shards, FolderLock::Wait::kNo);
    if (!lock_->held()) {
      held = str_cat("another MPI job is writing the same results file (it holds the shard folder ",
                     shards.string(), "): wait for it to end, or give this one another --out");
    } else {
      token = str_cat(".rank-check-", getpid(), "-",
                      std::chrono::steady_clock::now().time_since_epoch().count());
      std::ofstream(shards / token) << token;
    }
  }
  const std::string refusal = ranks.all_gather(held)[0];
  SPEXBENCH_CHECK(refusal.empty(), "rank 0 of ", ranks.size(), " (", hosts[0], "): ", refusal);
  token = ranks.all_gather(token)[0];
  std::string seen;
  std::ifstream(shards / token) >> seen;
  const std::string why =
      seen == token ? "" : str_cat("cannot see ", (shards / token).string(), " that rank 0 wrote");
  const std::string messages = rank_messages(ranks, hosts, ranks.all_gather(why));
  if (ranks.rank() == 0) {
    std::error_code ignored;
    fs::remove(shards / token, ignored);
    if (!messages.empty()) fs::remove(shards, ignored);  // only when empty: shards stay
  }
  SPEXBENCH_CHECK(messages.empty(), messages, ": the shard folder ", shards.string(),
                  " must be on a filesystem every rank shares (put --out there)");
}

}  // namespace spexbench
