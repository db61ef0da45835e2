package index

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
)

// Dir is the folder, inside the user cache folder cacheDir, where the
// search indexes of all projects live (one sub-folder each).
func Dir(cacheDir string) string { return filepath.Join(cacheDir, "index") }

// ProjectDir is the folder, inside the user cache folder cacheDir, to open
// the index of the project file at path in: one per project file, named by a
// fingerprint of its full path, so that copies of a project (the same UUID
// in another place) each keep their own index instead of rebuilding it on
// every switch, and two copies can be open at once.
func ProjectDir(cacheDir, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(Dir(cacheDir), "by-file", hex.EncodeToString(sum[:8]))
}
