package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/report"
)

// Acting on one coding, from its row in the coded segments panel: mark it
// as a key quote, write its memo, move it to another code, remove it.

// onHighlightTapped lists the codings under a click in the transcript in
// the coded segments panel. The click stays the transcript's: a second
// one on the same word selects it, to code it again.
func (w *MainWindow) onHighlightTapped(ids []int64, _ int) {
	w.segments.showHere(w.doc.ID, ids)
	w.loadSegments()
}

// onSegmentKey marks a quote as a key quote, or unmarks it.
func (w *MainWindow) onSegmentKey(q report.Quote) {
	w.setKeyQuote(q.CodingID, !q.Key)
}

// setKeyQuote marks or unmarks a coding as a key quote. When that fails the
// panel is read again, so that its row shows what is stored.
func (w *MainWindow) setKeyQuote(id int64, on bool) {
	if err := w.project.SetKeyQuote(background(), []int64{id}, on); err != nil {
		w.showError(err)
		w.loadSegments()
		return
	}
	if on {
		w.status.SetText(lang.L("Marked as a key quote. Ctrl+Z undoes it."))
	} else {
		w.status.SetText(lang.L("No longer a key quote. Ctrl+Z undoes it."))
	}
	w.refresh()
}

// onSegmentMenu shows what can be done with a coding, next to its row.
func (w *MainWindow) onSegmentMenu(q report.Quote, at fyne.CanvasObject) {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("Memo…"), func() {
			w.editMemo(model.CodingMemo, q.CodingID, lang.L("Memo on this coding of {{.Code}}", args{"Code": q.Code}))
		}),
		fyne.NewMenuItem(lang.L("Recode…"), func() { w.onRecode(q) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Remove coding"), func() { w.removeCoding(q.CodingID, q.Code) }),
	)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at).AddXY(0, at.Size().Height)
	widget.ShowPopUpMenuAtPosition(menu, w.win.Canvas(), pos)
}

// onRecode asks which code a coding moves to.
func (w *MainWindow) onRecode(q report.Quote) {
	skip := func(c model.Code) bool { return c.ID == q.CodeID }
	w.pickCode(lang.L(`Recode this passage, now "{{.Code}}"`, args{"Code": q.Code}), lang.L("To"), lang.L("Recode"), false, skip, func(id int64) {
		w.recodeCoding(q, id)
	})
}

// recodeCoding moves a coding to another code as one undoable step.
func (w *MainWindow) recodeCoding(q report.Quote, to int64) {
	if err := w.project.RecodeCoding(background(), q.CodingID, to); err != nil {
		w.showError(err)
		return
	}
	name := ""
	if c, ok := w.codebook.code(to); ok {
		name = c.Name
	}
	w.status.SetText(lang.L(`Recoded the passage from "{{.From}}" to "{{.To}}". Ctrl+Z undoes it.`, args{"From": q.Code, "To": name}))
	w.refresh()
}

// removeCoding uncodes one coding of the code called code.
func (w *MainWindow) removeCoding(id int64, code string) {
	if err := w.project.RemoveCoding(background(), id); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText(lang.L(`Removed the coding "{{.Code}}". Ctrl+Z brings it back.`, args{"Code": code}))
	w.refresh()
}
