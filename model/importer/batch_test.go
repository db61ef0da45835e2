package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

func TestImportPaths(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := model.Create(ctx, filepath.Join(dir, "p.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	in := filepath.Join(dir, "in")
	files := map[string]string{
		"a.txt":           "Interviewer: Hoe begon het?\nAna: Met koffie.\nInterviewer: En toen?\nAna: Toen bellen.\n",
		"sub/b.md":        "# Notities\n\nGeen sprekers hier.\n",
		"sub/copy.txt":    "Interviewer: Hoe begon het?\nAna: Met koffie.\nInterviewer: En toen?\nAna: Toen bellen.\n",
		"sub/broken.docx": "PK\x03\x04 no zip at all",
		".hidden/c.txt":   "verborgen\n",
		"plaatje.png":     "\x89PNG",
		"once.txt":        "Bo: Hallo.\n",
	}
	for name, text := range files {
		path := filepath.Join(in, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var calls int
	results, err := ImportPaths(ctx, p, []string{in, filepath.Join(dir, "missing.txt")}, Options{}, func(done, total int, file string) {
		calls++
		if total != 5 {
			t.Errorf("progress total %d, want 5 files", total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Status{
		"missing.txt": Skipped, "a.txt": Imported, "once.txt": Imported, "b.md": Imported, "broken.docx": Skipped, "copy.txt": Duplicate,
	}
	if len(results) != len(want) {
		t.Fatalf("results: %+v", results)
	}
	for _, r := range results {
		if want[filepath.Base(r.File)] != r.Status {
			t.Errorf("%s: %s (%s), want %s", r.File, r.Status, r.Reason, want[filepath.Base(r.File)])
		}
		if r.Status == Skipped && r.Reason == "" {
			t.Errorf("%s skipped without a reason", r.File)
		}
	}
	if calls != 6 {
		t.Errorf("progress called %d times, want 6", calls)
	}
	docs, _ := p.Documents(ctx)
	if len(docs) != 3 {
		t.Errorf("documents: %+v", docs)
	}
	// A speaker the project knows counts in a later import even when it
	// speaks once.
	os.WriteFile(filepath.Join(dir, "later.txt"), []byte("Ana: Nog één ding.\n\nDaarna niets meer.\n"), 0o644)
	results, _ = ImportPaths(ctx, p, []string{filepath.Join(dir, "later.txt")}, Options{}, nil)
	if len(results) != 1 || results[0].Document.Speakers != 1 {
		t.Errorf("later import with a known speaker: %+v", results)
	}
}
