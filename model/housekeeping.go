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
	"sync"
	"time"
)

// Housekeeping is what Verbatim does around every project it opens, from
// the command line and from the window alike, in the user's data folder:
// the day's automatic backup when a project is opened for writing, and the
// revision of its last saved change, to notice saved changes that went
// missing since.

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

// BackupsFor is the folder of backups to turn to for the project at path:
// its BackupDir, or, when path is an automatic backup itself, the folder it
// is in, with the project's other backups (a backup has none of its own).
func BackupsFor(dataDir, path string) string {
	abs, err := filepath.Abs(path)
	if err == nil {
		rel, err := filepath.Rel(filepath.Join(dataDir, "backups"), filepath.Dir(abs))
		if err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !strings.ContainsRune(rel, filepath.Separator) {
			return filepath.Dir(abs)
		}
	}
	return BackupDir(dataDir, path)
}

// RevisionFile is where the revision of a project's last saved change is
// kept (KeepRevision), in the data folder.
func RevisionFile(dataDir, path string) string {
	return filepath.Join(dataDir, "revisions", filepath.Base(BackupDir(dataDir, path)))
}

// MissingChanges says that a project holds fewer changes than were saved in
// it: the file beside it ending in -wal, which held the last ones,
// was lost, or an older copy replaced it.
type MissingChanges struct {
	Path string // the project file
	Now  int64  // its revision now
	Was  int64  // its revision at its last saved change
}

// Error is the note in plain words, for the command line.
func (m *MissingChanges) Error() string {
	name := filepath.Base(m.Path)
	return fmt.Sprintf("%s holds fewer changes than were saved in it (%d of %d): the file beside it ending in -wal, which held the last ones, was lost, or an older copy replaced it (expected after restoring a backup); 'verbatim backup %s' lists the automatic backups",
		name, m.Now, m.Was, name)
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

// KeepRevision looks after the project's revision on opening. It compares
// the project's revision counter with the one its last saved change noted,
// and returns what is missing (nil when nothing is, nothing was noted, or
// either cannot be read). From then on, a project opened for writing notes
// its revision in its RevisionFile after every change it commits, so that a
// later open finds changes gone missing even when this process never closes
// it: a crash leaves the last changes in the -wal file beside it, and losing
// that file loses them. Missing changes are said once: the note then holds
// what the project holds, a reader's too. An empty dataDir keeps nothing.
// The note is a courtesy: failing to write it fails nothing.
func KeepRevision(ctx context.Context, dataDir string, p *Project) *MissingChanges {
	if dataDir == "" {
		return nil
	}
	f := RevisionFile(dataDir, p.Path())
	now, err := p.Revision(ctx)
	if err != nil {
		return nil
	}
	var missing *MissingChanges
	if data, err := os.ReadFile(f); err == nil {
		// The revision, and the identity of the project that noted it: a
		// new project made in the place of a deleted one has its own.
		fields := strings.Fields(string(data))
		if len(fields) > 0 && (len(fields) == 1 || fields[1] == p.UUID()) {
			was, err := strconv.ParseInt(fields[0], 10, 64)
			if err == nil && now < was {
				missing = &MissingChanges{Path: p.Path(), Now: now, Was: was}
			}
		}
	}
	if p.ReadOnly() != nil && missing == nil || os.MkdirAll(filepath.Dir(f), 0o755) != nil {
		return missing
	}
	note, err := os.OpenFile(f, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return missing
	}
	if p.ReadOnly() != nil {
		writeRevision(note, now, p.UUID()) // said once; a reader notes nothing more
		note.Close()
		return missing
	}
	n := &p.revisions
	n.Lock()
	if n.file != nil {
		n.file.Close()
	}
	n.file, n.last = note, -1
	n.Unlock()
	p.noteRevision(now)
	return missing
}

// revisionNote is the file a project notes its revision in (KeepRevision),
// and the last revision it wrote there.
type revisionNote struct {
	sync.Mutex
	file *os.File
	last int64
}

// noteRevision writes rev, just committed, to the revision file, unless a
// later one is there already (actions commit from several goroutines).
func (p *Project) noteRevision(rev int64) {
	n := &p.revisions
	n.Lock()
	defer n.Unlock()
	if n.file == nil || rev <= n.last {
		return
	}
	n.last = rev
	writeRevision(n.file, rev, p.UUID())
}

// closeRevisionNote closes the revision file, once the project is closed.
func (p *Project) closeRevisionNote() {
	n := &p.revisions
	n.Lock()
	defer n.Unlock()
	if n.file != nil {
		n.file.Close()
		n.file = nil
	}
}

// writeRevision writes rev and the project's identity over what the file
// holds, always in as many bytes, in one write: a process killed at any
// moment leaves the old note or the new one, never a torn one (rewriting
// the file would empty it first). What an older note held beyond is cut.
func writeRevision(f *os.File, rev int64, uuid string) {
	line := fmt.Sprintf("%-20d %s\n", rev, uuid)
	if _, err := f.WriteAt([]byte(line), 0); err == nil {
		if st, err := f.Stat(); err == nil && st.Size() > int64(len(line)) {
			f.Truncate(int64(len(line)))
		}
	}
}
