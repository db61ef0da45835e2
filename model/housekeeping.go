package model

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Housekeeping is what Verbatim does around every project it opens, from
// the command line and from the window alike, in the user's data folder:
// the day's automatic backup when a project is opened for writing, and the
// revision it had when it was last closed, to notice saved changes that
// went missing since.

// BackupDir is where the automatic backups of the project at path are kept:
// a folder per project file in the data folder, named after the file and a
// fingerprint of its full path, so that copies of a project (same identity,
// other place) keep their own backups.
func BackupDir(dataDir, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	sum := sha256.Sum256([]byte(abs))
	stem := CutName(strings.TrimSuffix(filepath.Base(abs), ".verbatim"), 100)
	return filepath.Join(dataDir, "backups", stem+" "+hex.EncodeToString(sum[:4]))
}

// RevisionFile is where the revision a project had when it was last closed
// for writing is kept, in the data folder.
func RevisionFile(dataDir, path string) string {
	return filepath.Join(dataDir, "revisions", filepath.Base(BackupDir(dataDir, path)))
}

// MissingChanges says that a project holds fewer changes than when it was
// last closed: the file beside it ending in -wal, which held the last ones,
// was lost, or an older copy replaced it.
type MissingChanges struct {
	Path string // the project file
	Now  int64  // its revision now
	Was  int64  // its revision when it was last closed
}

// Error is the note in plain words, for the command line.
func (m *MissingChanges) Error() string {
	name := filepath.Base(m.Path)
	return fmt.Sprintf("%s holds fewer changes than when it was last closed (%d of %d): the file beside it ending in -wal, which held the last ones, was lost, or an older copy replaced it (expected after restoring a backup); 'verbatim backup %s' lists the automatic backups",
		name, m.Now, m.Was, name)
}

// FindMissingChanges compares the project's revision counter with the one
// it had when it was last closed (RememberRevision); nil when nothing is
// missing, nothing was remembered, or either cannot be read.
func FindMissingChanges(ctx context.Context, dataDir string, p *Project) *MissingChanges {
	if dataDir == "" {
		return nil
	}
	data, err := os.ReadFile(RevisionFile(dataDir, p.Path()))
	if err != nil {
		return nil
	}
	was, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	now, rerr := p.Revision(ctx)
	if err != nil || rerr != nil || now >= was {
		return nil
	}
	return &MissingChanges{Path: p.Path(), Now: now, Was: was}
}

// DailyBackup makes the day's automatic backup of a project opened for
// writing into its BackupDir (see AutoBackup); a read-only project, or an
// empty dataDir, gets none. It returns the backup made, "" when none.
func (p *Project) DailyBackup(ctx context.Context, dataDir string, now time.Time) (string, error) {
	if dataDir == "" || p.ReadOnly() != nil {
		return "", nil
	}
	return p.AutoBackup(ctx, BackupDir(dataDir, p.Path()), now)
}

// RememberRevision keeps, after Close, the revision the project had when it
// was closed for writing, for FindMissingChanges on the next open. A
// project closed read-only, or not closed, has none and is left alone.
func RememberRevision(dataDir string, p *Project) error {
	rev := p.ClosedRevision()
	if rev <= 0 || dataDir == "" {
		return nil
	}
	f := RevisionFile(dataDir, p.Path())
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		return err
	}
	return os.WriteFile(f, []byte(strconv.FormatInt(rev, 10)+"\n"), 0o644)
}
