#!/usr/bin/env bash
# Installs what building, running and testing Verbatim needs on Debian 12: the C toolchain and
# the GL/X11 headers Fyne links against, Xvfb and the tools the smoke test drives it with, the
# programs export tests open their output with, and staticcheck. Idempotent: when everything is
# present it only checks (well under a second) and changes nothing.
set -euo pipefail

packages=(
	gcc pkg-config
	libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
	xvfb xauth xdotool imagemagick
	libxml2-utils poppler-utils
	ripgrep
)
staticcheck_version=v0.8.2

say() { printf 'install-deps: %s\n' "$*"; }
die() { printf 'install-deps: %s\n' "$*" >&2; exit 1; }

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		die "missing Debian packages: ${missing[*]}; run this script as root (or: apt-get install ${missing[*]})"
	fi
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v go >/dev/null || die "the go command is not on PATH; install Go (see go.mod for the version) first"

gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH | cut -d: -f1)/bin"
if ! command -v staticcheck >/dev/null && [ ! -x "$gobin/staticcheck" ]; then
	say "installing staticcheck $staticcheck_version into $gobin"
	GOFLAGS='' go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
fi
