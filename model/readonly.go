package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// Errors about the state of the project file, for errors.Is.
var (
	// ErrReadOnly: the project is open read-only; ReadOnlyError says why.
	ErrReadOnly = errors.New("the project is open read-only")
	// ErrNeedsUpgrade: the project was written by an older version and
	// must be opened for writing once, to upgrade it.
	ErrNeedsUpgrade = errors.New("it was saved by an older version of Verbatim and needs upgrading, which cannot be done while it is read-only; open it where it can be written to")
	// ErrNameTooLong: the system refuses a file name or path this long.
	ErrNameTooLong = errors.New("the name or path is longer than the system allows; use a shorter name or folder")
	// ErrPathTooLong: the path is longer than SQLite opens (maxSQLitePath),
	// though the system allows it.
	ErrPathTooLong = errors.New("the path is longer than Verbatim can keep a project at; use a shorter folder or name")
)

// Reasons a project opens read-only, as ReadOnlyError.Reason.
const (
	ReasonFileReadOnly   = "the file cannot be changed (it is on read-only media or you have no permission to write it); save a copy elsewhere to work on it"
	ReasonFolderReadOnly = "its folder cannot be written to (read-only media or no permission), and SQLite needs to write its journal beside the file; save a copy elsewhere to work on it"
	ReasonReader         = "it is opened for reading only, beside a window or command that may be changing it"
	ReasonDamaged        = "the file is damaged, so nothing new is saved into it; run 'verbatim repair FILE -o NEW.verbatim' to save what can be read into a new project, or open one of its backups"
)

// ReadOnlyError says why a project is open read-only; every change made to
// it fails with it, and errors.Is(err, ErrReadOnly) holds.
type ReadOnlyError struct {
	Reason string
	// Detail is what SQLite's check found, for a damaged file.
	Detail []string
}

func (e *ReadOnlyError) Error() string {
	s := "the project is read-only: " + e.Reason
	if len(e.Detail) > 0 {
		s += " (SQLite's check: " + strings.Join(e.Detail, "; ") + ")"
	}
	return s
}

// Is makes errors.Is(err, ErrReadOnly) true.
func (e *ReadOnlyError) Is(target error) bool { return target == ErrReadOnly }

// Damaged says whether the file failed its check.
func (e *ReadOnlyError) Damaged() bool { return e.Reason == ReasonDamaged }

// ReadOnly is why the project is open read-only (a *ReadOnlyError), or nil
// when it can be changed. The window shows it as a banner.
func (p *Project) ReadOnly() error {
	if p.readOnly == nil {
		if found := p.damageFound.Load(); found != nil {
			return found
		}
		return nil
	}
	return p.readOnly
}

// writable refuses a change to a read-only project.
func (p *Project) writable() error {
	if ro := p.ReadOnly(); ro != nil {
		return fmt.Errorf("could not save the change: %w", ro)
	}
	return nil
}

// quickCheckRows is how many problems the check on opening reports.
const quickCheckRows = 5

// checkOnOpen runs SQLite's quick check (it reads every page but skips the
// costly index cross-checks; see the README for what it costs). A file that
// fails it is marked damaged, and so read-only.
func (p *Project) checkOnOpen(ctx context.Context) error {
	found, err := quickCheck(ctx, p.db, quickCheckRows)
	if err != nil && isCorrupt(err) {
		// SQLite refuses the file as a whole, for damage in its table
		// descriptions (the schema) or in the pages that hold them: it
		// opens read-only and damaged, through damagedDSN, with what can
		// be read of it.
		p.openDamage = sqliteFinding(err)
		p.readOnly = &ReadOnlyError{Reason: ReasonDamaged, Detail: []string{p.openDamage}}
		return nil
	}
	if err != nil {
		if isNotADatabase(err) {
			return ErrNotProject
		}
		return err
	}
	if len(found) > 0 {
		p.readOnly = &ReadOnlyError{Reason: ReasonDamaged, Detail: found}
	}
	return nil
}

// sqliteFinding is SQLite's message of a damaged file, without its code:
// "malformed database schema (pseudonyms_name)".
func sqliteFinding(err error) string {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err.Error()
	}
	msg := se.Error()
	if i := strings.Index(msg, "malformed database schema"); i >= 0 {
		msg = msg[i:] // without "database disk image is malformed: "
	}
	if j := strings.LastIndex(msg, " ("); j > 0 && strings.HasSuffix(msg, ")") && strings.Trim(msg[j+2:len(msg)-1], "0123456789") == "" {
		msg = msg[:j] // SQLite's error code
	}
	return msg
}

// quickCheck returns the problems PRAGMA quick_check finds, at most max;
// none when the file is sound.
func quickCheck(ctx context.Context, db *sql.DB, max int) ([]string, error) {
	return pragmaCheck(ctx, db, "quick_check", max)
}

func pragmaCheck(ctx context.Context, db *sql.DB, pragma string, max int) ([]string, error) {
	rows, err := db.QueryContext(ctx, fmt.Sprintf("PRAGMA %s(%d)", pragma, max))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		for _, line := range strings.Split(s, "\n") {
			if line != "ok" && line != "" && !rowProblem(line) && !strings.HasPrefix(line, "*** in database") {
				found = append(found, line)
			}
		}
	}
	return found, rows.Err()
}

// rowProblem says whether a finding of SQLite's check is about the values
// of a row (a CHECK or NOT NULL constraint) rather than the file's
// structure. Such rows are skipped where they are read and listed by Check;
// the file itself stays sound and writable.
func rowProblem(finding string) bool {
	return strings.HasPrefix(finding, "CHECK constraint failed") || strings.HasPrefix(finding, "NULL value in")
}

// readableVersion checks that a file opened without upgrading is a project
// this version can read as it is.
func readableVersion(ctx context.Context, db *sql.DB) error {
	var version, appID int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		if isNotADatabase(err) {
			return ErrNotProject
		}
		return err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return err
	}
	switch {
	case version < 0:
		return badVersion(version)
	case appID != applicationID:
		return ErrNotProject
	case version > SchemaVersion():
		return fmt.Errorf("%w (project version %d, this Verbatim reads up to %d)", ErrNewerVersion, version, SchemaVersion())
	case version < SchemaVersion():
		return fmt.Errorf("%w (version %d, this Verbatim writes %d)", ErrNeedsUpgrade, version, SchemaVersion())
	}
	return nil
}

// skippedRows records the stored rows reads left out because they are
// damaged (a range that ends before it starts, or past its text's end).
type skippedRows struct {
	mu   sync.Mutex
	seen map[Finding]bool
	list []Finding
}

func (s *skippedRows) add(what Finding) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[Finding]bool{}
	}
	if !s.seen[what] {
		s.seen[what] = true
		s.list = append(s.list, what)
	}
}

// SkippedRows lists the damaged rows reads have left out since the project
// was opened, one RangeImpossible finding each ("coding 12 of document 3:
// range 40:20 over 300 characters"). The command line reports them once;
// Check lists them all.
func (p *Project) SkippedRows() []Finding {
	p.skipped.mu.Lock()
	defer p.skipped.mu.Unlock()
	return append([]Finding(nil), p.skipped.list...)
}

// validRange says whether [start, end) is a range over a text of n runes.
func validRange(start, end, n int) bool { return start >= 0 && end > start && end <= n }
