//go:build unix

package model

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive, non-blocking advisory lock on f. The kernel
// drops it when the process ends, however it ends, so a crash never leaves a
// project locked.
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrLocked
	}
	return err
}

// cannotWrite says whether opening a file for writing failed because it
// cannot be written (permissions, read-only media), not because it is absent.
func cannotWrite(err error) bool {
	return errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EROFS)
}

// dirWritable says whether files can be created in dir (SQLite's journal).
// A variable, so tests running as root (which ignores permissions) can
// stand in for a folder without write permission.
var dirWritable = func(dir string) bool {
	const wOK = 2
	return syscall.Access(dir, wOK) == nil
}

func isNameTooLong(err error) bool { return errors.Is(err, syscall.ENAMETOOLONG) }

func isDiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }
