//go:build windows

package model

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// lockFile takes an exclusive, non-blocking lock on one byte of f far past
// its end, where SQLite never reads or locks (Windows locks are mandatory, so
// locking real content would block SQLite itself). Windows drops it when the
// process ends.
func lockFile(f *os.File) error {
	ol := &windows.Overlapped{OffsetHigh: 0x40000000}
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return ErrLocked
	}
	return err
}

// cannotWrite says whether opening a file for writing failed because it
// cannot be written (read-only attribute, permissions, write-protected media).
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, windows.ERROR_WRITE_PROTECT)
}

// dirWritable says whether files can be created in dir, by creating one.
var dirWritable = func(dir string) bool {
	f, err := os.CreateTemp(dir, ".verbatim-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(filepath.Join(dir, filepath.Base(f.Name())))
	return true
}

func isNameTooLong(err error) bool {
	return errors.Is(err, windows.ERROR_FILENAME_EXCED_RANGE)
}

func isDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}
