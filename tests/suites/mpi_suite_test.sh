#!/usr/bin/env bash
# A suite run across 3 MPI ranks (on one machine, oversubscribed) equals the single-process run
# bit for bit, times aside (spexbench compare --identical), and its file records the job.
#
#   mpi_suite_test.sh SPEXBENCH MPIRUN SUITE WORK_DIR equal
#   mpi_suite_test.sh SPEXBENCH MPIRUN SUITE WORK_DIR kill
#
# `kill` first SIGKILLs one rank once a few cells are done: the job must end without merging,
# keep the finished cells in the ranks' shard logs, and a rerun must resume every cell a rank
# reported finished and still equal the single-process file.
set -euo pipefail
spexbench=$1 mpirun=$2 suite=$3 work=$4 mode=$5
rm -rf "$work"
mkdir -p "$work"
cd "$work"
# Open MPI refuses root unless told; CI and containers run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
ranks=(--oversubscribe -np 3)

"$spexbench" run "$suite" --out single.h5 --no-progress >single.log 2>&1
if [[ $mode == kill ]]; then
  "$mpirun" "${ranks[@]}" "$spexbench" run "$suite" --out mpi.h5 --no-progress >killed.log 2>&1 &
  launcher=$!
  # A rank prints a cell's line once the cell is in its shard log.
  finished=0
  for _ in $(seq 1 1200); do
    finished=$(grep -c '^rank [0-9]* \[' killed.log || true)
    ((finished >= 5)) && break
    sleep 0.05
  done
  victim=$(pgrep -P "$launcher" | tail -1)
  [[ -n $victim ]] || { echo "no rank to kill (finished: $finished)"; exit 1; }
  kill -9 "$victim"
  if wait "$launcher"; then
    echo "mpirun exited 0 after rank $victim was killed"
    exit 1
  fi
  [[ ! -e mpi.h5 ]] || { echo "mpi.h5 was merged although a rank was killed"; exit 1; }
  finished=$(grep -c '^rank [0-9]* \[' killed.log || true)
  echo "killed rank process $victim once $finished cells were reported finished"
  logs=$(find mpi.h5.cells -name '*.shard' | wc -l)
  ((logs >= 1 && logs <= 3)) || { echo "$logs shard logs for 3 ranks"; exit 1; }
fi
"$mpirun" "${ranks[@]}" "$spexbench" run "$suite" --out mpi.h5 --no-progress >mpi.log 2>&1
head -1 mpi.log
if [[ $mode == kill ]]; then
  resumed=$(head -1 mpi.log | sed -n 's/.*, \([0-9]*\) already done.*/\1/p')
  ((${resumed:-0} >= finished)) || { echo "finished cells were lost: $finished finished, ${resumed:-0} resumed"; exit 1; }
  [[ ! -e mpi.h5.cells ]] || { echo "the merge left shard logs:"; find mpi.h5.cells; exit 1; }
fi
"$spexbench" compare single.h5 mpi.h5 --identical
# The file names the job (world size, MPI library) and the cells their ranks.
"$spexbench" report mpi.h5 --markdown report.md --no-explanations >/dev/null
grep -q "over 3 MPI ranks (.*MPI.*) on 1 host" report.md || { head -3 report.md; exit 1; }
