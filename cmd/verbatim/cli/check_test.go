package cli

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/damagetest"
	"codeberg.org/verbatim/verbatim/model/disktest"
)

// checkFixture makes a small coded project through the command line.
func checkFixture(t *testing.T) (Env, string, string) {
	t.Helper()
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "p.verbatim")
	file := filepath.Join(dir, "ana.txt")
	text := "Interviewer: Wat heb je geleerd?\n\nAna: Dat je moet delen wat je leert.\n\nInterviewer: En jij?\n\nRoelant: Samen doen.\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, env, "new", proj)
	mustRun(t, env, "import", proj, file)
	mustRun(t, env, "code", "add", proj, "Deel wat je leert")
	mustRun(t, env, "code", "apply", proj, "--code", "Deel wat je leert", "--doc", "ana.txt", "--match", "delen wat je leert")
	mustRun(t, env, "code", "apply", proj, "--code", "Deel wat je leert", "--doc", "ana.txt", "--match", "Samen doen")
	return env, dir, proj
}

func lines(s string) int { return strings.Count(strings.TrimSuffix(s, "\n"), "\n") + 1 }

func TestCheckRepairBackup(t *testing.T) {
	env, dir, proj := checkFixture(t)
	out := mustRun(t, env, "check", proj)
	for _, want := range []string{"file:     ok", "texts:    ok", "ranges:   ok", "links:    ok"} {
		if !strings.Contains(out, want) {
			t.Errorf("check of a sound project: got %q, want %q", out, want)
		}
	}
	db, err := sql.Open("sqlite", proj)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA ignore_check_constraints = ON; UPDATE codings SET end_rune = 9999 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, stdout, stderr := run(t, env, "codings", proj)
	if code != 0 || !strings.Contains(stdout, "Samen doen") || strings.Contains(stdout, "delen wat") {
		t.Errorf("codings with a damaged range: exit %d, %q", code, stdout)
	}
	if lines(stderr) != 1 || !strings.Contains(stderr, "1 damaged entry of p.verbatim was left out") {
		t.Errorf("codings with a damaged range: stderr %q, want one warning", stderr)
	}
	code, stdout, stderr = run(t, env, "check", proj)
	if code != 1 || !strings.Contains(stdout, "coding 1 of document 1: range") || lines(stderr) != 1 {
		t.Errorf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	fixed := filepath.Join(dir, "fixed.verbatim")
	out = mustRun(t, env, "repair", proj, "-o", fixed)
	if !strings.Contains(out, "1 codings") || !strings.Contains(out, "lost: codings: 1") {
		t.Errorf("repair: %q", out)
	}
	mustRun(t, env, "check", fixed)

	copyPath := filepath.Join(dir, "copy.verbatim")
	if out := mustRun(t, env, "backup", fixed, "-o", copyPath); !strings.Contains(out, "saved a copy") {
		t.Errorf("backup -o: %q", out)
	}
	if out := mustRun(t, env, "codings", copyPath); !strings.Contains(out, "Samen doen") {
		t.Errorf("codings of the copy: %q", out)
	}
	// The writing commands above made the day's automatic backup of proj.
	out = mustRun(t, env, "backup", proj)
	if !strings.Contains(out, model.BackupDir(env.DataDir, proj)) || !strings.Contains(out, "p 20") {
		t.Errorf("backup listing: %q", out)
	}
	if got := model.AutoBackups(model.BackupDir(env.DataDir, proj), proj); len(got) != 1 {
		t.Errorf("%d automatic backups after a day's work, want 1", len(got))
	}
	mustRun(t, env, "backup", proj, "--keep", "3")
	if out := mustRun(t, env, "backup", proj); !strings.Contains(out, "the last 3 kept") {
		t.Errorf("after --keep 3: %q", out)
	}
}

// TestReadersBesideAWriter: reading commands work while another process
// (here: another open file, which flock treats the same) has the project
// open for writing; writing commands are refused at once.
func TestReadersBesideAWriter(t *testing.T) {
	env, _, proj := checkFixture(t)
	w, err := model.Open(context.Background(), proj)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// The writer holds the search index too, as the window does: the
	// commands that search make one in memory (it said "in use" before).
	ix, err := index.Open(context.Background(), w, index.ProjectDir(env.CacheDir, w.Path()), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, args := range [][]string{
		{"docs", proj}, {"codes", proj}, {"codings", proj}, {"search", proj, "leert"},
		{"export", proj, "--format", "csv", "-o", filepath.Join(t.TempDir(), "x.csv")},
		{"export", proj, "--query", "leert", "-o", filepath.Join(t.TempDir(), "q.csv")},
		{"check", proj}, {"backup", proj, "-o", filepath.Join(t.TempDir(), "c.verbatim")},
		{"speakers", proj}, {"participants", proj}, {"memo", proj, "project"}, {"summary", proj},
		{"coder", proj}, {"pseudonyms", proj}, {"pseudonyms", proj, "list"},
	} {
		code, stdout, stderr := run(t, env, args...)
		if code != 0 {
			t.Errorf("%s beside a writer: exit %d, %q", args[0], code, stderr)
		}
		if args[0] == "search" && (!strings.Contains(stderr, "has the search index open") || !strings.Contains(stdout, "leert")) {
			t.Errorf("search beside the window's index: %q, note %q", stdout, stderr)
		}
	}
	for _, args := range [][]string{
		{"code", "add", proj, "Nieuw"}, {"memo", proj, "project", "--set", "x"}, {"summary", proj, "--doc", "ana.txt", "--clear"},
		{"coder", proj, "Ana"}, {"pseudonyms", proj, "suggest", "--apply"},
	} {
		code, _, stderr := run(t, env, args...)
		if code != 1 || !strings.Contains(stderr, "open elsewhere") {
			t.Errorf("%s, a writer beside a writer: exit %d, %q", strings.Join(args, " "), code, stderr)
		}
	}
}

// TestCommandsOnDamagedCopies flips random bytes in copies of a real
// project, 100 times: every command either works or prints one line, in
// plain words first, and a change is never accepted into a file that fails
// its check.
func TestCommandsOnDamagedCopies(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	env, dir, proj := checkFixture(t)
	orig, err := os.ReadFile(proj)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 5))
	failed := 0
	for round := 0; round < 100; round++ {
		data := append([]byte(nil), orig...)
		for i := 0; i < 1+r.IntN(10); i++ {
			data[r.IntN(len(data))] ^= byte(1 + r.IntN(255))
		}
		path := filepath.Join(dir, fmt.Sprintf("flipped %d.verbatim", round))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmds := [][]string{{"codings", path}, {"code", "add", path, "Nieuw"}}
		if round%10 == 0 {
			cmds = append(cmds, []string{"docs", path}, []string{"codes", path}, []string{"check", path},
				[]string{"undo", path}, []string{"search", path, "leert"}, []string{"speakers", path})
		}
		for _, args := range cmds {
			code, _, stderr := run(t, env, args...)
			if code != 0 {
				failed++
			}
			if stderr != "" && lines(stderr) != 1 {
				t.Errorf("round %d: %s printed %d lines: %q", round, args[0], lines(stderr), stderr)
			}
			// SQLite's own words come only after plain ones (model.Plain).
			for _, raw := range []string{"verbatim: SQL logic error", "verbatim: database disk image", "verbatim: sql:"} {
				if strings.HasPrefix(stderr, raw) {
					t.Errorf("round %d: %s said SQLite's words alone: %q", round, args[0], stderr)
				}
			}
		}
		p, err := model.OpenReader(context.Background(), path)
		if err != nil {
			continue
		}
		if ro, ok := p.ReadOnly().(*model.ReadOnlyError); ok && ro.Damaged() {
			if codes, _ := p.Codes(context.Background()); len(codes) > 1 {
				t.Errorf("round %d: a code was added to a damaged file", round)
			}
		}
		p.Close()
	}
	t.Logf("100 damaged copies: %d commands refused", failed)
}

