package ui

import (
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// The shortcuts of the menus. Fyne's desktop driver tries a key on the
// main menu's items before the focused widget, so these work wherever the
// focus is. Undo and redo are not among them: as menu shortcuts they would
// take Ctrl+Z from a text field's own undo (see addShortcuts).
var (
	shortcutOpen     = ctrl(fyne.KeyO)
	shortcutImport   = ctrl(fyne.KeyI)
	shortcutFind     = ctrl(fyne.KeyF)
	shortcutNext     = ctrl(fyne.KeyPeriod)
	shortcutPrevious = ctrl(fyne.KeyComma)
	shortcutQuit     = ctrl(fyne.KeyQ)
)

// onFind puts the focus in the search bar, its text selected, so that
// typing replaces it.
func (w *MainWindow) onFind() {
	w.win.Canvas().Focus(w.search.entry)
	w.search.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// quitApp is File > Quit: it closes every window, each remembering its place and closing its
// project, after which the app ends.
func quitApp() {
	// A copy: closing a window takes it out of the driver's list.
	for _, win := range slices.Clone(fyne.CurrentApp().Driver().AllWindows()) {
		win.Close()
	}
}

// ctrl is Ctrl with key (Cmd on macOS).
func ctrl(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// withShortcut gives a menu item its shortcut, which the menu shows. The
// driver gives a shortcut to the menu even while a dialog covers the
// window, where the menu itself cannot be reached: then it does nothing.
func (w *MainWindow) withShortcut(it *fyne.MenuItem, s fyne.Shortcut) *fyne.MenuItem {
	it.Shortcut = s
	action := it.Action
	it.Action = func() {
		if len(w.openDialogs()) == 0 {
			action()
		}
	}
	return it
}

// keyHelp is a row of Help > Keyboard shortcuts that no menu item has.
type keyHelp struct{ keys, does string }

// otherKeys are the keys that are not menu shortcuts.
func otherKeys() []keyHelp {
	c := modifierText(fyne.KeyModifierShortcutDefault)
	return []keyHelp{
		{"1 – 9", lang.L("Apply the code with that key to the selected passage (the key shows beside the code)")},
		{lang.L("a letter"), lang.L("Typed in the transcript: find a code by its name in the codebook")},
		{"Enter", lang.L("In the codebook's filter: apply the first code found, or create the code typed; in the search bar: search, and once its results are shown, go to the next hit (Shift+Enter: the previous); in a dialog: confirm")},
		{"F3, Shift+F3", lang.L("In the search bar: go to the next and the previous hit")},
		{"Escape", lang.L("Close the dialog on top")},
		{c + "+Z", lang.L("Undo the last change (in a text field: its typing)")},
		{c + "+Y, " + c + "+Shift+Z", lang.L("Redo")},
		{lang.L("Shift+arrows"), lang.L("In the transcript: select from the caret; with {{.Key}}, by words", args{"Key": c})},
		{c + "+A, " + c + "+C", lang.L("In the transcript: select all, copy the selection")},
	}
}

// onShortcutsHelp shows every shortcut: the menus' with where they are,
// then the other keys.
func (w *MainWindow) onShortcutsHelp() {
	grid := container.New(layout.NewFormLayout())
	add := func(keys, does string) {
		k := widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		d := widget.NewLabel(does)
		d.Wrapping = fyne.TextWrapWord
		grid.Add(k)
		grid.Add(d)
	}
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				add(shortcutText(it.Shortcut), m.Label+" > "+strings.TrimSuffix(it.Label, "…"))
			}
		}
	}
	for _, k := range otherKeys() {
		add(k.keys, k.does)
	}
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(640, 460))
	w.showDialog(dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), scroll, w.win))
}

// shortcutText writes a shortcut as a user reads it: "Ctrl+O".
func shortcutText(s fyne.Shortcut) string {
	ks, ok := s.(fyne.KeyboardShortcut)
	if !ok {
		return s.ShortcutName()
	}
	key := string(ks.Key())
	if m := modifierText(ks.Mod()); m != "" {
		return m + "+" + key
	}
	return key
}

// modifierText writes modifiers the way the system's menus do.
func modifierText(m fyne.KeyModifier) string {
	var parts []string
	if m&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if m&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if m&fyne.KeyModifierSuper != 0 {
		if runtime.GOOS == "darwin" {
			parts = append(parts, "Cmd")
		} else {
			parts = append(parts, "Super")
		}
	}
	if m&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(parts, "+")
}
