package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

// run runs the command line in-process and returns its exit status, stdout
// and stderr.
func run(t *testing.T, env Env, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env.Stdout, env.Stderr = &out, &errOut
	code := Run(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

func testEnv(t *testing.T) (Env, string) {
	dir := t.TempDir()
	return Env{DataDir: filepath.Join(dir, "data"), CacheDir: filepath.Join(dir, "cache")}, dir
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, env Env, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, env, args...)
	if code != 0 {
		t.Fatalf("verbatim %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

func TestPositionsSurviveMultibyteAndCRLF(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	text := "Interviewer: Wat heb je geleerd?\r\nAna: Ik deel wat ik leer – in het café, met ’t team. Het kostte €12 en 🙂 veel geduld.\r\nInterviewer: Mooi. Wat nog meer?\r\nAna: Coöperatie en reünie, zeg maar. 👩‍🔬 Einde.\r\n"
	file := filepath.Join(dir, "crlf interview.txt")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, env, "new", proj, "--lang", "nl")
	mustRun(t, env, "import", proj, file)
	mustRun(t, env, "code", "add", proj, "Deel wat je leert", "--color", "#3cb44b")
	quotes := []string{"café, met ’t team", "€12 en 🙂 veel", "Coöperatie en reünie", "👩‍🔬 Einde.", "Ana: Ik deel"}
	for _, q := range quotes {
		mustRun(t, env, "code", "apply", proj, "--code", "Deel wat je leert", "--doc", "crlf interview.txt", "--match", q)
	}
	var got []codingJSON
	if err := json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(quotes) {
		t.Fatalf("got %d codings, want %d", len(got), len(quotes))
	}
	normalised := []rune(strings.ReplaceAll(text, "\r\n", "\n"))
	found := map[string]bool{}
	for _, g := range got {
		found[g.Text] = true
		if string(normalised[g.Start:g.End]) != g.Text {
			t.Errorf("coding %d:%d quotes %q but the text there is %q", g.Start, g.End, g.Text, string(normalised[g.Start:g.End]))
		}
	}
	for _, q := range quotes {
		if !found[q] {
			t.Errorf("quote %q not read back exactly; got %+v", q, got)
		}
	}
	// --range in runes reads back the same text.
	s := strings.Index(string(normalised), "’t team") // byte offset
	start := len([]rune(string(normalised)[:s]))
	out := mustRun(t, env, "code", "apply", proj, "--code", "1", "--doc", "1", "--range", strings.Join([]string{itoa(start), itoa(start + 7)}, ":"), "--json")
	var one []codingJSON
	json.Unmarshal([]byte(out), &one)
	if len(one) != 1 || one[0].Text != "’t team" {
		t.Errorf("--range %d:%d gave %+v, want ’t team", start, start+7, one)
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + jsonNumber(i)) }

func jsonNumber(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestCommandsEndToEnd(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "Interviews.verbatim")
	file := filepath.Join(dir, "ana.md")
	os.WriteFile(file, []byte("Interviewer: Wat drijft je?\n\nAna: Mijn eigen motivatie, echt.\n\nInterviewer: En verder?\n\nAna: Klein beginnen, dan groeien.\n"), 0o644)
	mustRun(t, env, "new", proj)
	if out := mustRun(t, env, "import", proj, dir); !strings.Contains(out, "1 imported") {
		t.Errorf("import report: %q", out)
	}
	if code, out, _ := run(t, env, "import", proj, file); code != 0 || !strings.Contains(out, "duplicate") {
		t.Errorf("second import: exit %d, %q; want 0 and a duplicate", code, out)
	}
	mustRun(t, env, "code", "add", proj, "Motivatie")
	mustRun(t, env, "code", "add", proj, "Vertrek vanuit motivatie", "--parent", "Motivatie", "--description", "Drive als uitgangspunt")
	mustRun(t, env, "code", "apply", proj, "--code", "Vertrek vanuit motivatie", "--doc", "ana.md", "--match", "motivatie")
	mustRun(t, env, "code", "apply", proj, "--code", "Motivatie", "--doc", "ana.md", "--match", "e", "--nth", "3")

	var codes []codeJSON
	json.Unmarshal([]byte(mustRun(t, env, "codes", proj, "--json")), &codes)
	if len(codes) != 2 || codes[1].Path != "Motivatie > Vertrek vanuit motivatie" || codes[1].Codings != 1 {
		t.Errorf("codes: %+v", codes)
	}
	var docs []docJSON
	json.Unmarshal([]byte(mustRun(t, env, "docs", proj, "--json")), &docs)
	if len(docs) != 1 || docs[0].Speakers != 2 || docs[0].Codings != 2 {
		t.Errorf("docs: %+v", docs)
	}

	mustRun(t, env, "memo", proj, "doc", "ana.md", "--set", "Ana begint bij haar drive.")
	if got := mustRun(t, env, "memo", proj, "doc", "ana.md"); got != "Ana begint bij haar drive.\n" {
		t.Errorf("document memo: %q", got)
	}
	mustRun(t, env, "memo", proj, "project", "--set", "Studie naar vernieuwers")
	mustRun(t, env, "memo", proj, "code", "Motivatie", "--set", "Alles over drive")
	mustRun(t, env, "memo", proj, "coding", "1", "--set", "sterk citaat")
	var cj []codingJSON
	json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--code", "Vertrek vanuit motivatie", "--json")), &cj)
	if len(cj) != 1 || cj[0].Memo != "sterk citaat" || cj[0].Text != "motivatie" {
		t.Errorf("codings --code: %+v", cj)
	}

	if out := mustRun(t, env, "undo", proj); !strings.Contains(out, "memo") {
		t.Errorf("undo said %q", out)
	}
	json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--code", "Vertrek vanuit motivatie", "--json")), &cj)
	if cj[0].Memo != "" {
		t.Errorf("undo left the coding memo %q", cj[0].Memo)
	}
	mustRun(t, env, "redo", proj)
	mustRun(t, env, "code", "merge", proj, "Vertrek vanuit motivatie", "--into", "Motivatie")
	mustRun(t, env, "code", "edit", proj, "Motivatie", "--name", "Vertrek vanuit motivatie", "--color", "#FF8800")
	json.Unmarshal([]byte(mustRun(t, env, "codes", proj, "--json")), &codes)
	if len(codes) != 1 || codes[0].Codings != 2 || codes[0].Color != "#FF8800" {
		t.Errorf("after merge and edit: %+v", codes)
	}
	mustRun(t, env, "uncode", proj, "1")
	mustRun(t, env, "coder", proj, "Lucy")
	mustRun(t, env, "code", "apply", proj, "--code", "Vertrek vanuit motivatie", "--doc", "1", "--range", "0:11")
	json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--json")), &cj)
	if len(cj) != 2 || cj[0].Coder != "Lucy" || cj[0].Text != "Interviewer" {
		t.Errorf("codings after uncode and coder: %+v", cj)
	}
	mustRun(t, env, "code", "delete", proj, "Vertrek vanuit motivatie")
	if out := mustRun(t, env, "codings", proj, "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("codings after delete: %q, want []", out)
	}
}

func TestErrors(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	mustRun(t, env, "new", proj)
	mustRun(t, env, "code", "add", proj, "A")
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Hallo daar.\n"), 0o644)
	mustRun(t, env, "import", proj, filepath.Join(dir, "a.txt"))
	os.WriteFile(filepath.Join(dir, "junk.docx"), []byte("PK\x03\x04 this is no zip"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"docs"}, 2, "usage: verbatim docs"},
		{[]string{"docs", proj, "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"docs", filepath.Join(dir, "missing.verbatim")}, 1, "no such file"},
		{[]string{"new", proj}, 1, "exists already"},
		{[]string{"new", filepath.Join(dir, "x.verbatim"), "--lang", "fr"}, 1, "use nl or en"},
		{[]string{"code", "add", proj, "A"}, 1, "exists already"},
		{[]string{"code", "add", proj, "B", "--color", "rood"}, 1, "#RRGGBB"},
		{[]string{"code", "apply", proj, "--code", "A", "--doc", "a.txt", "--match", "nergens"}, 1, "does not occur"},
		{[]string{"code", "apply", proj, "--code", "A", "--doc", "a.txt", "--range", "5:500"}, 1, "the document has 12 characters"},
		{[]string{"code", "apply", proj, "--code", "A", "--doc", "a.txt", "--range", "x"}, 2, "START:END"},
		{[]string{"code", "apply", proj, "--code", "Z", "--doc", "a.txt", "--range", "1:2"}, 1, `no code named "Z"`},
		{[]string{"code", "apply", proj, "--code", "A", "--doc", "b.txt", "--range", "1:2"}, 1, `no document named "b.txt"; did you mean "a.txt"?`},
		{[]string{"code", "apply", proj, "--code", "a", "--doc", "  A.TXT ", "--range", "1:2"}, 0, ""},
		{[]string{"code", "add", proj, "two\nlines"}, 1, "control character"},
		{[]string{"import", proj, filepath.Join(dir, "junk.docx"), filepath.Join(dir, "empty.txt")}, 1, "2 of 2 files not imported"},
		{[]string{"redo", proj}, 1, "nothing to redo"},
		{[]string{"memo", proj, "thing", "x"}, 2, "not something with a memo"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := run(t, env, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") > 1 || strings.Contains(errOut, "goroutine") {
				t.Errorf("stderr is not one message: %q", errOut)
			}
		})
	}
}

func TestImportLeavesProjectAsItWasOnFailure(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	mustRun(t, env, "new", proj)
	os.WriteFile(filepath.Join(dir, "bin.txt"), []byte("\x00\x01\x02\x03\xff\xfe\x00garbage"), 0o644)
	before := mustRun(t, env, "docs", proj, "--json")
	run(t, env, "import", proj, filepath.Join(dir, "bin.txt"))
	if after := mustRun(t, env, "docs", proj, "--json"); after != before {
		t.Errorf("a failed import changed the documents: %s", after)
	}
	if code, _, errOut := run(t, env, "undo", proj); code != 1 || !strings.Contains(errOut, "nothing to undo") {
		t.Errorf("a failed import left an undo step: %d %q", code, errOut)
	}
}

func TestOpenCreatesDemoOnFirstStart(t *testing.T) {
	env, _ := testEnv(t)
	var opened string
	var codes []model.Code
	var docs []model.Document
	env.OpenGUI = func(p *model.Project) error {
		opened = p.Path()
		codes, _ = p.Codes(context.Background())
		docs, _ = p.Documents(context.Background())
		return nil
	}
	mustRun(t, env)
	if filepath.Base(opened) != DemoName {
		t.Fatalf("opened %q, want the demo project", opened)
	}
	if len(codes) != 6 || codes[1].Name != "Deel wat je leert" {
		t.Errorf("demo codebook: %+v", codes)
	}
	if len(docs) != 3 || docs[0].Speakers < 2 {
		t.Errorf("demo documents: %+v", docs)
	}
	if code, _, errOut := run(t, env, "undo", opened); code != 1 || !strings.Contains(errOut, "nothing to undo") {
		t.Errorf("the demo project has an undo history: %q", errOut)
	}
	// The next start opens the last project.
	other := filepath.Join(filepath.Dir(opened), "other.verbatim")
	mustRun(t, env, "new", other)
	mustRun(t, env, "open", other)
	mustRun(t, env)
	if opened != other {
		t.Errorf("second start opened %q, want the last project %q", opened, other)
	}
}
