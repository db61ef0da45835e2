package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPlainSaysAFullDiskWhateverTheAction: SQLite's "database or disk is
// full" from any statement (undo, code apply and coder said it raw, without
// the plain words act gives the other actions) is ErrDiskFull through Plain,
// and a missing table is ErrDamaged; other errors stay as they are.
func TestPlainSaysAFullDiskWhateverTheAction(t *testing.T) {
	db, err := sql.Open("sqlite", "file:plain?mode=memory&_pragma=max_page_count(2)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CREATE TABLE t (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	_, full := db.Exec("INSERT INTO t VALUES (?)", strings.Repeat("x", 100000))
	if full == nil {
		t.Fatal("no error from a database of two pages")
	}
	if err := Plain(full); !errors.Is(err, ErrDiskFull) || !strings.HasPrefix(err.Error(), "the disk is full") {
		t.Errorf("Plain(%v) = %v, want ErrDiskFull first", full, err)
	}
	_, missing := db.Exec("SELECT * FROM codings")
	if err := Plain(missing); !errors.Is(err, ErrDamaged) || !strings.HasPrefix(err.Error(), "this part of the project file is damaged") {
		t.Errorf("Plain(%v) = %v, want ErrDamaged first", missing, err)
	}
	if err := Plain(ErrNotFound); err != ErrNotFound {
		t.Errorf("Plain(ErrNotFound) = %v", err)
	}
}

// TestLongPaths: the system takes paths of 4,096 bytes, SQLite fewer than
// 512 (with its -journal name). A project up to that works; past it, new,
// open, a reader and a copy are refused in plain words (ErrPathTooLong)
// instead of SQLite's "unable to open database file (14)".
func TestLongPaths(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	deep := func(total int) string {
		dir := base
		for len(dir)+220 < total {
			dir = filepath.Join(dir, strings.Repeat("ü", 100))
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		name := strings.Repeat("p", total-len(dir)-1-len(".verbatim")) + ".verbatim"
		return filepath.Join(dir, name)
	}
	fits := deep(maxSQLitePath - len("-journal") - 1)
	p, err := Create(ctx, fits, "nl")
	if err != nil {
		t.Fatalf("new at %d bytes: %v", len(fits), err)
	}
	if _, err := p.AddCode(ctx, 0, "Lang pad", "", ""); err != nil {
		t.Errorf("a change at %d bytes: %v", len(fits), err)
	}
	p.Close()
	if p, err = Open(ctx, fits); err != nil {
		t.Fatalf("open at %d bytes: %v", len(fits), err)
	}
	defer p.Close()
	tooLong := deep(maxSQLitePath + 40)
	if _, err := Create(ctx, tooLong, "nl"); !errors.Is(err, ErrPathTooLong) {
		t.Errorf("new at %d bytes: %v, want ErrPathTooLong", len(tooLong), err)
	}
	if err := p.Backup(ctx, tooLong); !errors.Is(err, ErrPathTooLong) {
		t.Errorf("a copy at %d bytes: %v, want ErrPathTooLong", len(tooLong), err)
	}
	data, _ := os.ReadFile(fits)
	if err := os.WriteFile(tooLong, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func(context.Context, string) (*Project, error){"open": Open, "reader": OpenReader} {
		if q, err := open(ctx, tooLong); !errors.Is(err, ErrPathTooLong) {
			if q != nil {
				q.Close()
			}
			t.Errorf("%s at %d bytes: %v, want ErrPathTooLong", name, len(tooLong), err)
		}
	}
}

// TestBackupsKeepTheProjectsMode: a backup of a project only its owner may
// read is only its owner's too (VACUUM INTO made every copy 0644), and a
// backup dated after now (made while the clock was ahead) does not stop the
// daily backups until its date comes.
func TestBackupsKeepTheProjectsMode(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := sampleProjectFile(t, dir, 1)
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	copyPath := filepath.Join(dir, "kopie.verbatim")
	if err := p.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "backups")
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	ahead := filepath.Join(backups, backupStem(path)+now.AddDate(0, 6, 0).Format(backupStamp)+".verbatim")
	if err := os.WriteFile(ahead, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	made, err := p.AutoBackup(ctx, backups, now)
	if err != nil || made == "" {
		t.Fatalf("the daily backup beside one dated in six months: %q, %v", made, err)
	}
	for _, f := range []string{copyPath, made} {
		if st, err := os.Stat(f); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want the project's 0600", filepath.Base(f), st.Mode().Perm(), err)
		}
	}
}

// TestImpossibleVersionSaysSo: a header whose version number is negative
// (one flipped bit) made every command panic in migrate.
func TestImpossibleVersionSaysSo(t *testing.T) {
	ctx := context.Background()
	path := sampleProjectFile(t, t.TempDir(), 1)
	tamper(t, path, "PRAGMA user_version = -1")
	for name, open := range map[string]func(context.Context, string) (*Project, error){"open": Open, "reader": OpenReader} {
		p, err := open(ctx, path)
		if err == nil {
			p.Close()
		}
		if !errors.Is(err, ErrNotProject) || !strings.Contains(err.Error(), "header is damaged") {
			t.Errorf("%s: %v, want the damaged header said", name, err)
		}
	}
}

// TestVersionBehindItsTablesSaysSo: a header giving an older version than
// the file's tables (a flipped bit, or an edit) failed its upgrade with
// SQLite's words alone and left another copy beside it at each attempt.
func TestVersionBehindItsTablesSaysSo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := sampleProjectFile(t, dir, 1)
	tamper(t, path, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()-1))
	for range 2 {
		if p, err := Open(ctx, path); err == nil {
			p.Close()
			t.Fatal("a file whose tables are past its header's version opened")
		} else if !errors.Is(err, ErrNotProject) || !strings.Contains(err.Error(), "header is damaged") {
			t.Errorf("open: %v, want the damaged header said", err)
		}
	}
	if copies := BackupPaths(path); len(copies) != 0 {
		t.Errorf("the failed upgrades left %q", copies)
	}
}
