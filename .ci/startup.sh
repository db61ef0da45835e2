#!/usr/bin/env bash
# startup.sh [RUNS]
#
# Measures Verbatim's start-up to its first window on the demo project (make startup): under Xvfb,
# with a fresh home whose demo project a first start has made, it starts the binary RUNS times
# (default 7) and takes the time from the start until xdotool finds the mapped window whose title
# starts with "Verbatim", then stops it. Prints each run and the median. Reports, does not judge.
# The files are in the page cache after the first start (a cold disk is not measured).
#
# Environment: VERBATIM_BIN is the binary (default /usr/bin/verbatim, as the .deb installs it).
set -euo pipefail

runs=${1:-7}
bin=${VERBATIM_BIN:-/usr/bin/verbatim}
[ -x "$bin" ] || { echo "startup: no $bin (VERBATIM_BIN)" >&2; exit 1; }

if [ -z "${STARTUP_INNER:-}" ]; then
	export STARTUP_INNER=1 VERBATIM_BIN=$bin
	exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$runs"
fi

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache

# start_and_wait prints the milliseconds from start to the window, then stops the app.
start_and_wait() {
	local t0 t1 pid
	t0=$(date +%s%N)
	"$bin" >"$home/app.log" 2>&1 &
	pid=$!
	for _ in $(seq 6000); do
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
	kill -9 "$pid" 2>/dev/null || true
	echo "startup: no window; the app's output: $(tail -n 20 "$home/app.log")" >&2
	return 1
}

read -r first first_cpu < <(start_and_wait)
[ -s "$XDG_DATA_HOME/verbatim/Demo.verbatim" ] || { echo "startup: the first start made no demo project" >&2; exit 1; }
echo "startup: first start (creates the demo project): $first ms (CPU $first_cpu ms)"
times=() cpus=()
for i in $(seq "$runs"); do
	read -r ms cpu < <(start_and_wait)
	times+=("$ms")
	cpus+=("$cpu")
	echo "startup: run $i: $ms ms (CPU $cpu ms)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "startup: median of $runs starts to the first window on the demo project: $(median "${times[@]}") ms," \
	"CPU $(median "${cpus[@]}") ms ($bin; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores)"
