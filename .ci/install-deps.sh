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
	# tesseract (with its Dutch data) reads a screenshot of the window, to check that the Dutch interface is Dutch
	tesseract-ocr tesseract-ocr-nld
)
# make dist and make test-dist: the Windows cross compiler and resource compiler, NSIS, wine to run the
# .exe, the .deb's tools (dpkg-shlibdeps, desktop-file-validate, appstreamcli, the MIME database),
# jq for the SBOM, zip, man. Installed without their recommendations (wine's are some 300 MB of
# multimedia libraries the command line does not need).
dist_packages=(
	gcc-mingw-w64-x86-64 wine64
	dpkg-dev desktop-file-utils appstream shared-mime-info man-db
	jq zip unzip nsis
)
# LibreOffice opens the DOCX, ODT and XLSX exports in the tests, as a user's
# office program would. Installed without its recommendations (about 330 MB
# instead of well over a gigabyte).
office_packages=(libreoffice-writer-nogui libreoffice-calc-nogui)
staticcheck_version=v0.8.2

say() { printf 'install-deps: %s\n' "$*"; }
die() { printf 'install-deps: %s\n' "$*" >&2; exit 1; }

# missing_of prints the packages of its arguments that are not installed.
missing_of() {
	for p in "$@"; do
		status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ "$status" = installed ] || printf '%s\n' "$p"
	done
}
mapfile -t missing < <(missing_of "${packages[@]}")
mapfile -t missing_office < <(missing_of "${office_packages[@]}")
mapfile -t missing_dist < <(missing_of "${dist_packages[@]}")

if [ ${#missing[@]} -gt 0 ] || [ ${#missing_office[@]} -gt 0 ] || [ ${#missing_dist[@]} -gt 0 ]; then
	all=("${missing[@]}" "${missing_office[@]}" "${missing_dist[@]}")
	if [ "$(id -u)" -ne 0 ]; then
		die "missing Debian packages: ${all[*]}; run this script as root (or: apt-get install ${all[*]})"
	fi
	say "installing ${all[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	if [ ${#missing[@]} -gt 0 ]; then
		apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	if [ ${#missing_office[@]} -gt 0 ]; then
		apt-get install -y -qq --no-install-recommends "${missing_office[@]}" >/dev/null
	fi
	if [ ${#missing_dist[@]} -gt 0 ]; then
		apt-get install -y -qq --no-install-recommends "${missing_dist[@]}" >/dev/null
	fi
fi

command -v go >/dev/null || die "the go command is not on PATH; install Go (see go.mod for the version) first"

gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH | cut -d: -f1)/bin"
if ! command -v staticcheck >/dev/null && [ ! -x "$gobin/staticcheck" ]; then
	say "installing staticcheck $staticcheck_version into $gobin"
	GOFLAGS='' go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
fi
