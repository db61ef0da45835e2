package model

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
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
