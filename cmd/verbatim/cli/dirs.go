package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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
	stem := strings.TrimSuffix(filepath.Base(abs), ".verbatim")
	if len(stem) > 100 {
		stem = stem[:100]
	}
	return filepath.Join(dataDir, "backups", stem+" "+hex.EncodeToString(sum[:4]))
}
