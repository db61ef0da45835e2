package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// The selection's menu: a right-click on selected text offers the codes
// applied lately in this window, a new code named after the selection (in
// vivo), a new code from the form, a code with a memo on its coding, the
// memos of the codings that are exactly the selection, and Copy.

// maxRecentCodes is how many recent codes the menu offers.
const maxRecentCodes = 5

// recentCodes are the IDs of the codes applied in the window, newest first.
type recentCodes []int64

// add puts code id first.
func (r *recentCodes) add(id int64) {
	l := slices.DeleteFunc(*r, func(x int64) bool { return x == id })
	l = slices.Insert(l, 0, id)
	*r = l[:min(len(l), maxRecentCodes)]
}

// wireSelection connects the transcript's right-click and the dragging of
// its selection to the window.
func (w *MainWindow) wireSelection() {
	w.transcript.OnSelectionMenu = w.onSelectionMenu
	w.transcript.OnSelectionDragged = w.onSelectionDragged
	w.transcript.OnSelectionDropped = w.onSelectionDropped
}

// onSelectionMenu shows the selection's menu where the transcript was
// right-clicked.
func (w *MainWindow) onSelectionMenu(at fyne.Position) {
	if start, end := w.transcript.Selection(); w.doc.ID == 0 || start == end {
		return
	}
	widget.ShowPopUpMenuAtPosition(w.selectionMenu(), w.win.Canvas(), at)
}

// recentlyApplied returns the recent codes that are still in the codebook.
func (w *MainWindow) recentlyApplied() []model.Code {
	var out []model.Code
	for _, id := range w.recentCodes {
		if c, ok := w.codebook.code(id); ok {
			out = append(out, c)
		}
	}
	return out
}

func (w *MainWindow) selectionMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	if recent := w.recentlyApplied(); len(recent) > 0 {
		header := fyne.NewMenuItem(lang.L("Recent codes"), nil)
		header.Disabled = true
		items = append(items, header)
		for _, c := range recent {
			items = append(items, w.codeItem(c, c.Name, w.onCodeChosen))
		}
		items = append(items, fyne.NewMenuItemSeparator())
	}
	name := inVivoName(w.transcript.SelectedText())
	shown := name
	if r := []rune(shown); len(r) > 32 {
		shown = string(r[:31]) + "…"
	}
	inVivo := fyne.NewMenuItem(lang.L("New code “{{.Name}}” from the selection", args{"Name": shown}), func() { w.codeInVivo(name) })
	inVivo.Disabled = name == ""
	items = append(items,
		inVivo,
		fyne.NewMenuItem(lang.L("New code…"), w.onNewCode),
		fyne.NewMenuItemSeparator(),
		w.codeWithMemoItem(),
	)
	items = append(items, w.codingMemoItems()...)
	items = append(items,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Copy"), w.copySelection),
	)
	return fyne.NewMenu("", items...)
}

// codeItem is a menu item for code c with its colour, and its digit key
// beside it when it has one.
func (w *MainWindow) codeItem(c model.Code, label string, action func(model.Code)) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, func() { action(c) })
	item.Icon = swatchIcon(c.Color)
	if k := w.codebook.keyOf[c.ID]; k > 0 {
		item.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(k))}
	}
	return item
}

