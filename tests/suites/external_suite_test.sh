#!/usr/bin/env bash
# suites/external-explainers.yaml, where NumPy methods in processes of their own run beside native
# explainers: a run with --jobs 2 killed with SIGKILL once a few cells are done resumes them and
# then equals a --jobs 1 run bit for bit (spexbench compare --identical), no method process
# outlives the killed run for long, and the report ranks native and external explainers together.
#
#   external_suite_test.sh SPEXBENCH SOURCE_DIR WORK_DIR
set -euo pipefail
spexbench=$1 source=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
# The suite names its methods as `python3 baselines/external/examples/...`: Debian's python3, with
# NumPy, run from the tree's root.
export PATH=/usr/bin:$PATH
cd "$source"

"$spexbench" run suites/external-explainers.yaml --jobs 2 --out "$work/killed.h5" >"$work/killed.log" 2>&1 &
runner=$!
finished=0
for _ in $(seq 1 600); do
  finished=$(grep -c '^\[[0-9]*/40\]' "$work/killed.log" || true)
  ((finished >= 8)) && break
  sleep 0.05
done
kill -9 "$runner"
wait "$runner" 2>/dev/null || true
[[ ! -e $work/killed.h5 ]] || { echo "the run finished before it was killed"; exit 1; }
echo "killed once $finished cells were reported finished"
# This suite's methods only (the unit tests' run by absolute path, maybe at the same time).
methods='^(sh -c )?python3 baselines/external/examples/'
sleep 1
if pgrep -f "$methods" >/dev/null; then
  sleep 5  # a method mid-computation exits at its next read or write of the closed pipes
  if pgrep -af "$methods"; then
    echo "method processes outlived the killed run"
    exit 1
  fi
fi

"$spexbench" run suites/external-explainers.yaml --jobs 2 --out "$work/killed.h5" >"$work/resumed.log" 2>&1
tail -1 "$work/resumed.log"
resumed=$(tail -1 "$work/resumed.log" | sed -n 's/.* \([0-9]*\) resumed.*/\1/p')
((${resumed:-0} >= finished)) || { echo "finished cells were lost: $finished finished, ${resumed:-0} resumed"; exit 1; }
grep -q ' 0 failed)' "$work/resumed.log" || { echo "cells failed"; exit 1; }

"$spexbench" run suites/external-explainers.yaml --jobs 1 --out "$work/one.h5" >"$work/one.log" 2>&1
"$spexbench" compare "$work/one.h5" "$work/killed.h5" --identical

"$spexbench" report "$work/one.h5" >"$work/report.md"
for explainer in 'external.explainer:command="python3 baselines/external/examples/permutation_shapley.py"' \
  'external.explainer:command="python3 baselines/external/examples/uniform_regression.py --order 2"' \
  'spex' 'permutation_shapley'; do
  grep -qF "| \`$explainer\` |" "$work/report.md" || { echo "the ranking lacks $explainer"; exit 1; }
done
echo "external-explainers: resumed $resumed cells after SIGKILL; --jobs 1 and --jobs 2 identical; ranked together"
