package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// exportProject is a project of two real Sheffield interviews with two
// codes and three codings; it skips without ../shared.
func exportProject(t *testing.T) (Env, string, string) {
	t.Helper()
	corpus := filepath.Join("..", "..", "..", "..", "shared", "corpus", "en", "sheffield_orda")
	if _, err := os.Stat(filepath.Join(corpus, "Ana.txt")); err != nil {
		t.Skipf("the real transcripts are not there (%v): put ../shared beside the checkout", err)
	}
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "Open research.verbatim")
	mustRun(t, env, "new", proj, "--lang", "en")
	mustRun(t, env, "import", proj, filepath.Join(corpus, "Ana.txt"), filepath.Join(corpus, "David.txt"))
	mustRun(t, env, "code", "add", proj, "Methods", "--color", "#56B4E9", "--description", "How data is gathered")
	mustRun(t, env, "code", "add", proj, "Tools", "--color", "#E69F00")
	mustRun(t, env, "code", "apply", proj, "--code", "Methods", "--doc", "Ana.txt", "--match", "So interviews were not only semi structured, but more like dialogical interviews.")
	mustRun(t, env, "code", "apply", proj, "--code", "Methods", "--doc", "David.txt", "--match", "I tend to do this by running with people, so it's a participatory method.")
	mustRun(t, env, "code", "apply", proj, "--code", "Tools", "--doc", "David.txt", "--match", "using the 360-degree action camera", "--memo", "camera, \"quoted\", and a\nline break")
	mustRun(t, env, "participants", "set", proj, "David", "role=lecturer")
	return env, dir, proj
}