// TestFullDisk: on a full disk a change fails with one plain line, and
// reading still works.
func TestFullDisk(t *testing.T) {
	env, _, proj := checkFixture(t)
	disk := disktest.Mount(t, "2m")
	onDisk := filepath.Join(disk, "p.verbatim")
	// A copy of the closed project, as it is: in WAL mode (a backup is
	// not, and SQLite reads it without a -shm).
	data, err := os.ReadFile(proj)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(onDisk, data, 0o644); err != nil {
		t.Fatal(err)
	}
	disktest.Fill(t, disk)
	// A closed project, with no room for the -shm SQLite makes to read
	// one: every read failed with "disk I/O error (4874)".
	elsewhere := t.TempDir()
	reads := func(when string) {
		t.Helper()
		for _, args := range [][]string{{"docs", onDisk}, {"codings", onDisk}, {"search", onDisk, "leert"},
			{"export", onDisk, "--format", "csv", "-o", filepath.Join(elsewhere, when+".csv")},
			{"backup", onDisk, "-o", filepath.Join(elsewhere, when+".verbatim")}} {
			if code, out, stderr := run(t, env, args...); code != 0 || (args[0] != "export" && args[0] != "backup" && !strings.Contains(out, "ana.txt")) {
				t.Errorf("%s on a full disk, %s: exit %d, %q, %q", args[0], when, code, out, stderr)
			}
		}
	}
	reads("before a change")
	for _, args := range [][]string{{"memo", onDisk, "project", "--set", strings.Repeat("een lange memo ", 20000)}, {"code", "add", onDisk, "Nieuw"}} {
		code, _, stderr := run(t, env, args...)
		if code != 1 || lines(stderr) != 1 || !strings.Contains(stderr, "the disk is full") {
			t.Errorf("%s on a full disk: exit %d, %q", args[0], code, stderr)
		}
		for _, f := range []string{onDisk + "-wal", onDisk + "-shm"} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%s on a full disk left %s", args[0], filepath.Base(f))
			}
		}
	}
	reads("after a change")
}

