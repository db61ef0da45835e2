#!/usr/bin/env bash
# dist.sh [linux] [windows]
#
# Builds Verbatim's release packages into dist/ (make dist): by default all of them.
#   linux:   verbatim-VERSION-linux-amd64.tar.xz (the layout "fyne package -os linux" makes: the binary,
#            desktop entry, icon, AppStream metainfo, MIME type, man page and a Makefile that installs
#            them into /usr/local or ~/.local) and verbatim_DEBVERSION_amd64.deb
#   windows: verbatim-VERSION-windows-amd64.zip (verbatim.exe, cross-built with mingw-w64, with its icon
#            and version resource; README.txt, LICENSES.txt, the SBOM) and
#            verbatim-VERSION-windows-amd64-installer.exe (NSIS: the same files for the current user,
#            a Start menu entry, .verbatim files opening with Verbatim, an uninstaller)
# and in every case verbatim-VERSION.spdx.json (the software bill of materials of the binaries built,
# from cmd/verbatim/licenses) and SHA256SUMS of everything in dist/.
#
# VERSION is the environment's (make passes git describe's), else git describe's. Release builds are
# stripped (-s -w); the Linux one holds no build paths (-trimpath). The Go build cache is reused: only the first Windows build is slow.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'dist: %s\n' "$*"; }
die() { printf 'dist: %s\n' "$*" >&2; exit 1; }

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux windows)
want() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
GO=${GO:-go}
out=dist
pkg=assets/packaging
# The app's ID and name, from FyneApp.toml.
toml=cmd/verbatim/FyneApp.toml
id=$(sed -n 's/^ *ID *= *"\(.*\)"/\1/p' "$toml")
name=$(sed -n 's/^ *Name *= *"\(.*\)"/\1/p' "$toml")
[ -n "$id" ] && [ -n "$name" ] || die "no ID or Name in $toml"

