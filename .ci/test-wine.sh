#!/usr/bin/env bash
# test-wine.sh
#
# Checks dist/verbatim-VERSION-windows-amd64.zip (.ci/dist.sh windows builds it) on Debian 12 with
# wine64, in a fresh wine prefix (with .ci/wine's bcryptprimitives.dll stand-in, which Go needs under
# wine 8.0; never shipped):
#   - the zip holds verbatim.exe, README.txt, LICENSES.txt and the SBOM; the .exe is a stripped
#     64-bit GUI-subsystem program with the icon and a version resource giving VERSION
#   - verbatim.exe --version; a command typed in cmd.exe prints on its console (the GUI-subsystem
#     .exe attaches to it: .ci/wine/conprobe.go), while redirected output stays redirected
#   - new, import of a .docx, search, code add / code apply, codings --json
#     on a project named with a drive letter, backslashes, spaces and non-ASCII letters
#   - two processes: the window (under Xvfb) holds the project, and a second verbatim.exe is
#     refused with the "open elsewhere" message (lock_windows.go's LockFileEx, for real under wine);
#     after the window closes, the second one works
#   - the installer (NSIS, /S): the files in %LocalAppData%\Programs\Verbatim, the Start menu entry,
#     .verbatim files opening with verbatim.exe, the version in Settings > Apps; the uninstaller
#     removes all of it
#   - the demo project and the list of recent projects land in %AppData%\Verbatim
# Any failure exits non-zero with a message.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'test-wine: %s\n' "$*"; }
fail() { printf 'test-wine: FAIL: %s\n' "$*" >&2; exit 1; }

VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
zip=$PWD/dist/verbatim-$VERSION-windows-amd64.zip
[ -f "$zip" ] || fail "no $zip (make dist builds it)"
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || fail "no $wine (apt-get install wine64)"

