package cli

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tamperWith changes the closed project at path with SQL, past its
// constraints and triggers.
func tamperWith(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range append([]string{"PRAGMA ignore_check_constraints = ON", "PRAGMA foreign_keys = OFF"}, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// pageCorrupted overwrites the start of the first page of table's b-tree
// with junk, so that SQLite cannot read its rows.
func pageCorrupted(t *testing.T, path, table string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", table).Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.QueryRow("PRAGMA page_size").Scan(&size)
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte{0x0d, 0xff, 0xff, 0x00, 0x40, 0xff, 0xff, 0x00}, (root-1)*size); err != nil {
		t.Fatal(err)
	}
}

// TestCheckAndRepairOutput pins, line by line, what 'verbatim check' and
// 'verbatim repair' print about a project damaged in every way they name:
// scripts read these lines, so a change to one is a change to the public
// interface and must be made on purpose.
func TestCheckAndRepairOutput(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	mustRun(t, env, "new", proj)
	for _, doc := range [][2]string{
		{"ana.txt", "Interviewer: Wat heb je geleerd?\n\nAna: Dat je moet delen wat je leert.\n"},
		{"ben.txt", "Interviewer: En jij?\n\nBen: Samen doen, zeker weten.\n"},
	} {
		file := filepath.Join(dir, doc[0])
		if err := os.WriteFile(file, []byte(doc[1]), 0o644); err != nil {
			t.Fatal(err)
		}
		mustRun(t, env, "import", proj, file)
	}
	mustRun(t, env, "code", "add", proj, "Deel wat je leert")
	mustRun(t, env, "code", "add", proj, "Samen")
	mustRun(t, env, "code", "apply", proj, "--code", "Deel wat je leert", "--doc", "ana.txt", "--match", "delen wat je leert")
	mustRun(t, env, "code", "apply", proj, "--code", "Deel wat je leert", "--doc", "ana.txt", "--match", "geleerd")
	mustRun(t, env, "code", "apply", proj, "--code", "Samen", "--doc", "ben.txt", "--match", "Samen doen")
	mustRun(t, env, "code", "apply", proj, "--code", "Samen", "--doc", "ben.txt", "--match", "zeker")
	sound := filepath.Join(dir, "sound.verbatim")
	mustRun(t, env, "backup", proj, "-o", sound)
	tamperWith(t, proj,
		"UPDATE turns SET end_rune = start_rune - 5 WHERE id = 1",
		"UPDATE codings SET start_rune = 'rot' WHERE id = 1",
		"UPDATE codings SET end_rune = 9999 WHERE id = 2",
		"DROP TRIGGER documents_text_fixed",
		"DROP INDEX turns_speaker",
		"CREATE INDEX turns_speaker ON turns (speaker_id, doc_id)",
		"CREATE INDEX extra ON codes (color)",
		"DROP TRIGGER undo_codes_insert",
		"CREATE TRIGGER undo_codes_insert AFTER INSERT ON codes BEGIN SELECT 1; END",
		"UPDATE documents SET text = replace(text, 'geleerd', 'GELEERD') WHERE name = 'ana.txt'",
		"UPDATE documents SET chars = 999 WHERE name = 'ben.txt'",
		"DELETE FROM codes WHERE name = 'Samen'",
		"UPDATE turns SET speaker_id = 99 WHERE id = 3",
		"UPDATE undo_log SET sql = sql || '; DELETE FROM codings' WHERE step = (SELECT max(step) FROM undo_log)")
	ids := map[string]string{}
	db, err := sql.Open("sqlite", proj)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ana.txt", "ben.txt"} {
		var id string
		db.QueryRow("SELECT id FROM documents WHERE name = ?", name).Scan(&id)
		ids[name] = id
	}
	db.Close()
	if ids["ana.txt"] != "1" || ids["ben.txt"] != "2" {
		t.Fatalf("the documents were imported as %v, want ana.txt 1 and ben.txt 2", ids)
	}

	code, out, stderr := run(t, env, "check", proj)
	want := `file:     ok, SQLite's integrity check finds nothing wrong
texts:    2 problems
  document 1 (ana.txt): the text has changed since it was imported (its fingerprint does not match)
  document 2 (ben.txt): the stored length 999 does not match the text's 52 characters
ranges:   3 problems
  turn 1 of document 1: range 0:-5 over 71 characters
  coding 1 of document 1: range 'rot':69 over 71 characters
  coding 2 of document 1: range 24:9999 over 71 characters
links:    2 problems
  2 rows of codings point at codes that are missing (the first is row 3)
  1 row of turns point at speakers that are missing (the first is row 3)
schema:   4 problems
  index extra: not one Verbatim makes
  index turns_speaker: changed from what Verbatim makes
  trigger documents_text_fixed: missing
  trigger undo_codes_insert: changed from what Verbatim makes
undo:     1 problem
  undo step 8 (Apply “Samen”): 1 statement is not what Verbatim records, so it cannot be undone or redone
`
	if code != 1 || out != want {
		t.Errorf("check: exit %d, printed\n%s\nwant\n%s", code, out, want)
	}
	wantErr := "verbatim: " + proj + " has problems (listed above); run 'verbatim repair " + proj + " -o NEW.verbatim' to save what can be read into a new project, or open one of its backups (in "
	if !strings.HasPrefix(stderr, wantErr) || lines(stderr) != 1 {
		t.Errorf("check: stderr %q, want it to start %q", stderr, wantErr)
	}

	// The edited step is refused whole, in one line.
	if code, _, stderr := run(t, env, "undo", proj); code != 1 || lines(stderr) != 1 || !strings.Contains(stderr, "the undo history is damaged") {
		t.Errorf("undo of the edited step: exit %d, %q", code, stderr)
	}

	fixed := filepath.Join(dir, "fixed.verbatim")
	out = strings.ReplaceAll(mustRun(t, env, "repair", proj, "-o", fixed), dir, "DIR")
	want = `saved into DIR/fixed.verbatim: 2 documents, 2 turns, 1 codes, 0 codings, 0 cases, 0 summaries
  lost: turns: 1 damaged rows were left out
  lost: codings: 1 damaged rows were left out
  lost: codings: 1 with impossible ranges were left out
  lost: codings: 2 pointing at lost rows were left out
  lost: turns: 1 pointing at lost rows were left out
  lost: document 1 (ana.txt): its text was damaged and is kept as it could be read; check its codings
  lost: document 2 (ben.txt): its text was damaged and is kept as it could be read; check its codings
DIR/p.verbatim is left as it was; the undo history is not carried over
`
	if out != want {
		t.Errorf("repair printed\n%s\nwant\n%s", out, want)
	}

	// Unreadable pages: what repair could not read at all.
	pageCorrupted(t, sound, "codings")
	out = strings.ReplaceAll(mustRun(t, env, "repair", sound, "-o", filepath.Join(dir, "again.verbatim")), dir, "DIR")
	want = `saved into DIR/again.verbatim: 2 documents, 4 turns, 2 codes, 4 codings, 0 cases, 0 summaries
  lost: codings: the rows after row 4 could not be read
DIR/sound.verbatim is left as it was; the undo history is not carried over
`
	if out != want {
		t.Errorf("repair of unreadable codings printed\n%s\nwant\n%s", out, want)
	}
	// SQLite's own findings are its words; the lines around them are ours.
	code, out, stderr = run(t, env, "check", sound)
	found := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 1 || found[0] != fmt.Sprintf("file:     %d problems", len(found)-1) || len(found) < 2 {
		t.Errorf("check of unreadable codings: exit %d, printed\n%s", code, out)
	}
	for _, l := range found[1:] {
		if !strings.HasPrefix(l, "  ") || l[2] == ' ' {
			t.Errorf("check of unreadable codings printed %q, want SQLite's finding indented by two spaces", l)
		}
	}
	wantErr = "verbatim: the check stopped: checking the ranges: database disk image is malformed (11); run 'verbatim repair " + sound + " -o NEW.verbatim' to save what can be read\n"
	if stderr != wantErr {
		t.Errorf("check of unreadable codings: stderr %q, want %q", stderr, wantErr)
	}
}
