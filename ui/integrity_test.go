package ui

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/index"
)

// TestWindowIndexIsTheProjectFilesOwn opens the window and finds its index
// in the project file's own folder, the one the command line uses too.
func TestWindowIndexIsTheProjectFilesOwn(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	cache := t.TempDir()
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	waitForIndex(t, w)
	if _, err := os.Stat(index.ProjectDir(cache, p.Path())); err != nil {
		t.Errorf("no index in the project file's folder: %v", err)
	}
}
