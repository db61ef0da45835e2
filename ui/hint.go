package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// prefHintShown is the app preference set once the first-start hint has
// been shown: it is shown once, ever.
const prefHintShown = "hint.demoShown"

// firstStartHint tells a new user, on the demo project's first opening,
// what to try first.
const firstStartHint = `This is the demo project: three made-up interviews, with the six principles of the article “Een slimme overheid durft patronen te doorbreken” as its codes. Some passages are coded already.

- **Code a passage:** select it in the transcript with the mouse, then press 1 to 6 or click a principle on the right.

- **Search** all interviews in the bar at the top (Ctrl+F).

- **Report:** File > Reports… makes the principle report, each principle with the quotes that back it.

Every change is saved at once, and Ctrl+Z takes it back. Help > Keyboard shortcuts lists every key.`

// showFirstStartHint shows the hint when the window shows the demo
// project for the first time.
func (w *MainWindow) showFirstStartHint() {
	prefs := fyne.CurrentApp().Preferences()
	if w.opts.Demo == "" || filepath.Clean(w.project.Path()) != filepath.Clean(w.opts.Demo) || prefs.Bool(prefHintShown) {
		return
	}
	prefs.SetBool(prefHintShown, true)
	text := widget.NewRichTextFromMarkdown(firstStartHint)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Welcome to Verbatim", "Start", text, w.win)
	d.Resize(fyne.NewSize(620, 350))
	w.showDialog(d)
}
