package index

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/model"
)

func hitCount(t *testing.T, ix *Index, q string) int {
	t.Helper()
	res, err := ix.Search(context.Background(), q, SearchOptions{})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res.Total
}

// TestIncrementalUpdate checks that a coding, a rename, a deletion and a
// memo touch only the documents involved, and that the results follow.
func TestIncrementalUpdate(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	ctx := context.Background()
	ana, bo := f.docs["interview-ana.txt"], f.docs["interview-bo.txt"]
	step := func(name string, change func(), want []int64) {
		t.Helper()
		change()
		if err := ix.Update(ctx); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ix.updated, want) {
			t.Errorf("%s: re-indexed documents %v, want %v", name, ix.updated, want)
		}
	}
	step("coding in ana", func() { f.apply(t, "interview-ana.txt", "De zorg voor de patiënten") }, []int64{ana})
	if n := hitCount(t, ix, `patiënten code:"Deel wat je leert"`); n != 1 {
		t.Errorf("after coding: %d hits, want 1", n)
	}
	step("rename the code (used in ana and bo)", func() {
		name := "Delen"
		if err := f.p.EditCode(ctx, f.code.ID, model.CodeEdit{Name: &name}); err != nil {
			t.Fatal(err)
		}
	}, []int64{ana, bo})
	if n := hitCount(t, ix, "code:delen"); n != 2 {
		t.Errorf("after rename: %d hits for code:delen, want 2", n)
	}
	step("rename a document", func() {
		if err := f.p.RenameDocument(ctx, bo, "bo.txt"); err != nil {
			t.Fatal(err)
		}
	}, []int64{bo})
	if n := hitCount(t, ix, "doc:bo"); n != 3 {
		t.Errorf("after document rename: %d hits for doc:bo, want 3", n)
	}
	step("summary memo", func() {
		if err := f.p.SetMemo(ctx, model.DocumentMemo, ana, "Ana vertelt over de zeilvereniging."); err != nil {
			t.Fatal(err)
		}
	}, []int64{ana})
	res, err := ix.Search(ctx, "zeilvereniging in:memos", SearchOptions{})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].MemoKind != model.DocumentMemo || res.Hits[0].DocID != ana {
		t.Errorf("memo search: %+v, %v", res.Hits, err)
	}
	if n := hitCount(t, ix, "zeilvereniging"); n != 0 {
		t.Errorf("a memo was found among the transcripts")
	}
	step("code memo", func() {
		if err := f.p.SetMemo(ctx, model.CodeMemo, f.code.ID, "Kennis delen met schaapherders."); err != nil {
			t.Fatal(err)
		}
	}, []int64{ana, bo}) // the code's codings are in both
	if n := hitCount(t, ix, "schaapherder in:memos"); n != 1 {
		t.Errorf("code memo: %d hits, want 1", n)
	}
	step("delete a document", func() {
		if err := f.p.DeleteDocument(ctx, bo); err != nil {
			t.Fatal(err)
		}
	}, []int64{bo})
	if n := hitCount(t, ix, "organiseer"); n != 1 {
		t.Errorf("after delete: %d hits for organiseer, want 1 (only in ana)", n)
	}
	step("undo the delete", func() {
		if _, err := f.p.Undo(ctx); err != nil {
			t.Fatal(err)
		}
	}, []int64{bo})
	if n := hitCount(t, ix, "organiseer"); n != 3 {
		t.Errorf("after undo: %d hits, want 3", n)
	}
	step("nothing", func() {}, nil)
}

// TestStaleAfterClose checks that changes made while the index was closed
// are found when it is opened again, and that a language change rebuilds.
func TestStaleAfterClose(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ix := f.open(t)
	ix.Close()
	f.apply(t, "notities.txt", "zorg voor elkaar")
	ix = f.open(t)
	if !slices.Equal(ix.updated, []int64{f.docs["notities.txt"]}) {
		t.Errorf("catch-up re-indexed %v, want only notities", ix.updated)
	}
	if n := hitCount(t, ix, "elkaar code:deel*"); n != 1 {
		t.Errorf("after catch-up: %d hits, want 1", n)
	}
	ix.Close()
	if err := f.p.SetLanguage(ctx, "en"); err != nil {
		t.Fatal(err)
	}
	ix = f.open(t)
	if ix.state.Lang != "en" {
		t.Errorf("index language %q after a language change, want en", ix.state.Lang)
	}
	// English analysis: "leren" is no longer a form of "leerde".
	if n := hitCount(t, ix, "leren"); n != 1 {
		t.Errorf("English index: %d hits for leren, want 1", n)
	}
}

