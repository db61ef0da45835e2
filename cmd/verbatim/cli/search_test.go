package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchAndAutocode(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	text := "Interviewer: Wat heb je geleerd?\nAna: Ik leerde veel in het café – €12 en 🙂 we organiseerden een reünie. Deel wat je leert.\nInterviewer: Mooi.\nAna: Ja.\n"
	file := filepath.Join(dir, "ana.txt")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, env, "new", proj, "--lang", "nl")
	mustRun(t, env, "import", proj, file)
	mustRun(t, env, "code", "add", proj, "Organiseren")

	var hits []hitJSON
	out := mustRun(t, env, "search", proj, "organiseren reünie", "--json")
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	runes := []rune(text)
	if len(hits) != 1 || hits[0].Document != "ana.txt" || hits[0].Speaker != "Ana" || len(hits[0].Matches) != 2 {
		t.Fatalf("hits %+v", hits)
	}
	for i, want := range []string{"organiseerden", "reünie"} {
		m := hits[0].Matches[i]
		if got := string(runes[m[0]:m[1]]); got != want {
			t.Errorf("match %d reads %q, want %q", i, got, want)
		}
	}
	if got := string(runes[hits[0].Start:hits[0].End]); got != "organiseerden" {
		t.Errorf("start:end reads %q", got)
	}
	// A query starting with - is a query, not a flag; the text lists it.
	out = mustRun(t, env, "search", proj, "-speaker:ana", "geleerd OR mooi", "--limit", "1")
	if !strings.Contains(out, "Interviewer: [") || !strings.Contains(out, "2 passages in 1 documents (1–1 shown") {
		t.Errorf("text output:\n%s", out)
	}
	if code, _, errOut := run(t, env, "search", proj, "leren~3"); code != 1 || !strings.Contains(errOut, "at most 2") {
		t.Errorf("bad fuzzy: exit %d, %q", code, errOut)
	}
	if out := mustRun(t, env, "search", "--help-query"); !strings.Contains(out, "speaker:Ana") {
		t.Errorf("query help: %q", out)
	}

	out = mustRun(t, env, "autocode", proj, "organiseren", "--code", "Organiseren", "--unit", "sentence")
	if !strings.Contains(out, "coded 1 range in 1 passage with") {
		t.Errorf("autocode said %q", out)
	}
	// The match lies in the sentence just coded: skipped, not stacked.
	out = mustRun(t, env, "autocode", proj, "organiseren", "--code", "Organiseren", "--unit", "match")
	if !strings.Contains(out, "coded 0 ranges in 0 passages") || !strings.Contains(out, "1 range already coded, 1 of them inside a coding with the code") {
		t.Errorf("autocode of a match inside a coding said %q", out)
	}
	var codings []codingJSON
	json.Unmarshal([]byte(mustRun(t, env, "codings", proj, "--json")), &codings)
	if len(codings) != 1 || codings[0].Text != "Ik leerde veel in het café – €12 en 🙂 we organiseerden een reünie." {
		t.Errorf("codings %+v", codings)
	}
	if out := mustRun(t, env, "search", proj, "code:organiseren", "--json"); !strings.Contains(out, `"Organiseren"`) {
		t.Errorf("code filter after autocode: %s", out)
	}
	mustRun(t, env, "undo", proj)
	if out := mustRun(t, env, "search", proj, "code:organiseren", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("code filter after undo: %s", out)
	}
	if code, _, errOut := run(t, env, "autocode", proj, "organiseren", "--code", "Bestaat niet"); code != 1 || errOut == "" {
		t.Errorf("unknown code: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, env, "autocode", proj, "organiseren"); code != 2 {
		t.Errorf("autocode without --code: exit %d, want 2", code)
	}
}
