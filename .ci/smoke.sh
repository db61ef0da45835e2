#!/usr/bin/env bash
# smoke.sh [SCREENSHOT.png]
#
# Starts the real Verbatim binary as a first-time user would: no arguments, a fresh HOME, under
# Xvfb. It must create the demo project and open a window whose title starts with "Verbatim".
# The script waits for that window, saves a screenshot of the screen (default
# $TMPDIR/verbatim-smoke.png, printed at the end, with the app's log beside it), checks that the
# screenshot is not blank, and stops the app. Any failure exits non-zero with a message.
#
# Environment: VERBATIM_BIN runs that binary instead of building ./cmd/verbatim;
# SMOKE_TIMEOUT is how long to wait for the window, in seconds (default 60);
# SMOKE_EXPECT_PROJECT=0 skips the check that a .verbatim project was created.
set -euo pipefail

fail() { printf 'smoke: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'smoke: %s\n' "$*"; }

# app_output prints the end of the app's log for a failure message.
app_output() {
	if [ -s "$1" ]; then
		printf "the app's output:\n%s" "$(tail -n 30 "$1")"
	else
		printf 'the app printed nothing'
	fi
}

# stop_app ends the app started by inner: politely, then for certain after 5 s.
app_pid=""
stop_app() {
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || return 0
	for _ in $(seq 50); do
		kill -0 "$app_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$app_pid" 2>/dev/null || true
	wait "$app_pid" 2>/dev/null || true
}

# inner runs inside Xvfb: it starts the app, waits for its window, takes and judges the screenshot.
inner() {
	local bin=$1 out=$2 log=$3 timeout=$4
	"$bin" >"$log" 2>&1 &
	app_pid=$!
	trap stop_app EXIT
	local waited=0 window=""
	while [ -z "$window" ]; do
		if ! kill -0 "$app_pid" 2>/dev/null; then
			local status=0
			wait "$app_pid" || status=$?
			fail "the app exited with status $status before opening a window; $(app_output "$log")"
		fi
		[ "$waited" -lt $((timeout * 2)) ] || fail "no window titled 'Verbatim…' after ${timeout}s; $(app_output "$log")"
		window=$(xdotool search --onlyvisible --name '^Verbatim' 2>/dev/null | head -n 1 || true)
		if [ -z "$window" ]; then
			sleep 0.5
			waited=$((waited + 1))
		fi
	done
	say "window \"$(xdotool getwindowname "$window")\" appeared after about $((waited / 2))s"
	sleep 3 # let the first frames render
	kill -0 "$app_pid" 2>/dev/null || fail "the app exited right after opening its window; $(app_output "$log")"
	timeout 30 import -window root "$out" || fail "could not take a screenshot with ImageMagick's import"
	stop_app
	local colours deviation
	colours=$(convert "$out" -format '%k' info:)
	deviation=$(convert "$out" -format '%[fx:standard_deviation]' info:)
	say "screenshot: $colours colours, standard deviation $deviation"
	if [ "$colours" -lt 16 ] || ! awk -v d="$deviation" 'BEGIN { exit !(d > 0.02) }'; then
		fail "the screenshot $out looks blank ($colours colours, standard deviation $deviation)"
	fi
}

if [ "${1:-}" = --inner ]; then
	shift
	inner "$@"
	exit 0
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(realpath -m "${1:-${TMPDIR:-/tmp}/verbatim-smoke.png}")
log=${out%.png}.log
timeout=${SMOKE_TIMEOUT:-60}

for tool in xvfb-run xauth xdotool import convert; do
	command -v "$tool" >/dev/null || fail "$tool is missing: run .ci/install-deps.sh (as root)"
done

bin=${VERBATIM_BIN:-}
if [ -z "$bin" ]; then
	say "building bin/verbatim (the first build takes a few minutes)"
	go build -o bin/verbatim ./cmd/verbatim || fail "go build ./cmd/verbatim failed"
	bin=bin/verbatim
fi
bin=$(realpath "$bin")
[ -x "$bin" ] || fail "$bin is not an executable"

# A first-time user: an empty home, nothing of the caller's configuration or data.
home=$(mktemp -d "${TMPDIR:-/tmp}/verbatim-smoke-home.XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache
unset XDG_RUNTIME_DIR DISPLAY WAYLAND_DISPLAY
case "${LANG:-C}" in C | C.* | POSIX | "") export LANG=en_US.UTF-8 ;; esac
rm -f "$out" "$log"

say "starting $bin under Xvfb (1280x800x24)"
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
	bash "${BASH_SOURCE[0]}" --inner "$bin" "$out" "$log" "$timeout" ||
	fail "the app's full log is $log"

if [ "${SMOKE_EXPECT_PROJECT:-1}" != 0 ]; then
	project=$(find "$home" -name '*.verbatim' -type f -print -quit)
	[ -n "$project" ] || fail "no .verbatim project was created under the fresh HOME: the demo project is missing"
	say "demo project created: ${project#"$home"/}"
fi
say "ok: screenshot $out (log $log)"
