package index

import "path/filepath"

// Dir is the folder, inside the user cache folder cacheDir, where the
// search indexes of all projects live (one sub-folder each).
func Dir(cacheDir string) string { return filepath.Join(cacheDir, "index") }
