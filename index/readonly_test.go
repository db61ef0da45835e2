package index

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// storeFiles reads every file of an index's folder.
func storeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out[path], _ = os.ReadFile(path)
		}
		return nil
	})
	return out
}

func TestOpenForSearchWritesNothing(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ix := f.open(t)
	want, err := ix.Search(ctx, "leren", SearchOptions{})
	if err != nil || want.Total == 0 {
		t.Fatalf("search: %v, %d hits", err, want.Total)
	}
	path := ix.Path()
	ix.Close()
	before := storeFiles(t, path)

	ro, err := OpenForSearch(ctx, f.p, f.cache, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ro.Search(ctx, "leren", SearchOptions{})
	if err != nil || got.Total != want.Total || len(got.Documents) != len(want.Documents) {
		t.Errorf("read-only search: %d hits in %d documents, %v; want %d in %d", got.Total, len(got.Documents), err, want.Total, len(want.Documents))
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	after := storeFiles(t, path)
	if len(after) != len(before) {
		t.Errorf("the index folder had %d files, has %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", filepath.Base(name))
		}
	}

	// After a change to the project, the index is caught up as Open does.
	f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
	ro, err = OpenForSearch(ctx, f.p, f.cache, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	res, err := ro.Search(ctx, `code:"Deel wat je leert" patiënten`, SearchOptions{})
	if err != nil || res.Total != 1 {
		t.Errorf("after a coding: %d hits, %v; want the newly coded passage", res.Total, err)
	}
}

func TestOpenForSearchBuildsAMissingIndex(t *testing.T) {
	f := newFixture(t)
	ix, err := OpenForSearch(context.Background(), f.p, f.cache, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if res, err := ix.Search(context.Background(), "leren", SearchOptions{}); err != nil || res.Total == 0 {
		t.Errorf("search: %d hits, %v", res.Total, err)
	}
}
