package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// The window's memos: every memo is edited where it is docked, the memo
// panel beside the transcript or, for a participant, the participants
// panel, and saved as it is typed.

// memoHint is the placeholder of a memo editor.
func memoHint(kind model.MemoKind) string {
	switch kind {
	case model.DocumentMemo:
		return lang.L("What this interview is about, who said what that matters, the key quotes…")
	case model.ProjectMemo:
		return lang.L("The study: its question, its participants, decisions made while coding…")
	case model.CodeMemo:
		return lang.L("What this code means, when to use it and when not…")
	case model.CodingMemo:
		return lang.L("Why this passage, what it shows…")
	case model.CaseMemo:
		return lang.L("Who this is, how the interview went, what to remember about them…")
	}
	return ""
}

// wireMemos makes the memo panel follow what is chosen elsewhere: a code
// clicked with no text selected, or chosen in the coded segments panel,
// shows its memo; coded text clicked in the transcript shows the memo of
// the coding drawn there. It wraps the handlers the panels were built with.
func (w *MainWindow) wireMemos() {
	choose := w.codebook.onChoose
	w.codebook.onChoose = func(c model.Code) {
		start, end := w.transcript.Selection()
		choose(c)
		if w.doc.ID == 0 || start == end {
			w.memos.choose(model.CodeMemo, c.ID, false)
		}
	}
	load := w.segments.onLoad
	w.segments.onLoad = func() {
		load()
		if s := w.segments; !s.showingHere() && s.codeID != 0 {
			w.memos.choose(model.CodeMemo, s.codeID, false)
		}
	}
	tapped := w.transcript.OnHighlightTapped
	w.transcript.OnHighlightTapped = func(ids []int64, at int) {
		tapped(ids, at)
		if id := w.drawnCoding(ids); id != 0 {
			w.memos.choose(model.CodingMemo, id, false)
		}
	}
}

// drawnCoding is the coding of ids that the transcript draws as the text's
// colour: the shortest, as the transcript fills overlaps.
func (w *MainWindow) drawnCoding(ids []int64) int64 {
	var best int64
	shortest := -1
	for _, h := range w.highlights {
		for _, id := range ids {
			if h.ID == id && (shortest < 0 || h.End-h.Start < shortest) {
				best, shortest = id, h.End-h.Start
			}
		}
	}
	return best
}

// onEditSummary shows the memo panel with the summary of the document
// shown, ready to type in, or hides the panel when it shows that already.
func (w *MainWindow) onEditSummary() {
	if w.memos.visible() && w.memos.box.Selected() == w.memos.memosTab {
		w.setMemosShown(false)
		return
	}
	w.memos.reveal()
	w.updateMemosItem()
	if w.doc.ID == 0 {
		w.status.SetText(lang.L("Choose a document to write its summary."))
		return
	}
	w.win.Canvas().Focus(w.memos.summary.entry)
}

// onToggleMemos shows or hides the memo panel (View > Memo panel).
func (w *MainWindow) onToggleMemos() { w.setMemosShown(!w.memos.visible()) }

func (w *MainWindow) setMemosShown(show bool) {
	w.memos.setShown(show)
	w.updateMemosItem()
}

// onMemoOverview shows the overview of every memo (View > Memo overview).
func (w *MainWindow) onMemoOverview() {
	w.memos.reveal()
	w.memos.box.Select(w.memos.overviewTab)
	w.updateMemosItem()
}

// newMemosItem is View > Memo panel, ticked while the panel is shown.
func (w *MainWindow) newMemosItem() *fyne.MenuItem {
	w.memos.item = fyne.NewMenuItem(lang.L("Memo panel"), w.onToggleMemos)
	w.memos.item.Checked = w.memos.visible()
	return w.memos.item
}

func (w *MainWindow) updateMemosItem() {
	if it := w.memos.item; it != nil && it.Checked != w.memos.visible() {
		it.Checked = w.memos.visible()
		if main := w.win.MainMenu(); main != nil {
			main.Refresh()
		}
	}
}

// onEditProjectMemo opens the memo on the whole project.
func (w *MainWindow) onEditProjectMemo() {
	w.editMemo(model.ProjectMemo, 0, lang.L("Project memo"))
}

// editMemo opens a memo where it is edited, ready to type in: a document's
// summary shows that document; a participant's memo is in the participants
// panel; the others go under the summary in the memo panel. The title the
// callers give is not used: the panels name memos themselves.
func (w *MainWindow) editMemo(kind model.MemoKind, id int64, _ string) {
	switch kind {
	case model.DocumentMemo:
		if err := w.selectDocument(id); err != nil {
			w.showError(err)
			return
		}
		w.memos.reveal()
		w.updateMemosItem()
		w.win.Canvas().Focus(w.memos.summary.entry)
	case model.CaseMemo:
		w.participants.open(id, true)
	default:
		w.memos.choose(kind, id, true)
		w.updateMemosItem()
	}
}

// onMemoSaved shows what a memo's save changed: the undo menu, a coding's
// row, the overview, the search index. A window closing shows nothing
// more (the app may have stopped); its index catches up when next opened.
func (w *MainWindow) onMemoSaved(kind model.MemoKind, _ int64) {
	if w.memos.closing {
		return
	}
	if kind == model.DocumentMemo {
		w.status.SetText(lang.L("Summary saved as you type. Edit > Undo takes back this edit as a whole."))
	} else {
		w.status.SetText(lang.L("Memo saved as you type. Edit > Undo takes back this edit as a whole."))
	}
	w.updateUndoMenu()
	if kind == model.CodingMemo {
		w.loadSegments()
	}
	if w.memos.visible() && w.memos.box.Selected() == w.memos.overviewTab {
		w.readOverview()
	}
	if ix := w.index.ix; ix != nil {
		go func() {
			if err := ix.Update(background()); err != nil && !errors.Is(err, index.ErrClosed) {
				onUI(func() {
					w.status.SetText(lang.L("The search index could not be updated: {{.Err}}", args{"Err": errorText(err)}))
				})
			}
		}()
	}
}

// flushMemos saves every memo typed and not saved yet: before an undo or
// a redo, which must find it stored, and when the window closes.
func (w *MainWindow) flushMemos() {
	w.memos.flush()
	w.participants.memo.flush()
}

// refreshMemos shows the memos and participants as stored after a change,
// an undo or a redo.
func (w *MainWindow) refreshMemos() {
	w.memos.reread()
	if w.memos.visible() && w.memos.box.Selected() == w.memos.overviewTab {
		w.readOverview()
	}
	w.participants.reload()
}

// closeMemos saves what was typed and remembers whether the panel was
// shown, as the window closes.
func (w *MainWindow) closeMemos() {
	w.memos.closing = true
	w.flushMemos()
	fyne.CurrentApp().Preferences().SetBool(prefMemosShown, w.memos.shown)
}
