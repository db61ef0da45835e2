package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// newProject creates a project in a temporary folder and closes it with the
// test.
func newProject(t testing.TB, lang string) *Project {
	t.Helper()
	p, err := Create(context.Background(), filepath.Join(t.TempDir(), "test project.verbatim"), lang)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestCreateAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "Interviews #1?.verbatim")
	p, err := Create(ctx, path, "nl")
	if err != nil {
		t.Fatal(err)
	}
	id := p.UUID()
	if _, err := p.AddCode(ctx, 0, "Deel wat je leert", "#3cb44b", ""); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(ctx, path, "nl"); !errors.Is(err, ErrExists) {
		t.Fatalf("Create over an existing file: got %v, want ErrExists", err)
	}
	p, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.UUID() != id {
		t.Errorf("UUID after reopen: got %s, want %s", p.UUID(), id)
	}
	if lang, _ := p.Language(ctx); lang != "nl" {
		t.Errorf("language: got %q, want nl", lang)
	}
	codes, _ := p.Codes(ctx)
	if len(codes) != 1 || codes[0].Color != "#3CB44B" {
		t.Errorf("codes after reopen: got %+v", codes)
	}
	var mode string
	p.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	var fk int
	p.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if mode != "wal" || fk != 1 {
		t.Errorf("journal_mode %q foreign_keys %d, want wal and 1", mode, fk)
	}
}

func TestCreateRefusesBadLanguage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.verbatim")
	if _, err := Create(context.Background(), path, "fr"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused project left a file behind")
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.sqlite")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	files := map[string][]byte{
		"empty.verbatim": nil,
		"junk.verbatim":  []byte(strings.Repeat("\x00\x01junk", 1000)),
		"text.verbatim":  []byte("Interviewer: hallo\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"empty.verbatim", "junk.verbatim", "text.verbatim", "other.sqlite"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			before, _ := os.ReadFile(path)
			p, err := Open(context.Background(), path)
			if err == nil {
				p.Close()
				t.Fatal("opened a file that is not a project")
			}
			if !errors.Is(err, ErrNotProject) {
				t.Errorf("got %v, want ErrNotProject", err)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Errorf("opening changed the file")
			}
		})
	}
	if _, err := Open(context.Background(), filepath.Join(dir, "missing.verbatim")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want ErrNotExist", err)
	}
}

func TestNewerVersionRefused(t *testing.T) {
	p := newProject(t, "en")
	path := p.Path()
	if _, err := p.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	p.Close()
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("got %v, want ErrNewerVersion", err)
	}
	if !strings.Contains(err.Error(), filepath.Base(path)) || !strings.Contains(err.Error(), "newer version") {
		t.Errorf("message %q should name the file and say it is newer", err)
	}
}

func TestMigrationFromFirstSchema(t *testing.T) {
	ctx := context.Background()
	// A project as the first release wrote it.
	saved := migrations
	defer func() { migrations = saved }()
	migrations = saved[:1]
	p := newProject(t, "nl")
	migrations = saved
	path := p.Path()
	// This release's code writes an undo step's label columns (version 4);
	// they are there while it writes, and go again, leaving version 1's table.
	labelColumns := []string{"label_key", "label_args"}
	for _, c := range labelColumns {
		if _, err := p.db.Exec("ALTER TABLE undo_steps ADD COLUMN " + c + " TEXT NOT NULL DEFAULT ''"); err != nil {
			t.Fatal(err)
		}
	}
	code, _ := p.AddCode(ctx, 0, "Vertrek vanuit motivatie", "", "")
	doc, err := p.ImportDocument(ctx, NewDocument{Name: "a.txt", Text: "Ana: ik begin bij mijn drive.\n", Format: "txt",
		Turns: []NewTurn{{Start: 0, End: 29, Speaker: "Ana"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ApplyCode(ctx, code.ID, Span{doc.ID, 5, 28}); err != nil {
		t.Fatal(err)
	}
	for _, c := range labelColumns {
		if _, err := p.db.Exec("ALTER TABLE undo_steps DROP COLUMN " + c); err != nil {
			t.Fatal(err)
		}
	}
	p.Close()

	// This release's schema and one more, as a later release would add.
	migrations = append(append([]string(nil), saved...), "ALTER TABLE codes ADD COLUMN shortcut TEXT NOT NULL DEFAULT ''")

	p, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var v int
	p.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != len(saved)+1 {
		t.Errorf("user_version after migration: got %d, want %d", v, len(saved)+1)
	}
	backups := BackupPaths(path)
	if len(backups) != 1 {
		t.Fatalf("backups: got %v, want one", backups)
	}
	b, err := sql.Open("sqlite", backups[0])
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var bv, n int
	b.QueryRow("PRAGMA user_version").Scan(&bv)
	b.QueryRow("SELECT count(*) FROM codings").Scan(&n)
	if bv != 1 || n != 1 {
		t.Errorf("backup: version %d with %d codings, want version 1 with 1", bv, n)
	}
	got, err := p.Codings(ctx, CodingFilter{})
	if err != nil || len(got) != 1 || got[0].Text != "ik begin bij mijn drive" || got[0].Key {
		t.Fatalf("codings after migration: %+v, %v", got, err)
	}
	// What version 2 added works on the upgraded file, undo included.
	if err := p.SetKeyQuote(ctx, []int64{got[0].ID}, true); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSummary(ctx, doc.ID, code.ID, "Drive als vertrekpunt."); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if s, _ := p.ThematicSummary(ctx, doc.ID, code.ID); s != "" {
		t.Errorf("summary after undo: %q", s)
	}
	// The regenerated undo triggers cover the new column.
	if _, err := p.db.Exec("UPDATE codes SET shortcut = '1'"); err != nil {
		t.Fatal(err)
	}
	if err := p.EditCode(ctx, code.ID, CodeEdit{Name: ptr("Motivatie")}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	c, _ := p.FindCode(ctx, "Vertrek vanuit motivatie")
	if c.ID != code.ID {
		t.Errorf("undo after migration did not restore the name")
	}
}

func ptr[T any](v T) *T { return &v }

func TestLockInProcess(t *testing.T) {
	p := newProject(t, "en")
	_, err := Open(context.Background(), p.Path())
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: got %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), filepath.Base(p.Path())) {
		t.Errorf("message %q does not name the file", err)
	}
	path := p.Path()
	p.Close()
	q, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	q.Close()
}

// TestLockOtherProcess holds a project open in this process and opens it from
// a child process, which must fail at once.
func TestLockOtherProcess(t *testing.T) {
	if os.Getenv("VERBATIM_LOCK_CHILD") != "" {
		_, err := Open(context.Background(), os.Getenv("VERBATIM_LOCK_CHILD"))
		fmt.Println(err)
		os.Exit(0)
	}
	p := newProject(t, "en")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockOtherProcess$")
	cmd.Env = append(os.Environ(), "VERBATIM_LOCK_CHILD="+p.Path())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "open elsewhere") {
		t.Fatalf("child said %q, want the open-elsewhere message", out)
	}
}
