package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// onHighlightTapped shows the codings under a click: their codes, coders,
// dates and memos, each with a button that removes it.
func (w *MainWindow) onHighlightTapped(ids []int64, _ int) {
	ctx := background()
	rows := container.NewVBox()
	var d dialog.Dialog
	for _, id := range ids {
		c, err := w.project.Coding(ctx, id)
		if err != nil {
			w.showError(err)
			return
		}
		swatch := canvas.NewRectangle(parseColor(w.codebook.colorOf(c.CodeID)))
		swatch.SetMinSize(fyne.NewSize(12, 12))
		title := widget.NewLabelWithStyle(c.Code, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		info := fmt.Sprintf("%s · %s · characters %d–%d", c.Coder, c.Created.Local().Format("2 Jan 2006 15:04"), c.Start, c.End)
		if strings.TrimSpace(c.Memo) != "" {
			info += "\nMemo: " + c.Memo
		}
		detail := widget.NewLabel(info)
		detail.Wrapping = fyne.TextWrapWord
		remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() {
			d.Hide()
			w.removeCoding(c)
		})
		memo := widget.NewButtonWithIcon("Memo", theme.DocumentCreateIcon(), func() {
			d.Hide()
			w.editMemo(model.CodingMemo, c.ID, "Memo on this coding of "+c.Code)
		})
		rows.Add(container.NewBorder(nil, nil, container.NewCenter(swatch), container.NewHBox(memo, remove), container.NewVBox(title, detail)))
	}
	d = dialog.NewCustom("Codings here", "Close", container.NewVScroll(rows), w.win)
	d.Resize(fyne.NewSize(560, min(float32(len(ids))*110+120, 520)))
	d.Show()
}

// removeCoding uncodes one coding.
func (w *MainWindow) removeCoding(c model.Coding) {
	if err := w.project.RemoveCoding(background(), c.ID); err != nil {
		w.showError(err)
		return
	}
	w.status.SetText(fmt.Sprintf("Removed the coding %q. Ctrl+Z brings it back.", c.Code))
	w.refresh()
}

// colorOf is a code's colour, "" when unknown.
func (p *codebookPanel) colorOf(id int64) string {
	for _, c := range p.codes {
		if c.ID == id {
			return c.Color
		}
	}
	return ""
}
