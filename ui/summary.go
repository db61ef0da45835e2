package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// memoHints are the placeholders of the memo editors.
var memoHints = map[model.MemoKind]string{
	model.DocumentMemo: "What this interview is about, who said what that matters, the key quotes…",
	model.ProjectMemo:  "The study: its question, its participants, decisions made while coding…",
	model.CodeMemo:     "What this code means, when to use it and when not…",
	model.CodingMemo:   "Why this passage, what it shows…",
}

// onEditSummary edits the summary of the document shown: its memo.
func (w *MainWindow) onEditSummary() {
	if w.doc.ID == 0 {
		w.status.SetText("Choose a document first.")
		return
	}
	w.editMemo(model.DocumentMemo, w.doc.ID, "Summary of "+w.doc.Name)
}

// onEditProjectMemo edits the memo on the whole project.
func (w *MainWindow) onEditProjectMemo() {
	w.editMemo(model.ProjectMemo, 0, "Project memo")
}

// editMemo shows a memo in an editor; Save stores it as one undoable step.
func (w *MainWindow) editMemo(kind model.MemoKind, id int64, title string) {
	memo, err := w.project.Memo(background(), kind, id)
	if err != nil {
		w.showError(err)
		return
	}
	entry := widget.NewMultiLineEntry()
	entry.Wrapping = fyne.TextWrapWord
	entry.SetPlaceHolder(memoHints[kind])
	entry.SetText(memo)
	entry.SetMinRowsVisible(12)
	d := dialog.NewCustomConfirm(title, "Save", "Cancel", entry, func(save bool) {
		if save {
			w.saveMemo(kind, id, entry.Text)
		}
	}, w.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
	w.win.Canvas().Focus(entry)
}

// saveMemo stores a memo as one undoable step.
func (w *MainWindow) saveMemo(kind model.MemoKind, id int64, text string) {
	if err := w.project.SetMemo(background(), kind, id, text); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText("Memo saved. Ctrl+Z undoes it.")
	w.refresh()
}
