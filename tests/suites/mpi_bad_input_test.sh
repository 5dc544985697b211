#!/usr/bin/env bash
# Bad input to a suite run across MPI ranks is refused with a message naming it, and nothing
# finished is lost:
#   - ranks given different suites (here two app contexts, as a suite file edited while the job
#     started would give);
#   - a shard folder the ranks do not share (here two working folders for a relative --out, as
#     ranks on machines without a shared filesystem would have);
#   - a second MPI job writing the same results file while the first runs: it refuses, and the
#     first finishes whole.
#
#   mpi_bad_input_test.sh SPEXBENCH MPIRUN SMALL_SUITE OTHER_SUITE LONG_SUITE WORK_DIR
set -euo pipefail
spexbench=$1 mpirun=$2 small=$3 other=$4 long=$5 work=$6
rm -rf "$work"
mkdir -p "$work/a" "$work/b"
cd "$work"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
run=(run --no-progress)

expect_refusal() {  # LOG MESSAGE: the job failed and its log names the problem
  if grep -q "$2" "$1"; then
    echo "refused: $2"
  else
    echo "expected '$2' in:"
    cat "$1"
    exit 1
  fi
}

if "$mpirun" --oversubscribe -np 1 "$spexbench" "${run[@]}" "$small" --out r.h5 : \
    -np 2 "$spexbench" "${run[@]}" "$other" --out r.h5 >differing.log 2>&1; then
  echo "ranks with different suites ran"
  exit 1
fi
expect_refusal differing.log "do not run the same suite"
[[ ! -e r.h5 && ! -e r.h5.cells ]] || { echo "a refused job left files"; exit 1; }

if "$mpirun" --oversubscribe -np 1 --wdir "$work/a" "$spexbench" "${run[@]}" "$small" --out r.h5 : \
    -np 2 --wdir "$work/b" "$spexbench" "${run[@]}" "$small" --out r.h5 >unshared.log 2>&1; then
  echo "ranks without a shared folder ran"
  exit 1
fi
expect_refusal unshared.log "must be on a filesystem every rank shares"
[[ -z $(find a b -mindepth 1) ]] || { echo "a refused job left files:"; find a b; exit 1; }

"$mpirun" --oversubscribe -np 3 "$spexbench" "${run[@]}" "$long" --out shared.h5 >first.log 2>&1 &
first=$!
for _ in $(seq 1 1200); do
  (($( (find shared.h5.cells -name '*.shard' 2>/dev/null || true) | wc -l) >= 1)) && break
  sleep 0.05
done
if "$mpirun" --oversubscribe -np 2 "$spexbench" "${run[@]}" "$long" --out shared.h5 >second.log 2>&1; then
  echo "a second MPI job on the same file ran"
  exit 1
fi
expect_refusal second.log "another MPI job is writing"
wait "$first" || { echo "the first job failed:"; cat first.log; exit 1; }
grep -q "^suite .*-> shared.h5" first.log
echo "the first job finished: $(tail -1 first.log)"
