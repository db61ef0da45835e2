package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// codeColors are offered when a code is recoloured: colour-blind-safe
// colours first, then more.
var codeColors = []string{"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
	"#E6194B", "#3CB44B", "#4363D8", "#F58231", "#911EB4", "#42D4F4", "#9A6324", "#469990"}

// onCodeMenu shows what can be done with a code, next to its row.
func (w *MainWindow) onCodeMenu(c model.Code, at fyne.CanvasObject) {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Edit…", func() { w.onEditCode(c) }),
		fyne.NewMenuItem("Memo…", func() { w.onCodeMemo(c) }),
		fyne.NewMenuItem("Thematic summary for this document…", func() { w.onThematicSummary(c) }),
		fyne.NewMenuItem("Merge into…", func() { w.onMergeCode(c) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Delete…", func() { w.onDeleteCode(c) }),
	)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at).AddXY(0, at.Size().Height)
	widget.ShowPopUpMenuAtPosition(menu, w.win.Canvas(), pos)
}

// onEditCode renames, recolours or re-describes a code.
func (w *MainWindow) onEditCode(c model.Code) {
	name := widget.NewEntry()
	name.SetText(c.Name)
	colors := slices.Clone(codeColors)
	if !slices.Contains(colors, c.Color) {
		colors = append([]string{c.Color}, colors...)
	}
	colour := widget.NewSelect(colors, nil)
	colour.SetSelected(c.Color)
	desc := widget.NewMultiLineEntry()
	desc.Wrapping = fyne.TextWrapWord
	desc.SetText(c.Description)
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Colour", colour),
		widget.NewFormItem("Description", desc),
	}
	d := dialog.NewForm("Edit code", "Save", "Cancel", items, func(ok bool) {
		if ok {
			w.editCode(c.ID, model.CodeEdit{Name: &name.Text, Color: &colour.Selected, Description: &desc.Text})
		}
	}, w.win)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
}

func (w *MainWindow) editCode(id int64, e model.CodeEdit) {
	if err := w.project.EditCode(background(), id, e); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText("Code changed. Ctrl+Z undoes it.")
	w.refresh()
}

// onCodeMemo edits a code's memo.
func (w *MainWindow) onCodeMemo(c model.Code) {
	w.editMemo(model.CodeMemo, c.ID, "Memo on "+c.Name)
}

// onMergeCode asks which code takes over c's codings.
func (w *MainWindow) onMergeCode(c model.Code) {
	var targets []model.Code
	var names []string
	for _, t := range w.codebook.codes {
		if t.ID != c.ID {
			targets = append(targets, t)
			names = append(names, model.CodePath(w.codebook.codes, t.ID))
		}
	}
	if len(targets) == 0 {
		w.status.SetText("There is no other code to merge into.")
		return
	}
	pick := widget.NewSelect(names, nil)
	pick.SetSelectedIndex(0)
	items := []*widget.FormItem{widget.NewFormItem("Into", pick)}
	msg := fmt.Sprintf("Merge %q (%d codings) into", c.Name, c.Codings)
	dialog.ShowForm(msg, "Merge", "Cancel", items, func(ok bool) {
		if ok {
			w.mergeCode(c, targets[pick.SelectedIndex()])
		}
	}, w.win)
}

func (w *MainWindow) mergeCode(src, dst model.Code) {
	if err := w.project.MergeCode(background(), src.ID, dst.ID); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText(fmt.Sprintf("Merged %q into %q. Ctrl+Z undoes it.", src.Name, dst.Name))
	w.refresh()
}

// onDeleteCode deletes a code with its subcodes and codings, after asking.
func (w *MainWindow) onDeleteCode(c model.Code) {
	msg := fmt.Sprintf("Delete %q with its subcodes and its %d codings?\nCtrl+Z brings them back.", c.Name, c.Codings)
	dialog.ShowConfirm("Delete code", msg, func(ok bool) {
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
	w.status.SetText(fmt.Sprintf("Deleted %q. Ctrl+Z brings it back.", c.Name))
	w.refresh()
}
