#!/usr/bin/env bash
# Fails, naming each file and line, when a tracked C++ file differs from .clang-format's layout.
# Fix with: git ls-files '*.cc' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
clang-format --dry-run -Werror "${files[@]}"
echo "check-format: ${#files[@]} files match .clang-format ($(clang-format --version | grep -o 'version [0-9.]*'))"
