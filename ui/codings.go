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
// dates and memos, each with a key-quote toggle and buttons for its memo and
// for removing it.
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
		title := widget.NewLabelWithStyle(keyTitle(c), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
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
		key := widget.NewCheck("★ Key quote", nil)
		key.SetChecked(c.Key)
		key.OnChanged = func(on bool) { w.onKeyQuoteToggled(&c, on, key, title) }
		// The check centred: it reacts only to taps on its box and label,
		// which a row taller than it would stretch it around.
		rows.Add(container.NewBorder(nil, nil, container.NewCenter(swatch), container.NewHBox(container.NewCenter(key), memo, remove), container.NewVBox(title, detail)))
	}
	d = dialog.NewCustom("Codings here", "Close", container.NewVScroll(rows), w.win)
	d.Resize(fyne.NewSize(680, min(float32(len(ids))*110+120, 520)))
	d.Show()
}

// onKeyQuoteToggled marks or unmarks a coding as a key quote from its row in
// the codings dialog. The dialog stays open, so the row's title follows the
// change; when the change fails the toggle goes back to what is stored.
func (w *MainWindow) onKeyQuoteToggled(c *model.Coding, on bool, key *widget.Check, title *widget.Label) {
	if err := w.project.SetKeyQuote(background(), []int64{c.ID}, on); err != nil {
		// SetChecked would call OnChanged again and retry the failed change.
		changed := key.OnChanged
		key.OnChanged = nil
		key.SetChecked(c.Key)
		key.OnChanged = changed
		w.showError(err)
		return
	}
	c.Key = on
	title.SetText(keyTitle(*c))
	if on {
		w.status.SetText("Marked as a key quote. Ctrl+Z undoes it.")
	} else {
		w.status.SetText("No longer a key quote. Ctrl+Z undoes it.")
	}
	w.refresh()
}

// keyTitle is a coding's code name as its row in the codings dialog shows
// it, starred for a key quote.
func keyTitle(c model.Coding) string {
	if c.Key {
		return "★ " + c.Code
	}
	return c.Code
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
