// Package damagetest damages project files for the tests of model, the
// command line and the window, in ways SQLite's quick check on opening
// does not see.
package damagetest

import (
	"database/sql"
	"testing"

	_ "modernc.org/sqlite" // the driver
)

// StaleIndex renames the first code of the closed project at path behind
// the back of its index of names, which keeps the old name: damage only
// SQLite's full check (integrity_check) finds. The project needs a code.
func StaleIndex(t testing.TB, path string) {
	t.Helper()
	var index string
	run(t, path, func(db *sql.DB) error {
		return db.QueryRow("SELECT sql FROM sqlite_schema WHERE name = 'codes_name'").Scan(&index)
	})
	// Each step on a connection of its own, which reads the schema anew:
	// the index made to look partial and empty, so the rename leaves it
	// alone, and then itself again.
	run(t, path, func(db *sql.DB) error { return writeSchema(db, index+" WHERE 0") })
	run(t, path, func(db *sql.DB) error {
		res, err := db.Exec("UPDATE codes SET name = name || ' (stale)' WHERE id = (SELECT min(id) FROM codes)")
		if n, _ := res.RowsAffected(); err == nil && n != 1 {
			t.Fatal("the project has no code to rename")
		}
		return err
	})
	run(t, path, func(db *sql.DB) error { return writeSchema(db, index) })
}

func writeSchema(db *sql.DB, index string) error {
	if _, err := db.Exec("PRAGMA writable_schema = ON"); err != nil {
		return err
	}
	_, err := db.Exec("UPDATE sqlite_schema SET sql = ? WHERE name = 'codes_name'", index)
	return err
}

func run(t testing.TB, path string, fn func(*sql.DB) error) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := fn(db); err != nil {
		t.Fatal(err)
	}
}
