#!/usr/bin/env bash
# Runs the whole `npm test` suite N times in a row (default 20), stops at the first red run, and prints
# how many consecutive runs were green. Usage: npm run test:repeat -- N
set -u
runs="${1:-20}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: npm run test:repeat -- N   (N: a positive number of runs)" >&2
  exit 2
fi
cd "$(dirname "$0")/.." || exit 2
green=0
for ((run = 1; run <= runs; run++)); do
  started=$(date +%s)
  echo "=== test:repeat: run ${run} of ${runs} ==="
  if npm test; then
    green=$((green + 1))
    echo "=== test:repeat: run ${run} green ($(($(date +%s) - started)) s); ${green} consecutive green ==="
  else
    status=$?
    echo "=== test:repeat: run ${run} RED (exit ${status}, $(($(date +%s) - started)) s); ${green} consecutive green run(s) before it ==="
    exit 1
  fi
done
echo "=== test:repeat: ${green} of ${runs} consecutive runs green ==="
