#!/usr/bin/env bash
# test-dist.sh [linux] [windows]
#
# Checks the packages .ci/dist.sh built into dist/ (make test-dist runs make dist first), as root on
# Debian 12 with .ci/install-deps.sh's packages:
#   always:  one app ID everywhere; GOOS=darwin CGO_ENABLED=0 go vet ./model/... ./index/...;
#            SHA256SUMS; the SBOM names every module of every binary with its licence; every binary
#            is stripped (no symbol table, no debug information); the Linux one holds no build paths
#            (-trimpath)
#   linux:   the tar.xz installs with its Makefile into a DESTDIR and into ~/.local and uninstalls
#            again; the .deb's metainfo passes appstreamcli validate, its desktop entry
#            desktop-file-validate; apt-get install ./verbatim_*.deb in an empty folder, then
#            verbatim --version, the man page, the MIME type and desktop database, the smoke test on
#            /usr/bin/verbatim; apt-get remove, and nothing is left behind
#   windows: the SBOM names every module of verbatim.exe; .ci/test-wine.sh: the zip and the installer
#            under wine64 (see there)
# Any failure exits non-zero with a message.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'test-dist: %s\n' "$*"; }
fail() { printf 'test-dist: FAIL: %s\n' "$*" >&2; exit 1; }

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux windows)
want() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
GO=${GO:-go}
dist=$PWD/dist
id=app.verbatim.Verbatim
work=$(mktemp -d)
installed=""
cleanup() {
	if [ -n "$installed" ]; then
		apt-get remove -y -qq verbatim >/dev/null 2>&1 || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

say "one app ID: FyneApp.toml, main.go, the desktop entry, the metainfo"
grep -q "^ *ID = \"$id\"" cmd/verbatim/FyneApp.toml || fail "FyneApp.toml's ID is not $id"
grep -q "NewWithID(\"$id\")" cmd/verbatim/main.go || fail "main.go does not open the app as $id"
[ -f "assets/packaging/linux/$id.desktop" ] || fail "no desktop entry $id.desktop"
grep -q "<id>$id</id>" "assets/packaging/linux/$id.metainfo.xml" || fail "the metainfo's id is not $id"

say "GOOS=darwin CGO_ENABLED=0 go vet ./model/... ./index/..."
GOOS=darwin CGO_ENABLED=0 $GO vet ./model/... ./index/...

say "SHA256SUMS"
[ -s "$dist/SHA256SUMS" ] || fail "no $dist/SHA256SUMS"
(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "a package does not match SHA256SUMS"
for f in "$dist"/*; do
	[ "$(basename "$f")" = SHA256SUMS ] || grep -q " $(basename "$f")\$" "$dist/SHA256SUMS" || fail "SHA256SUMS lacks $(basename "$f")"
done

sbom=$dist/verbatim-$VERSION.spdx.json
[ -s "$sbom" ] || fail "no SBOM $sbom"
jq -e '.spdxVersion == "SPDX-2.3"' "$sbom" >/dev/null || fail "$sbom is not SPDX 2.3"
# check_sbom BINARY: every module go version -m finds in it is in the SBOM, at its version, with a licence.
check_sbom() {
	local bin=$1 n=0 path version lic
	while read -r path version; do
		lic=$(jq -r --arg p "$path" --arg v "$version" '.packages[] | select(.name == $p and .versionInfo == $v) | .licenseDeclared' "$sbom")
		[ -n "$lic" ] && [ "$lic" != NOASSERTION ] || fail "the SBOM lacks $path $version (in $bin) or its licence"
		n=$((n + 1))
	done < <($GO version -m "$bin" | awk '$1 == "dep" {p = $2; v = $3; print p, v} $1 == "=>" {print p, $3}' | sort -u -k1,1)
	[ "$n" -gt 20 ] || fail "go version -m found only $n modules in $bin"
	say "  the SBOM names all $n modules of $(basename "$bin") with their licences"
}

# check_release BINARY [stripped]: a release build, stripped (-s -w: no symbol table, no DWARF) and,
# unless only "stripped" is asked for, with no build paths in it (-trimpath; go version -m then leaves
# -ldflags out, which is why they are not checked there).
check_release() {
	local name
	name=$(basename "$1")
	if [ "${2:-}" != stripped ]; then
		$GO version -m "$1" | grep -q $'^\tbuild\t-trimpath=true$' || fail "$name was not built with -trimpath"
		! grep -aqF "$PWD/" "$1" || fail "$name holds the checkout's path $PWD/"
	fi
	case $name in
	*.exe)
		x86_64-w64-mingw32-objdump -t "$1" | grep -q '^no symbols' || fail "$name has a symbol table (not built with -s)"
		! x86_64-w64-mingw32-objdump -h "$1" | grep -q 'debug_' || fail "$name has debug information (not built with -w)"
		;;
	*)
		! readelf -S "$1" | grep -q '\.symtab' || fail "$name has a symbol table (not built with -s)"
		! readelf -S "$1" | grep -q '\.debug_' || fail "$name has debug information (not built with -w)"
		;;
	esac
}

if want linux; then
	deb=$(ls "$dist"/verbatim_*_amd64.deb 2>/dev/null | head -n1)
	tarxz=$dist/verbatim-$VERSION-linux-amd64.tar.xz
	[ -f "$deb" ] || fail "no .deb in $dist"
	[ -f "$tarxz" ] || fail "no $tarxz"

	say "tar.xz: make install into a DESTDIR, make user-install into a fresh home, uninstall"
	mkdir -p "$work/tar" "$work/home" "$work/root"
	tar -C "$work/tar" -xJf "$tarxz"
	top=$work/tar/verbatim-$VERSION-linux-amd64
	[ -f "$top/Makefile" ] || fail "the tar.xz has no Makefile at verbatim-$VERSION-linux-amd64/"
	check_sbom "$top/usr/local/bin/verbatim"
	check_release "$top/usr/local/bin/verbatim"
	files=(bin/verbatim "share/applications/$id.desktop" "share/icons/hicolor/256x256/apps/$id.png"
		"share/metainfo/$id.metainfo.xml" "share/mime/packages/$id.xml" share/man/man1/verbatim.1.gz)
	make -s -C "$top" install DESTDIR="$work/root" >/dev/null
	for f in "${files[@]}"; do [ -f "$work/root/usr/local/$f" ] || fail "make install did not install /usr/local/$f"; done
	got=$("$work/root/usr/local/bin/verbatim" --version)
	[ "$got" = "verbatim $VERSION" ] || fail "the tar.xz's verbatim --version: got '$got', want 'verbatim $VERSION'"
	HOME=$work/home make -s -C "$top" user-install >/dev/null 2>&1
	for f in "${files[@]}"; do [ -f "$work/home/.local/$f" ] || fail "make user-install did not install ~/.local/$f"; done
	if command -v update-mime-database >/dev/null; then
		grep -q 'application/x-verbatim-project:\*\.verbatim' "$work/home/.local/share/mime/globs2" ||
			fail "after make user-install, ~/.local/share/mime does not know *.verbatim"
	fi
	HOME=$work/home make -s -C "$top" user-uninstall >/dev/null 2>&1
	for f in "${files[@]}"; do [ ! -e "$work/home/.local/$f" ] || fail "make user-uninstall left ~/.local/$f"; done

	say ".deb: contents, metainfo (appstreamcli validate), desktop entry (desktop-file-validate)"
	mkdir -p "$work/deb"
	dpkg-deb -x "$deb" "$work/deb"
	for f in "${files[@]}"; do [ -f "$work/deb/usr/$f" ] || fail "the .deb lacks /usr/$f"; done
	[ -s "$work/deb/usr/share/doc/verbatim/copyright" ] || fail "the .deb lacks /usr/share/doc/verbatim/copyright"
	dpkg-deb -f "$deb" Description | grep -qF "Verbatim $VERSION." || fail "the .deb's description does not give the version $VERSION"
	appstreamcli validate --no-net "$work/deb/usr/share/metainfo/$id.metainfo.xml" >"$work/appstream.log" 2>&1 ||
		fail "appstreamcli validate: $(cat "$work/appstream.log")"
	desktop-file-validate "$work/deb/usr/share/applications/$id.desktop" >"$work/dfv.log" 2>&1 || true
	[ ! -s "$work/dfv.log" ] || fail "desktop-file-validate: $(cat "$work/dfv.log")"
	grep -q '^MimeType=application/x-verbatim-project;' "$work/deb/usr/share/applications/$id.desktop" ||
		fail "the desktop entry does not open application/x-verbatim-project"

	say ".deb: apt-get install ./$(basename "$deb") in an empty folder"
	! dpkg-query -W verbatim >/dev/null 2>&1 || fail "a verbatim package is installed already; remove it first (apt-get remove verbatim)"
	mkdir -p "$work/clean"
	cp "$deb" "$work/clean/"
	installed=1
	(cd "$work/clean" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "./$(basename "$deb")" >"$work/apt.log" 2>&1) ||
		fail "apt-get install: $(tail -n 20 "$work/apt.log")"
	[ "$(command -v verbatim)" = /usr/bin/verbatim ] || fail "after installing, verbatim is $(command -v verbatim || echo 'not on PATH'), want /usr/bin/verbatim"
	got=$(verbatim --version)
	[ "$got" = "verbatim $VERSION" ] || fail "the installed verbatim --version: got '$got', want 'verbatim $VERSION'"
	say "  $got"
	if grep -qs 'path-exclude=/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
		# Debian's container images keep dpkg from installing manual pages; the .deb's own was checked above.
		say "  (dpkg here installs no manual pages: /etc/dpkg/dpkg.cfg.d excludes /usr/share/man)"
		zcat "$work/deb/usr/share/man/man1/verbatim.1.gz" | grep -q '^\.B verbatim import' || fail "the .deb's man page lacks the import command"
	else
		man -w verbatim >/dev/null 2>&1 || fail "man -w verbatim finds no manual page"
		MANWIDTH=80 man verbatim 2>/dev/null | grep -q 'import files or folders' || fail "man verbatim does not show the commands"
	fi
	desktop-file-validate "/usr/share/applications/$id.desktop" || fail "desktop-file-validate of the installed entry"
	grep -q 'application/x-verbatim-project:\*\.verbatim' /usr/share/mime/globs2 ||
		fail "the installed MIME type is not in /usr/share/mime/globs2 (shared-mime-info's trigger)"
	grep -q "^application/x-verbatim-project=.*$id.desktop" /usr/share/applications/mimeinfo.cache ||
		fail "/usr/share/applications/mimeinfo.cache does not open .verbatim files with $id.desktop"
	check_sbom /usr/bin/verbatim
	say "  the smoke test on /usr/bin/verbatim"
	VERBATIM_BIN=/usr/bin/verbatim .ci/smoke.sh "$work/smoke.png" >"$work/smoke.log" 2>&1 ||
		fail "the smoke test on the installed binary: $(tail -n 20 "$work/smoke.log")"
	proj=$work/clean/Probe.verbatim
	verbatim new "$proj" --lang en >/dev/null || fail "the installed verbatim new"
	printf 'Interviewer: Hoe begon het?\nSanne: Met een café in Zürich.\n' >"$work/clean/Sanne.txt"
	verbatim import "$proj" "$work/clean/Sanne.txt" >/dev/null || fail "the installed verbatim import"
	verbatim search "$proj" café | grep -q 'Sanne' || fail "the installed verbatim search finds no café"

	say ".deb: apt-get remove"
	DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq -o DPkg::Lock::Timeout=300 verbatim >"$work/apt.log" 2>&1 ||
		fail "apt-get remove: $(tail -n 20 "$work/apt.log")"
	installed=""
	for f in "${files[@]}"; do [ ! -e "/usr/$f" ] || fail "apt-get remove left /usr/$f"; done
	! grep -q 'application/x-verbatim-project' /usr/share/mime/globs2 || fail "after removal, /usr/share/mime still knows the MIME type"
fi

if want windows; then
	unzip -q -o "$dist/verbatim-$VERSION-windows-amd64.zip" -d "$work/win" || fail "cannot unzip the Windows zip"
	check_sbom "$work/win/verbatim-$VERSION-windows-amd64/verbatim.exe"
	# Stripped, not yet -trimpath (see .ci/dist.sh).
	check_release "$work/win/verbatim-$VERSION-windows-amd64/verbatim.exe" stripped
	VERSION=$VERSION .ci/test-wine.sh
fi
say "all package checks passed"
