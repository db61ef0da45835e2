package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model/disktest"
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

// TestImportFullDisk: a folder import into a project on a disk that fills
// up stops at the first file that does not fit, says so once in plain words
// and lists the files not imported in one line; the files imported before
// stay, and the project is as it was before that file.
func TestImportFullDisk(t *testing.T) {
	env, dir := testEnv(t)
	disk := disktest.Mount(t, "2m")
	proj := filepath.Join(disk, "p.verbatim")
	mustRun(t, env, "new", proj)
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Interviewer: Hoe gaat het?\nAna: Goed.\n")
	write("b.txt", "Bo: Hallo.\n")
	var big strings.Builder
	for i := 0; big.Len() < 3<<20; i++ {
		fmt.Fprintf(&big, "Ana: zin %d over wat we samen leerden.\n", i)
	}
	write("c.txt", big.String()) // does not fit
	var after []string
	for i := range 30 {
		name := fmt.Sprintf("d%02d.txt", i)
		write(name, fmt.Sprintf("Cas: kort stuk %d.\n", i))
		after = append(after, filepath.Join(in, name))
	}
	before := mustRun(t, env, "check", proj)
	code, out, errOut := run(t, env, "import", proj, in)
	if code != 1 || lines(errOut) != 1 || !strings.Contains(errOut, "the disk is full: Verbatim could not save; free some space and try again") {
		t.Errorf("import onto a full disk: exit %d, stderr %q; want one plain line", code, errOut)
	}
	if strings.Contains(errOut, "181") || strings.Contains(out, "(13)") || strings.Contains(out, "SQLITE") {
		t.Errorf("a raw SQLite code in the report:\n%s%s", out, errOut)
	}
	if n := strings.Count(out, "disk is full"); n != 1 {
		t.Errorf("the report says the disk is full %d times, want once:\n%s", n, out)
	}
	want := "not imported (the disk is full): 31 files: " + filepath.Join(in, "c.txt") + ", " + strings.Join(after, ", ") + "\n"
	for _, w := range []string{"imported   " + filepath.Join(in, "a.txt"), "imported   " + filepath.Join(in, "b.txt"), want, "2 imported, 0 duplicates, 31 skipped"} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 4 {
		t.Errorf("report of %d lines, want 4 (two imported, the files not imported, the counts):\n%s", n, out)
	}
	docs := mustRun(t, env, "docs", proj)
	if !strings.Contains(docs, "a.txt") || !strings.Contains(docs, "b.txt") || strings.Contains(docs, "c.txt") || strings.Contains(docs, "d00.txt") {
		t.Errorf("documents after the full disk:\n%s", docs)
	}
	if after := mustRun(t, env, "check", proj); after != before {
		t.Errorf("check after the full disk:\n%s\nbefore:\n%s", after, before)
	}
	// As JSON every file keeps its own entry, for scripts.
	code, out, _ = run(t, env, "import", proj, filepath.Join(in, "c.txt"), after[0], "--json")
	var got []importResult
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 || len(got) != 2 || !got[0].Stopped || !got[1].Stopped || got[1].Reason != "not imported: the disk is full" {
		t.Errorf("import --json onto a full disk: exit %d, %v, %+v", code, err, got)
	}
}