# The Debian version must start with a digit: a tag v1.2.0 gives 1.2.0, v1.2.0-3-gabc 1.2.0+3+gabc;
# a checkout without tags (a bare commit, abc1234) gives 0~gitabc1234 (sorting before any release).
deb_version=${VERSION#v}
deb_version=${deb_version//-/+}
[[ $deb_version =~ ^[0-9]+\.[0-9] ]] || deb_version="0~git$deb_version"
# Windows wants four numbers: those of the tag, or 0.0.0.0 without one.
IFS=. read -r v1 v2 v3 _ <<<"$(sed -n 's/^v\{0,1\}\([0-9][0-9]*\.[0-9][0-9]*\(\.[0-9][0-9]*\)*\).*/\1/p' <<<"$VERSION")"
file_version="${v1:-0},${v2:-0},${v3:-0},0"
# Dates in the packages: the commit's, so that a rebuild of a commit gives the same metadata.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)

ldflags="-s -w -X main.Version=$VERSION"
work=$(mktemp -d)
syso=cmd/verbatim/rsrc_windows_amd64.syso
trap 'rm -rf "$work" "$syso"' EXIT
rm -rf "$out"
mkdir -p "$out"
bins=()

# licenses writes LICENSES.txt (and checks assets/licenses.json is current).
say "licences ($VERSION)"
$GO run ./cmd/verbatim/licenses -text "$work/LICENSES.txt" -version "$VERSION"

if want linux; then
	say "linux: go build ($VERSION, stripped, -trimpath)"
	$GO build -trimpath -ldflags "$ldflags" -o "$work/linux/verbatim" ./cmd/verbatim
	bins+=("$work/linux/verbatim")
	$GO run ./cmd/verbatim/manpage -version "$VERSION" -date "$date" -o "$work/verbatim.1"
	gzip -9n <"$work/verbatim.1" >"$work/verbatim.1.gz"

	# stage PREFIX ROOT lays out the installed files under ROOT/PREFIX.
	stage() {
		local root=$1/$2
		install -Dm755 "$work/linux/verbatim" "$root/bin/verbatim"
		install -Dm644 "$pkg/linux/$id.desktop" "$root/share/applications/$id.desktop"
		install -Dm644 assets/icon.png "$root/share/icons/hicolor/256x256/apps/$id.png"
		install -d "$root/share/metainfo"
		sed "s/@VERSION@/$deb_version/; s/@DATE@/$date/" "$pkg/linux/$id.metainfo.xml" >"$root/share/metainfo/$id.metainfo.xml"
		install -Dm644 "$pkg/linux/verbatim-mime.xml" "$root/share/mime/packages/$id.xml"
		install -Dm644 "$work/verbatim.1.gz" "$root/share/man/man1/verbatim.1.gz"
	}

	tarname=verbatim-$VERSION-linux-amd64
	say "linux: $tarname.tar.xz"
	stage "$work/tar/$tarname" usr/local
	install -m644 "$pkg/linux/Makefile" "$work/tar/$tarname/Makefile"
	install -m644 "$work/LICENSES.txt" "$work/tar/$tarname/LICENSES.txt"
	tar -C "$work/tar" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
		-cJf "$out/$tarname.tar.xz" "$tarname"

	debname=verbatim_${deb_version}_amd64.deb
	say "linux: $debname"
	root=$work/deb
	stage "$root" usr
	install -Dm644 "$work/LICENSES.txt" "$root/usr/share/doc/verbatim/copyright"
	# The shared libraries the binary links, as Debian package dependencies.
	mkdir -p "$work/shlibs/debian"
	printf 'Source: verbatim\n\nPackage: verbatim\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
	depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$root/usr/bin/verbatim" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
	[ -n "$depends" ] || die "dpkg-shlibdeps found no dependencies of the binary"
	size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
	mkdir -p "$root/DEBIAN"
	cat >"$root/DEBIAN/control" <<-EOF
		Package: verbatim
		Version: $deb_version
		Architecture: amd64
		Maintainer: The Verbatim developers <verbatim@codeberg.org>
		Installed-Size: $size
		Depends: $depends
		Recommends: shared-mime-info, desktop-file-utils
		Section: science
		Priority: optional
		Homepage: https://codeberg.org/verbatim/verbatim
		Description: code interview transcripts, offline
		 Verbatim is a desktop application for coding interview transcripts: import
		 transcripts (text, Word, OpenDocument, PDF, subtitles and more), mark passages
		 and tag them with codes, write memos and summaries, search, and export the
		 coded quotes and reports. A project is one file; nothing leaves the machine.
		 .
		 This package's version is Verbatim $VERSION.
	EOF
	find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
	dpkg-deb --root-owner-group -Zxz --build "$root" "$out/$debname" >/dev/null
fi

if want windows; then
	command -v x86_64-w64-mingw32-gcc >/dev/null || die "no x86_64-w64-mingw32-gcc (apt-get install gcc-mingw-w64-x86-64)"
	say "windows: resources (icon, version $file_version, $VERSION)"
	convert assets/icon.png -define icon:auto-resize=256,128,64,48,32,16 "$work/verbatim.ico"
	cp "$pkg/windows/verbatim.manifest" "$work/verbatim.manifest"
	sed -e "s|@ICON@|$work/verbatim.ico|; s|@MANIFEST@|$work/verbatim.manifest|" \
		-e "s|@FILEVERSION@|$file_version|g; s|@VERSION@|$VERSION|g" \
		"$pkg/windows/verbatim.rc.in" >"$work/verbatim.rc"
	x86_64-w64-mingw32-windres -O coff -i "$work/verbatim.rc" -o "$syso"
	say "windows: go build (cgo with mingw-w64; the first build takes several minutes)"
	# -H windowsgui: a double-click opens no console window; a command typed in cmd.exe attaches to
	# its console (cmd/verbatim/windowsconsole_windows.go). Not -trimpath yet, unlike the Linux build:
	# with it the build cache holds none of the mingw cgo work, and the next build is a cold one (72 min
	# here under load, see README).
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$GO build -ldflags "$ldflags -H windowsgui" -o "$work/windows/verbatim.exe" ./cmd/verbatim
	rm -f "$syso"
	bins+=("$work/windows/verbatim.exe")
fi

say "SBOM"
$GO run ./cmd/verbatim/licenses -sbom "$out/verbatim-$VERSION.spdx.json" -version "$VERSION" \
	$(printf -- '-bin %s ' "${bins[@]}")

if want windows; then
	zipname=verbatim-$VERSION-windows-amd64
	say "windows: $zipname.zip"
	z=$work/zip/$zipname
	mkdir -p "$z"
	cp "$work/windows/verbatim.exe" "$z/"
	sed "s/@VERSION@/$VERSION/" "$pkg/windows/README.txt" | sed 's/$/\r/' >"$z/README.txt"
	sed 's/$/\r/' "$work/LICENSES.txt" >"$z/LICENSES.txt"
	cp "$out/verbatim-$VERSION.spdx.json" "$z/verbatim.spdx.json"
	find "$z" -exec touch -d "@$SOURCE_DATE_EPOCH" {} +
	(cd "$work/zip" && zip -qX -r "$OLDPWD/$out/$zipname.zip" "$zipname")
	say "windows: $zipname-installer.exe (NSIS)"
	makensis -V2 -DVERSION="$VERSION" -DSRCDIR="$z" -DICON="$work/verbatim.ico" \
		-DOUTFILE="$PWD/$out/$zipname-installer.exe" "$pkg/windows/verbatim.nsi" >"$work/makensis.log" ||
		die "makensis: $(cat "$work/makensis.log")"
fi

(cd "$out" && sha256sum -- * >SHA256SUMS)
say "built in $out/:"
(cd "$out" && ls -l --block-size=K -- * | awk '{printf "dist:   %8s  %s\n", $5, $9}')
