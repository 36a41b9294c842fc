#!/bin/sh
# `npm run coverage`: the whole suite with V8 coverage of src/ and machines/, media included, as one report.
# The main suite runs here and the media suite inside the private network namespace; each leaves a
# blob report (test results + raw coverage) in .vitest-reports/, and `vitest --merge-reports` merges both
# into coverage/ (text summary on stdout, coverage-summary.json, index.html).
set -eu
cd "$(dirname "$0")/.."
rm -rf .vitest-reports coverage
status=0
npx vitest run --coverage --reporter=default --reporter=blob --outputFile.blob=.vitest-reports/blob-main.json || status=$?
scripts/netns-run.sh npx vitest run --config vitest.media.config.ts --coverage \
  --reporter=default --reporter=blob --outputFile.blob=.vitest-reports/blob-media.json || status=$?
npx vitest run --merge-reports .vitest-reports --coverage --reporter=dot
exit "$status"
