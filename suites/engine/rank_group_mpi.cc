// launched_rank_group over MPI (built only where MPI is found).
//
// Threads: MPI is initialised with MPI_THREAD_SERIALIZED and every call is made under one mutex.
// Dealing: rank 0 keeps the counter. Its own workers take indices from it directly; a dispatcher
// thread answers the other ranks' requests (point-to-point, polled every 50 microseconds so that
// it never spins a core that rank 0's cells need). While the dispatcher runs, rank 0's other
// threads make no MPI calls.
#include <mpi.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "core/launcher.h"
#include "suites/engine/rank_group.h"

namespace spexbench {
namespace {

constexpr int kRequestTag = 7301;  // a rank wants the next index (or says it is done)
constexpr int kIndexTag = 7302;    // rank 0's answer
constexpr long long kRequest = 0, kDone = 1;

class MpiRankGroup final : public RankGroup {
 public:
  MpiRankGroup() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    if (provided < MPI_THREAD_SERIALIZED) {
      MPI_Finalize();
      throw Error(
          "this MPI library cannot be called from more than one thread "
          "(MPI_THREAD_SERIALIZED): run with --jobs 1 per rank under another MPI");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    int length = 0;
    MPI_Get_processor_name(name, &length);
    host_.assign(name, static_cast<std::size_t>(length));
    char version[MPI_MAX_LIBRARY_VERSION_STRING] = {};
    MPI_Get_library_version(version, &length);
    library_.assign(version, static_cast<std::size_t>(length));
    // The first line only: Open MPI adds its repository revision and release date after a comma.
    library_ = library_.substr(0, library_.find_first_of(",\n"));
  }
  ~MpiRankGroup() override { MPI_Finalize(); }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  std::string host() const override { return host_; }
  std::string library() const override { return library_; }

  std::vector<std::string> all_gather(const std::string& value) override {
    const std::lock_guard lock(mutex_);
    const int length = static_cast<int>(value.size());
    std::vector<int> lengths(static_cast<std::size_t>(size_));
    MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD);
    std::vector<int> offsets(static_cast<std::size_t>(size_), 0);
    for (std::size_t r = 1; r < offsets.size(); ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
    std::string all(static_cast<std::size_t>(offsets.back() + lengths.back()), '\0');
    MPI_Allgatherv(value.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(),
                   MPI_CHAR, MPI_COMM_WORLD);
    std::vector<std::string> out;
    for (std::size_t r = 0; r < lengths.size(); ++r)
      out.push_back(
          all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(lengths[r])));
    return out;
  }

  void begin_dealing() override {
    {
      const std::lock_guard lock(mutex_);
      MPI_Barrier(MPI_COMM_WORLD);
    }
    next_ = 0;
    if (rank_ == 0 && size_ > 1) dispatcher_ = std::thread([this] { dispatch(); });
  }

  std::size_t next_index() override {
    if (rank_ == 0) return next_.fetch_add(1);
    const auto start = std::chrono::steady_clock::now();
    const std::lock_guard lock(mutex_);
    long long message = kRequest;
    unsigned long long index = 0;
    MPI_Send(&message, 1, MPI_LONG_LONG, 0, kRequestTag, MPI_COMM_WORLD);
    MPI_Recv(&index, 1, MPI_UNSIGNED_LONG_LONG, 0, kIndexTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    waited_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return static_cast<std::size_t>(index);
  }

  double dealing_seconds() const override { return waited_; }

  void end_dealing() override {
    if (rank_ == 0) {
      if (dispatcher_.joinable()) dispatcher_.join();
    } else {
      const std::lock_guard lock(mutex_);
      long long message = kDone;
      MPI_Send(&message, 1, MPI_LONG_LONG, 0, kRequestTag, MPI_COMM_WORLD);
    }
    const std::lock_guard lock(mutex_);
    MPI_Barrier(MPI_COMM_WORLD);
  }

  [[noreturn]] void abort(int status) override {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::_Exit(status);
  }

 private:
  /// Rank 0's server: answers requests until every other rank said it is done.
  void dispatch() {
    int done = 0;
    while (done < size_ - 1) {
      long long message = 0;
      MPI_Request request = MPI_REQUEST_NULL;
      MPI_Status status;
      int arrived = 0;
      {
        const std::lock_guard lock(mutex_);
        MPI_Irecv(&message, 1, MPI_LONG_LONG, MPI_ANY_SOURCE, kRequestTag, MPI_COMM_WORLD,
                  &request);
      }
      while (true) {
        {
          const std::lock_guard lock(mutex_);
          MPI_Test(&request, &arrived, &status);
        }
        if (arrived != 0) break;
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
      if (message == kDone) {
        ++done;
        continue;
      }
      unsigned long long index = next_.fetch_add(1);
      const std::lock_guard lock(mutex_);
      MPI_Send(&index, 1, MPI_UNSIGNED_LONG_LONG, status.MPI_SOURCE, kIndexTag, MPI_COMM_WORLD);
    }
  }

  int rank_ = 0;
  int size_ = 1;
  std::string host_;
  std::string library_;
  std::mutex mutex_;  // MPI_THREAD_SERIALIZED: one call at a time
  std::atomic<std::size_t> next_{0};
  std::thread dispatcher_;
  double waited_ = 0;  // under mutex_
};

}  // namespace

std::unique_ptr<RankGroup> launched_rank_group() {
  if (!started_by_mpi_launcher()) return nullptr;
  return std::make_unique<MpiRankGroup>();
}

}  // namespace spexbench
