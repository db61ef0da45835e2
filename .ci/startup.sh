#!/usr/bin/env bash
# startup.sh [RUNS]
#
# Measures Verbatim's start-up to its first window on the demo project (make startup): under Xvfb,
# with a fresh home whose demo project a first start has made, it starts the binary RUNS times
# (default 7) and takes the time from the start until xdotool finds the mapped window whose title
# starts with "Verbatim", then stops it. Prints each run and the median. Reports, does not judge.
# Warm by default: the files are in the page cache after the first start.
#
# Environment:
#   VERBATIM_BIN     the binary (default /usr/bin/verbatim, as the .deb installs it)
#   STARTUP_COLD=1   cold starts: before each timed start, sync and drop the page cache (as root:
#                    echo 3 >/proc/sys/vm/drop_caches; this slows everything else on the machine for a
#                    moment), and say how much of the binary was still cached (fincore); if the cache
#                    cannot be dropped, it says so and the starts are warm
#   STARTUP_TIMEOUT  seconds to wait for a window before giving up on a start (default 60)
set -euo pipefail

runs=${1:-7}
bin=${VERBATIM_BIN:-/usr/bin/verbatim}
[ -x "$bin" ] || { echo "startup: no $bin (VERBATIM_BIN)" >&2; exit 1; }
timeout_s=${STARTUP_TIMEOUT:-60}

if [ -z "${STARTUP_INNER:-}" ]; then
	export STARTUP_INNER=1 VERBATIM_BIN=$bin
	# From a random display number: several xvfb-run -a started together from 99 can race for one.
	exec xvfb-run -a -n $((100 + RANDOM % 800)) -s '-screen 0 1280x800x24 -nolisten tcp' "$0" "$runs"
fi

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache

# drop_cache empties the page cache (STARTUP_COLD=1), or says why it cannot; it fails then.
drop_cache() {
	sync
	if ! (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
		echo "startup: cannot drop the page cache (echo 3 >/proc/sys/vm/drop_caches failed; not root?): warm starts" >&2
		return 1
	fi
}

# cached prints how much of the binary is in the page cache, when fincore can tell.
cached() {
	command -v fincore >/dev/null || { echo "?"; return; }
	local res size
	res=$(fincore --bytes --noheadings --output RES "$bin" 2>/dev/null | tr -d ' ') || { echo "?"; return; }
	size=$(stat -c %s "$bin")
	echo "$((res * 100 / size))%"
}

cold=""
if [ "${STARTUP_COLD:-}" = 1 ] && drop_cache; then
	cold=1
fi

# start_and_wait prints the milliseconds from start to the window, then stops the app. It gives up
# after STARTUP_TIMEOUT seconds (by the clock, however busy the machine).
start_and_wait() {
	local t0 t1 pid deadline
	t0=$(date +%s%N)
	deadline=$((t0 + timeout_s * 1000000000))
	"$bin" >"$home/app.log" 2>&1 &
	pid=$!
	while [ "$(date +%s%N)" -lt "$deadline" ]; do
		if xdotool search --onlyvisible --name '^Verbatim' >/dev/null 2>&1; then
			t1=$(date +%s%N)
			# The CPU time the app used until then (user + system, all threads), which a busy
			# machine inflates less than the wall-clock time.
			cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
			echo "$(((t1 - t0) / 1000000)) $cpu"
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
	done
	local why="no window within $timeout_s s"
	kill -0 "$pid" 2>/dev/null || why="the app ended without a window"
	kill -9 "$pid" 2>/dev/null || true
	echo "startup: $why; the app's output: $(tail -n 20 "$home/app.log")" >&2
	return 1
}

read -r first first_cpu < <(start_and_wait)
[ -s "$XDG_DATA_HOME/verbatim/Demo.verbatim" ] || { echo "startup: the first start made no demo project" >&2; exit 1; }
echo "startup: first start (creates the demo project): $first ms (CPU $first_cpu ms)"
times=() cpus=()
for i in $(seq "$runs"); do
	note=""
	if [ -n "$cold" ]; then
		drop_cache || exit 1
		note=", binary $(cached) cached before the start"
	fi
	read -r ms cpu < <(start_and_wait) || exit 1
	times+=("$ms")
	cpus+=("$cpu")
	echo "startup: run $i: $ms ms (CPU $cpu ms$note)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
kind=warm
[ -z "$cold" ] || kind=cold
echo "startup: median of $runs $kind starts to the first window on the demo project: $(median "${times[@]}") ms," \
	"CPU $(median "${cpus[@]}") ms ($bin; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores)"