work=$(mktemp -d)
gui_pid=""
cleanup() {
	[ -z "$gui_pid" ] || kill "$gui_pid" 2>/dev/null || true
	[ -z "${WINEPREFIX:-}" ] || WINEPREFIX=$WINEPREFIX /usr/lib/wine/wineserver -k 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

say "the zip: contents, the .exe's subsystem, resources, symbols"
unzip -q "$zip" -d "$work/zip"
dir=$work/zip/verbatim-$VERSION-windows-amd64
for f in verbatim.exe README.txt LICENSES.txt verbatim.spdx.json; do
	[ -s "$dir/$f" ] || fail "the zip lacks verbatim-$VERSION-windows-amd64/$f"
done
grep -q "Verbatim $VERSION for Windows" "$dir/README.txt" || fail "README.txt does not give the version"
grep -q 'double-click verbatim.exe' "$dir/README.txt" || fail "README.txt does not say how to start Verbatim from the zip"
grep -q 'fyne.io/fyne/v2 v2' "$dir/LICENSES.txt" || fail "LICENSES.txt does not list Fyne"
headers=$(x86_64-w64-mingw32-objdump -p "$dir/verbatim.exe")
grep -q 'Magic.*020b' <<<"$headers" || fail "verbatim.exe is not a PE32+ (64-bit) program"
grep -q 'Subsystem.*Windows GUI' <<<"$headers" || fail "verbatim.exe is not a GUI-subsystem program (a console would open)"
! x86_64-w64-mingw32-objdump -h "$dir/verbatim.exe" | grep -q 'debug_info' || fail "verbatim.exe has debug information (not stripped)"
x86_64-w64-mingw32-windres -i "$dir/verbatim.exe" -O rc -o "$work/res.rc" 2>/dev/null || fail "windres cannot read verbatim.exe's resources"
grep -q 'RT_GROUP_ICON' "$work/res.rc" || fail "verbatim.exe has no icon resource"
grep -q "VALUE \"ProductVersion\", \"$VERSION\"" "$work/res.rc" || fail "verbatim.exe's version resource does not give $VERSION"
grep -q 'dpiAware' "$work/res.rc" || fail "verbatim.exe has no manifest"

say "a fresh wine prefix (the first start takes a while)"
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES='mscoree,mshtml='
x86_64-w64-mingw32-gcc -shared -o "$work/bcryptprimitives.dll" .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -ladvapi32
env -u DISPLAY "$wine" wineboot -i >/dev/null 2>&1 || true
/usr/lib/wine/wineserver -w
sys32=$WINEPREFIX/drive_c/windows/system32
[ -d "$sys32" ] || fail "wineboot made no prefix in $WINEPREFIX"
cp "$work/bcryptprimitives.dll" "$sys32/"
exe_dir=$WINEPREFIX/drive_c/Program\ Files/Verbatim
mkdir -p "$exe_dir"
cp "$dir/verbatim.exe" "$exe_dir/"

# w ARGS... runs verbatim.exe's command line (without a display), its output without the \r.
w() {
	env -u DISPLAY "$wine" 'C:\Program Files\Verbatim\verbatim.exe' "$@" 2>"$work/stderr" | tr -d '\r'
	return "${PIPESTATUS[0]}"
}

got=$(w --version) || fail "verbatim.exe --version failed: $(cat "$work/stderr")"
[ "$got" = "verbatim $VERSION" ] || fail "verbatim.exe --version: got '$got', want 'verbatim $VERSION'"
say "  $got"

say "the command line on C:\\Onderzoek één\\ (backslashes, a drive letter, non-ASCII names)"
udir="$WINEPREFIX/drive_c/Onderzoek één"
mkdir -p "$udir"
# A .docx as Word writes it, at its smallest.
mkdir -p "$work/docx/_rels" "$work/docx/word"
cat >"$work/docx/[Content_Types].xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
EOF
cat >"$work/docx/_rels/.rels" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
EOF
cat >"$work/docx/word/document.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Interviewer: Hoe begon het project?</w:t></w:r></w:p><w:p><w:r><w:t>Zoë: Met een café in Zürich, waar we elke week samenkwamen.</w:t></w:r></w:p></w:body></w:document>
EOF
(cd "$work/docx" && zip -qX -r "$udir/Interview Zoë.docx" '[Content_Types].xml' _rels word)
proj='C:\Onderzoek één\Zoë.verbatim'
w new "$proj" --lang nl >/dev/null || fail "verbatim.exe new $proj: $(cat "$work/stderr")"
[ -f "$udir/Zoë.verbatim" ] || fail "verbatim.exe new did not create $udir/Zoë.verbatim"
out=$(w import "$proj" 'C:\Onderzoek één\Interview Zoë.docx') || fail "verbatim.exe import: $(cat "$work/stderr")"
grep -q '1 imported' <<<"$out" || fail "verbatim.exe import did not import the .docx: $out"
out=$(w search "$proj" café) || fail "verbatim.exe search: $(cat "$work/stderr")"
grep -q 'Interview Zoë.docx.*\[café\] in Zürich' <<<"$out" || fail "verbatim.exe search café: $out"
w code add "$proj" Ontmoeting >/dev/null || fail "verbatim.exe code add: $(cat "$work/stderr")"
w code apply "$proj" --code Ontmoeting --doc 'Interview Zoë.docx' --match 'café in Zürich' >/dev/null ||
	fail "verbatim.exe code apply: $(cat "$work/stderr")"
out=$(w codings "$proj" --json) || fail "verbatim.exe codings --json: $(cat "$work/stderr")"
jq -e 'length == 1 and .[0].code == "Ontmoeting" and .[0].text == "café in Zürich" and .[0].document == "Interview Zoë.docx"' \
	<<<"$out" >/dev/null || fail "verbatim.exe codings --json: $out"
out=$(w docs 'C:/Onderzoek één/Zoë.verbatim') || fail "verbatim.exe docs with forward slashes: $(cat "$work/stderr")"
grep -q 'Interview Zoë.docx' <<<"$out" || fail "verbatim.exe docs: $out"

command -v Xvfb >/dev/null || fail "no Xvfb"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true; cleanup' EXIT
sleep 1

say "the console: a command typed in cmd.exe prints there (the .exe is a GUI program)"
# conprobe.exe starts verbatim.exe on a console of its own with no standard handles, as cmd.exe
# starts a GUI program, and reads back what appeared on the console (wine gives a program started
# from this script the script's pipes instead). -detached: with no console either, so that
# verbatim.exe has to attach to its parent's, as on Windows.
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 ${GO:-go} build -o "$WINEPREFIX/drive_c/conprobe.exe" .ci/wine/conprobe.go
# on_console [-detached] [-stdout FILE] ARGS... prints verbatim.exe's exit status, then the console's text.
on_console() {
	local opts=()
	while :; do
		case $1 in
		-detached) opts+=("$1"); shift ;;
		-stdout) opts+=("$1" "$2"); shift 2 ;;
		*) break ;;
		esac
	done
	rm -f "$WINEPREFIX/drive_c/console.txt"
	DISPLAY=$display "$wine" 'C:\conprobe.exe' "${opts[@]}" 'C:\console.txt' 'C:\Program Files\Verbatim\verbatim.exe' "$@" \
		>/dev/null 2>"$work/stderr" || fail "conprobe.exe: $(cat "$work/stderr")"
	tr -d '\r' <"$WINEPREFIX/drive_c/console.txt"
}
for how in "" -detached; do
	out=$(on_console $how --version)
	[ "$out" = "$(printf '0\nverbatim %s' "$VERSION")" ] || fail "verbatim.exe --version on a console${how:+ ($how)}: got '$out'"
