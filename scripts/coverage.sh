#!/bin/sh
# The whole suite, once, with V8 coverage of src/ and machines/, media included, as one report.
# `npm test` runs this after the typecheck and lint (so CI runs the suite once and still gets the figure);
# `npm run coverage` runs it alone.
#
# The main suite runs here and the media suite inside the private network namespace; each leaves a blob
# report (test results + raw coverage) in .vitest-reports/, and `vitest --merge-reports` merges both into
# coverage/ (text summary on stdout, coverage-summary.json, index.html). The suites that only drive child
# processes (the packed package in a scratch app, the demo, examples) add nothing to the figure, since V8
# coverage sees only the test workers, but they run here all the same.
set -eu
cd "$(dirname "$0")/.."
rm -rf .vitest-reports coverage
status=0
npx vitest run --coverage --reporter=default --reporter=blob --outputFile.blob=.vitest-reports/blob-main.json ||
  status=$?
scripts/netns-run.sh npx vitest run --config vitest.media.config.ts --coverage \
  --reporter=default --reporter=blob --outputFile.blob=.vitest-reports/blob-media.json || status=$?
# The merged report: both suites' results again in brief, then the coverage summary.
npx vitest run --merge-reports .vitest-reports --coverage --reporter=dot || status=$?
if [ "$status" -ne 0 ]; then
  echo "coverage.sh: a suite failed (exit $status)" >&2
fi
exit "$status"
