package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

func TestCtrlFPutsTheFocusInTheSearchBar(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Canvas().Focus(w.search.entry)
	test.Type(w.search.entry, "leren")
	for _, where := range []string{"transcript", "documents list"} {
		t.Run(where, func(t *testing.T) {
			if where == "transcript" {
				tapTranscript(t, w)
			} else {
				w.win.Canvas().Focus(w.documents.list)
			}
			typeShortcut(w.win, shortcutFind)
			if got := w.win.Canvas().Focused(); got != w.search.entry {
				t.Fatalf("after Ctrl+F the focus is on %T, want the search bar", got)
			}
			if got := w.search.entry.SelectedText(); got != "leren" {
				t.Errorf("after Ctrl+F %q is selected, want the query, so that typing replaces it", got)
			}
		})
	}
}

func TestNextAndPreviousCodedPassage(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	text, _ := p.Text(ctx, w.doc.ID)
	at := func(s string) model.Span {
		start := len([]rune(text[:strings.Index(text, s)]))
		return model.Span{DocID: w.doc.ID, Start: start, End: start + len([]rune(s))}
	}
	deel := codeNamed(t, p, "Deel wat je leert")
	motivatie := codeNamed(t, p, "Vertrek vanuit motivatie")
	// Coded out of text order, one passage twice.
	for _, c := range []struct {
		code int64
		span model.Span
	}{{motivatie.ID, at("mijn motivatie")}, {deel.ID, at("Waar begin")}, {motivatie.ID, at("Waar begin")}, {deel.ID, at("eigen drive")}} {
		if _, err := p.ApplyCode(ctx, c.code, c.span); err != nil {
			t.Fatal(err)
		}
	}
	w.refresh()
	w.transcript.Select(0, 0)
	steps := []struct {
		key    fyne.Shortcut
		want   string
		status string
	}{
		{shortcutNext, "Waar begin", "Coded passage 1 of 3: “Deel wat je leert”, “Vertrek vanuit motivatie”."},
		{shortcutNext, "eigen drive", "Coded passage 2 of 3: “Deel wat je leert”."},
		{shortcutNext, "mijn motivatie", "Coded passage 3 of 3: “Vertrek vanuit motivatie”."},
		{shortcutNext, "Waar begin", "Coded passage 1 of 3: “Deel wat je leert”, “Vertrek vanuit motivatie”. (Back at the first.)"},
		{shortcutPrevious, "mijn motivatie", "Coded passage 3 of 3: “Vertrek vanuit motivatie”. (Back at the last.)"},
		{shortcutPrevious, "eigen drive", "Coded passage 2 of 3: “Deel wat je leert”."},
	}
	tapTranscript(t, w) // the keys work with the focus in the transcript
	w.transcript.Select(0, 0)
	for i, s := range steps {
		typeShortcut(w.win, s.key)
		if got := w.transcript.SelectedText(); got != s.want {
			t.Fatalf("step %d (%s): selected %q, want %q", i+1, shortcutText(s.key), got, s.want)
		}
		if w.status.Text != s.status {
			t.Errorf("step %d: status %q, want %q", i+1, w.status.Text, s.status)
		}
	}

	// From the caret, next is the first passage that starts there or
	// after it, previous the last that starts before it.
	sp := at("eigen")
	for _, c := range []struct {
		caret int
		key   fyne.Shortcut
		want  string
	}{
		{sp.Start, shortcutNext, "eigen drive"},
		{sp.Start + 1, shortcutNext, "mijn motivatie"},
		{sp.Start, shortcutPrevious, "Waar begin"},
		{sp.Start + 1, shortcutPrevious, "eigen drive"},
	} {
		w.transcript.Select(c.caret, c.caret)
		typeShortcut(w.win, c.key)
		if got := w.transcript.SelectedText(); got != c.want {
			t.Errorf("%s from the caret at %d: selected %q, want %q", shortcutText(c.key), c.caret, got, c.want)
		}
	}

	// A document with no codings says so.
	tapDocument(t, w, "b – Sanne.txt")
	typeShortcut(w.win, shortcutNext)
	if s, e := w.transcript.Selection(); s != e || w.status.Text != "This document has no coded passages yet." {
		t.Errorf("in a document without codings: selected %d:%d, status %q", s, e, w.status.Text)
	}
}

func TestMenuShortcutsOpenTheirDialogs(t *testing.T) {
	for _, s := range []struct {
		name string
		key  fyne.Shortcut
		want string // a text in the dialog
	}{
		{"open", shortcutOpen, "Open"},
		{"import", shortcutImport, "Import files"},
	} {
		t.Run(s.name, func(t *testing.T) {
			w, _ := newTestWindow(t)
			tapTranscript(t, w)
			typeShortcut(w.win, s.key)
			top := w.win.Canvas().Overlays().Top()
			if top == nil || !strings.Contains(labelTexts(top), s.want) {
				t.Fatalf("%s showed no dialog with %q", shortcutText(s.key), s.want)
			}
			pressKey(w.win, fyne.KeyEscape)
		})
	}
}

func TestCtrlQClosesEveryWindow(t *testing.T) {
	// Not newTestWindow: Fyne's test driver fails closing a window twice.
	test.NewTempApp(t)
	w, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	w.win.SetOnClosed(func() { closed = true; w.close() })
	other := fyne.CurrentApp().NewWindow("other")
	typeShortcut(w.win, shortcutQuit)
	if !closed {
		t.Error("Ctrl+Q left the window open")
	}
	for _, win := range fyne.CurrentApp().Driver().AllWindows() {
		if win == other {
			t.Error("Ctrl+Q left another window open")
		}
	}
}

func TestShortcutsHelpListsThemAll(t *testing.T) {
	w, _ := newTestWindow(t)
	menuAction(t, w, "Help", "Keyboard shortcuts…")()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Help > Keyboard shortcuts… showed nothing")
	}
	shown := labelTexts(top)
	var want []string
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				want = append(want, shortcutText(it.Shortcut), m.Label+" > "+strings.TrimSuffix(it.Label, "…"))
			}
		}
	}
	if len(want) < 12 {
		t.Fatalf("the menus have %d shortcuts, want open, import, find, next, previous and quit", len(want)/2)
	}
	want = append(want, "Ctrl+O", "Ctrl+I", "Ctrl+F", "Ctrl+.", "Ctrl+,", "Ctrl+Q", "Ctrl+Z", "Ctrl+Y", "1 – 9", "Escape", "Enter")
	for _, s := range want {
		if !strings.Contains(shown, s) {
			t.Errorf("the shortcuts list lacks %q:\n%s", s, shown)
		}
	}
}

func TestMenuShortcutsWaitWhileADialogIsOpen(t *testing.T) {
	w, _ := newTestWindow(t)
	menuAction(t, w, "Help", "About Verbatim")()
	about := w.win.Canvas().Overlays().Top()
	typeShortcut(w.win, shortcutFind)
	typeShortcut(w.win, shortcutImport)
	if w.win.Canvas().Focused() == w.search.entry {
		t.Error("Ctrl+F under the About box put the focus in the search bar behind it")
	}
	if top := w.win.Canvas().Overlays().Top(); top != about {
		t.Errorf("Ctrl+I under the About box opened another dialog:\n%s", labelTexts(top))
	}
	pressKey(w.win, fyne.KeyEscape)
	typeShortcut(w.win, shortcutFind)
	if w.win.Canvas().Focused() != w.search.entry {
		t.Error("with the About box closed, Ctrl+F did not reach the search bar")
	}
}
