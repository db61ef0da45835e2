package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// thematicEditor is the editor of one thematic summary: what the document
// shown says about one code. The coded passages sit above the entry,
// because a summary is written from them.
type thematicEditor struct {
	w             *MainWindow
	docID, codeID int64
	saved         string // the summary as stored when the editor opened

	passages []*widget.Label // the quotes, in document order
	entry    *widget.Entry
	save     *widget.Button
	cancel   *widget.Button
	dialog   *dialog.CustomDialog
}

// onThematicSummary opens the thematic summary of the document shown for a
// code. It returns the editor, nil when there is none to open.
func (w *MainWindow) onThematicSummary(c model.Code) *thematicEditor {
	if w.doc.ID == 0 {
		w.status.SetText(lang.L(`Choose a document first, then write its thematic summary for "{{.Code}}".`, args{"Code": c.Name}))
		return nil
	}
	ctx := background()
	codings, err := w.project.Codings(ctx, model.CodingFilter{CodeID: c.ID, DocID: w.doc.ID})
	if err != nil {
		w.showError(err)
		return nil
	}
	text, err := w.project.ThematicSummary(ctx, w.doc.ID, c.ID)
	if err != nil {
		w.showError(err)
		return nil
	}
	e := &thematicEditor{w: w, docID: w.doc.ID, codeID: c.ID, saved: text}
	e.build(model.CodePath(w.codebook.codes, c.ID), w.doc.Name, codings)
	e.dialog.Show()
	w.win.Canvas().Focus(e.entry)
	return e
}

// build makes the editor's widgets and its dialog.
func (e *thematicEditor) build(code, doc string, codings []model.Coding) {
	quotes := container.NewVBox()
	for i, g := range codings {
		where := lang.L("Passage {{.N}}", args{"N": i + 1})
		if g.Key {
			where = lang.L("Passage {{.N}} · ★ key quote", args{"N": i + 1})
		}
		pos := widget.NewLabel(where)
		pos.SizeName = theme.SizeNameCaptionText
		quote := widget.NewLabel("“" + g.Text + "”")
		quote.Wrapping = fyne.TextWrapWord
		e.passages = append(e.passages, quote)
		quotes.Add(container.NewVBox(pos, quote))
	}
	heading := plural("{{.Count}} coded passages", len(codings))
	if len(codings) == 0 {
		quotes.Add(widget.NewLabel(lang.L(`No passage of this document is coded with "{{.Code}}" yet.`, args{"Code": code})))
		heading = lang.L("No coded passages")
	}
	top := container.NewBorder(widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil,
		container.NewVScroll(quotes))

	e.entry = widget.NewMultiLineEntry()
	e.entry.Wrapping = fyne.TextWrapWord
	e.entry.SetPlaceHolder(lang.L(`What this interview says about "{{.Code}}", in your own words…`, args{"Code": code}))
	e.entry.SetText(e.saved)
	e.entry.SetMinRowsVisible(6)
	bottom := container.NewBorder(widget.NewLabelWithStyle(lang.L("Thematic summary"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, e.entry)

	split := container.NewVSplit(top, bottom)
	split.Offset = 0.5
	e.save = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	e.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { e.dialog.Hide() })
	e.dialog = dialog.NewCustomWithoutButtons(lang.L("{{.Code}} in {{.Document}}", args{"Code": code, "Document": doc}), split, e.w.win)
	e.dialog.SetButtons([]fyne.CanvasObject{e.cancel, e.save})
	e.dialog.Resize(fyne.NewSize(760, 600))
}

// onSave stores the summary as one undoable step; an empty text removes it.
// On an error the editor stays open, so that nothing typed is lost.
func (e *thematicEditor) onSave() {
	text := e.entry.Text
	if text == e.saved {
		e.dialog.Hide()
		return
	}
	if err := e.w.project.SetSummary(background(), e.docID, e.codeID, text); err != nil {
		e.w.showError(err)
		return
	}
	e.dialog.Hide()
	e.w.updateUndoMenu()
	if strings.TrimSpace(text) == "" { // blank removes it too, as SetSummary does
		e.w.status.SetText(lang.L("Thematic summary removed. Ctrl+Z brings it back."))
		return
	}
	e.w.status.SetText(lang.L("Thematic summary saved. Ctrl+Z undoes it."))
}
