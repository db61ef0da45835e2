package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Backup writes a consistent snapshot of the project to dst, which must not
// exist, while the project stays open and in use: SQLite's VACUUM INTO reads
// one snapshot, so the copy never holds half an action, as a plain file copy
// taken during an import can. The copy is one file that can be mailed;
// restoring is opening it. A name too long for the copy to be changed (as
// Create refuses it) is refused before anything is written.
func (p *Project) Backup(ctx context.Context, dst string) error {
	if err := madeFits(dst); err != nil {
		return err
	}
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s: %w", dst, ErrExists)
	}
	dir := filepath.Dir(dst)
	tmp, f, err := createDraft(dir)
	if err != nil {
		return pathError(dst, err)
	}
	f.Close()
	os.Remove(tmp) // VACUUM INTO wants to create the file itself
	db := p.db
	if p.readOnly != nil {
		// Its connections refuse every write, VACUUM INTO too; the copy
		// is read through one that only opens the file read-only.
		if db, err = sql.Open("sqlite", strings.Replace(readOnlyDSN(p.path, p.immutable || needsImmutable(p.path)), "&_pragma=query_only(1)", "", 1)); err != nil {
			return err
		}
		defer db.Close()
	}
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		removeDraft(tmp)
		return fmt.Errorf("saving a copy to %s: %w", dst, diskError(err))
	}
	if NameFits(dst, len("-journal")) != nil {
		// SQLite opens the copy VACUUM INTO made in rollback mode only
		// with room for a -journal beside it; a name of 248 to 251 bytes
		// has room for a -wal alone, so the copy is put in WAL mode.
		if err := walMode(ctx, tmp); err != nil {
			removeDraft(tmp)
			return fmt.Errorf("saving a copy to %s: %w", dst, diskError(err))
		}
	}
	keepMode(p.path, tmp)
	if err := placeDraft(tmp, dst); err != nil {
		removeDraft(tmp)
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", dst, ErrExists)
		}
		return pathError(dst, err)
	}
	return nil
}

// DefaultBackupsKept is how many automatic backups a project keeps unless
// SetBackupsKept says otherwise.
const DefaultBackupsKept = 10

// BackupInterval is how old the newest automatic backup may get before
// opening the project makes another.
const BackupInterval = 24 * time.Hour

// BackupsKept is how many automatic backups of this project are kept.
func (p *Project) BackupsKept(ctx context.Context) (int, error) {
	var v string
	err := p.conn(ctx).QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'backups.kept'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultBackupsKept, nil
	} else if err != nil {
		return DefaultBackupsKept, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return DefaultBackupsKept, nil
	}
	return n, nil
}

