package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVisible(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ana.docx", "Ana.docx"},
		{"Coöperatie 👩‍🔬 “reünie”", "Coöperatie 👩‍🔬 “reünie”"},
		{"two\nlines\tand\r", `two\nlines\tand\r`},
		{"\x1b[2Jclear", `\x1b[2Jclear`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`},
		{"evil\u202Etxt.exe", `evil\u202etxt.exe`},
		{"iso\u2067late\u2069", `iso\u2067late\u2069`},
		{"c1\u009bcsi", `c1\u009bcsi`},
		{"שלום\u200F", "שלום\u200F"}, // a mark reorders nothing: kept
	} {
		if got := visible(tc.in); got != tc.want {
			t.Errorf("visible(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := visibleText("line one\nline\x1b two"); got != `line one`+"\n"+`line\x1b two` {
		t.Errorf("visibleText kept %q", got)
	}
}

// TestNamesCannotWriteToTheTerminal imports a file whose name holds escape
// sequences and a right-to-left override, and checks that no text output
// carries them raw.
func TestNamesCannotWriteToTheTerminal(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	name := "evil\x1b[2J\x1b]0;pwned\x07\u202Etxt.exe.txt"
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte("Ana: We leren veel van elkaar.\nBo: Ja, leren.\n"), 0o644); err != nil {
		t.Skipf("this file system does not take the name: %v", err)
	}
	mustRun(t, env, "new", proj, "--lang", "nl")
	mustRun(t, env, "import", proj, file)
	mustRun(t, env, "code", "add", proj, "Leren")
	mustRun(t, env, "code", "apply", proj, "--code", "Leren", "--doc", name, "--match", "leren")
	for _, args := range [][]string{
		{"docs", proj},
		{"codings", proj},
		{"search", proj, "leren"},
		{"speakers", proj},
		{"undo", proj},
	} {
		_, out, errOut := run(t, env, args...)
		if strings.ContainsAny(out+errOut, "\x1b\x07\u202E") {
			t.Errorf("verbatim %s printed a raw control character: %q", args[0], out+errOut)
		}
		if args[0] == "docs" && !strings.Contains(out, `evil\x1b[2J\x1b]0;pwned\x07\u202etxt.exe.txt`) {
			t.Errorf("docs does not show the name escaped:\n%s", out)
		}
	}
	code, _, errOut := run(t, env, "memo", proj, "doc", name+"x")
	if code != 1 || strings.ContainsAny(errOut, "\x1b\x07\u202E") {
		t.Errorf("an error naming the document: exit %d, %q", code, errOut)
	}
}
