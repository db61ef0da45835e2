package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// wireCodebook connects the codebook panel's filter, select mode and digit
// keys to the window, once both exist.
func (w *MainWindow) wireCodebook() {
	p := w.codebook
	p.onCreate = w.onCreateFromFilter
	p.onMove = w.onMoveCodes
	p.onMerge = w.onMergeCodes
	p.loadKeys = w.codeKeys
	w.addCodeKeys()
}

// onCodeMenu shows what can be done with a code, next to its row.
func (w *MainWindow) onCodeMenu(c model.Code, at fyne.CanvasObject) {
	keys := fyne.NewMenuItem(lang.L("Key"), nil)
	keys.ChildMenu = w.keyMenu(c)
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(lang.L("Edit…"), func() { w.onEditCode(c) }),
		fyne.NewMenuItem(lang.L("Memo…"), func() { w.onCodeMemo(c) }),
		fyne.NewMenuItem(lang.L("Thematic summary for this document…"), func() { w.onThematicSummary(c) }),
		keys,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Move under…"), func() { w.onMoveCodes([]model.Code{c}) }),
	}
	if c.ParentID != 0 {
		items = append(items, fyne.NewMenuItem(lang.L("Move to top level"), func() { w.moveCodes([]model.Code{c}, 0) }))
	}
	items = append(items,
		fyne.NewMenuItem(lang.L("Merge into…"), func() { w.onMergeCode(c) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Delete…"), func() { w.onDeleteCode(c) }),
	)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at).AddXY(0, at.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), w.win.Canvas(), pos)
}

// onEditCode renames, recolours or re-describes a code.
func (w *MainWindow) onEditCode(c model.Code) {
	name := widget.NewEntry()
	name.SetText(c.Name)
	colour := newColorPicker(c.Color)
	desc := widget.NewMultiLineEntry()
	desc.Wrapping = fyne.TextWrapWord
	desc.SetText(c.Description)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Colour"), colour.box),
		widget.NewFormItem(lang.X("field.description", "Description"), desc),
	}
	d := dialog.NewForm(lang.L("Edit code"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			w.editCode(c.ID, model.CodeEdit{Name: &name.Text, Color: &colour.selected, Description: &desc.Text})
		}
	}, w.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
}

func (w *MainWindow) editCode(id int64, e model.CodeEdit) {
	if err := w.project.EditCode(background(), id, e); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText(lang.L("Code changed. Ctrl+Z undoes it."))
	w.refresh()
}

// onCodeMemo edits a code's memo.
func (w *MainWindow) onCodeMemo(c model.Code) {
	w.editMemo(model.CodeMemo, c.ID, lang.L("Memo on {{.Code}}", args{"Code": c.Name}))
}

// underAny tells whether code id is one of codes or lies under one of them.
func (w *MainWindow) underAny(id int64, codes []model.Code) bool {
	in := make(map[int64]bool, len(codes))
	for _, c := range codes {
		in[c.ID] = true
	}
	for id != 0 {
		if in[id] {
			return true
		}
		c, ok := w.codebook.code(id)
		if !ok {
			return false
		}
		id = c.ParentID
	}
	return false
}

