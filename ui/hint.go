package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefHintShown is the app preference set once the first-start hint has
// been shown: it is shown once, ever.
const prefHintShown = "hint.demoShown"

// firstStartHint tells a new user, on the demo project's first opening,
// what to try first.
func firstStartHint() string {
	return lang.L(`**Welcome to Verbatim.** This is the demo project: three made-up interviews and the six principles of the article “Een slimme overheid durft patronen te doorbreken” as codes, with some passages coded already.

- **Code a passage:** select it in the transcript with the mouse, then press 1 to 6 or click a principle on the right.

- **Search** all interviews in the bar at the top (Ctrl+F), and make the principle report with File > Reports…

Ctrl+Z takes back any change; Help > Keyboard shortcuts lists every key.`)
}

// showFirstStartHint puts the hint under the window's panels when the
// window shows the demo project for the first time. It is a panel, not a
// dialog: the window works while it shows, so the user can try what it
// says at once. Got it closes it.
func (w *MainWindow) showFirstStartHint() {
	prefs := fyne.CurrentApp().Preferences()
	if w.opts.Demo == "" || filepath.Clean(w.project.Path()) != filepath.Clean(w.opts.Demo) || prefs.Bool(prefHintShown) {
		return
	}
	prefs.SetBool(prefHintShown, true)
	text := widget.NewRichTextFromMarkdown(firstStartHint())
	text.Wrapping = fyne.TextWrapWord
	content := w.win.Content()
	gotIt := widget.NewButtonWithIcon(lang.L("Got it"), theme.ConfirmIcon(), func() { w.win.SetContent(content) })
	gotIt.Importance = widget.HighImportance
	card := widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewCenter(gotIt), text))
	w.win.SetContent(container.NewBorder(nil, card, nil, nil, content))
}
