package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// searchProject is a project with one document of 80 turns that say "leren".
func searchProject(t *testing.T) (Env, string) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	var b strings.Builder
	for i := range 80 {
		fmt.Fprintf(&b, "Ana: Bij bijeenkomst %d leren we veel.\n", i+1)
	}
	file := filepath.Join(dir, "ana.txt")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, env, "new", proj, "--lang", "nl")
	mustRun(t, env, "import", proj, file)
	mustRun(t, env, "code", "add", proj, "Leren")
	return env, proj
}

func TestSearchJSONGivesEveryHit(t *testing.T) {
	env, proj := searchProject(t)
	hits := func(args ...string) (int, string) {
		t.Helper()
		code, out, errOut := run(t, env, append([]string{"search", proj, "leren", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var h []hitJSON
		if err := json.Unmarshal([]byte(out), &h); err != nil {
			t.Fatal(err)
		}
		return len(h), errOut
	}
	if n, errOut := hits(); n != 80 || errOut != "" {
		t.Errorf("--json: %d hits, stderr %q; want all 80 and nothing on stderr", n, errOut)
	}
	if n, errOut := hits("--limit", "0"); n != 80 || errOut != "" {
		t.Errorf("--json --limit 0: %d hits, %q; want all 80", n, errOut)
	}
	if n, errOut := hits("--limit", "10", "--offset", "20"); n != 10 || errOut != "note: hits 21–30 of 80; --offset 30 for the next\n" {
		t.Errorf("--limit 10 --offset 20: %d hits, stderr %q", n, errOut)
	}
	if n, errOut := hits("--limit", "10", "--offset", "75"); n != 5 || errOut != "" {
		t.Errorf("the last page: %d hits, stderr %q; want 5 and no note", n, errOut)
	}
	// Text for a person: the first 50, and how to see more.
	out := mustRun(t, env, "search", proj, "leren")
	if rows := strings.Count(out, "ana.txt"); rows != 50 || !strings.Contains(out, "80 passages in 1 documents (1–50 shown; --offset 50 for more)") {
		t.Errorf("text: %d rows:\n%s", rows, out)
	}
	if out := mustRun(t, env, "search", proj, "leren", "--limit", "0"); strings.Count(out, "ana.txt") != 80 || strings.Contains(out, "shown") {
		t.Errorf("text --limit 0: want all 80 rows:\n%s", out)
	}
	for _, args := range [][]string{{"--limit", "-1"}, {"--offset", "-3"}, {"--limit", "-5", "--json"}} {
		if code, _, errOut := run(t, env, append([]string{"search", proj, "leren"}, args...)...); code != 2 || !strings.Contains(errOut, "negative") && !strings.Contains(errOut, "0 for all") {
			t.Errorf("%v: exit %d, %q; want a usage error", args, code, errOut)
		}
	}
}

func TestSearchSaysWhatAFilterMisses(t *testing.T) {
	env, proj := searchProject(t)
	code, out, errOut := run(t, env, "search", proj, "doc:anna.txt leren")
	if code != 0 || errOut != "note: no document named \"anna.txt\"; did you mean \"ana.txt\"?\n" || !strings.Contains(out, "0 passages") {
		t.Errorf("a misspelt document: exit %d, stderr %q, stdout %q", code, errOut, out)
	}
	_, _, errOut = run(t, env, "search", proj, `code:"leeren" leren`, "--json")
	if errOut != "note: no code named \"leeren\"; did you mean \"Leren\"?\n" {
		t.Errorf("a misspelt code: stderr %q", errOut)
	}
	if _, _, errOut := run(t, env, "search", proj, "doc:ANA leren", "--json"); errOut != "" {
		t.Errorf("a document named without its extension, in other case: stderr %q", errOut)
	}
	// autocode says it too.
	_, _, errOut = run(t, env, "autocode", proj, "doc:anna.txt leren", "--code", "Leren")
	if !strings.Contains(errOut, "no document named \"anna.txt\"") {
		t.Errorf("autocode: stderr %q", errOut)
	}
}

func TestSearchDropsDanglingOperators(t *testing.T) {
	env, proj := searchProject(t)
	want := mustRun(t, env, "search", proj, "leren", "--json")
	for _, q := range []string{"leren OR", "OR leren", "leren NOT", "(leren", "leren )", "leren ()"} {
		code, out, errOut := run(t, env, "search", proj, q, "--json")
		if code != 0 || out != want || errOut != "" {
			t.Errorf("%q: exit %d, stderr %q, %d bytes; want what \"leren\" finds", q, code, errOut, len(out))
		}
	}
}
