#!/usr/bin/env bash
# A suite run across 3 MPI ranks (on one machine, oversubscribed) equals the single-process run
# bit for bit, times aside (spexbench compare --identical), and its file records the job.
#
#   mpi_suite_test.sh SPEXBENCH MPIRUN SUITE WORK_DIR equal
#   mpi_suite_test.sh SPEXBENCH MPIRUN SUITE WORK_DIR kill
#
# `kill` first SIGKILLs one rank once a few cells are done: the job must end without merging,
# keep the finished shards, and a rerun must resume them and still equal the single-process file.
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
  shards=0
  for _ in $(seq 1 1200); do
    shards=$( (find mpi.h5.cells -name '*.h5' 2>/dev/null || true) | wc -l)
    ((shards >= 5)) && break
    sleep 0.05
  done
  victim=$(pgrep -P "$launcher" | tail -1)
  [[ -n $victim ]] || { echo "no rank to kill (shards: $shards)"; exit 1; }
  kill -9 "$victim"
  if wait "$launcher"; then
    echo "mpirun exited 0 after rank $victim was killed"
    exit 1
  fi
  [[ ! -e mpi.h5 ]] || { echo "mpi.h5 was merged although a rank was killed"; exit 1; }
  kept=$(find mpi.h5.cells -name '*.h5' | wc -l)
  echo "killed rank process $victim once $shards cells were done; $kept finished cells kept"
  ((kept >= shards)) || { echo "finished cells were lost"; exit 1; }
fi
"$mpirun" "${ranks[@]}" "$spexbench" run "$suite" --out mpi.h5 --no-progress >mpi.log 2>&1
head -1 mpi.log
[[ $mode != kill ]] || grep -q "already done" mpi.log || { echo "the rerun resumed nothing"; exit 1; }
"$spexbench" compare single.h5 mpi.h5 --identical
# The file names the job (world size, MPI library) and the cells their ranks.
"$spexbench" report mpi.h5 --markdown report.md --no-explanations >/dev/null
grep -q "over 3 MPI ranks (.*MPI.*) on 1 host" report.md || { head -3 report.md; exit 1; }