func TestRebuildWhenDamaged(t *testing.T) {
	f := newFixture(t)
	ix := f.open(t)
	dir := ix.Path()
	ix.Close()
	// Damage every file of the index.
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.WriteFile(path, []byte("not an index"), 0o600)
		}
		return nil
	})
	ix = f.open(t)
	if n := hitCount(t, ix, "leren"); n != 5 {
		t.Errorf("rebuilt index: %d hits, want 5", n)
	}
	ix.Close()
	// An index whose build was interrupted is rebuilt too.
	os.RemoveAll(dir)
	os.MkdirAll(dir, 0o700)
	ix = f.open(t)
	if n := hitCount(t, ix, "leren"); n != 5 {
		t.Errorf("index built in an empty folder: %d hits, want 5", n)
	}
}

func TestOtherMappingRemoved(t *testing.T) {
	f := newFixture(t)
	old := filepath.Join(f.cache, f.p.UUID()+"-m0")
	os.MkdirAll(old, 0o700)
	ix := f.open(t)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("index of an old mapping left behind")
	}
	if filepath.Base(ix.Path()) != f.p.UUID()+"-m"+strconv.Itoa(mappingVersion) {
		t.Errorf("index in %s", ix.Path())
	}
}

func TestProgress(t *testing.T) {
	f := newFixture(t)
	var calls [][2]int
	ix, err := Open(context.Background(), f.p, f.cache, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(calls) != 4 || calls[3] != [2]int{3, 3} {
		t.Errorf("progress calls %v", calls)
	}
}

func TestCancelledBuildIsRebuilt(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Open(ctx, f.p, f.cache, func(done, total int) {
		if done == 1 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: %v", err)
	}
	ix := f.open(t)
	if n := hitCount(t, ix, "leren"); n != 5 {
		t.Errorf("after a cancelled build: %d hits, want 5", n)
	}
}

// TestSecondProcess opens the index of a copy of the project (same UUID) in
// another process while this one holds it: that one must fail quickly with
// ErrInUse.
func TestSecondProcess(t *testing.T) {
	if path := os.Getenv("VERBATIM_INDEX_CHILD"); path != "" {
		ctx := context.Background()
		p, err := model.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		_, err = Open(ctx, p, os.Getenv("VERBATIM_INDEX_CACHE"), nil)
		if errors.Is(err, ErrInUse) {
			os.Stdout.WriteString("IN USE: " + err.Error() + "\n")
			return
		}
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
	f := newFixture(t)
	// Closing writes the whole project into its file, ready to copy.
	path := f.p.Path()
	f.p.Close()
	cp := filepath.Join(t.TempDir(), "copy.verbatim")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if f.p, err = model.Open(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	defer f.p.Close()
	ix := f.open(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestSecondProcess$", "-test.v")
	cmd.Env = append(os.Environ(), "VERBATIM_INDEX_CHILD="+cp, "VERBATIM_INDEX_CACHE="+f.cache)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "IN USE: the search index is in use") {
		t.Fatalf("second process: %v\n%s", err, out)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second process took %v to give up", d)
	}
	// The first process still works.
	if n := hitCount(t, ix, "leren"); n != 5 {
		t.Errorf("first process after the second tried: %d hits", n)
	}
}

// TestClosedIndexStaysClosed: a background update that comes after the
// window closed its index finds it closed, and does not reopen it.
func TestClosedIndexStaysClosed(t *testing.T) {
	ctx := context.Background()
	ix := newFixture(t).open(t)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	for name, fn := range map[string]func() error{
		"Update":  func() error { return ix.Update(ctx) },
		"Rebuild": func() error { return ix.Rebuild(ctx) },
	} {
		if err := fn(); !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close: got %v, want ErrClosed", name, err)
		}
	}
	if _, err := ix.Search(ctx, "leren", SearchOptions{}); err == nil {
		t.Error("Search after Close succeeded")
	}
	if err := ix.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
}
