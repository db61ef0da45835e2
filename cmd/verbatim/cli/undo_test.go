package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneCommandIsOneUndo: a command that makes several changes is one
// step, so one `verbatim undo` takes all of it back and one `redo` brings
// it all again.
func TestOneCommandIsOneUndo(t *testing.T) {
	tests := []struct {
		name       string
		args       []string // after the project file is put in
		wantUndone string
		wantAfter  string // `codings --json` or `pseudonyms --json` after the undo
		wantRedone string // ... and after the redo
		list       string
	}{
		{
			name:       "code apply with a memo",
			args:       []string{"code", "apply", "", "--code", "Deel wat je leert", "--doc", "ana.txt", "--match", "delen wat je leert", "--memo", "sterk citaat"},
			wantUndone: "undone: Apply “Deel wat je leert” with a memo\n",
			list:       "codings", wantAfter: "[]", wantRedone: `"memo":"sterk citaat"`,
		},
		{
			name:       "code apply without a memo",
			args:       []string{"code", "apply", "", "--code", "Deel wat je leert", "--doc", "ana.txt", "--match", "delen wat je leert"},
			wantUndone: "undone: Apply “Deel wat je leert”\n",
			list:       "codings", wantAfter: "[]", wantRedone: `"text":"delen wat je leert"`,
		},
		{
			name:       "pseudonyms suggest --apply",
			args:       []string{"pseudonyms", "", "suggest", "--apply"},
			wantUndone: "undone: Store the suggested pseudonyms\n",
			list:       "pseudonyms", wantAfter: "[]", wantRedone: `{"name":"Roelant","pseudonym":"Deelnemer 2"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, dir := testEnv(t)
			proj := filepath.Join(dir, "p.verbatim")
			file := filepath.Join(dir, "ana.txt")
			text := "Interviewer: Wat heb je geleerd?\n\nAna: Dat je moet delen wat je leert.\n\nInterviewer: En jij?\n\n" +
				"Roelant: Samen doen.\n\nAna: Ja.\n\nRoelant: Zeker.\n"
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			mustRun(t, env, "new", proj)
			mustRun(t, env, "import", proj, file)
			mustRun(t, env, "code", "add", proj, "Deel wat je leert")
			args := append([]string(nil), tt.args...)
			for i, a := range args {
				if a == "" {
					args[i] = proj
					break
				}
			}
			mustRun(t, env, args...)
			if got := mustRun(t, env, "undo", proj); got != tt.wantUndone {
				t.Errorf("undo: got %q, want %q", got, tt.wantUndone)
			}
			if got := strings.TrimSpace(mustRun(t, env, tt.list, proj, "--json")); got != tt.wantAfter {
				t.Errorf("%s after one undo: got %s, want %s", tt.list, got, tt.wantAfter)
			}
			mustRun(t, env, "redo", proj)
			got := mustRun(t, env, tt.list, proj, "--json")
			var compact []map[string]any
			if err := json.Unmarshal([]byte(got), &compact); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(compact)
			if !strings.Contains(string(b), tt.wantRedone) {
				t.Errorf("%s after one redo: got %s, want it to hold %s", tt.list, b, tt.wantRedone)
			}
			// The step before is the code's creation: nothing of the
			// command is left in between.
			if got := mustRun(t, env, "undo", proj); got != tt.wantUndone {
				t.Fatalf("undo after the redo: got %q, want %q", got, tt.wantUndone)
			}
			if got := mustRun(t, env, "undo", proj); got != "undone: Add code “Deel wat je leert”\n" {
				t.Errorf("third undo: got %q, want the code's creation", got)
			}
		})
	}
}
