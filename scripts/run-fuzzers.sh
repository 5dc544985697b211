#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for SECONDS each (default 60) on a copy of its seed
# corpus, and prints per target its runs, execs per second, corpus size and findings. Exits 1 when
# any target found a crash, a leak, a timeout or ran out of memory; the reproducer is kept in
# build/fuzz/findings/. Build the targets first: cmake --preset fuzz && cmake --build --preset fuzz
#
#   scripts/run-fuzzers.sh [SECONDS [TARGET...]]
#
# Without targets it runs them all. SPEXBENCH_FUZZ_SEED fixes libFuzzer's seed (CI uses 1, so a
# commit's fuzzing replays the same inputs up to the time limit); without it (or with 0) each run
# explores anew. results_file reads files without checksums (the seed of schema 1) in a child
# process that gets 2 s, under the 10 s a single input may take here. Leaks inside libhdf5 itself
# on damaged files are suppressed (tests/lsan_suppressions.cc says which).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build=build/fuzz
findings="$build/findings"
mkdir -p "$findings"
status=0
seed="${SPEXBENCH_FUZZ_SEED:-0}"
printf '%-18s %10s %10s %8s %s\n' target runs execs/s corpus result
targets=("${@:2}")
if [[ ${#targets[@]} -eq 0 ]]; then
  for source in tests/fuzz/*_fuzz.cc; do
    name=$(basename "$source")
    targets+=("${name%_fuzz.cc}")
  done
fi
for target in "${targets[@]}"; do
  binary="$build/${target}_fuzz"
  if [[ ! -x "$binary" ]]; then
    echo "run-fuzzers: $binary is missing (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
    exit 2
  fi
  corpus="$build/corpus/$target"
  rm -rf "$corpus"
  mkdir -p "$corpus"
  cp tests/fuzz/corpus/"$target"/* "$corpus"/
  log="$build/$target.log"
  # Two workers' worth of time on one core each would overrun: one process, bounded memory and
  # a per-input timeout, so a hang or a runaway allocation is a finding, not a stuck CI.
  "$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -seed="$seed" -artifact_prefix="$findings/${target}-" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  if [[ $rc -eq 0 ]]; then
    result="no findings"
  else
    result="FINDING (exit $rc): $(grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer)|runtime error' "$log")"
    status=1
  fi
  printf '%-18s %10s %10s %8s %s\n' "$target" "${runs:-?}" "${speed:-?}" "$size" "$result"
done
exit $status
