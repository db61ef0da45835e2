package ui

import (
	"fyne.io/fyne/v2"

	"codeberg.org/verbatim/verbatim/model"
)

// undoMenu is Edit > Undo and Redo, named for the step each would take
// ("Undo: Apply “Deel wat je leert”"), and disabled, with a plain "Undo"
// or "Redo", when there is none.
type undoMenu struct {
	undo, redo *fyne.MenuItem
}

func newUndoMenu(onUndo, onRedo func()) *undoMenu {
	return &undoMenu{undo: fyne.NewMenuItem("Undo", onUndo), redo: fyne.NewMenuItem("Redo", onRedo)}
}

// menuLabelRunes is where a step's label is cut in the menu: a memo's or
// a summary's names can be long.
const menuLabelRunes = 60

// name names both items for the project's history as it is now. When the
// history cannot be read, the items stay enabled with plain labels, so
// that choosing one shows why.
func (m *undoMenu) name(p *model.Project) {
	ctx := background()
	u, canUndo, errU := p.UndoStep(ctx)
	r, canRedo, errR := p.RedoStep(ctx)
	nameItem(m.undo, "Undo", u, canUndo, errU)
	nameItem(m.redo, "Redo", r, canRedo, errR)
}

func nameItem(it *fyne.MenuItem, verb string, s model.Step, ok bool, err error) {
	it.Label, it.Disabled = verb, err == nil && !ok
	if err == nil && ok {
		it.Label = verb + ": " + cutLabel(s.Label, menuLabelRunes)
	}
}

// cutLabel shortens s to at most n runes, ending it with an ellipsis.
func cutLabel(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// updateUndoMenu names Edit > Undo and Redo for the steps they would take
// now: after every change, undo and redo.
func (w *MainWindow) updateUndoMenu() {
	if w.undoMenu == nil {
		return
	}
	w.undoMenu.name(w.project)
	if main := w.win.MainMenu(); main != nil {
		main.Refresh()
	}
}
