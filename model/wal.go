package model

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// ErrNotMerged: on closing, SQLite's write-ahead log could not be merged into
// the project file, so the project is two files until it is next opened.
var ErrNotMerged = errors.New("every change is saved, but the last ones are still in the file beside it (its name ends in -wal) because they could not be merged into the project file (is the disk full?); keep the two files together: Verbatim merges them the next time the project is opened")

// checkpointTries is how often Close tries to merge the write-ahead log.
const checkpointTries = 3

// checkpoint merges the write-ahead log into the project file and empties
// it, trying again a moment later when that fails. A reader beside the
// writer can keep part of it busy; that is by design and no failure (the log
// is merged once the reader is done).
func (p *Project) checkpoint() error {
	ctx := context.Background()
	var err error
	for try := 0; try < checkpointTries; try++ {
		if try > 0 {
			time.Sleep(time.Duration(try) * 100 * time.Millisecond)
		}
		var busy, logFrames, merged int
		if err = p.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &merged); err == nil {
			return nil
		}
	}
	return fmt.Errorf("%s: %w (%w)", filepath.Base(p.path), ErrNotMerged, diskError(err))
}
