package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// bigProject makes a project of 150 interviews, which take the search
// index a while to build.
func bigProject(t *testing.T) *model.Project {
	t.Helper()
	ctx := context.Background()
	p, err := model.Create(ctx, filepath.Join(t.TempDir(), "big.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	line := strings.Repeat("Ik deel wat ik leer met de collega’s van het wijkteam en de corporatie. ", 40)
	for i := 0; i < 150; i++ {
		text := fmt.Sprintf("Interviewer: Vraag %d?\nAna: %s\n", i, line)
		n := len([]rune(text))
		first := strings.Index(text, "\n")
		nd := model.NewDocument{Name: fmt.Sprintf("doc %03d.txt", i), Format: "txt", Text: text,
			Turns: []model.NewTurn{{Start: 0, End: first, Speaker: "Interviewer"}, {Start: first + 1, End: n - 1, Speaker: "Ana"}}}
		if _, err := p.ImportDocument(ctx, nd); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// TestCancelTheIndexBuild taps Cancel beside the build's progress: the
// build stops, the window says that search is off and why, and searching
// says so too.
func TestCancelTheIndexBuild(t *testing.T) {
	test.NewTempApp(t)
	queue, was := make(chan func(), 64), onIndexUI
	onIndexUI = func(fn func()) { queue <- fn }
	t.Cleanup(func() { onIndexUI = was })
	p := bigProject(t)
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	timeout := time.After(60 * time.Second)
	for !w.building.box.Visible() {
		select {
		case fn := <-queue:
			fn()
		case <-w.index.ready:
			t.Fatal("the index was ready before its progress showed")
		case <-timeout:
			t.Fatal("the build's progress never showed")
		}
	}
	if !strings.Contains(w.status.Text, "Building the search index") {
		t.Errorf("status during the build: %q", w.status.Text)
	}
	test.Tap(w.building.cancel)
	for done := false; !done; {
		select {
		case fn := <-queue:
			fn()
		case <-w.index.ready:
			done = true
		case <-timeout:
			t.Fatal("the build did not stop")
		}
	}
	if w.building.box.Visible() {
		t.Error("the progress still shows after the build stopped")
	}
	if w.index.ix != nil || !strings.Contains(w.status.Text, "cancelled") {
		t.Errorf("after Cancel: index %v, status %q", w.index.ix, w.status.Text)
	}
	w.onSearch("leer")
	if !strings.Contains(w.status.Text, "cancelled") {
		t.Errorf("searching after Cancel says %q", w.status.Text)
	}
}

// TestClosingDuringIndexBuildLeavesNoLock closes the window while its
// search index is still being built: the build stops, the index is closed,
// and the next opening of the index finds it free (not in use elsewhere).
func TestClosingDuringIndexBuildLeavesNoLock(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	p := bigProject(t)
	cache := t.TempDir()
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	w.win.Close() // at once: the build has just begun
	start := time.Now()
	ix, err := index.Open(ctx, p, index.ProjectDir(cache, p.Path()), nil)
	if err != nil {
		t.Fatalf("opening the index after the window closed: %v", err)
	}
	defer ix.Close()
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("opening took %v", took)
	}
}
