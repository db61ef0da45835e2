package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// typeShortcut delivers a shortcut as Fyne's desktop driver does
// (triggersShortcut in fyne's internal/driver/glfw/window.go): a main menu
// item with that shortcut first, then the focused widget if it takes
// shortcuts, else the canvas. Fyne's test package has no such helper.
func typeShortcut(win fyne.Window, s fyne.Shortcut) {
	if menu := win.MainMenu(); menu != nil {
		for _, m := range menu.Items {
			if menuShortcut(m, s) {
				return
			}
		}
	}
	c := win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

func menuShortcut(m *fyne.Menu, s fyne.Shortcut) bool {
	for _, it := range m.Items {
		if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() && it.Action != nil {
			it.Action()
			return true
		}
		if it.ChildMenu != nil && menuShortcut(it.ChildMenu, s) {
			return true
		}
	}
	return false
}

// tapTranscript clicks into the transcript, as a user does before pressing
// a shortcut there.
func tapTranscript(t *testing.T, w *MainWindow) {
	t.Helper()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.transcript)
	test.TapCanvas(w.win.Canvas(), pos.Add(fyne.NewPos(80, 20)))
	if w.win.Canvas().Focused() == nil {
		t.Fatal("clicking the transcript gave it no focus")
	}
}

// The shortcuts Fyne makes of the keys: Ctrl+Z and Ctrl+Y become its own
// undo and redo shortcuts, Ctrl+Shift+Z stays a custom one.
var (
	keyUndo  fyne.Shortcut = &fyne.ShortcutUndo{}
	keyRedoY fyne.Shortcut = &fyne.ShortcutRedo{}
	keyRedoZ fyne.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

func TestUndoRedoShortcutsWhereverTheFocusIs(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	code, _ := p.FindCode(ctx, "Vertrek vanuit motivatie")
	// Coded text in the second turn: the clicks into the transcript land on
	// the first, where a click opens no codings.
	text, _ := p.Text(ctx, w.doc.ID)
	start := len([]rune(text[:strings.Index(text, "mijn motivatie")]))
	if _, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: w.doc.ID, Start: start, End: start + 14}); err != nil {
		t.Fatal(err)
	}
	w.refresh()
	codings := func() int {
		t.Helper()
		c, err := p.Codings(ctx, model.CodingFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(c)
	}

	focus := map[string]func(t *testing.T){
		"transcript": func(t *testing.T) { tapTranscript(t, w) },
		"nothing":    func(*testing.T) { w.win.Canvas().Unfocus() },
		"documents list": func(t *testing.T) {
			w.win.Canvas().Focus(w.documents.list)
			if w.win.Canvas().Focused() != w.documents.list {
				t.Fatal("the documents list took no focus")
			}
		},
	}
	for _, where := range []string{"transcript", "nothing", "documents list"} {
		t.Run(where, func(t *testing.T) {
			focus[where](t)
			typeShortcut(w.win, keyUndo)
			if got := codings(); got != 0 {
				t.Fatalf("after Ctrl+Z: %d codings, want 0", got)
			}
			if got := len(w.highlights); got != 0 {
				t.Errorf("after Ctrl+Z: %d highlights shown, want 0", got)
			}
			typeShortcut(w.win, keyRedoY)
			if got := codings(); got != 1 {
				t.Fatalf("after Ctrl+Y: %d codings, want 1", got)
			}
			typeShortcut(w.win, keyUndo)
			typeShortcut(w.win, keyRedoZ)
			if got := codings(); got != 1 {
				t.Fatalf("after Ctrl+Z, Ctrl+Shift+Z: %d codings, want 1", got)
			}
		})
	}

	// A text field keeps its own undo: Ctrl+Z there takes back the typing,
	// not the coding.
	w.win.Canvas().Focus(w.search.entry)
	test.Type(w.search.entry, "leer")
	typeShortcut(w.win, keyUndo)
	if got := w.search.entry.Text; got != "" {
		t.Errorf("Ctrl+Z in the search field left %q, want its typing undone", got)
	}
	if got := codings(); got != 1 {
		t.Errorf("Ctrl+Z in the search field undid the coding: %d codings, want 1", got)
	}

	// The transcript still copies and selects all itself.
	tapTranscript(t, w)
	typeShortcut(w.win, &fyne.ShortcutSelectAll{})
	if s, e := w.transcript.Selection(); s != 0 || e == 0 {
		t.Errorf("Ctrl+A in the transcript selected %d:%d", s, e)
	}
}