// TestReadersLeaveOneFile: a command that only reads a closed project
// leaves it one file, without the -wal and -shm SQLite makes for reading
// (they were left behind, and a reader without room for them could not read
// it on a full disk).
func TestReadersLeaveOneFile(t *testing.T) {
	env, dir, proj := checkFixture(t)
	for _, args := range [][]string{{"docs", proj}, {"codes", proj}, {"codings", proj}, {"check", proj},
		{"search", proj, "leert"}, {"export", proj, "--format", "csv", "-o", filepath.Join(dir, "x.csv")}} {
		mustRun(t, env, args...)
		for _, f := range []string{proj + "-wal", proj + "-shm"} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%s left %s beside the project", args[0], filepath.Base(f))
				os.Remove(f)
			}
		}
	}
}

// TestCacheFolderUnusable: when the cache folder cannot be made, is
// read-only or full, search keeps the index of a small project in memory and
// says so in one line; a project over the limit fails at once with the
// reason.
func TestCacheFolderUnusable(t *testing.T) {
	env, dir, proj := checkFixture(t)
	inMemory := func(what string) {
		t.Helper()
		start := time.Now()
		code, out, stderr := run(t, env, "search", proj, "leert")
		if code != 0 || !strings.Contains(out, "1 passages in 1 documents") || lines(stderr) != 1 || !strings.Contains(stderr, "kept in memory") {
			t.Errorf("search with %s: exit %d, %q, %q; want the hit and one note", what, code, out, stderr)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("search with %s took %v", what, d)
		}
		code, out, stderr = run(t, env, "autocode", proj, "leert", "--code", "Deel wat je leert")
		if code != 0 || !strings.Contains(out, "coded") || lines(stderr) != 1 {
			t.Errorf("autocode with %s: exit %d, %q, %q", what, code, out, stderr)
		}
		mustRun(t, env, "undo", proj)
		defer func(limit int) { inMemoryLimit = limit }(inMemoryLimit)
		inMemoryLimit = 10 // characters: the fixture is over it
		code, _, stderr = run(t, env, "search", proj, "leert")
		if code != 1 || lines(stderr) != 1 || !strings.Contains(stderr, "not kept in memory") {
			t.Errorf("search of a project over the limit with %s: exit %d, %q", what, code, stderr)
		}
	}
	blocker := filepath.Join(dir, "a file")
	os.WriteFile(blocker, nil, 0o644)
	env.CacheDir = filepath.Join(blocker, "cache")
	inMemory("a cache folder that cannot be made")
	if _, _, stderr := run(t, env, "search", proj, "leert"); !strings.Contains(stderr, "cannot be written to") {
		t.Errorf("the note does not say why: %q", stderr)
	}

	disk := disktest.Mount(t, "1m")
	disktest.Fill(t, disk)
	env.CacheDir = disk
	inMemory("a full cache disk")
	if _, _, stderr := run(t, env, "search", proj, "leert"); !strings.Contains(stderr, "is full") {
		t.Errorf("the note does not say the disk is full: %q", stderr)
	}

	ro := disktest.Mount(t, "1m")
	if out, err := exec.Command("mount", "-o", "remount,ro", ro).CombinedOutput(); err != nil {
		t.Fatalf("remount ro: %v: %s", err, out)
	}
	env.CacheDir = ro
	inMemory("a read-only cache folder")
}

