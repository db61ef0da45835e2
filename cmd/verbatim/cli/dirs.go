package cli

import (
	"os"
	"path/filepath"
	"runtime"
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
