package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// onEditSummary edits the summary of the document shown: its memo.
func (w *MainWindow) onEditSummary() {
	if w.doc.ID == 0 {
		w.status.SetText("Choose a document first.")
		return
	}
	memo, err := w.project.Memo(background(), model.DocumentMemo, w.doc.ID)
	if err != nil {
		w.showError(err)
		return
	}
	entry := widget.NewMultiLineEntry()
	entry.Wrapping = fyne.TextWrapWord
	entry.SetPlaceHolder("What this interview is about, who said what that matters, the key quotes…")
	entry.SetText(memo)
	entry.SetMinRowsVisible(12)
	id, name := w.doc.ID, w.doc.Name
	d := dialog.NewCustomConfirm("Summary of "+name, "Save", "Cancel", entry, func(save bool) {
		if save {
			w.saveSummary(id, entry.Text)
		}
	}, w.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	w.win.Canvas().Focus(entry)
}

// saveSummary stores a document's summary as one undoable step.
func (w *MainWindow) saveSummary(docID int64, text string) {
	if err := w.project.SetMemo(background(), model.DocumentMemo, docID, text); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText("Summary saved. Ctrl+Z undoes it.")
	w.refresh()
}
