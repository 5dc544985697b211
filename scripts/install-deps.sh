#!/usr/bin/env bash
# Installs the Debian 12 packages spexbench builds and runs with, skipping those already present.
# Run as root (or through sudo). Nothing else is downloaded, at build time or at run time.
#
#   scripts/install-deps.sh            everything the build, the suites, the tests and the micro
#                                      benchmarks use (XGBoost, CBC and libtorch included)
#
# libopenblas0-openmp: Debian's libtorch calls whatever BLAS provides libblas.so.3; the reference
# BLAS that libblas3 brings makes the LLM tasks' forward passes about 5 times slower, and it
# provides liblapack.so.3 too (the ridge refits' eigendecompositions, core/regression).
#
# python3-sklearn: the real datasets of tabular.trees (breast cancer, diabetes, digits, iris, wine
# ship as its data files; spexbench reads them, no Python runs). zlib1g-dev: their .csv.gz files.
#
# python3-pandas, python3-pip, python3-setuptools: the Python package (python/), its tests and its
# offline install.
#
# chromium: the test that loads the HTML report's pages in a real browser, headless.
#
# libopenmpi-dev and openmpi-bin: suites across the ranks of an MPI job (mpirun, srun), and the
# tests that run one with 3 ranks.
#
# clang and libclang-rt-14-dev: the libFuzzer targets of tests/fuzz (the fuzz preset, CI).
# clang-format: scripts/check-format.sh (CI); its version fixes the layout, so CI and editors agree.
set -euo pipefail

core=(
  build-essential cmake ninja-build git ccache pkg-config
  libeigen3-dev liblapack-dev libhdf5-dev libboost-program-options-dev libyaml-cpp-dev nlohmann-json3-dev
  libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev libxgboost-dev coinor-libcbc-dev
  python3 python3-h5py python3-numpy python3-matplotlib python3-torch libtorch-dev
  python3-pandas python3-pip python3-setuptools
  python3-sklearn zlib1g-dev chromium
  libopenmpi-dev openmpi-bin
  libopenblas0-openmp
  clang libclang-rt-14-dev clang-format
)
packages=("${core[@]}")

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
