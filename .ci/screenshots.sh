#!/usr/bin/env bash
# screenshots.sh [OUT-DIR]
#
# Takes the README's screenshots of the main flows with the real binary under Xvfb, driven with
# xdotool, in Dutch (LANG=nl_NL.UTF-8; SHOTS_LANG overrides it): coding (a selection and its
# right-click menu beside coded passages and their stripes), the coded segments of a principle,
# and a search. They go to OUT-DIR (default assets/screenshots). `make screenshots` runs it.
#
# Environment: VERBATIM_BIN runs that binary instead of building ./cmd/verbatim.
set -euo pipefail

fail() { printf 'screenshots: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'screenshots: %s\n' "$*"; }
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

W=1440 H=900

# inner runs inside Xvfb.
inner() {
	local bin=$1 out=$2 log=$3
	start_app "$bin" "$log"
	xdotool windowmove "$app_window" 0 0 windowsize "$app_window" $W $H
	sleep 4 # the first frames at the new size, and the search index of a new project
	# The first-start hint's button (bottom right) closes it.
	xdotool mousemove 1390 828 click 1
	sleep 1
	shot() { sleep 1.5; screenshot "$out/$1.png"; }

	# Coding: the next coded passages (Ctrl+. twice), a passage coded by key, then a selection
	# over a line of an answer and its right-click menu.
	xdotool mousemove 540 300 click 1
	xdotool key ctrl+period
	sleep 0.5
	xdotool key ctrl+period
	sleep 1
	# A passage coded with the second principle by its key, so that the menu offers it as a
	# recent code.
	xdotool mousemove 345 650 mousedown 1 sleep 0.2 mousemove 560 652 sleep 0.2 mousemove 686 652 sleep 0.2 mouseup 1
	sleep 0.5
	xdotool key 2
	sleep 0.5
	xdotool mousemove 600 600 click 1
	sleep 0.3
	xdotool mousemove 420 560 mousedown 1 sleep 0.2 mousemove 600 562 sleep 0.2 mousemove 760 562 sleep 0.2 mouseup 1
	sleep 0.5
	xdotool mousemove 600 562 click 3
	shot coding
	xdotool key Escape
	sleep 0.5

	# The coded segments of the second principle: a click on it with no text selected.
	xdotool mousemove 600 600 click 1
	sleep 0.3
	xdotool mousemove 1230 207 click 1
	shot segments

	# A search: Ctrl+F, a word, Enter.
	xdotool key ctrl+f
	sleep 0.3
	xdotool type --delay 60 'leren'
	xdotool key Return
	sleep 1
	shot search

	stop_app
}

if [ "${1:-}" = --inner ]; then
	shift
	inner "$@"
	exit 0
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(realpath -m "${1:-assets/screenshots}")
mkdir -p "$out"
need_tools xvfb-run xauth xdotool import
bin=$(app_binary)
fresh_home verbatim-shots
export LANG=${SHOTS_LANG:-nl_NL.UTF-8} LC_ALL=
log=$(mktemp "${TMPDIR:-/tmp}/verbatim-shots.XXXXXX.log")

xvfb-run -a -s "-screen 0 ${W}x${H}x24 -nolisten tcp" bash "${BASH_SOURCE[0]}" --inner "$bin" "$out" "$log" ||
	fail "the app's log is $log"
for f in coding segments search; do
	[ -s "$out/$f.png" ] || fail "no $out/$f.png"
done
say "ok: $out/coding.png, segments.png and search.png"
