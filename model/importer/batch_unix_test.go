//go:build unix

package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/model"
)

// TestImportPathsSkipsPipe checks that a named pipe, in a folder or given
// alone, is skipped and never opened: opening it would wait for a writer.
func TestImportPathsSkipsPipe(t *testing.T) {
	dir := t.TempDir()
	p, err := model.Create(context.Background(), filepath.Join(dir, "p.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte("Ana: hoi\nBen: dag\n"), 0o644)
	pipe := filepath.Join(in, "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here: ", err)
	}
	done := make(chan []Result, 1)
	go func() {
		results, _ := ImportPaths(context.Background(), p, []string{in, pipe}, Options{}, nil)
		done <- results
	}()
	select {
	case results := <-done:
		if len(results) != 3 {
			t.Fatalf("results %+v, want a.txt and the pipe twice", results)
		}
		for _, r := range results[1:] {
			if r.Status != Skipped || !strings.Contains(r.Reason, "a named pipe") {
				t.Errorf("%s: %s (%s), want skipped as a named pipe", r.File, r.Status, r.Reason)
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the import waits on the named pipe")
	}
}
