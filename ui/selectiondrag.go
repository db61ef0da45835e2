package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/model"
)

// Dragging the selection onto a code: the transcript tells where the
// pointer is while its selection is dragged and where it is let go. Fyne
// has no drag and drop between widgets (a drag's events all go to the
// widget it started on), so the window looks for the code row under the
// pointer itself. While the drag goes on, the row under the pointer shows
// the list's hover and the status line says what letting go will do.

// onSelectionDragged says what dropping the selection here would do.
func (w *MainWindow) onSelectionDragged(at fyne.Position) {
	if c, ok := w.codeRowAt(at); ok {
		w.status.SetText(lang.L(`Let go to code the selection with "{{.Code}}".`, args{"Code": c.Name}))
		return
	}
	w.status.SetText(lang.L("Drop the selection on a code in the codebook to apply it."))
}

// onSelectionDropped applies the code the selection was dropped on.
func (w *MainWindow) onSelectionDropped(at fyne.Position) {
	c, ok := w.codeRowAt(at)
	if !ok {
		w.status.SetText(lang.L("Not dropped on a code: nothing was coded."))
		return
	}
	w.onCodeChosen(c)
}

// codeRowAt returns the code whose row in the codebook is under the
// absolute position at.
func (w *MainWindow) codeRowAt(at fyne.Position) (model.Code, bool) {
	p := w.codebook
	if !p.list.Visible() || !onObject(at, p.list) {
		return model.Code{}, false
	}
	for _, r := range p.rowViews {
		if r.Visible() && r.row.create == "" && r.row.code.ID != 0 && onObject(at, r) {
			return r.row.code, true
		}
	}
	return model.Code{}, false
}

// onObject tells whether the absolute position at lies on o.
func onObject(at fyne.Position, o fyne.CanvasObject) bool {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	size := o.Size()
	return at.X >= pos.X && at.Y >= pos.Y && at.X < pos.X+size.Width && at.Y < pos.Y+size.Height
}
