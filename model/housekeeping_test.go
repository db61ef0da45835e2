package model

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestHousekeepingNames: the backup folder and revision file keep the
// names the command line has always used (a new name would orphan every
// user's backups), and copies of a project get their own.
func TestHousekeepingNames(t *testing.T) {
	data := "/data"
	if got, want := BackupDir(data, "/home/ana/Study.verbatim"), filepath.Join(data, "backups", "Study 32172345"); got != want {
		t.Errorf("BackupDir = %q, want %q", got, want)
	}
	if got, want := RevisionFile(data, "/home/ana/Study.verbatim"), filepath.Join(data, "revisions", "Study 32172345"); got != want {
		t.Errorf("RevisionFile = %q, want %q", got, want)
	}
	if BackupDir(data, "/home/ana/Study.verbatim") == BackupDir(data, "/home/ana/copy/Study.verbatim") {
		t.Error("two copies of a project share their backups")
	}
	// An automatic backup's own backups are the project's, beside it.
	backup := filepath.Join(BackupDir(data, "/home/ana/Study.verbatim"), "Study 2026-12-01 120000.verbatim")
	if got, want := BackupsFor(data, backup), BackupDir(data, "/home/ana/Study.verbatim"); got != want {
		t.Errorf("BackupsFor(a backup) = %q, want its folder %q", got, want)
	}
	if got, want := BackupsFor(data, "/home/ana/Study.verbatim"), BackupDir(data, "/home/ana/Study.verbatim"); got != want {
		t.Errorf("BackupsFor(a project) = %q, want %q", got, want)
	}
	if got := filepath.Base(BackupDir(data, "/x/"+strings.Repeat("a", 150)+".verbatim")); len(got) != 100+1+8 {
		t.Errorf("a long name's backup folder is %d bytes long, want 109", len(got))
	}
}

