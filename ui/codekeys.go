package ui

import (
	"strconv"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/model"
)

// Coding by keyboard: the digit keys 1–9 apply the codes assigned to them
// in the project (model.Project.CodeKeys), each shown beside its code and
// given from the code's menu; a letter starts the codebook's filter, where
// Enter applies the first code found.

// addCodeKeys listens for characters typed while nothing has the focus (the
// canvas gets them) and while the transcript has it (it passes them on).
// An entry with the focus keeps its characters.
func (w *MainWindow) addCodeKeys() {
	w.win.Canvas().SetOnTypedRune(w.onTypedRune)
	w.transcript.OnTypedRune = w.onTypedRune
}

// onTypedRune applies the code of a digit key to the selection, as
// clicking the code does, and sends a letter to the codebook's filter.
func (w *MainWindow) onTypedRune(r rune) {
	if w.win.Canvas().Overlays().Top() != nil {
		return // a dialog or menu is open: the key is not for the transcript
	}
	switch {
	case r >= '1' && r <= '0'+model.MaxCodeKey:
		w.onCodeKey(int(r - '0'))
	case unicode.IsLetter(r):
		w.win.Canvas().Focus(w.codebook.filter)
		w.codebook.filter.TypedRune(r)
	}
}

// onCodeKey applies the code of a digit key to the selection.
func (w *MainWindow) onCodeKey(key int) {
	id, ok := w.codebook.codeOfKey[key]
	c, found := w.codebook.code(id)
	if !ok || !found {
		w.status.SetText(lang.L("No code has the key {{.Key}} yet: give it one from the ⋮ menu beside a code (Key).", args{"Key": key}))
		return
	}
	w.onCodeChosen(c)
}

// codeKeys reads the digit keys for the codebook panel.
func (w *MainWindow) codeKeys() map[int]int64 {
	keys, err := w.project.CodeKeys(background())
	if err != nil {
		w.showError(err)
		return nil
	}
	return keys
}

// keyMenu offers the digit keys for code c: its own is ticked, and one
// another code has is marked with that code's name, as choosing it moves the
// key over.
func (w *MainWindow) keyMenu(c model.Code) *fyne.Menu {
	items := make([]*fyne.MenuItem, 0, model.MaxCodeKey+2)
	for key := 1; key <= model.MaxCodeKey; key++ {
		label := strconv.Itoa(key)
		if id, ok := w.codebook.codeOfKey[key]; ok && id != c.ID {
			if other, ok := w.codebook.code(id); ok {
				label += "   " + lang.L("(now {{.Code}})", args{"Code": other.Name})
			}
		}
		item := fyne.NewMenuItem(label, func() { w.setCodeKey(key, c) })
		item.Checked = w.codebook.keyOf[c.ID] == key
		items = append(items, item)
	}
	none := fyne.NewMenuItem(lang.L("None"), func() { w.setCodeKey(0, c) })
	none.Checked = w.codebook.keyOf[c.ID] == 0
	items = append(items, fyne.NewMenuItemSeparator(), none)
	return fyne.NewMenu("", items...)
}

// setCodeKey gives code c the digit key (0: no key). Not an undoable
// action: it is a keyboard preference, kept in the project's settings.
func (w *MainWindow) setCodeKey(key int, c model.Code) {
	ctx := background()
	var err error
	var msg string
	if key == 0 {
		if old := w.codebook.keyOf[c.ID]; old != 0 {
			err = w.project.SetCodeKey(ctx, old, 0)
		}
		msg = lang.L(`"{{.Code}}" has no key now.`, args{"Code": c.Name})
	} else {
		err = w.project.SetCodeKey(ctx, key, c.ID)
		msg = lang.L(`The key {{.Key}} applies "{{.Code}}" now.`, args{"Key": key, "Code": c.Name})
		if id, ok := w.codebook.codeOfKey[key]; ok && id != c.ID {
			if other, ok := w.codebook.code(id); ok {
				msg = lang.L(`The key {{.Key}} applies "{{.Code}}" now, no longer "{{.Other}}".`, args{"Key": key, "Code": c.Name, "Other": other.Name})
			}
		}
	}
	if err != nil {
		w.showError(err)
		return
	}
	w.codebook.setKeys(w.codeKeys())
	w.codebook.list.Refresh()
	w.status.SetText(msg)
}
