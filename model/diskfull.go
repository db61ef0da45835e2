package model

import (
	"errors"
	"fmt"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrDiskFull: the disk the project (or a copy) is on has no room left.
var ErrDiskFull = errors.New("the disk is full: Verbatim could not save; free some space and try again")

// diskError turns SQLite's and the system's ways of saying the disk is full
// into ErrDiskFull, keeping the original for errors.As.
func diskError(err error) error {
	if err == nil || errors.Is(err, ErrDiskFull) {
		return err
	}
	var se *sqlite.Error
	if (errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL) || isNoRoomForShm(err) || isDiskFull(err) {
		return fmt.Errorf("%w (%w)", ErrDiskFull, err)
	}
	return err
}