func TestExportCSVFile(t *testing.T) {
	env, dir, proj := exportProject(t)
	out := filepath.Join(dir, "quotes.csv")
	stdout := mustRun(t, env, "export", proj, "-o", out, "--cite", "{participant}, interview {n}")
	if !strings.Contains(stdout, "wrote 3 coded quotes to "+out) {
		t.Errorf("stdout %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 4 {
		t.Fatalf("got %d records, want a header and 3 quotes", len(records))
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	last := records[3]
	for name, want := range map[string]string{"Code": "Tools", "Quote": "using the 360-degree action camera", "Document": "David.txt",
		"Speaker": "David", "role": "lecturer", "Memo": "camera, \"quoted\", and a\nline break", "Citation": "David, interview 2", "No.": "3"} {
		if got := last[col[name]]; got != want {
			t.Errorf("column %s: got %q, want %q", name, got, want)
		}
	}
}

func TestExportFiltersAndStdout(t *testing.T) {
	env, _, proj := exportProject(t)
	md := mustRun(t, env, "export", proj, "--format", "md", "-o", "-", "--doc", "David.txt", "--code", "Methods")
	if !strings.Contains(md, "I tend to do this by running with people") || strings.Contains(md, "dialogical") || strings.Contains(md, "action camera") {
		t.Errorf("filtered Markdown:\n%s", md)
	}
	// Key quotes, marked with the key command.
	var codings []codingJSON
	json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--json")), &codings)
	mustRun(t, env, "key", proj, itoa64(codings[0].ID))
	json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--json")), &codings)
	if !codings[0].Key || codings[1].Key {
		t.Fatalf("key marks: %+v", codings)
	}
	key := mustRun(t, env, "export", proj, "-o", "-", "--format", "csv", "--key-only")
	if !strings.Contains(key, "dialogical") || strings.Contains(key, "running") {
		t.Errorf("key only:\n%s", key)
	}
	mustRun(t, env, "undo", proj)
	json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--json")), &codings)
	if codings[0].Key {
		t.Error("undo did not take the key mark back")
	}
	// A search as a filter: only the quote holding the word.
	q := mustRun(t, env, "export", proj, "-o", "-", "--format", "csv", "--query", "camera")
	if !strings.Contains(q, "action camera") || strings.Contains(q, "running") {
		t.Errorf("--query camera:\n%s", q)
	}
	ctx := mustRun(t, env, "export", proj, "-o", "-", "--format", "csv", "--code", "Tools", "--context", "sentence")
	if !strings.Contains(ctx, "So, um, a particular method that I use is using the 360-degree action camera.") {
		t.Errorf("sentence context:\n%s", ctx)
	}
}

func TestExportRefusals(t *testing.T) {
	env, dir, proj := exportProject(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", proj, "-o", filepath.Join(dir, "none.csv"), "--speaker", "Nobody"}, 1, "no coded quotes match the filters"},
		{[]string{"export", proj, "-o", "-", "--format", "xlsx"}, 2, "not a text format"},
		{[]string{"export", proj}, 2, "-o FILE"},
		{[]string{"export", proj, "-o", filepath.Join(dir, "x.unknown")}, 2, "--format"},
		{[]string{"export", proj, "-o", filepath.Join(dir, "no", "such", "folder.csv")}, 1, "does not exist"},
		{[]string{"export", proj, "-o", filepath.Join(dir, "q.csv"), "--attr", "role"}, 2, "KEY=VALUE"},
		{[]string{"export", proj, "-o", filepath.Join(dir, "q.csv"), "--cite", "{participant"}, 1, "brace"},
		{[]string{"report", proj, "--kind", "nonsense", "-o", filepath.Join(dir, "r.md")}, 2, "report kind"},
		{[]string{"report", proj, "--kind", "principles", "-o", filepath.Join(dir, "r.xlsx")}, 2, "written as docx, odt, pdf, html, md"},
		{[]string{"export", proj, "-o", filepath.Join(dir, "q.png")}, 2, "written as xlsx"},
		{[]string{"summary", proj, "--set", "text"}, 2, "--doc and --code"},
		{[]string{"key", proj, "abc"}, 2, "not a coding id"},
	} {
		code, _, errOut := run(t, env, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
			t.Errorf("verbatim %s: exit %d, stderr %q; want exit %d with %q", strings.Join(c.args[2:], " "), code, errOut, c.code, c.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".verbatim") && e.Name() != "data" && e.Name() != "cache" {
			t.Errorf("a refused export left %s behind", e.Name())
		}
	}
}

func TestSummaryCommand(t *testing.T) {
	env, _, proj := exportProject(t)
	mustRun(t, env, "summary", proj, "--doc", "David.txt", "--code", "Tools", "--set", "David films his runs.")
	if got := mustRun(t, env, "summary", proj, "--doc", "David.txt", "--code", "Tools"); got != "David films his runs.\n" {
		t.Errorf("show: got %q", got)
	}
	var list []summaryJSON
	if err := json.Unmarshal([]byte(mustRun(t, env, "summary", proj, "--json")), &list); err != nil || len(list) != 1 || list[0].Code != "Tools" {
		t.Errorf("list: %+v %v", list, err)
	}
	table := mustRun(t, env, "report", proj, "--kind", "summary-table", "-o", "-", "--format", "md")
	if !strings.Contains(table, "David films his runs.") {
		t.Errorf("summary table:\n%s", table)
	}
	mustRun(t, env, "summary", proj, "--doc", "David.txt", "--code", "Tools", "--clear")
	if got := mustRun(t, env, "summary", proj, "--json"); strings.TrimSpace(got) != "[]" {
		t.Errorf("after --clear: %q", got)
	}
}

func TestPseudonymsCommand(t *testing.T) {
	env, _, proj := exportProject(t)
	var sugg []pseudonymJSON
	json.Unmarshal([]byte(mustRun(t, env, "pseudonyms", proj, "suggest", "--json")), &sugg)
	if len(sugg) != 2 || sugg[0] != (pseudonymJSON{"Ana", "Participant 1"}) {
		t.Fatalf("suggest: %+v", sugg)
	}
	mustRun(t, env, "pseudonyms", proj, "set", "David Miller", "Participant B")
	mustRun(t, env, "pseudonyms", proj, "set", "Ana", "Participant A")
	if got := mustRun(t, env, "pseudonyms", proj); !strings.Contains(got, "David Miller  Participant B") {
		t.Errorf("list:\n%s", got)
	}
	code, out, errOut := run(t, env, "export", proj, "-o", "-", "--format", "csv", "--pseudonyms")
	if code != 0 || strings.Contains(out, "Ana") || !strings.Contains(out, "Participant A") {
		t.Errorf("export with pseudonyms: exit %d\n%s", code, out)
	}
	// David's full name is listed but his transcript says "David": the
	// warning names where.
	if !strings.Contains(errOut, `"David" (of "David Miller")`) || !strings.Contains(errOut, "warning") {
		t.Errorf("no leak warning for David:\n%s", errOut)
	}
	mustRun(t, env, "pseudonyms", proj, "remove", "david miller")
	if got := mustRun(t, env, "pseudonyms", proj, "--json"); strings.Contains(got, "David") {
		t.Errorf("after remove: %s", got)
	}
}

func TestReportPrinciplesCommand(t *testing.T) {
	env, dir, proj := exportProject(t)
	out := filepath.Join(dir, "principles.md")
	mustRun(t, env, "report", proj, "--kind", "principles", "-o", out, "--attrs", "role")
	data, _ := os.ReadFile(out)
	for _, want := range []string{"# Open research", "## Methods", "2 quotes from 2 interviews, 2 participants", "> — David, lecturer, David.txt"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("missing %q in\n%s", want, data)
		}
	}
}

func TestExportHelp(t *testing.T) {
	env, _ := testEnv(t)
	code, out, _ := run(t, env, "export", "--help")
	if code != 0 || !strings.Contains(out, "usage: verbatim export") || !strings.Contains(out, "-no-interviewers") {
		t.Errorf("export --help: exit %d\n%s", code, out)
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