// TestMissingChangesAfterRestoringAnOlderCopy notes the revision of each
// saved change, puts an older copy in the project's place and finds the
// changes missing; once the project is changed again, nothing is.
func TestMissingChangesAfterRestoringAnOlderCopy(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	p := newProject(t, "nl")
	path := p.Path()
	if m := KeepRevision(ctx, data, p); m != nil {
		t.Errorf("a new project misses changes: %v", m)
	}
	noted := func() string {
		b, _ := os.ReadFile(RevisionFile(data, path))
		f := strings.Fields(string(b))
		if len(f) != 2 || f[1] != p.UUID() {
			return fmt.Sprintf("%q, not the revision and the project's identity", b)
		}
		return f[0]
	}
	if got := noted(); got != "0" {
		t.Errorf("a new project's noted revision is %q, want 0", got)
	}
	older := filepath.Join(t.TempDir(), "older.verbatim")
	if err := p.Backup(ctx, older); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Een", "Twee"} {
		if _, err := p.AddCode(ctx, 0, name, "#ff0000", ""); err != nil {
			t.Fatal(err)
		}
		// Noted as it is saved, before any close: a crash loses the
		// -wal file, never the note.
		if got, want := noted(), strconv.Itoa(i+1); got != want {
			t.Errorf("after change %d the noted revision is %q, want %s", i+1, got, want)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(older, path); err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if KeepRevision(ctx, "", q) != nil {
		t.Error("without a data folder, changes are missing")
	}
	m := KeepRevision(ctx, data, q)
	if m == nil || m.Was != 2 || m.Now != 0 {
		t.Fatalf("after restoring an older copy: %+v, want 0 of 2", m)
	}
	want := "test project.verbatim holds fewer changes than were saved in it (0 of 2): the file beside it ending in -wal, which held the last ones, was lost, or an older copy replaced it (expected after restoring a backup); 'verbatim backup test project.verbatim' lists the automatic backups"
	if m.Error() != want {
		t.Errorf("the note is\n%q, want\n%q", m.Error(), want)
	}
	// Said once: the note now holds what the project holds.
	if m := KeepRevision(ctx, data, q); m != nil {
		t.Errorf("said twice: %v", m)
	}
	for _, name := range []string{"Drie", "Vier", "Vijf"} {
		if _, err := q.AddCode(ctx, 0, name, "#00ff00", ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := q.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := noted(); got != "4" {
		t.Errorf("after three changes and an undo the noted revision is %q, want 4", got)
	}
	q.Close()
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if m := KeepRevision(ctx, data, r); m != nil {
		t.Errorf("once changed again: %v", m)
	}
	r.Close()

	// A new project made in the place of the deleted one is another
	// project: nothing of it is missing.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	n, err := Create(ctx, path, "en")
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if m := KeepRevision(ctx, data, n); m != nil {
		t.Errorf("a new project in the place of a deleted one: %v", m)
	}
}

// TestDailyBackup: a writer gets one backup a day in its BackupDir; a
// reader and an empty data folder get none.
func TestDailyBackup(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	p := newProject(t, "en")
	now := time.Now()
	made, err := p.DailyBackup(ctx, data, now)
	if err != nil || made == "" || filepath.Dir(made) != BackupDir(data, p.Path()) {
		t.Fatalf("the first open's backup: %q, %v", made, err)
	}
	if again, err := p.DailyBackup(ctx, data, now.Add(time.Hour)); again != "" || err != nil {
		t.Errorf("a second backup the same day: %q, %v", again, err)
	}
	if none, err := p.DailyBackup(ctx, "", now.Add(48*time.Hour)); none != "" || err != nil {
		t.Errorf("a backup without a data folder: %q, %v", none, err)
	}
	path := p.Path()
	p.Close()
	r, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r.DailyBackup(ctx, data, now.Add(48*time.Hour)); got != "" || err != nil {
		t.Errorf("a reader made a backup: %q, %v", got, err)
	}
	if n := len(AutoBackups(BackupDir(data, path), path)); n != 1 {
		t.Errorf("%d backups, want 1", n)
	}
	other := t.TempDir()
	if KeepRevision(ctx, other, r); fileExists(RevisionFile(other, path)) {
		t.Error("a project open for reading noted a revision")
	}
	r.Close()
}

// TestDailyBackupLongNames: a project under any name Create allows gets its
// backups, kept and rotated, in a folder and under a name cut between
// characters ("x" and "Ö" over and over puts one across every cut) that opens as
// a project.
func TestDailyBackupLongNames(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{100, 237, 238, 240, 244, 248, 251} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			stem := "x" + strings.Repeat("Ö", (n-len(".verbatim")-1)/2)
			stem += strings.Repeat("x", n-len(".verbatim")-len(stem))
			p, err := Create(ctx, filepath.Join(t.TempDir(), stem+".verbatim"), "en")
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if err := p.SetBackupsKept(ctx, 2); err != nil {
				t.Fatal(err)
			}
			data := t.TempDir()
			now := time.Date(2026, 12, 2, 13, 30, 56, 0, time.UTC)
			for day := 0; day < 3; day++ {
				made, err := p.DailyBackup(ctx, data, now.Add(time.Duration(day)*25*time.Hour))
				if err != nil || made == "" {
					t.Fatalf("day %d: made %q, %v", day, made, err)
				}
				for _, name := range []string{filepath.Base(filepath.Dir(made)), filepath.Base(made)} {
					if !utf8.ValidString(name) {
						t.Errorf("day %d: %q is not valid UTF-8", day, name)
					}
				}
			}
			got := AutoBackups(BackupDir(data, p.Path()), p.Path())
			if len(got) != 2 || !got[1].Time.Equal(now.Add(50*time.Hour)) {
				t.Fatalf("kept %v, want the last 2", got)
			}
			b, err := Open(ctx, got[1].Path)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if _, err := b.AddCode(ctx, 0, "Code", "", ""); err != nil {
				t.Errorf("a change to the backup: %v", err)
			}
		})
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
