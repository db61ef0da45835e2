package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/model"
)

// undoMenu is Edit > Undo and Redo, named for the step each would take
// ("Undo: Apply “Deel wat je leert”"), and disabled, with a plain "Undo"
// or "Redo", when there is none.
type undoMenu struct {
	undo, redo *fyne.MenuItem
}

func newUndoMenu(onUndo, onRedo func()) *undoMenu {
	return &undoMenu{undo: fyne.NewMenuItem(lang.L("Undo"), onUndo), redo: fyne.NewMenuItem(lang.L("Redo"), onRedo)}
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
	nameItem(m.undo, lang.L("Undo"), u, canUndo, errU, func(step string) string { return lang.L("Undo: {{.Step}}", args{"Step": step}) })
	nameItem(m.redo, lang.L("Redo"), r, canRedo, errR, func(step string) string { return lang.L("Redo: {{.Step}}", args{"Step": step}) })
}

// nameItem names it plain, or with named for the step s.
func nameItem(it *fyne.MenuItem, plain string, s model.Step, ok bool, err error, named func(step string) string) {
	it.Label, it.Disabled = plain, err == nil && !ok
	if err == nil && ok {
		it.Label = named(cutLabel(stepLabel(s), menuLabelRunes))
	}
}

// stepLabel is an undo step's label in the language shown: its message
// when the model gave it one (see model.Label), else its English text.
func stepLabel(s model.Step) string { return labelText(s.Label, s.Key, s.Args) }

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
