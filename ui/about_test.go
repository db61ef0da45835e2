package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/assets"
)

// listRows reads every row of a list as it draws it: the texts of its
// labels, joined by a tab.
func listRows(l *widget.List) []string {
	rows := make([]string, l.Length())
	item := l.CreateItem()
	for i := range rows {
		l.UpdateItem(i, item)
		var texts []string
		for _, o := range allObjectsUnder(item) {
			if label, ok := o.(*widget.Label); ok {
				texts = append(texts, label.Text)
			}
		}
		rows[i] = strings.Join(texts, "\t")
	}
	return rows
}

func TestAboutShowsTheVersionAndEveryLicence(t *testing.T) {
	test.NewTempApp(t)
	w, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{Version: "1.4.2"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	menuAction(t, w, "Help", "About Verbatim")()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Help > About Verbatim showed nothing")
	}
	if shown := labelTexts(top); !strings.Contains(shown, "Version 1.4.2 · built with go") {
		t.Errorf("the About box does not show the version:\n%s", shown)
	}
	var list *widget.List
	for _, o := range allObjectsUnder(top) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	}
	if list == nil {
		t.Fatalf("no licence list in the About box:\n%s", labelTexts(top))
	}
	rows := listRows(list)
	// Every module licenses.json lists (which assets' TestLicensesFollowGoMod
	// keeps equal to go.mod) has a row with its licence.
	licences := assets.Licenses()
	if len(licences) < 10 {
		t.Fatalf("assets lists %d licences", len(licences))
	}
	for _, l := range licences[1:] {
		req := strings.TrimSpace(l.Module + " " + l.Version)
		found := false
		for _, r := range rows {
			module, kind, _ := strings.Cut(r, "\t")
			found = found || module == req && kind != ""
		}
		if !found {
			t.Errorf("no licence row for %s", req)
		}
	}
	if !strings.HasPrefix(rows[0], "Go, its standard library and runtime\tBSD-3-Clause") {
		t.Errorf("the first row is %q, want Go's", rows[0])
	}

	// Choosing a row shows that licence's text. A tap on a row gives the
	// list the focus first.
	w.win.Canvas().Focus(list)
	list.Select(1)
	text := labelTexts(w.win.Canvas().Overlays().Top())
	if !strings.Contains(text, "fyne.io/fyne/v2") || !strings.Contains(text, "Redistribution and use in source and binary forms") {
		t.Errorf("choosing Fyne's row showed:\n%.300s", text)
	}

	// Escape closes the licence, then the About box, though a row was
	// tapped.
	pressKey(w.win, fyne.KeyEscape)
	pressKey(w.win, fyne.KeyEscape)
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("two Escapes left a dialog open:\n%.200s", labelTexts(top))
	}
}