// pickCode asks for one code of the codebook (and, with top, the top level,
// as ID 0), leaving out the codes skip refuses.
func (w *MainWindow) pickCode(title, label, confirm string, top bool, skip func(model.Code) bool, onPicked func(id int64)) {
	var ids []int64
	var names []string
	if top {
		ids, names = append(ids, 0), append(names, lang.L("(top level)"))
	}
	for _, t := range w.codebook.codes {
		if !skip(t) {
			ids = append(ids, t.ID)
			names = append(names, model.CodePath(w.codebook.codes, t.ID))
		}
	}
	if len(ids) == 0 {
		w.status.SetText(lang.L("There is no code to choose from."))
		return
	}
	pick := widget.NewSelect(names, nil)
	pick.SetSelectedIndex(0)
	items := []*widget.FormItem{widget.NewFormItem(label, pick)}
	d := dialog.NewForm(title, confirm, lang.L("Cancel"), items, func(ok bool) {
		if ok && pick.SelectedIndex() >= 0 {
			onPicked(ids[pick.SelectedIndex()])
		}
	}, w.win)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

// onMoveCodes asks which code the codes go under, offering every code that
// is not one of them nor under one of them.
func (w *MainWindow) onMoveCodes(codes []model.Code) {
	if len(codes) == 0 {
		return
	}
	title := lang.L(`Move "{{.Code}}" under`, args{"Code": codes[0].Name})
	if len(codes) > 1 {
		title = plural("Move {{.Count}} codes under", len(codes))
	}
	skip := func(t model.Code) bool {
		return w.underAny(t.ID, codes) || (len(codes) == 1 && t.ID == codes[0].ParentID)
	}
	w.pickCode(title, lang.L("Under"), lang.L("Move"), len(codes) > 1 || codes[0].ParentID != 0, skip, func(parent int64) {
		w.moveCodes(codes, parent)
	})
}

// moveCodes puts each code directly under parent (0: the top level), with
// its sub-codes, as one undoable step: all of them or, when one cannot go
// there, none.
func (w *MainWindow) moveCodes(codes []model.Code, parent int64) {
	where := lang.L("to the top level")
	label := model.PhraseN("Move a code to the top level", "Move {{.Count}} codes to the top level", len(codes))
	if p, ok := w.codebook.code(parent); ok {
		where = lang.L(`under "{{.Code}}"`, args{"Code": p.Name})
		label = model.PhraseN("Move a code under “{{.Parent}}”", "Move {{.Count}} codes under “{{.Parent}}”", len(codes), "Parent", p.Name)
	}
	if len(codes) == 1 {
		label = model.Label{} // the model names the step
	}
	err := w.project.GroupAs(background(), label, func(ctx context.Context) error {
		for _, c := range codes {
			if err := w.project.MoveCode(ctx, c.ID, parent); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		w.showError(err)
		return
	}
	delete(w.codebook.collapsed, parent) // show where they went
	if len(codes) == 1 {
		w.status.SetText(lang.L(`Moved "{{.Code}}" {{.Where}}. Ctrl+Z undoes it.`, args{"Code": codes[0].Name, "Where": where}))
	} else {
		w.status.SetText(plural("Moved {{.Count}} codes {{.Where}}. Ctrl+Z undoes it.", len(codes), args{"Where": where}))
	}
	w.codebook.setSelecting(false)
	w.refresh()
}

// onMergeCode asks which code takes over c's codings.
func (w *MainWindow) onMergeCode(c model.Code) { w.onMergeCodes([]model.Code{c}) }

// onMergeCodes asks which code takes over the codings of codes: any code
// that is not one of them nor under one of them.
func (w *MainWindow) onMergeCodes(codes []model.Code) {
	if len(codes) == 0 {
		return
	}
	n := 0
	for _, c := range codes {
		n += c.Codings
	}
	title := lang.L(`Merge "{{.Code}}" ({{.Codings}}) into`, args{"Code": codes[0].Name, "Codings": plural("{{.Count}} codings", n)})
	if len(codes) > 1 {
		title = plural("Merge {{.Count}} codes ({{.Codings}}) into", len(codes), args{"Codings": plural("{{.Count}} codings", n)})
	}
	skip := func(t model.Code) bool { return w.underAny(t.ID, codes) }
	w.pickCode(title, lang.L("Into"), lang.L("Merge"), false, skip, func(dst int64) {
		if d, ok := w.codebook.code(dst); ok {
			w.mergeCodes(codes, d)
		}
	})
}

func (w *MainWindow) mergeCode(src, dst model.Code) { w.mergeCodes([]model.Code{src}, dst) }

// mergeCodes merges each code into dst as one undoable step: all of them
// or, when one cannot be merged, none.
func (w *MainWindow) mergeCodes(codes []model.Code, dst model.Code) {
	var label model.Label // for one code the model names the step
	if len(codes) > 1 {
		label = model.PhraseN("Merge a code into “{{.Into}}”", "Merge {{.Count}} codes into “{{.Into}}”", len(codes), "Into", dst.Name)
	}
	err := w.project.GroupAs(background(), label, func(ctx context.Context) error {
		for _, c := range codes {
			if err := w.project.MergeCode(ctx, c.ID, dst.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		w.showError(err)
		return
	}
	if len(codes) == 1 {
		w.status.SetText(lang.L(`Merged "{{.Code}}" into "{{.Into}}". Ctrl+Z undoes it.`, args{"Code": codes[0].Name, "Into": dst.Name}))
	} else {
		w.status.SetText(plural(`Merged {{.Count}} codes into "{{.Into}}". Ctrl+Z undoes it.`, len(codes), args{"Into": dst.Name}))
	}
	w.codebook.setSelecting(false)
	w.refresh()
}

// onDeleteCode deletes a code with its subcodes and codings, after asking.
func (w *MainWindow) onDeleteCode(c model.Code) {
	msg := lang.L("Delete \"{{.Code}}\" with its subcodes and its {{.Codings}}?\nCtrl+Z brings them back.", args{"Code": c.Name, "Codings": plural("{{.Count}} codings", w.codebook.total[c.ID])})
	dialog.ShowConfirm(lang.L("Delete code"), msg, func(ok bool) {
		if ok {
			w.deleteCode(c)
		}
	}, w.win)
}

func (w *MainWindow) deleteCode(c model.Code) {
	if err := w.project.DeleteCode(background(), c.ID); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText(lang.L(`Deleted "{{.Code}}". Ctrl+Z brings it back.`, args{"Code": c.Name}))
	w.refresh()
}

// onCreateFromFilter creates the code typed in the filter and codes the
// selection with it, as in-vivo coding does.
func (w *MainWindow) onCreateFromFilter(name string) {
	start, end := w.transcript.Selection()
	w.createCode(name, 0, "", start, end)
}
