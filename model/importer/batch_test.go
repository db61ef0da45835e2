package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
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
		"data.json":       `{"a": 1}`,
		"project.qdpx":    "PK\x03\x04",
		"README":          "lees mij",
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
		if total != 6 {
			t.Errorf("progress total %d, want 6 files", total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Status{
		"missing.txt": Skipped, "a.txt": Imported, "once.txt": Imported, "b.md": Imported, "broken.docx": Skipped, "copy.txt": Duplicate,
		".hidden": Skipped, "plaatje.png": Skipped, "data.json": Skipped, "project.qdpx": Skipped, "README": Skipped,
	}
	reasons := map[string]string{
		".hidden": "a hidden folder", "plaatje.png": "an image, not a transcript", "data.json": "JSON data, not a transcript",
		"project.qdpx": "REFI-QDA project (.qdpx)", "README": "no extension",
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
		if want := reasons[filepath.Base(r.File)]; !strings.Contains(r.Reason, want) {
			t.Errorf("%s: reason %q, want it to say %q", r.File, r.Reason, want)
		}
		// Passed over in the folder, not failed: all but the missing file,
		// the damaged Word file and the REFI-QDA project, which is read to
		// be refused.
		wantPassed := reasons[filepath.Base(r.File)] != "" && filepath.Base(r.File) != "project.qdpx"
		if r.Passed != wantPassed {
			t.Errorf("%s: passed over = %v, want %v", r.File, r.Passed, wantPassed)
		}
	}
	if calls != 7 {
		t.Errorf("progress called %d times, want 7", calls)
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

func TestImportPathsInterrupted(t *testing.T) {
	dir := t.TempDir()
	p, err := model.Create(context.Background(), filepath.Join(dir, "p.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var paths []string
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte("Tekst van "+name+"\n"), 0o644)
		paths = append(paths, path)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	results, err := ImportPaths(ctx, p, paths, Options{}, func(done, total int, file string) {
		if done == 1 {
			cancel() // as SIGINT does while the second file is read
		}
	})
	if err == nil {
		t.Fatal("no error after the context was cancelled")
	}
	if len(results) != 3 || results[0].Status != Imported {
		t.Fatalf("results %+v: want all three files, the first imported", results)
	}
	for _, r := range results[1:] {
		if r.Status != Skipped || !r.Stopped || r.Reason != ReasonInterrupted {
			t.Errorf("%s: %s (%s), want skipped as interrupted", r.File, r.Status, r.Reason)
		}
	}
}
