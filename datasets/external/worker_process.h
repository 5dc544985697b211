// A child process spoken to in lines over its stdin and stdout, with a timeout on every answer,
// every write and every wait for its exit: no worker, however it misbehaves (closing a pipe and
// staying alive, not reading), holds a cell past its timeout. The worker runs in a process group
// of its own, killed whole, so nothing it started outlives it. Shared by external.process (a
// task served by a worker) and external.explainer (a method served by a process); POSIX only.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace spexbench::external {

class WorkerProcess {
 public:
  /// Environment variables the worker gets unless ours sets them (name, value).
  using Environment = std::vector<std::pair<std::string, std::string>>;

  /// Starts `/bin/sh -c command`; its stderr is ours. Throws spexbench::Error if it cannot.
  /// `who` opens every error message ("external.process: worker"); `kind` is the kind of the
  /// errors its misbehaviour raises.
  WorkerProcess(std::string who, std::string command, double timeout_seconds,
                ErrorKind kind = ErrorKind::kValueFunction,
                const Environment& environment_defaults = {});
  /// Closes the worker's stdin and waits for it (killing its group after the timeout).
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  /// Writes `line` and a newline. Throws Error(kind) if the worker is gone.
  void send(const std::string& line);
  /// The next line (without its newline). Throws Error(kind) when the worker exits (with its exit
  /// status) or stays silent past the timeout (it is then killed).
  std::string receive();
  /// Kills the worker's whole process group now, for a peer whose cell has failed: waiting for
  /// it to exit by itself could hold the cell for a whole timeout.
  void kill();

  [[nodiscard]] const std::string& command() const { return command_; }

 private:
  /// How the worker ended, waiting for it at most the timeout (then its group is killed).
  [[nodiscard]] std::string exit_description();
  /// Kills the worker's whole process group and reaps the worker.
  void kill_group();

  /// "WHO 'COMMAND'": how every error message names the worker.
  [[nodiscard]] std::string named() const;

  std::string who_;
  std::string command_;
  double timeout_seconds_;
  ErrorKind kind_;
  pid_t pid_ = -1;
  int to_worker_ = -1;
  int from_worker_ = -1;
  std::string buffer_;
};

}  // namespace spexbench::external
