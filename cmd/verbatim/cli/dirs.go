package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// DataDir is where Verbatim keeps the demo project and the list of recent
// projects: $VERBATIM_DATA_DIR if set, else the platform's user data folder
// ($XDG_DATA_HOME/verbatim or ~/.local/share/verbatim on Linux).
func DataDir() string {
	if d := os.Getenv("VERBATIM_DATA_DIR"); d != "" {
		return d
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		if d, err := os.UserConfigDir(); err == nil {
			return filepath.Join(d, "Verbatim")
		}
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "verbatim")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "verbatim")
	}
	return filepath.Join(os.TempDir(), "verbatim")
}

// CacheDir is where Verbatim keeps derived data it can rebuild (the search
// index, the PDF reader's compiled module): the user cache folder.
func CacheDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "verbatim")
	}
	return filepath.Join(os.TempDir(), "verbatim-cache")
}

// writableDir makes dir if needed and checks that a file can be written in
// it, so that a full or read-only cache folder is said at once, plainly.
func writableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return cannotWrite(dir, err)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err == nil {
		_, err = f.Write(make([]byte, 4096))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		os.Remove(f.Name())
	}
	if err != nil {
		return cannotWrite(dir, err)
	}
	return nil
}

func cannotWrite(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("the disk of %s is full; free some space and try again", dir)
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return fmt.Errorf("%s cannot be written to (read-only or no permission)", dir)
	}
	return fmt.Errorf("%s cannot be written to: %w", dir, err)
}
