#!/usr/bin/env bash
# `bash scripts/test-times.sh REF [PAIRS]`: how long `npm test` takes in this checkout against
# the commit REF, in PAIRS interleaved pairs of runs (default 3), so that a machine slowing down
# or speeding up weighs on both sides alike. Every run gets the same environment, without
# NODE_EXTRA_CA_CERTS (it adds to each node start, and a runner does not set it). Prints each
# run, then the medians and their ratio. Both bundles are warm, as a developer's is after the
# first run, unless REF's npm test builds its bundle on every run (before the bundle stamp): then
# each of REF's runs includes the build, as it did for developers then. REF's checkout is a git
# worktree with its own npm ci. Needs GNU time (Debian's time package). Not part of CI: it takes
# PAIRS × 2 full test runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: bash scripts/test-times.sh REF [PAIRS]}
pairs=${2:-3}
if ! [[ $pairs =~ ^[1-9][0-9]*$ ]]; then
  echo "PAIRS is '$pairs': expected a whole number of pairs, 1 or more." >&2
  exit 2
fi
other=$(mktemp -d)
times=$(mktemp)
log=$(mktemp --suffix=.log)
trap 'git worktree remove --force "$other" >/dev/null 2>&1 || true; git worktree prune
  rm -rf "$other" "$times" "$times.cpu"' EXIT
git worktree add --detach --quiet "$other" "$ref"
(cd "$other" && npm ci --no-audit --no-fund --silent >/dev/null)
# Both bundles are built before the first run, so that neither side's first run pays for a
# build that its later runs skip. (A REF from before the bundle stamp has no --if-changed: its
# build runs on every npm test anyway.)
(cd "$other" && if grep -q -- '--if-changed' package.json; then
  npm run bundle --silent -- --if-changed >/dev/null; fi)
npm run bundle --silent -- --if-changed >/dev/null

run() { # run SIDE DIR: one npm test, its wall and CPU seconds appended to $times
  local start end cpu
  start=$(date +%s.%N)
  (cd "$2" && env -u NODE_EXTRA_CA_CERTS /usr/bin/time -f '%U %S' -o "$times.cpu" \
    npm test -- --reporter=dot >"$log" 2>&1) || { echo "$1: npm test failed, see $log" >&2; exit 1; }
  end=$(date +%s.%N)
  cpu=$(awk '{ print $1 + $2 }' "$times.cpu")
  awk -v n="$1" -v s="$start" -v e="$end" -v c="$cpu" 'BEGIN { printf "%s %.1f %.1f\n", n, e - s, c }' |
    tee -a "$times"
  rm -f "$log"
}
# The sides are "before" (REF) and "after" (here), and take turns going first.
for pair in $(seq "$pairs"); do
  if ((pair % 2)); then
    run before "$other"
    run after .
  else
    run after .
    run before "$other"
  fi
done

median() { # median NAME COLUMN
  awk -v name="$1" '$1 == name' "$times" | cut -d' ' -f"$2" | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for column in 2 3; do
  label=$([ "$column" = 2 ] && echo 'wall s' || echo 'CPU s')
  before=$(median before "$column")
  after=$(median after "$column")
  awk -v l="$label" -v r="$ref" -v b="$before" -v a="$after" \
    'BEGIN { printf "median %s: %s %.1f, here %.1f, ratio %.2f\n", l, r, b, a, a / b }'
done
