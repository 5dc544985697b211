// A child process spoken to in lines over its stdin and stdout, with a timeout on every answer.
// Used by external.process; POSIX only.
#pragma once

#include <sys/types.h>

#include <string>

namespace spexbench::external {

class WorkerProcess {
 public:
  /// Starts `/bin/sh -c command`; its stderr is ours. Throws spexbench::Error if it cannot.
  WorkerProcess(std::string command, double timeout_seconds);
  /// Closes the worker's stdin and waits for it (killing it after the timeout).
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  /// Writes `line` and a newline. Throws Error(kValueFunction) if the worker is gone.
  void send(const std::string& line);
  /// The next line (without its newline). Throws Error(kValueFunction) when the worker exits
  /// (with its exit status) or stays silent past the timeout (it is then killed).
  std::string receive();

  [[nodiscard]] const std::string& command() const { return command_; }

 private:
  [[nodiscard]] std::string exit_description();

  std::string command_;
  double timeout_seconds_;
  pid_t pid_ = -1;
  int to_worker_ = -1;
  int from_worker_ = -1;
  std::string buffer_;
};

}  // namespace spexbench::external
