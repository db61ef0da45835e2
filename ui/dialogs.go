package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Escape closes the dialog on top of the window, as its Cancel or Close
// button would (with the dialog's callbacks: an import's progress dialog
// stops the import). Fyne's dialogs do not do this themselves, and a key
// reaches the canvas only when no widget has focus; so the canvas's key
// handler does it, and a dialog's text fields (dialogEntry) pass Escape on
// to the canvas.

// shownDialog is a dialog shown through showDialog, with the overlay that
// shows it.
type shownDialog struct {
	dialog  dialog.Dialog
	overlay fyne.CanvasObject
}

// showDialog shows d and remembers it, so that Escape dismisses it through
// its own API. Every dialog of the window should be shown this way.
func (w *MainWindow) showDialog(d dialog.Dialog) {
	c := w.win.Canvas()
	before := c.Overlays().List()
	d.Show()
	// A file dialog may be the system's own, with no overlay.
	if top := c.Overlays().Top(); top != nil && !slices.Contains(before, top) {
		w.dialogs = append(w.openDialogs(), shownDialog{d, top})
	}
}

// openDialogs are the dialogs shown through showDialog that are still open.
func (w *MainWindow) openDialogs() []shownDialog {
	open := w.win.Canvas().Overlays().List()
	return slices.DeleteFunc(w.dialogs, func(s shownDialog) bool { return !slices.Contains(open, s.overlay) })
}

// onTypedKey is the canvas's handler for keys typed while no widget has
// focus.
func (w *MainWindow) onTypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape {
		w.closeTopDialog()
	}
}

// closeTopDialog dismisses the dialog on top of the window, if any.
func (w *MainWindow) closeTopDialog() {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	w.dialogs = w.openDialogs()
	for _, s := range w.dialogs {
		if s.overlay == top {
			s.dialog.Dismiss()
			return
		}
	}
	if b := dismissButton(top); b != nil && !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

// dismissButton finds the Cancel or Close button of a dialog that was shown
// without showDialog (dialog.ShowForm and the like give no dialog to keep).
// It relies on how Fyne builds a dialog's overlay: a container of its icon,
// background, content, button row and title, where the row holds the
// dismiss button alone or before the (more important) confirm button. Dialogs without such a
// row (custom buttons, none at all) are left alone. TestEscapeClosesDialogs
// checks this against the Fyne in go.mod.
func dismissButton(top fyne.CanvasObject) *widget.Button {
	p, ok := top.(*widget.PopUp)
	if !ok {
		return nil
	}
	box, ok := p.Content.(*fyne.Container)
	if !ok || len(box.Objects) != 5 {
		return nil
	}
	if _, ok := box.Objects[4].(*widget.Label); !ok {
		return nil
	}
	row, ok := box.Objects[3].(*fyne.Container)
	if !ok {
		return nil
	}
	buttons := make([]*widget.Button, len(row.Objects))
	for i, o := range row.Objects {
		if buttons[i], ok = o.(*widget.Button); !ok {
			return nil
		}
	}
	switch {
	case len(buttons) == 1:
		return buttons[0]
	case len(buttons) == 2 && buttons[0].Importance == widget.MediumImportance && buttons[1].Importance != widget.MediumImportance:
		return buttons[0]
	}
	return nil
}

// dialogEntry is a text field for dialogs. A focused Entry takes every key
// and ignores Escape, so the canvas would never see it: this one passes
// Escape on to the canvas, which closes the dialog.
type dialogEntry struct {
	widget.Entry
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes Escape on to the canvas and types the other keys.
func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
		}
		return
	}
	e.Entry.TypedKey(k)
}