// TestMissingChangesAreReported: when a project holds fewer changes than
// when it was last closed (its -wal file lost, an older copy put in its
// place), the next command says so, once.
func TestMissingChangesAreReported(t *testing.T) {
	env, dir, proj := checkFixture(t)
	older := filepath.Join(dir, "older.verbatim")
	mustRun(t, env, "backup", proj, "-o", older)
	mustRun(t, env, "code", "add", proj, "Nieuw")
	mustRun(t, env, "code", "add", proj, "Nog een")
	if err := os.Rename(older, proj); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, env, "codes", proj)
	if code != 0 || lines(stderr) != 1 || !strings.Contains(stderr, "holds fewer changes than were saved in it") {
		t.Errorf("after losing two changes: exit %d, %q", code, stderr)
	}
	mustRun(t, env, "code", "add", proj, "Verder")
	if _, _, stderr := run(t, env, "codes", proj); stderr != "" {
		t.Errorf("once the project was changed again: %q", stderr)
	}
}

// TestIndexDamageFoundBeforeTheBackup: damage opening's quick check does not
// look for (an index that lacks a row) is found by the full check made
// before the day's automatic backup: no backup is made, the change is
// refused in one line, reading goes on, and check lists it.
func TestIndexDamageFoundBeforeTheBackup(t *testing.T) {
	env, _, proj := checkFixture(t)
	damagetest.StaleIndex(t, proj)
	backups := model.BackupDir(env.DataDir, proj)
	before := len(model.AutoBackups(backups, proj))
	if err := os.RemoveAll(backups); err != nil { // the day's backup is due again
		t.Fatal(err)
	}
	if before == 0 {
		t.Fatal("the fixture made no automatic backup: the test proves nothing")
	}
	code, _, stderr := run(t, env, "code", "add", proj, "Nieuw")
	if code != 1 || lines(stderr) != 1 || !strings.Contains(stderr, "finds the project file damaged") {
		t.Errorf("a change to the damaged project: exit %d, %q", code, stderr)
	}
	if n := len(model.AutoBackups(backups, proj)); n != 0 {
		t.Errorf("%d backups of the damaged project were made", n)
	}
	if out := mustRun(t, env, "codes", proj); strings.Contains(out, "Nieuw") {
		t.Errorf("the refused code was saved:\n%s", out)
	}
	code, out, _ := run(t, env, "check", proj)
	if code != 1 || !strings.Contains(out, "codes_name") {
		t.Errorf("check: exit %d, %q; want the index named", code, out)
	}
}
