#!/usr/bin/env bash
# drive.sh [OUT-DIR]
#
# Drives the real Verbatim binary as a user would, under Xvfb with xdotool, and checks the result
# with the command line: a first start on the demo project, a drag over a passage of the
# transcript, the key 1 (the first principle), then the app is closed; the project must have one
# coding more. A second start and Ctrl+Z; the project must be as before. Screenshots of both steps
# go to OUT-DIR (default $TMPDIR/verbatim-drive). The app is stopped with TERM each time (as a
# logout does), which must lose nothing: the first start's window size is in the preferences, and a
# third start types into the summary shown and gets TERM at once, before the summary's autosave;
# what the window had received of the text must be in the project. Any failure exits non-zero with
# a message.
#
# Environment: VERBATIM_BIN runs that binary instead of building ./cmd/verbatim.
set -euo pipefail

fail() { printf 'drive: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'drive: %s\n' "$*"; }
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# memo_first and memo_rest are typed at the end of the summary shown, with a pause of 0.3 s
# between them (shorter than the autosave's 0.6 s, which each key starts again), and TERM at once
# after memo_rest. Keys still on their way to the window when TERM comes are lost with its X
# connection (Fyne's driver ends GLFW without reading them: under load, the last 1 to 4 of them
# in 3 runs of 10), so the project must hold memo_first and may hold any beginning of memo_rest.
memo_first=" Getypt vlak"
memo_rest=" voor TERM."

# inner runs inside Xvfb: it starts the app, waits for its window, runs the xdotool steps, takes a
# screenshot and stops the app.
inner() {
	local bin=$1 shot=$2 steps=$3 log=$4
	start_app "$bin" "$log"
	sleep 3 # the first frames, and the search index of a new project
	case $steps in
	code)
		# A drag along one line of the first answer in the transcript, then the key 1.
		xdotool mousemove 420 396 mousedown 1 sleep 0.2 mousemove 600 396 sleep 0.2 mousemove 800 396 sleep 0.2 mouseup 1
		sleep 0.5
		xdotool key 1
		;;
	undo)
		xdotool mousemove 600 600 click 1
		sleep 0.3
		xdotool key ctrl+z
		;;
	memo)
		# A click below the summary's text (the memo panel beside the transcript), the End key, the
		# text, then TERM at once: within the autosave's 0.6 s after the last key.
		xdotool mousemove 826 490 click 1
		sleep 0.3
		xdotool key End
		xdotool type --delay 15 "$memo_first"
		sleep 0.3
		xdotool type --delay 15 "$memo_rest"
		stop_app
		return
		;;
	esac
	sleep 1.5
	screenshot "$shot"
	stop_app
}

if [ "${1:-}" = --inner ]; then
	shift
	inner "$@"
	exit 0
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(realpath -m "${1:-${TMPDIR:-/tmp}/verbatim-drive}")
mkdir -p "$out"
need_tools xvfb-run xauth xdotool import
bin=$(app_binary)
fresh_home verbatim-drive
case "${LANG:-C}" in C | C.* | POSIX | "") export LANG=en_US.UTF-8 ;; esac
log=$out/app.log
: >"$log"

# codings prints how many codings the demo project holds.
codings() {
	"$bin" codings "$home/.local/share/verbatim/Demo.verbatim" --json | grep -c '"id":' || true
}

run() {
	xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash "${BASH_SOURCE[0]}" --inner "$bin" "$out/$1.png" "$1" "$log" ||
		fail "the app's log is $log"
}

say "first start, a drag over a passage, the key 1"
run code
[ -f "$home/.local/share/verbatim/Demo.verbatim" ] || fail "the first start made no demo project"
after=$(codings)
"$bin" codings "$home/.local/share/verbatim/Demo.verbatim" >"$out/codings-after-key.txt"
say "codings after the key: $after"
prefs=$(find "$home/.config" -name preferences.json | head -n 1)
grep -q '"window.width"' "${prefs:-/dev/null}" || fail "after TERM the window's size is not in the preferences (${prefs:-none})"

say "second start, Ctrl+Z"
run undo
undone=$(codings)
"$bin" codings "$home/.local/share/verbatim/Demo.verbatim" >"$out/codings-after-undo.txt"
say "codings after Ctrl+Z: $undone"

# The demo starts with its example codings and a clean history: the key added one coding, with
# the first principle, and Ctrl+Z took exactly that one away.
[ "$after" -eq $((undone + 1)) ] || fail "the key 1 did not add one coding that Ctrl+Z took away (after the key: $after, after Ctrl+Z: $undone); screenshots in $out"
added=$(diff "$out/codings-after-undo.txt" "$out/codings-after-key.txt" | grep '^>' || true)
case $added in
*"Doorbreek patronen"*) say "the key coded: ${added#> }" ;;
*) fail "the coding the key added is not the first principle's: $added" ;;
esac
say "third start, a summary typed and TERM at once"
run memo
demo=$home/.local/share/verbatim/Demo.verbatim
kept="" summary=""
for doc in $("$bin" docs "$demo" | awk 'NR > 1 { print $1 }'); do
	text=$("$bin" memo "$demo" doc "$doc")
	case $text in *"$memo_first"*) kept=$doc summary=$text ;; esac
done
[ -n "$kept" ] || fail "the summary typed just before TERM is not in the project; see $log"
# What follows memo_first at the summary's end must be a beginning of memo_rest: no key twice or
# out of order.
typed=${summary##*"$memo_first"}
case $memo_rest in "$typed"*) ;; *) fail "the summary ends in '$memo_first$typed', not in a beginning of '$memo_first$memo_rest'" ;; esac
[ ! -e "$demo-wal" ] || fail "after TERM the project's -wal is still there: it was not closed"
say "the summary typed before TERM is kept (document $kept: '$memo_first$typed')"
say "ok: screenshots $out/code.png and $out/undo.png"
