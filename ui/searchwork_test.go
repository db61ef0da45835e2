package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// holdWork holds the next search or Code all hits as its goroutine
// starts, and shows its progress at once: started hands over its
// context, and the work goes on when release is closed. Later works are
// not held.
func holdWork(t *testing.T) (started chan context.Context, release chan struct{}) {
	t.Helper()
	started, release = make(chan context.Context, 1), make(chan struct{})
	var held atomic.Bool
	was, delay := workStarted, workProgressDelay
	workStarted = func(ctx context.Context) {
		if held.CompareAndSwap(false, true) {
			started <- ctx
			<-release
		}
	}
	workProgressDelay = 0
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
		workStarted, workProgressDelay = was, delay
	})
	return started, release
}

// heldWork waits for the held work to start.
func heldWork(t *testing.T, started chan context.Context) context.Context {
	t.Helper()
	select {
	case ctx := <-started:
		return ctx
	case <-time.After(30 * time.Second):
		t.Fatal("no search or Code all hits started")
	}
	return nil
}

// TestCancelASearch types a search and taps Cancel at the status line
// while it runs: its context is cancelled, no results show, the status
// says so; the next search shows its results.
func TestCancelASearch(t *testing.T) {
	w, _ := newSearchWindow(t)
	started, release := holdWork(t)
	typeSearch(w, "leert")
	ctx := heldWork(t, started)
	if !w.work.box.Visible() || w.work.what.Text != "Looking for the hits…" {
		t.Fatalf("while the search runs, the status line shows no progress (%v, %q)", w.work.box.Visible(), w.work.what.Text)
	}
	test.Tap(w.work.stop)
	if ctx.Err() == nil {
		t.Fatal("Cancel did not cancel the search's context")
	}
	close(release)
	waitForCounts(t, w)
	if w.search.open || w.work.box.Visible() {
		t.Errorf("after Cancel: results shown %v, progress shown %v", w.search.open, w.work.box.Visible())
	}
	if got, want := w.status.Text, "The search was cancelled."; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	search(t, w, "leert")
	if !w.search.open || w.search.total != 2 {
		t.Errorf("the next search shows %v, %d passages; want its 2", w.search.open, w.search.total)
	}
}

// TestANewSearchCancelsTheOldOne types a second search while the first
// runs: the first's context is cancelled and its results never show.
func TestANewSearchCancelsTheOldOne(t *testing.T) {
	w, _ := newSearchWindow(t)
	started, release := holdWork(t)
	typeSearch(w, "leert")
	first, ctx := w.search.counting, heldWork(t, started)
	typeSearch(w, "motivatie")
	if ctx.Err() == nil {
		t.Fatal("the second search did not cancel the first")
	}
	waitForCounts(t, w)
	close(release)
	waitOnMain(t, first, "the first search")
	if w.search.query != "motivatie" || w.search.total != 1 || w.search.entry.Text != "motivatie" {
		t.Errorf("the window shows %q (%d passages), the bar %q; want the second search", w.search.query, w.search.total, w.search.entry.Text)
	}
}

// TestCancelCodeAllHitsChangesNothing taps Code all hits and, while it
// runs, Cancel: nothing is coded, no undo step is added; done again
// without Cancel, it codes every hit as one step.
func TestCancelCodeAllHitsChangesNothing(t *testing.T) {
	w, p := newSearchWindow(t)
	ctx := context.Background()
	search(t, w, "leert")
	before, _, _ := p.UndoStep(ctx)
	started, release := holdWork(t)
	test.Tap(w.search.codeAll)
	tapButton(t, w.win.Canvas().Overlays().Top(), lang.L("Code all"))
	work := heldWork(t, started)
	if !w.work.box.Visible() || w.work.what.Text != "Coding every hit…" {
		t.Fatalf("while coding, the status line shows no progress (%v, %q)", w.work.box.Visible(), w.work.what.Text)
	}
	test.Tap(w.work.stop)
	if work.Err() == nil {
		t.Fatal("Cancel did not cancel Code all hits")
	}
	close(release)
	waitForCounts(t, w)
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("a cancelled Code all hits made %d codings", len(codings))
	}
	if after, _, _ := p.UndoStep(ctx); after.ID != before.ID {
		t.Errorf("a cancelled Code all hits added the undo step %q", after.Label)
	}
	if got, want := w.status.Text, "Code all hits was cancelled; nothing was coded."; got != want {
		t.Errorf("status %q, want %q", got, want)
	}

	test.Tap(w.search.codeAll)
	tapButton(t, w.win.Canvas().Overlays().Top(), lang.L("Code all"))
	waitForCounts(t, w)
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 2 {
		t.Fatalf("Code all hits made %d codings, want 2", len(codings))
	}
	w.onUndo()
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("one undo left %d codings", len(codings))
	}
}

// TestClosingTheWindowCancelsTheSearch closes the window while a search
// runs: its context is cancelled.
func TestClosingTheWindowCancelsTheSearch(t *testing.T) {
	test.NewTempApp(t)
	w, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	waitForIndex(t, w)
	runOnTestGoroutine(t)
	started, _ := holdWork(t)
	typeSearch(w, "leert")
	ctx := heldWork(t, started)
	w.win.Close()
	if ctx.Err() == nil {
		t.Error("closing the window did not cancel its search")
	}
}