done
out=$(on_console -detached search "$proj" café)
grep -q 'Zoë: Met een \[café\] in Zürich' <<<"$out" || fail "verbatim.exe search on a console: '$out'"
say "  --version and search print on the console, non-ASCII letters included"
# Redirected output stays redirected; what is not redirected (stderr) goes to the console.
out=$(on_console -detached -stdout 'C:\stdout.txt' --version)
[ "$out" = 0 ] || fail "verbatim.exe --version >FILE also wrote to the console: '$out'"
[ "$(tr -d '\r' <"$WINEPREFIX/drive_c/stdout.txt")" = "verbatim $VERSION" ] || fail "verbatim.exe --version >FILE wrote '$(cat "$WINEPREFIX/drive_c/stdout.txt")'"
out=$(on_console -detached -stdout 'C:\stdout.txt' docs 'C:\Onderzoek één\Geen.verbatim')
grep -qx 'verbatim: C:\\Onderzoek één\\Geen.verbatim: no such file or folder' <<<"$(sed 1d <<<"$out")" && [ "$(head -n1 <<<"$out")" = 1 ] ||
	fail "verbatim.exe docs on a missing file, stdout redirected: console '$out'"
[ ! -s "$WINEPREFIX/drive_c/stdout.txt" ] || fail "verbatim.exe docs on a missing file wrote to stdout: $(cat "$WINEPREFIX/drive_c/stdout.txt")"
say "  with stdout redirected to a file: the output goes to the file, the error to the console"

say "%AppData%\\Verbatim: the demo project and the recent projects"
appdata=$(env -u DISPLAY "$wine" cmd /c echo %AppData% 2>/dev/null | tr -d '\r')
[[ $appdata =~ ^[A-Z]:\\ ]] || fail "wine's %AppData% is '$appdata'"
unix_appdata=$(env -u DISPLAY "$wine" winepath -u "$appdata" 2>/dev/null | tr -d '\r')
DISPLAY=$display "$wine" 'C:\Program Files\Verbatim\verbatim.exe' >"$work/gui2.log" 2>&1 &
gui_pid=$!
for _ in $(seq 120); do
	[ -s "$unix_appdata/Verbatim/Demo.verbatim" ] && DISPLAY=$display xdotool search --name '^Verbatim' >/dev/null 2>&1 && break
	kill -0 "$gui_pid" 2>/dev/null || break
	sleep 0.5
done
[ -s "$unix_appdata/Verbatim/Demo.verbatim" ] || fail "the first start made no demo project in $appdata\\Verbatim: $(tail -n 20 "$work/gui2.log")"
ls "$unix_appdata/Verbatim" | grep -qi recent || fail "no list of recent projects in $appdata\\Verbatim: $(ls "$unix_appdata/Verbatim")"
say "  $appdata\\Verbatim holds $(ls "$unix_appdata/Verbatim" | tr '\n' ' ')"
kill "$gui_pid" 2>/dev/null || true
/usr/lib/wine/wineserver -k 2>/dev/null || true
wait "$gui_pid" 2>/dev/null || true
gui_pid=""
say "two processes: the window holds the project; a second verbatim.exe is refused"
DISPLAY=$display "$wine" 'C:\Program Files\Verbatim\verbatim.exe' "$proj" >"$work/gui.log" 2>&1 &
gui_pid=$!
found=""
for _ in $(seq 120); do
	if DISPLAY=$display xdotool search --name '^Verbatim' >/dev/null 2>&1; then found=1; break; fi
	kill -0 "$gui_pid" 2>/dev/null || break
	sleep 0.5
done
[ -n "$found" ] || fail "the window of verbatim.exe did not appear under wine: $(tail -n 20 "$work/gui.log")"
if out=$(w import "$proj" 'C:\Onderzoek één\Interview Zoë.docx'); then
	fail "a second verbatim.exe opened the project the window holds: $out"