// swatchIcon is a square of a code's colour, for a menu item.
func swatchIcon(hex string) fyne.Resource {
	c := parseColor(hex)
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="2" y="2" width="12" height="12" rx="2" fill="#%02X%02X%02X"/></svg>`, c.R, c.G, c.B)
	return fyne.NewStaticResource("swatch-"+strings.TrimPrefix(hex, "#")+".svg", []byte(svg))
}

// maxInVivo is the longest name an in-vivo code is given, in runes.
const maxInVivo = 60

// inVivoName is the selected text as a code's name: on one line, without
// the punctuation around it, cut at a word when it is long.
func inVivoName(selected string) string {
	name := strings.Join(strings.Fields(selected), " ")
	name = strings.TrimFunc(name, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	if r := []rune(name); len(r) > maxInVivo {
		cut := string(r[:maxInVivo])
		if i := strings.LastIndexByte(cut, ' '); i > maxInVivo/2 {
			cut = cut[:i]
		}
		name = strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }) + "…"
	}
	return name
}

// codeInVivo codes the selection with a new code called name, as one step;
// when a top-level code has that name already, it applies that one.
func (w *MainWindow) codeInVivo(name string) {
	for _, c := range w.codebook.codes {
		if c.ParentID == 0 && strings.EqualFold(c.Name, name) {
			w.onCodeChosen(c)
			return
		}
	}
	start, end := w.transcript.Selection()
	w.createCode(name, 0, "", start, end)
	for _, c := range w.codebook.codes {
		if c.ParentID == 0 && c.Name == name {
			w.recentCodes.add(c.ID)
		}
	}
}

// codeWithMemoItem offers to code the selection and write the memo of that
// coding: a coding memo needs its coding.
func (w *MainWindow) codeWithMemoItem() *fyne.MenuItem {
	label := lang.L("Code and write a memo…")
	recent := w.recentlyApplied()
	if len(recent) == 0 {
		return fyne.NewMenuItem(label, w.onCodeWithMemo)
	}
	var items []*fyne.MenuItem
	for _, c := range recent {
		items = append(items, w.codeItem(c, c.Name+"…", w.codeWithMemo))
	}
	items = append(items, fyne.NewMenuItem(lang.L("Another code…"), w.onCodeWithMemo))
	item := fyne.NewMenuItem(label, nil)
	item.ChildMenu = fyne.NewMenu("", items...)
	return item
}

// onCodeWithMemo asks for the code to apply with a memo.
func (w *MainWindow) onCodeWithMemo() {
	w.pickCode(lang.L("Code and write a memo"), lang.L("Code"), lang.L("Next"), false, func(model.Code) bool { return false }, func(id int64) {
		if c, ok := w.codebook.code(id); ok {
			w.codeWithMemo(c)
		}
	})
}

// codeWithMemo asks for a memo and saves the coding of the selection with
// code c and that memo as one undoable step. Nothing is coded until Save.
func (w *MainWindow) codeWithMemo(c model.Code) {
	start, end := w.transcript.Selection()
	doc := w.doc.ID
	if doc == 0 || start == end {
		w.status.SetText(lang.L("Select text in the transcript first."))
		return
	}
	entry := widget.NewMultiLineEntry()
	entry.Wrapping = fyne.TextWrapWord
	entry.SetPlaceHolder(memoHint(model.CodingMemo))
	entry.SetMinRowsVisible(10)
	d := dialog.NewCustomConfirm(lang.L("Code with “{{.Code}}” and write a memo", args{"Code": c.Name}), lang.L("Save"), lang.L("Cancel"), entry, func(save bool) {
		if save {
			w.saveCodingWithMemo(c, model.Span{DocID: doc, Start: start, End: end}, entry.Text)
		}
	}, w.win)
	d.Resize(fyne.NewSize(640, 400))
	w.showDialog(d)
	w.win.Canvas().Focus(entry)
}

// saveCodingWithMemo applies code c to span and gives the coding its memo,
// as one step: one Ctrl+Z takes both back.
func (w *MainWindow) saveCodingWithMemo(c model.Code, span model.Span, memo string) {
	err := w.project.GroupAs(background(), model.Phrase("Apply “{{.Code}}” with a memo", "Code", c.Name), func(ctx context.Context) error {
		coding, err := w.project.ApplyCode(ctx, c.ID, span)
		if err != nil {
			return err
		}
		if strings.TrimSpace(memo) == "" {
			return nil
		}
		return w.project.SetMemo(ctx, model.CodingMemo, coding.ID, memo)
	})
	if err != nil {
		w.showError(err)
		return
	}
	w.recentCodes.add(c.ID)
	w.status.SetText(plural(`Coded {{.Count}} characters with "{{.Code}}" and saved the memo. Ctrl+Z undoes both.`, span.End-span.Start, args{"Code": c.Name}))
	w.refresh()
}

// codingMemoItems offer the memos of the codings whose passage is exactly
// the selection.
func (w *MainWindow) codingMemoItems() []*fyne.MenuItem {
	start, end := w.transcript.Selection()
	var items []*fyne.MenuItem
	for _, h := range w.highlights {
		if h.Start != start || h.End != end {
			continue
		}
		id, name := h.ID, h.Name
		items = append(items, fyne.NewMenuItem(lang.L("Memo on the coding with “{{.Code}}”…", args{"Code": name}), func() {
			w.editMemo(model.CodingMemo, id, lang.L("Memo on this coding of {{.Code}}", args{"Code": name}))
		}))
	}
	return items
}

// copySelection puts the selected text on the clipboard.
func (w *MainWindow) copySelection() {
	if text := w.transcript.SelectedText(); text != "" {
		fyne.CurrentApp().Clipboard().SetContent(text)
	}
}
