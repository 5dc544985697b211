#include "datasets/external/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/error.h"

namespace spexbench::external {
namespace {

// A worker that dies makes writes to its pipe raise SIGPIPE, which would kill the suite; with
// the signal ignored the write fails with EPIPE and becomes an Error for that cell.
const bool kIgnoreSigpipe = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();

}  // namespace

namespace {

/// Our environment with `defaults` added where it does not set them, as execve takes it. Built
/// before fork: the child of a multi-threaded process may only call async-signal-safe functions.
std::vector<std::string> child_environment(const WorkerProcess::Environment& defaults) {
  std::vector<std::string> out;
  for (char** entry = environ; *entry != nullptr; ++entry) out.emplace_back(*entry);
  for (const auto& [name, value] : defaults)
    if (std::getenv(name.c_str()) == nullptr) out.push_back(name + "=" + value);
  return out;
}

}  // namespace

WorkerProcess::WorkerProcess(std::string who, std::string command, double timeout_seconds,
                             ErrorKind kind, const Environment& environment_defaults)
    : who_(std::move(who)),
      command_(std::move(command)),
      timeout_seconds_(timeout_seconds),
      kind_(kind) {
  (void)kIgnoreSigpipe;
  const std::vector<std::string> environment = child_environment(environment_defaults);
  std::vector<char*> envp;
  for (const std::string& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  const char* const argv[] = {"sh", "-c", command_.c_str(), nullptr};
  int in[2], out[2];
  // Close-on-exec: a worker another thread starts meanwhile (a suite's --jobs) must not inherit
  // this worker's pipes, or this worker would not see its stdin close until that one exits. dup2
  // clears the flag on the child's own stdin and stdout.
  SPEXBENCH_CHECK(pipe2(in, O_CLOEXEC) == 0 && pipe2(out, O_CLOEXEC) == 0, who_,
                  ": cannot create pipes: ", std::strerror(errno));
  pid_ = fork();
  SPEXBENCH_CHECK(pid_ >= 0, who_, ": cannot fork: ", std::strerror(errno));
  if (pid_ == 0) {
    // A process group of its own: the shell and everything it starts are killed together, so
    // no worker outlives its cell as an orphan.
    setpgid(0, 0);
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    close(in[0]);
    close(in[1]);
    close(out[0]);
    close(out[1]);
    execve("/bin/sh", const_cast<char* const*>(argv), envp.data());
    _exit(127);
  }
  setpgid(pid_, pid_);  // also here: whichever runs first, the group exists before any kill
  close(in[0]);
  close(out[1]);
  to_worker_ = in[1];
  from_worker_ = out[0];
  // Writes never block: a worker that stops reading cannot hold the suite past the timeout.
  fcntl(to_worker_, F_SETFL, fcntl(to_worker_, F_GETFL) | O_NONBLOCK);
}

std::string WorkerProcess::named() const { return str_cat(who_, " '", command_, "'"); }

void WorkerProcess::kill() { kill_group(); }

void WorkerProcess::kill_group() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

WorkerProcess::~WorkerProcess() {
  if (to_worker_ >= 0) close(to_worker_);
  if (pid_ <= 0) {  // already reaped
    if (from_worker_ >= 0) close(from_worker_);
    return;
  }
  (void)exit_description();
  kill_group();  // whatever the worker left running in its group
  if (from_worker_ >= 0) close(from_worker_);
}

std::string WorkerProcess::exit_description() {
  if (pid_ <= 0) return "exited";
  // A worker that closed a pipe may still be alive: wait for it at most the timeout.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds_);
  int status = 0;
  pid_t reaped = 0;
  while ((reaped = waitpid(pid_, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < deadline)
    usleep(1000);
  if (reaped == 0) {
    kill_group();
    return str_cat("closed its pipe but did not exit within ", timeout_seconds_, " s (killed)");
  }
  ::kill(-pid_, SIGKILL);  // what it started and left behind
  pid_ = -1;
  if (reaped < 0) return "exited";
  if (WIFEXITED(status)) return str_cat("exited with status ", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return str_cat("was killed by signal ", WTERMSIG(status));
  return "exited";
}

void WorkerProcess::send(const std::string& line) {
  std::string data = line + "\n";
  std::size_t written = 0;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds_);
  while (written < data.size()) {
    const ssize_t n = write(to_worker_, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 &&
        (errno == EAGAIN || errno == EWOULDBLOCK)) {  // its pipe is full: wait for it to read
      const auto left =
          std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) {
        kill_group();
        throw Error(
            str_cat(named(), " stopped reading its input for ", timeout_seconds_, " s (killed)"),
            kind_);
      }
      pollfd fd{to_worker_, POLLOUT, 0};
      (void)poll(
          &fd, 1,
          static_cast<int>(left * 1000) + 1);  // ready, interrupted or timed out: the loop decides
      continue;
    }
    if (n <= 0)
      throw Error(str_cat(named(), " ", exit_description(), " (writing to it failed)"), kind_);
    written += static_cast<std::size_t>(n);
  }
}

std::string WorkerProcess::receive() {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds_);
  char chunk[65536];
  while (true) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    const auto left =
        std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
    pollfd fd{from_worker_, POLLIN, 0};
    const int ready = left > 0 ? poll(&fd, 1, static_cast<int>(left * 1000) + 1) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      kill_group();
      throw Error(str_cat(named(), " did not answer within ", timeout_seconds_, " s (killed)"),
                  kind_);
    }
    const ssize_t n = read(from_worker_, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(str_cat(named(), " ", exit_description(), " before answering"), kind_);
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace spexbench::external
