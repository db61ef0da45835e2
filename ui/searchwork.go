package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// searchWork is the search or Code all hits running off the UI goroutine,
// one at a time: a new one cancels the one before. While it runs, a bar
// and a Cancel button show at the right of the status line (after a
// moment, so that a quick search does not flash them).
type searchWork struct {
	cancel context.CancelFunc // of the work running; nil when none runs
	n      int                // the works started; an older one's result is not shown
	closed bool               // the window is closed: nothing is shown any more
	box    *fyne.Container
	bar    *widget.ProgressBarInfinite
	what   *widget.Label
	stop   *widget.Button
}

// workProgressDelay is how long a search or Code all hits runs before
// its progress shows (a variable for tests).
var workProgressDelay = 300 * time.Millisecond

// workStarted is called on the work's goroutine as it starts, with its
// context (a hook for tests, which hold the work there).
var workStarted = func(context.Context) {}

// newWorkProgress is the progress at the status line; Cancel calls
// w.cancelWork.
func (w *MainWindow) newWorkProgress() {
	s := &w.work
	s.bar = widget.NewProgressBarInfinite()
	s.bar.Stop()
	s.what = widget.NewLabel("")
	s.stop = widget.NewButton(lang.L("Cancel"), w.cancelWork)
	s.box = container.NewHBox(s.what, container.NewGridWrap(fyne.NewSize(120, s.bar.MinSize().Height), s.bar), s.stop)
	s.box.Hide()
}

// startWork cancels the work running, if any, and starts the next: its
// context, cancelled by Cancel, by the next work and by closing the
// window, and finish, which hands the work's end to the UI goroutine,
// telling it whether it is still the latest work (a superseded one's
// result is not shown).
func (w *MainWindow) startWork(what string) (context.Context, func(func(current bool))) {
	if w.work.cancel != nil {
		w.work.cancel()
	}
	w.work.n++
	n := w.work.n
	ctx, cancel := context.WithCancel(context.Background())
	w.work.cancel = cancel
	show := func() {
		if w.work.n == n && !w.work.closed && ctx.Err() == nil {
			w.work.what.SetText(what)
			w.work.stop.Enable()
			w.work.bar.Start()
			w.work.box.Show()
		}
	}
	var timer *time.Timer
	do := onUI // read here: the work's goroutine hands its end over with it
	if workProgressDelay <= 0 {
		show()
	} else {
		timer = time.AfterFunc(workProgressDelay, func() { do(show) })
	}
	finish := func(fn func(current bool)) {
		if timer != nil {
			timer.Stop()
		}
		do(func() {
			cancel()
			current := w.work.n == n && !w.work.closed
			if current {
				w.work.cancel = nil
				w.work.bar.Stop()
				w.work.box.Hide()
			}
			fn(current)
		})
	}
	return ctx, finish
}

// cancelWork cancels the search or Code all hits running; its goroutine
// then ends and says so.
func (w *MainWindow) cancelWork() {
	if w.work.cancel == nil {
		return
	}
	w.work.cancel()
	w.work.stop.Disable()
}

// closeWork cancels the work running as the window closes: the search or
// Code all hits, a page of results loading, the hits being framed.
func (w *MainWindow) closeWork() {
	w.work.closed = true
	for _, stop := range []context.CancelFunc{w.work.cancel, w.search.stopLoading, w.search.stopMarking} {
		if stop != nil {
			stop()
		}
	}
}
