package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/index"
)

// A cache folder that cannot be written (here a file where the folder
// should be): the window searches all the same, with the index in memory,
// and says so; a project over the limit says search is not available.
func TestSearchWithoutAWritableCache(t *testing.T) {
	for _, tt := range []struct {
		name  string
		limit int
	}{{"small", index.InMemoryLimit}, {"over the limit", 10}} {
		t.Run(tt.name, func(t *testing.T) {
			was := inMemoryLimit
			inMemoryLimit = tt.limit
			t.Cleanup(func() { inMemoryLimit = was })
			test.NewTempApp(t)
			cache := filepath.Join(t.TempDir(), "cache")
			if err := os.WriteFile(cache, []byte("not a folder"), 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{CacheDir: cache})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(w.win.Close)
			select {
			case <-w.index.ready:
			case <-time.After(60 * time.Second):
				t.Fatal("the search index did not open")
			}
			if tt.limit == 10 {
				if w.index.ix != nil || !strings.Contains(w.status.Text, "Search is not available") || !strings.Contains(w.status.Text, "not kept in memory") {
					t.Errorf("over the limit: index %v, status %q", w.index.ix != nil, w.status.Text)
				}
				return
			}
			if w.index.ix == nil || !strings.Contains(w.status.Text, "the search index is kept in memory") {
				t.Fatalf("index %v, status %q", w.index.ix != nil, w.status.Text)
			}
			runOnTestGoroutine(t)
			w.win.Resize(fyne.NewSize(1400, 800))
			search(t, w, "motivatie")
			if len(w.search.table.rows) == 0 {
				t.Errorf("no hits for motivatie with the index in memory")
			}
		})
	}
}
