#include "results/hdf5_guard.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace spexbench::hdf5 {
namespace {

constexpr std::array<char, 8> kSignature = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};

/// The child's time: 2 s plus 1 s per 10 MB. A clean read of a file in the format of an older
/// spexbench runs at hundreds of MB/s (the 1.5 MB regression reference: 0.1 s), so this leaves a
/// hundredfold margin for a loaded machine while a file that hangs libhdf5 costs little.
double child_seconds(const std::string& path) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  return 2.0 + (error ? 0.0 : static_cast<double>(bytes) / 10e6);
}

}  // namespace

std::mutex& library_mutex() {
  static std::mutex mutex;
  return mutex;
}

bool has_checksummed_metadata(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  // HDF5 looks for the superblock at 0 and then at 512, 1024, 2048, ... (a user block before it).
  std::array<char, 9> head{};
  for (std::streamoff offset = 0; offset <= (std::streamoff{1} << 30);
       offset = offset ? offset * 2 : 512) {
    in.clear();
    in.seekg(offset);
    if (!in.read(head.data(), head.size())) return false;
    if (std::equal(kSignature.begin(), kSignature.end(), head.begin()))
      return static_cast<unsigned char>(head[8]) >= 2;
  }
  return false;
}

void read_in_child(const std::string& path, void (*read)(const std::string&, void*), void* state) {
  int pipe_fds[2];
  SPEXBENCH_CHECK(pipe2(pipe_fds, O_CLOEXEC) == 0, "cannot check '", path,
                  "': pipe: ", std::strerror(errno));
  const pid_t pid = fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls after the read, and _exit, never exit: the parent's
    // buffers, atexit handlers and temporary files are not the child's to flush or remove.
    close(pipe_fds[0]);
    int status = 0;
    const char* message = nullptr;
    std::string what;
    try {
      read(path, state);
    } catch (const std::exception& e) {
      what = e.what();
      message = what.c_str();
      status = 1;
    }
    if (message != nullptr) {
      const std::size_t length = std::min<std::size_t>(std::strlen(message), 4000);
      (void)!write(pipe_fds[1], message, length);
    }
    _exit(status);
  }
  close(pipe_fds[1]);
  if (pid < 0) {
    close(pipe_fds[0]);
    throw Error(str_cat("cannot check '", path, "': fork: ", std::strerror(errno)));
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(child_seconds(path));
  std::string message;
  bool timed_out = false;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd ready{pipe_fds[0], POLLIN, 0};
    const int polled = poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (polled < 0 && errno == EINTR) continue;
    if (polled <= 0) continue;
    char buffer[4096];
    const ssize_t got = ::read(pipe_fds[0], buffer, sizeof(buffer));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // the child closed its end: it exited
    message.append(buffer, static_cast<std::size_t>(got));
  }
  close(pipe_fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  SPEXBENCH_CHECK(!timed_out, "'", path, "' is corrupt: reading it did not finish in ",
                  child_seconds(path), " s (HDF5 loops on damaged metadata)");
  if (WIFSIGNALED(status))
    throw Error(str_cat("'", path, "' is corrupt: reading it crashed libhdf5 (signal ",
                        WTERMSIG(status), ")"));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  throw Error(message.empty() ? str_cat("'", path, "' could not be read") : message);
}

}  // namespace spexbench::hdf5
