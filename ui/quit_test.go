package ui

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// stopApp stops the app as Fyne's driver does on INT or TERM: it runs the
// app's stopped hook (the one Run sets) and closes no window.
func stopApp(t *testing.T) {
	t.Helper()
	a := fyne.CurrentApp()
	closesWindowsOnStop(a)
	t.Cleanup(func() {
		a.Lifecycle().SetOnStopped(nil)
		uiGate.stopped = false
	})
	if _, ok := a.Lifecycle().(interface{ OnStopped() func() }); !ok {
		t.Fatal("the test app's lifecycle does not give its stopped hook")
	}
	runStoppedHook(a)
}

// termSelf sends the test's own process TERM once the app has taken the
// signals as Run does (takeSignals), and runs what it hands the window
// until nw has closed.
func termSelf(t *testing.T, nw *MainWindow) {
	t.Helper()
	takeSignals()
	t.Cleanup(func() { signal.Reset(os.Interrupt, syscall.SIGTERM) })
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := self.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	timeout := time.After(30 * time.Second)
	for !nw.integrity.closed {
		select {
		case fn := <-uiQueue:
			fn()
		case <-timeout:
			t.Fatal("30 s after TERM the window is still open")
		}
	}
}

// TestTermLosesNothing: a window resized, a split moved and a summary
// typed a moment before the app gets TERM (before its autosave). The app
// quits as File > Quit does; or, should the driver stop it without closing
// its windows, it closes them after. The project is closed as one file
// with its revision remembered, the summary is in it, the window's index
// is released, and the window opened again on the project comes back at
// the size and split it was left at, with the summary.
func TestTermLosesNothing(t *testing.T) {
	t.Run("the signal", func(t *testing.T) { termLosesNothing(t, termSelf) })
	t.Run("the stopped hook", func(t *testing.T) {
		termLosesNothing(t, func(t *testing.T, _ *MainWindow) { stopApp(t) })
	})
}

func termLosesNothing(t *testing.T, stop func(*testing.T, *MainWindow)) {
	w, data := newHousekeptWindow(t)
	path := filepath.Join(t.TempDir(), "Signaal.verbatim")
	var doc model.Document
	nw := openInWindow(t, w, path, func(ctx context.Context) (*model.Project, error) {
		p, err := model.Create(ctx, path, "nl")
		if err != nil {
			return nil, err
		}
		doc = longInterview(t, p, "Ana.txt")
		return p, nil
	})
	if nw.doc.ID != doc.ID {
		t.Fatalf("the new window shows document %d, want %d", nw.doc.ID, doc.ID)
	}
	nw.win.Resize(fyne.NewSize(1320, 820))
	splits := windowSplits(nw)
	if len(splits) == 0 {
		t.Fatal("no HSplit in the window")
	}
	splits[0].SetOffset(0.22)
	const typed = "Getypt vlak voor het afsluiten."
	clickInto(nw.memos.summary.entry)
	test.Type(nw.win.Canvas().Focused(), typed)
	if got := memoOf(t, nw.project, model.DocumentMemo, doc.ID); got != "" {
		t.Fatalf("the summary was saved before the app stopped (%q): the test proves nothing", got)
	}

	stop(t, nw)

	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("the project was not closed when the app stopped: its -wal is still there")
	}
	if _, err := os.Stat(model.RevisionFile(data, path)); err != nil {
		t.Errorf("its revision was not remembered: %v", err)
	}
	if nw.index.ix != nil || nw.index.opened != nil {
		t.Error("the window's search index was not closed")
	}
	p, err := model.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("the project does not open again: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	if got := memoOf(t, p, model.DocumentMemo, doc.ID); got != typed {
		t.Errorf("after TERM the summary stored is %q, want %q", got, typed)
	}
	again, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(again.win.Close)
	if got := again.win.Canvas().Size(); got != fyne.NewSize(1320, 820) {
		t.Errorf("opened again, the window is %v, want the size it was left at, 1320x820", got)
	}
	if s := windowSplits(again); len(s) == 0 || s[0].Offset != 0.22 {
		t.Errorf("opened again, the split is not where it was left (0.22)")
	}
	if got := again.memos.summary.entry.Text; got != typed {
		t.Errorf("opened again, the window shows the summary %q", got)
	}
}

// TestNothingRunsOnceTheAppStopped: what background work hands the window
// runs while the app runs, and is dropped once it has stopped.
func TestNothingRunsOnceTheAppStopped(t *testing.T) {
	test.NewTempApp(t)
	ran := 0
	whileRunning(func() { ran++ })
	if ran != 1 {
		t.Fatalf("while the app runs, the work handed over ran %d times", ran)
	}
	uiGate.stopped = true
	t.Cleanup(func() { uiGate.stopped = false })
	whileRunning(func() { ran++ })
	if ran != 1 {
		t.Error("once the app stopped, the work handed over ran all the same")
	}
}
