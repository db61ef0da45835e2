package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// menuItem is a main-menu item, found by its menu's label and its own
// label's start.
func menuItem(t *testing.T, w *MainWindow, menu, item string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.win.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if strings.HasPrefix(it.Label, item) {
				return it
			}
		}
	}
	t.Fatalf("no menu item %s > %s", menu, item)
	return nil
}

func TestOpenRecentListsAndOpens(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	dir := t.TempDir()
	other := filepath.Join(dir, "Tweede studie.verbatim")
	q, err := model.Create(context.Background(), other, "nl")
	if err != nil {
		t.Fatal(err)
	}
	q.Close()
	gone := filepath.Join(dir, "Weg.verbatim")
	recent := []string{p.Path(), other, gone}
	var opened []string
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{
		Recent: func() []string { return recent },
		OnProjectOpened: func(path string) error {
			opened = append(opened, path)
			recent = append([]string{path}, slices.DeleteFunc(recent, func(s string) bool { return s == path })...)
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)

	item := menuItem(t, w, "File", "Open recent")
	if item.ChildMenu == nil {
		t.Fatal("File > Open recent has no submenu")
	}
	var got []string
	for _, it := range item.ChildMenu.Items {
		got = append(got, menuState(it))
	}
	want := []string{recentLabel(other), recentLabel(gone) + " (not found)" + " (disabled)"}
	if !slices.Equal(got, want) {
		t.Fatalf("File > Open recent lists %q, want %q (not the project shown)", got, want)
	}
	if !strings.HasPrefix(got[0], "Tweede studie — ") {
		t.Errorf("a recent project is labelled %q, want its name and folder", got[0])
	}

	before := len(fyne.CurrentApp().Driver().AllWindows())
	item.ChildMenu.Items[0].Action()
	wins := fyne.CurrentApp().Driver().AllWindows()
	if len(wins) != before+1 || wins[len(wins)-1].Title() != "Verbatim — Tweede studie" {
		t.Fatalf("choosing it opened no window on it: %d windows, the last %q", len(wins), wins[len(wins)-1].Title())
	}
	nw := wins[len(wins)-1]
	t.Cleanup(nw.Close)
	if !slices.Equal(opened, []string{other}) {
		t.Errorf("told of the projects opened: %q, want %q", opened, other)
	}
	// The list is refilled: the project left behind is a recent one of
	// the new window, and this window's list still leaves itself out.
	item = menuItem(t, w, "File", "Open recent")
	if n := len(item.ChildMenu.Items); n != 2 || item.ChildMenu.Items[0].Label != recentLabel(other) {
		t.Errorf("after opening: this window's list is %d items, first %q", n, item.ChildMenu.Items[0].Label)
	}
}

func TestOpenRecentWithNone(t *testing.T) {
	w, _ := newTestWindow(t)
	item := menuItem(t, w, "File", "Open recent")
	if n := len(item.ChildMenu.Items); n != 1 || !item.ChildMenu.Items[0].Disabled {
		t.Errorf("with no recent projects: %d items, want one disabled note", n)
	}
}
