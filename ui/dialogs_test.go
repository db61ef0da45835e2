package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// pressKey delivers a key as Fyne's desktop driver does (processKeyPressed
// in fyne's internal/driver/glfw/window.go): to the focused widget, or to
// the canvas when none has focus.
func pressKey(win fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	c := win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func TestEnterCreatesTheNewCode(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	menuAction(t, w, "Edit", "New code…")()
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Edit > New code… showed no dialog")
	}
	name := w.win.Canvas().Focused()
	if name == nil {
		t.Fatal("the new-code form has no field focused")
	}
	test.Type(name, "Eigen drive")
	pressKey(w.win, fyne.KeyReturn)
	if _, err := p.FindCode(ctx, "Eigen drive"); err != nil {
		t.Errorf("after Enter in the name field: %v", err)
	}
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Error("the form stayed open after Enter")
	}
}

func TestEscapeClosesDialogs(t *testing.T) {
	w, p := newSearchWindow(t) // the search runs off the UI goroutine
	ctx := context.Background()
	search(t, w, "leert")

	var closed []string
	for _, c := range []struct {
		name string
		open func()
	}{
		// Focus in the name field, with a name typed: Escape cancels.
		{"new code", func() {
			menuAction(t, w, "Edit", "New code…")()
			test.Type(w.win.Canvas().Focused(), "Half getypt")
		}},
		{"query help", func() { test.Tap(w.search.help) }},
		{"code all hits", func() { test.Tap(w.search.codeAll) }},
		{"error", func() { w.showError(errors.New("kapot")) }},
		{"import report", func() {
			path := filepath.Join(t.TempDir(), "c – Chris.txt")
			os.WriteFile(path, []byte("Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\n"), 0o644)
			w.importPaths([]string{path})
			waitOnMain(t, w.importing, "the import")
		}},
		// Dialogs shown with Fyne's Show functions, which give no dialog
		// to dismiss, as some of the window's still are.
		{"ShowConfirm", func() {
			dialog.ShowConfirm("Delete code", "Sure?", func(ok bool) { closed = append(closed, "confirm") }, w.win)
		}},
		{"ShowForm", func() {
			items := []*widget.FormItem{widget.NewFormItem("Name", widget.NewEntry())}
			dialog.ShowForm("Edit code", "Save", "Cancel", items, func(ok bool) { closed = append(closed, "form") }, w.win)
		}},
		{"ShowCustom", func() { dialog.ShowCustom("Codings here", "Close", widget.NewLabel("…"), w.win) }},
		{"ShowInformation", func() { dialog.ShowInformation("Import", "Nothing there.", w.win) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			closeDialogs(w)
			c.open()
			if w.win.Canvas().Overlays().Top() == nil {
				t.Fatal("no dialog shown")
			}
			pressKey(w.win, fyne.KeyEscape)
			if top := w.win.Canvas().Overlays().Top(); top != nil {
				t.Errorf("after Escape a dialog is still shown: %s", labelTexts(top))
			}
		})
	}
	if len(closed) != 2 {
		t.Errorf("the dialogs' callbacks ran for %v, want confirm and form", closed)
	}
	if _, err := p.FindCode(ctx, "Half getypt"); err == nil {
		t.Error("Escape in the new-code form created the code")
	}
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("Escape in the code-all form coded %d passages", len(codings))
	}
}
