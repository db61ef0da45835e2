package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// indexProgress shows the search index being built, at the right of the
// status line: how far the build is, and a Cancel button that stops it.
// It is hidden while no build runs.
type indexProgress struct {
	box    *fyne.Container
	bar    *widget.ProgressBar
	cancel *widget.Button
}

func newIndexProgress(onCancel func()) *indexProgress {
	p := &indexProgress{bar: widget.NewProgressBar()}
	p.cancel = widget.NewButton(lang.L("Cancel"), onCancel)
	p.box = container.NewHBox(container.NewGridWrap(fyne.NewSize(160, p.bar.MinSize().Height), p.bar), p.cancel)
	p.box.Hide()
	return p
}

// showIndexProgress says how far the build is: done of total documents.
func (w *MainWindow) showIndexProgress(done, total int) {
	if w.index.closed || w.index.ix != nil {
		return
	}
	w.status.SetText(plural("Building the search index: {{.Done}} of {{.Count}} documents", total, args{"Done": done}))
	if total > 0 {
		w.building.bar.SetValue(float64(done) / float64(total))
	}
	w.building.box.Show()
}

func (w *MainWindow) hideIndexProgress() { w.building.box.Hide() }

// onCancelIndex stops the build; the window goes on without search.
func (w *MainWindow) onCancelIndex() {
	if w.index.cancel != nil {
		w.index.cancel()
	}
	w.building.cancel.Disable()
	w.status.SetText(lang.L("Stopping the search index…"))
}
