package model

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors a caller can test for with errors.Is. Their texts are written for a
// researcher: the command line and the window show them as they are.
var (
	// ErrLocked: the project is open in another window or command.
	ErrLocked = errors.New("it is open elsewhere (in another Verbatim window or command); close it there first")
	// ErrNewerVersion: the project was written by a newer Verbatim.
	ErrNewerVersion = errors.New("it was saved by a newer version of Verbatim; update Verbatim to open it")
	// ErrNotProject: the file is not a Verbatim project.
	ErrNotProject = errors.New("not a Verbatim project (the file is damaged or is another kind of file)")
	// ErrExists: a new project would overwrite an existing file.
	ErrExists = errors.New("a file with that name exists already")
	// ErrNotFound: a document, code, coding or case does not exist.
	ErrNotFound = errors.New("not found")
	// ErrDuplicate: the same coding, code name or document exists already.
	ErrDuplicate = errors.New("exists already")
	// ErrInvalid: an argument is out of range or malformed.
	ErrInvalid = errors.New("invalid")
	// ErrNothingToUndo and ErrNothingToRedo: the history is empty that way.
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
	// ErrInAction: undo, redo or clearing the history was asked for inside
	// a Group, whose changes are not one step yet.
	ErrInAction = errors.New("not while a change is being made (undo and redo come between changes)")
	// ErrDamaged: a read failed because the project file is damaged there
	// (Plain).
	ErrDamaged = errors.New("this part of the project file is damaged and cannot be read; 'verbatim check FILE' lists the damage, and 'verbatim repair FILE -o NEW.verbatim' saves what can be read into a new project")
)

// Plain puts err in plain words before SQLite's, keeping it for errors.As:
// a full disk is ErrDiskFull, whatever the action that met it, and damage in
// the project file is ErrDamaged: a damaged page, a table or column its
// description lacks, or a value not of its column's kind (a sound project
// has every table and column Verbatim reads, with values of their kinds, and
// the one row of its bookkeeping tables, so only damage makes one go missing
// or change; a trigger whose text is damaged calls a function that does not
// exist). The command line and the
// window say every error through it.
func Plain(err error) error {
	if err = diskError(err); err == nil || errors.Is(err, ErrDamaged) || errors.Is(err, ErrDiskFull) {
		return err
	}
	if strings.Contains(err.Error(), "sql: Scan error on column") || errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w (%w)", ErrDamaged, err)
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	code, msg := se.Code()&0xff, se.Error()
	if code == sqlite3.SQLITE_CORRUPT || (code == sqlite3.SQLITE_ERROR && (strings.Contains(msg, "no such table") || strings.Contains(msg, "no such column") || strings.Contains(msg, "no such function"))) {
		return fmt.Errorf("%w (%w)", ErrDamaged, err)
	}
	return err
}
