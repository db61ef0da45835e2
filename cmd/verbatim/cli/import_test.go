package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportReportsEveryFile checks that a folder import says what became
// of every file it meets and counts them all, and that files passed over
// in a folder (hidden, other formats) are not failures.
func TestImportReportsEveryFile(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	mustRun(t, env, "new", proj)
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	for name, text := range map[string]string{
		"a.txt":     "Interviewer: Hoe gaat het?\nAna: Goed.\n",
		"data.json": `{"a": 1}`,
		".DS_Store": "\x00\x00",
		" Bo .txt":  "Bo: Hallo.\n",
	} {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := mustRun(t, env, "import", proj, in)
	for _, want := range []string{
		"imported   " + filepath.Join(in, "a.txt"),
		"skipped    " + filepath.Join(in, "data.json") + ": JSON data, not a transcript",
		"skipped    " + filepath.Join(in, ".DS_Store") + ": a hidden file",
		"2 imported, 0 duplicates, 2 skipped",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if docs := mustRun(t, env, "docs", proj); !strings.Contains(docs, "Bo.txt") || strings.Contains(docs, " Bo .txt") {
		t.Errorf("document names not trimmed:\n%s", docs)
	}
	// A file that fails beside passed-over ones counts against the files
	// tried.
	os.WriteFile(filepath.Join(in, "kapot.docx"), []byte("geen zip"), 0o644)
	if code, _, errOut := run(t, env, "import", proj, in); code != 1 || !strings.Contains(errOut, "1 of 3 files not imported") {
		t.Errorf("import with a damaged file: exit %d, %q; want 1 and 1 of 3", code, errOut)
	}
	// Given alone, a file that is not a transcript is a failed import.
	code, _, errOut := run(t, env, "import", proj, filepath.Join(in, "data.json"))
	if code != 1 || !strings.Contains(errOut, "1 of 1 files not imported") {
		t.Errorf("import data.json: exit %d, %q; want 1 and a failure", code, errOut)
	}
}

// TestImportNotes checks that what was odd in an imported file is printed
// under its line, in text and in JSON.
func TestImportNotes(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	mustRun(t, env, "new", proj)
	file := filepath.Join(dir, "odd.srt")
	os.WriteFile(file, []byte("1\n00:00:01,000 --> 00:00:02,000\nEen.\n\n2\n00:00:0x,000 --> 00:00:04,000\nTwee.\n"), 0o644)
	out := mustRun(t, env, "import", proj, file)
	if !strings.Contains(out, "imported   "+file) || !strings.Contains(out, "\n           note: 1 cue whose time does not parse") {
		t.Errorf("report lacks the note:\n%s", out)
	}
	os.WriteFile(file, []byte("1\n00:00:01,000 --> 00:00:02,000\nDrie.\n\nvier\n"), 0o644)
	if out := mustRun(t, env, "import", proj, file, "--json"); !strings.Contains(out, `"notes": [`) || !strings.Contains(out, "outside any cue") {
		t.Errorf("JSON report lacks the note:\n%s", out)
	}
}
