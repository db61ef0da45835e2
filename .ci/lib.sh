# lib.sh: what the scripts that drive the real binary under Xvfb share (drive.sh, screenshots.sh).
# Source it after defining fail() and say(); it defines nothing else at the top level.

# need_tools TOOL...: fails unless every tool is installed.
need_tools() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || fail "$tool is missing: run .ci/install-deps.sh (as root)"
	done
}

# app_binary prints the absolute path of the binary to drive: $VERBATIM_BIN, or bin/verbatim built
# from ./cmd/verbatim. Run it from the repository root.
app_binary() {
	local bin=${VERBATIM_BIN:-}
	if [ -z "$bin" ]; then
		go build -o bin/verbatim ./cmd/verbatim || fail "go build ./cmd/verbatim failed"
		bin=bin/verbatim
	fi
	realpath "$bin"
}

# fresh_home PREFIX: a new empty home for the app (removed on exit), with the XDG folders in it and
# no display inherited; sets $home.
fresh_home() {
	home=$(mktemp -d "${TMPDIR:-/tmp}/$1-home.XXXXXX")
	trap 'rm -rf "$home"' EXIT
	export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share XDG_CACHE_HOME=$home/.cache
	unset XDG_RUNTIME_DIR DISPLAY WAYLAND_DISPLAY
}

# start_app BIN LOG: starts the app with its output appended to LOG and waits (up to 60 s) for its
# window; sets $app_pid and $app_window.
start_app() {
	local bin=$1 log=$2 waited=0
	"$bin" >>"$log" 2>&1 &
	app_pid=$! app_window=""
	while [ -z "$app_window" ]; do
		kill -0 "$app_pid" 2>/dev/null || fail "the app exited before opening a window; see $log"
		[ "$waited" -lt 120 ] || fail "no window after 60 s; see $log"
		app_window=$(xdotool search --onlyvisible --name '^Verbatim' 2>/dev/null | head -n 1 || true)
		[ -n "$app_window" ] || { sleep 0.5; waited=$((waited + 1)); }
	done
}

# stop_app: asks the app started by start_app to quit (TERM), and kills it after 5 s.
stop_app() {
	kill "$app_pid" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$app_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$app_pid" 2>/dev/null || true
	wait "$app_pid" 2>/dev/null || true
}

# screenshot FILE: the whole screen as a PNG.
screenshot() { timeout 30 import -window root "$1" || fail "could not take a screenshot"; }
