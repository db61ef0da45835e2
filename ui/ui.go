// Package ui is Verbatim's desktop window: the documents, the transcript and
// the codebook of one project. It holds no business logic: every change goes
// through model. Only package main creates the Fyne app; ui receives it.
package ui

import (
	"context"
	"image/color"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"

	"fyne.io/fyne/v2"

	"codeberg.org/verbatim/verbatim/assets"
	"codeberg.org/verbatim/verbatim/model"
)

// Run shows the main window on an open project and runs the app until the
// window closes; closing the window closes the project (its caller may
// close it again, to be told the same). INT and TERM quit as File > Quit
// does (takeSignals). An app stopped without closing its windows all the
// same closes them as File > Quit does, short of drawing, before Run
// returns.
func Run(a fyne.App, p *model.Project, opts Options) error {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w, err := NewMainWindow(a, p, opts)
	if err != nil {
		return err
	}
	w.closesProject()
	onUI, onIndexUI = whileRunning, whileRunning
	closesWindowsOnStop(a)
	a.Lifecycle().SetOnStarted(takeSignals)
	w.win.ShowAndRun()
	// Fyne's driver can drop its stopped hook: it queues the hook for the
	// loop that has just ended, whose last drain may discard it (under
	// Xvfb, on TERM: never in 6 on an idle machine, 3 times in 4 with both
	// cores busy). Then it runs here: the windows closed, and Fyne's own
	// part, which writes the preferences out.
	uiGate.Lock()
	stopped := uiGate.stopped
	uiGate.Unlock()
	if !stopped {
		runStoppedHook(a)
	}
	return nil
}

// takeSignals makes INT and TERM (a logout, a shutdown, Ctrl-C in the
// terminal that started the app) quit as File > Quit does, on the UI
// goroutine while the loop runs: every window closes, saving the memos
// typed, remembering its place and closing its project, and the app ends.
// Fyne's driver, which takes them as its loop starts, quits the loop at
// once: then the windows were closed by the stopped hook after the loop,
// which the driver can drop, or queue where its end never runs it (and
// Run never returns). It runs as the loop starts (the started hook), once
// the driver has taken the signals, which it loses here.
func takeSignals() {
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	got := make(chan os.Signal, 1)
	signal.Notify(got, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-got
		onUI(quitApp)
	}()
}

// runStoppedHook runs the app's stopped hook as the driver does: the
// app's (appStopped), then Fyne's, which writes the preferences out.
func runStoppedHook(a fyne.App) {
	l, ok := a.Lifecycle().(interface{ OnStopped() func() })
	if !ok || l.OnStopped() == nil {
		appStopped()
		return
	}
	l.OnStopped()()
}

// closesWindowsOnStop makes the app's stopping close the windows still
// open (appStopped): the driver's Quit closes none.
func closesWindowsOnStop(a fyne.App) { a.Lifecycle().SetOnStopped(appStopped) }

// uiGate keeps what background work hands the window (whileRunning) from
// running alongside appStopped: once the driver's loop has stopped, its
// fyne.Do runs a function at once on the calling goroutine.
var uiGate struct {
	sync.Mutex
	stopped bool
}

// appStopped closes the windows left open (closeWindowsLeft) once; after
// it, nothing handed to the window runs.
func appStopped() {
	uiGate.Lock()
	defer uiGate.Unlock()
	uiGate.stopped = true
	closeWindowsLeft()
}

// whileRunning is onUI in the app: fyne.Do, until the app stops. Then
// what is handed to the window is dropped: appStopped closes the windows.
// A function handed over while another runs outside the loop (only after
// it stopped: the loop runs one at a time) is dropped too.
func whileRunning(fn func()) {
	fyne.Do(func() {
		if !uiGate.TryLock() {
			return
		}
		defer uiGate.Unlock()
		if !uiGate.stopped {
			fn()
		}
	})
}

// parseColor reads a codebook colour "#RRGGBB"; anything else is grey.
func parseColor(s string) color.NRGBA {
	if len(s) == 7 && s[0] == '#' {
		if v, err := strconv.ParseUint(s[1:], 16, 32); err == nil {
			return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
		}
	}
	return color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}
}

// translucent is a codebook colour as a highlight under text.
func translucent(c color.NRGBA) color.NRGBA {
	c.A = 0x59
	return c
}

var background = context.Background

// onUI runs fn where widgets may be touched: fyne.Do in the app. Work done
// in the background hands its results to the window through it. Fyne's test
// driver runs fyne.Do at once on the calling goroutine, so tests replace
// onUI with a queue they run on the test's goroutine, as the app's event
// loop would.
var onUI = fyne.Do

// projectFileChosen is the path of a project file to make (a new project,
// a copy, a repair) at the name a save dialog returned: the empty file the
// dialog made there is removed, since Verbatim makes the file itself, and
// .verbatim is added when the name does not end with it
// (model.WithExtension, as the command line does).
func projectFileChosen(path string) string {
	removeEmpty(path)
	return model.WithExtension(path)
}

// removeEmpty removes path if it is an empty file.
func removeEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		os.Remove(path)
	}
}
