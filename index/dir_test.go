package index

import (
	"context"
	"path/filepath"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

// TestCopiesKeepTheirOwnIndex: two copies of a project (the same UUID) are
// open at once, each with its own index, and switching between them
// rebuilds neither.
func TestCopiesKeepTheirOwnIndex(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	copyPath := filepath.Join(t.TempDir(), "copy.verbatim")
	if err := f.p.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	c, err := model.Open(ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.UUID() != f.p.UUID() {
		t.Fatal("the copy has another UUID")
	}
	if a, b := ProjectDir(f.cache, f.p.Path()), ProjectDir(f.cache, copyPath); a == b {
		t.Fatalf("both copies' indexes in %s", a)
	}
	builds := 0
	progress := func(done, total int) {
		if done == 0 {
			builds++
		}
	}
	open := func(p *model.Project) *Index {
		t.Helper()
		ix, err := Open(ctx, p, ProjectDir(f.cache, p.Path()), progress)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	a, b := open(f.p), open(c)
	if n := hitCount(t, a, "leren"); n != 5 {
		t.Errorf("the original: %d hits, want 5", n)
	}
	if n := hitCount(t, b, "leren"); n != 5 {
		t.Errorf("the copy: %d hits, want 5", n)
	}
	a.Close()
	b.Close()
	if builds != 2 {
		t.Errorf("%d builds for two copies, want 2", builds)
	}
	for i := 0; i < 2; i++ {
		open(f.p).Close()
		open(c).Close()
	}
	if builds != 2 {
		t.Errorf("switching between the copies rebuilt their indexes: %d builds, want 2", builds)
	}
}
