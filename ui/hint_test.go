package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestFirstStartHintShowsOnce(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	open := func(demo string) *MainWindow {
		t.Helper()
		w, err := NewMainWindow(fyne.CurrentApp(), p, Options{Demo: demo})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	hint := func(w *MainWindow) bool {
		return strings.Contains(labelTexts(w.win.Content()), "Code a passage:")
	}

	w := open("/elders/Demo.verbatim")
	if hint(w) {
		t.Error("the hint shows on a project that is not the demo")
	}
	w.win.Close()

	w = open(p.Path())
	if !hint(w) {
		t.Fatal("the demo's first opening shows no hint")
	}
	// The window works while the hint shows: it is no dialog.
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the hint covers the window:\n%s", labelTexts(top))
	}
	tapTranscript(t, w)
	tapButton(t, w.win.Content(), "Got it")
	if hint(w) {
		t.Error("Got it left the hint open")
	}
	if labelTexts(w.win.Content()) == "" || w.win.Content().Size().Height < 700 {
		t.Errorf("after the hint the window's content is %v", w.win.Content().Size())
	}
	w.win.Close()

	w = open(p.Path())
	t.Cleanup(w.win.Close)
	if hint(w) {
		t.Error("the hint shows again on the second opening")
	}
}
