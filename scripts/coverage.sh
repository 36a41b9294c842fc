#!/bin/sh
# `npm run coverage`: the whole suite with V8 coverage of src/ and machines/, media included, as one report.
# The main suite runs here and the media suite inside the private network namespace; each leaves a
# blob report (test results + raw coverage) in .vitest-reports/, and `vitest --merge-reports` merges both
# into coverage/ (text summary on stdout, coverage-summary.json, index.html).
set -eu
cd "$(dirname "$0")/.."
rm -rf .vitest-reports coverage
status=0
# Left out: the suites that only drive child processes (the packed package in a scratch app and the
# demo). V8 coverage sees only the test workers, so they add nothing to the
# figure, and `npm test` runs them anyway.
npx vitest run --coverage --reporter=default --reporter=blob --outputFile.blob=.vitest-reports/blob-main.json \
  --exclude 'test/package/**' --exclude test/integration/demo.test.ts ||
  status=$?
scripts/netns-run.sh npx vitest run --config vitest.media.config.ts --coverage \
  --reporter=default --reporter=blob --outputFile.blob=.vitest-reports/blob-media.json || status=$?
npx vitest run --merge-reports .vitest-reports --coverage --reporter=dot
exit "$status"
