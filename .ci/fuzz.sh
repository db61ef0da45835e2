#!/usr/bin/env bash
# fuzz.sh: runs every fuzz target of the module for a short while (FUZZTIME, default 3s each), so
# that each parser meets fresh random input on every CI run, not only its seed corpus (which the
# plain `go test` runs). A crash leaves its input under testdata/fuzz/ of the package: commit it
# with the fix, and it stays a regression test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fuzztime=${FUZZTIME:-3s}
failed=0
for pkg in $(go list ./...); do
	targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
	for t in $targets; do
		printf 'fuzz: %s %s (%s)\n' "${pkg#codeberg.org/verbatim/verbatim/}" "$t" "$fuzztime"
		if ! go test -run '^$' -fuzz "^${t}\$" -fuzztime "$fuzztime" "$pkg" >/tmp/fuzz-$$.log 2>&1; then
			cat /tmp/fuzz-$$.log
			failed=1
		fi
	done
done
rm -f /tmp/fuzz-$$.log
[ "$failed" -eq 0 ] || { echo 'fuzz: a fuzz target failed (see above)' >&2; exit 1; }
echo 'fuzz: ok'
