#!/usr/bin/env bash
# Builds and runs every benchmark, printing medians. National-scale cases use
# generated/europe (scripts/generate-national.sh europe); without it the
# benchmarks fall back to synthetic layers of the same size and say so.
#   scripts/run-benchmarks.sh            all benchmarks
#   scripts/run-benchmarks.sh NAME...    only bench_NAME (e.g. metrics store)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --parallel "$(nproc)"
dir=build/release/bench
if (($#)); then names=("$@"); else
  names=()
  for exe in "$dir"/bench_* "$dir"/ui/bench_*; do
    [ -x "$exe" ] && names+=("$(basename "$exe" | sed 's/^bench_//')")
  done
fi
for name in "${names[@]}"; do
  exe="$dir/bench_$name"
  [ -x "$exe" ] || exe="$dir/ui/bench_$name"
  [ -x "$exe" ] || { echo "no benchmark bench_$name" >&2; exit 2; }
  echo "== bench_$name"
  if "$exe" --help 2>&1 | grep -q benchmark_repetitions; then
    QT_QPA_PLATFORM=offscreen "$exe" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
  else
    QT_QPA_PLATFORM=offscreen "$exe"
  fi
done
