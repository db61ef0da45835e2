package ui

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// onNewCode asks for a new code's name, parent and description. With text
// selected, the name starts as that text (in-vivo coding) and the new code
// is applied to it.
func (w *MainWindow) onNewCode() {
	start, end := w.transcript.Selection()
	selected := strings.Join(strings.Fields(w.transcript.SelectedText()), " ")
	name := newDialogEntry()
	if r := []rune(selected); len(r) > 0 && len(r) <= 60 {
		name.SetText(selected)
	}
	parents := []string{lang.L("(top level)")}
	for _, c := range w.codebook.codes {
		parents = append(parents, model.CodePath(w.codebook.codes, c.ID))
	}
	parent := widget.NewSelect(parents, nil)
	parent.SetSelectedIndex(0)
	desc := newDialogEntry()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Under"), parent),
		widget.NewFormItem(lang.X("field.description", "Description"), desc),
	}
	title := lang.L("New code")
	if start != end && w.doc.ID != 0 {
		title = plural("New code for the {{.Count}} selected characters", end-start)
	}
	d := dialog.NewForm(title, lang.L("Create"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		var parentID int64
		if i := parent.SelectedIndex(); i > 0 {
			parentID = w.codebook.codes[i-1].ID
		}
		w.createCode(name.Text, parentID, desc.Text, start, end)
	}, w.win)
	// Enter in a field creates the code, as the Create button does.
	name.OnSubmitted = func(string) { d.Submit() }
	desc.OnSubmitted = func(string) { d.Submit() }
	d.Resize(d.MinSize().AddWidthHeight(200, 0))
	w.showDialog(d)
	w.win.Canvas().Focus(name)
}

// createCode adds a code and, when [start, end) is a selection, codes it, as
// one undoable step.
func (w *MainWindow) createCode(name string, parent int64, description string, start, end int) {
	var spans []model.Span
	if start != end && w.doc.ID != 0 {
		spans = append(spans, model.Span{DocID: w.doc.ID, Start: start, End: end})
	}
	c, err := w.project.AddCode(background(), parent, name, "", description, spans...)
	if err != nil {
		w.showError(err)
		return
	}
	msg := lang.L(`Added the code "{{.Code}}".`, args{"Code": c.Name})
	if c.Codings > 0 {
		msg = lang.L(`Added the code "{{.Code}}" and coded the selection with it. Ctrl+Z undoes both.`, args{"Code": c.Name})
	}
	w.status.SetText(msg)
	w.refresh()
}