// SetBackupsKept sets how many automatic backups of this project are kept
// (at least 1). Not undoable, like the coder's name.
func (p *Project) SetBackupsKept(ctx context.Context, n int) error {
	if n < 1 {
		return fmt.Errorf("backups to keep: %w (at least 1)", ErrInvalid)
	}
	if err := p.writable(); err != nil {
		return err
	}
	_, err := p.conn(ctx).ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ('backups.kept', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", strconv.Itoa(n))
	return err
}

// backupStamp dates automatic backups in their names, sortable as text.
const backupStamp = "2006-01-02 150405"

// AutoBackup keeps rotating backups of the project in dir: when the newest
// is older than BackupInterval (or there is none) it adds a snapshot named
// after the project and the time, then deletes the oldest beyond
// BackupsKept. It returns the backup made, or "" when none was due. A
// damaged project is not backed up, so that its damage never pushes the
// good backups out: one found damaged by the full check made before each
// backup is refused with DamageFound.
func (p *Project) AutoBackup(ctx context.Context, dir string, now time.Time) (string, error) {
	if ro, ok := p.readOnly.(*ReadOnlyError); ok && ro.Damaged() {
		return "", nil
	}
	// A backup dated after now (made while the clock was ahead) does not
	// count: it stopped every backup until its date came.
	for _, b := range AutoBackups(dir, p.path) {
		if !b.Time.After(now) && now.Sub(b.Time) < BackupInterval {
			return "", nil
		}
	}
	// Once a day, before the backup, SQLite's full check: it finds the
	// damage opening's quick check does not look for (an index that lacks
	// a row), which would otherwise be copied into the backups.
	found, err := pragmaCheck(ctx, p.db, "integrity_check", 10)
	if err != nil && !isCorrupt(err) {
		return "", err
	}
	if err != nil || len(found) > 0 {
		what := ""
		if len(found) > 0 {
			what = found[0]
		} else {
			what = sqliteFinding(err)
		}
		p.damageFound.Store(&ReadOnlyError{Reason: ReasonDamaged, Detail: []string{what}})
		return "", &DamageFound{Finding: what}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	made := filepath.Join(dir, backupStem(p.path)+now.UTC().Format(backupStamp)+".verbatim")
	if err := p.Backup(ctx, made); err != nil {
		return "", err
	}
	keep, _ := p.BackupsKept(ctx)
	all := AutoBackups(dir, p.path)
	for len(all) > keep {
		os.Remove(all[0].Path)
		all = all[1:]
	}
	return made, nil
}

// BackupFile is one automatic backup.
type BackupFile struct {
	Path string
	Time time.Time // when it was made (UTC)
}

// AutoBackups lists the automatic backups of the project at path kept in
// dir, oldest first.
func AutoBackups(dir, path string) []BackupFile {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	stem := backupStem(path)
	var out []BackupFile
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, stem)
		if !ok {
			continue
		}
		rest, ok = strings.CutSuffix(rest, ".verbatim")
		if !ok {
			continue
		}
		t, err := time.Parse(backupStamp, rest)
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, name), Time: t})
	}
	slices.SortFunc(out, func(a, b BackupFile) int { return a.Time.Compare(b.Time) })
	return out
}

// backupStem begins the names of the project's automatic backups: its own
// name, cut so that the backup's name (stem, date, .verbatim) fits with
// room for SQLite's NAME-journal beside it, whatever name the project has:
// VACUUM INTO writes the backup in rollback mode, and SQLite looks for its
// journal whenever it reads it, so a backup named up to 251 bytes (what
// nameFits allows) would not open.
func backupStem(path string) string {
	room := MaxName - len("-journal") - len(" "+backupStamp+".verbatim")
	return CutName(strings.TrimSuffix(filepath.Base(path), ".verbatim"), room) + " "
}

// keepMode gives the copy at dst the mode of the project at src: a copy of
// a project only its owner may read (0600) was readable by everyone (0644),
// as VACUUM INTO makes it. Interviews are personal data.
func keepMode(src, dst string) {
	if st, err := os.Stat(src); err == nil {
		os.Chmod(dst, st.Mode().Perm())
	}
}

// walMode switches the file at path to WAL mode.
func walMode(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", fileURL(path)+"?mode=rw")
	if err != nil {
		return err
	}
	var mode string
	err = db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && mode != "wal" {
		err = fmt.Errorf("journal mode %q, not wal", mode)
	}
	return err
}

// DamageFound: SQLite's full check, made before the day's automatic backup,
// found damage in a project that opened as sound. No backup was made, and
// the project is read-only from then on (ReadOnly says it is damaged);
// errors.Is ErrDamaged.
type DamageFound struct {
	Finding string // the first thing the check found, in SQLite's words
}

func (d *DamageFound) Error() string {
	return "SQLite's full check, made before the day's automatic backup, finds the project file damaged (" + d.Finding + "), so no backup was made and no change is saved into it; 'verbatim check FILE' lists the damage, and 'verbatim repair FILE -o NEW.verbatim' saves what can be read into a new project"
}

func (d *DamageFound) Is(target error) bool { return target == ErrDamaged }
