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
		top := w.win.Canvas().Overlays().Top()
		return top != nil && strings.Contains(labelTexts(top), "Code a passage:")
	}

	w := open("/elders/Demo.verbatim")
	if hint(w) {
		t.Error("the hint shows on a project that is not the demo")
	}
	w.win.Close()

	w = open(p.Path())
	if !hint(w) {
		t.Fatalf("the demo's first opening shows no hint; on top:\n%v", w.win.Canvas().Overlays().Top())
	}
	tapButton(t, w.win.Canvas().Overlays().Top(), "Start")
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Start left the hint open")
	}
	w.win.Close()

	w = open(p.Path())
	t.Cleanup(w.win.Close)
	if hint(w) {
		t.Error("the hint shows again on the second opening")
	}
}