fi
grep -q 'open elsewhere' "$work/stderr" || fail "the second verbatim.exe failed, but not with the lock's message: $(cat "$work/stderr")"
say "  refused: $(head -n1 "$work/stderr" | tr -d '\r')"
kill "$gui_pid" 2>/dev/null || true
DISPLAY=$display xdotool search --name '^Verbatim' windowclose 2>/dev/null || true
/usr/lib/wine/wineserver -k 2>/dev/null || true
wait "$gui_pid" 2>/dev/null || true
gui_pid=""
w docs "$proj" >/dev/null || fail "after the window closed, the project is still locked: $(cat "$work/stderr")"
grep -qF 'Zoë.verbatim' "$unix_appdata/Verbatim/recent.json" || fail "the window did not add the project to %AppData%\\Verbatim\\recent.json: $(cat "$unix_appdata/Verbatim/recent.json")"

say "the installer: /S for the current user, the Start menu, .verbatim files, Settings > Apps, uninstall"
installer=$PWD/dist/verbatim-$VERSION-windows-amd64-installer.exe
[ -f "$installer" ] || fail "no $installer"
cp "$installer" "$WINEPREFIX/drive_c/setup-verbatim.exe"
env -u DISPLAY "$wine" 'C:\setup-verbatim.exe' /S >/dev/null 2>&1 || fail "the installer failed"
/usr/lib/wine/wineserver -w
local_appdata=$(env -u DISPLAY "$wine" cmd /c echo %LocalAppData% 2>/dev/null | tr -d '\r')
unix_local=$(env -u DISPLAY "$wine" winepath -u "$local_appdata" 2>/dev/null | tr -d '\r')
inst=$unix_local/Programs/Verbatim
for f in verbatim.exe README.txt LICENSES.txt verbatim.spdx.json uninstall.exe; do
	[ -s "$inst/$f" ] || fail "the installer did not put $f into $local_appdata\\Programs\\Verbatim"
done
cmp -s "$inst/verbatim.exe" "$dir/verbatim.exe" || fail "the installer's verbatim.exe differs from the zip's"
find "$WINEPREFIX/drive_c/users" -path '*Start Menu/Programs/Verbatim.lnk' | grep -q . || fail "no Start menu entry Verbatim.lnk"
# reg_value KEY NAME prints a value of the current user's registry, "" when absent.
reg_value() {
	local which=(/ve)
	[ -z "${2:-}" ] || which=(/v "$2")
	env -u DISPLAY "$wine" reg query "$1" "${which[@]}" 2>/dev/null | tr -d '\r' |
		sed -n 's/^ *[^ ].*REG_[A-Z_]* *//p' | head -n1
}
[ "$(reg_value 'HKCU\Software\Classes\.verbatim')" = Verbatim.Project ] || fail ".verbatim is not associated with Verbatim.Project"
cmdline=$(reg_value 'HKCU\Software\Classes\Verbatim.Project\shell\open\command')
[ "$cmdline" = "\"$local_appdata\\Programs\\Verbatim\\verbatim.exe\" \"%1\"" ] || fail "a .verbatim file opens with '$cmdline'"
uninst='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Verbatim'
[ "$(reg_value "$uninst" DisplayVersion)" = "$VERSION" ] || fail "Settings > Apps would show the version '$(reg_value "$uninst" DisplayVersion)'"
got=$(env -u DISPLAY "$wine" "$local_appdata\\Programs\\Verbatim\\verbatim.exe" --version 2>/dev/null | tr -d '\r')
[ "$got" = "verbatim $VERSION" ] || fail "the installed verbatim.exe --version: '$got'"
say "  installed into $local_appdata\\Programs\\Verbatim; $got; .verbatim opens with it"
env -u DISPLAY "$wine" "$local_appdata\\Programs\\Verbatim\\uninstall.exe" /S >/dev/null 2>&1 || fail "the uninstaller failed"
/usr/lib/wine/wineserver -w
for _ in $(seq 20); do [ -e "$inst/verbatim.exe" ] || break; sleep 0.5; done
[ ! -e "$inst" ] || fail "the uninstaller left $(ls "$inst")"
! find "$WINEPREFIX/drive_c/users" -path '*Start Menu/Programs/Verbatim.lnk' | grep -q . || fail "the uninstaller left the Start menu entry"
[ -z "$(reg_value 'HKCU\Software\Classes\.verbatim')" ] || fail "the uninstaller left the .verbatim association"
[ -z "$(reg_value 'HKCU\Software\Classes\Verbatim.Project\shell\open\command')" ] || fail "the uninstaller left the Verbatim.Project open command"
[ -z "$(reg_value "$uninst" DisplayVersion)" ] || fail "the uninstaller left its Settings > Apps entry"

say "verbatim.exe passed"
