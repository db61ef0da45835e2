package ui

import (
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
)

// queryHelpShown returns the lines of the query help drawn in the dialog on
// top of the window that lie wholly inside the dialog's scroll view, how
// many lie inside it from top to bottom (if not from left to right), and
// that view.
func queryHelpShown(t *testing.T, w *MainWindow) (whole []string, rows int, _ *container.Scroll) {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no query help dialog")
	}
	var scroll *container.Scroll
	for _, o := range allObjectsUnder(top) {
		if s, ok := o.(*container.Scroll); ok {
			if l, ok := s.Content.(*widget.Label); ok && l.Text == lang.L("search.help") {
				scroll = s
			}
		}
	}
	if scroll == nil {
		t.Fatal("the dialog shows no query help in a scroll view")
	}
	view := scroll.Size()
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(scroll)
	for _, o := range allObjectsUnder(scroll.Content) {
		txt, ok := o.(*canvas.Text)
		if !ok || txt.Text == "" {
			continue
		}
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(txt).Subtract(origin)
		if at.Y < 0 || at.Y+txt.MinSize().Height > view.Height+0.5 {
			continue
		}
		rows++
		if at.X >= 0 && at.X+txt.MinSize().Width <= view.Width+0.5 {
			whole = append(whole, txt.Text)
		}
	}
	return whole, rows, scroll
}

func TestQueryHelpShowsAllOfIt(t *testing.T) {
	w, _ := newTestWindow(t)
	var lines []string
	for _, l := range strings.Split(index.QueryHelp, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimRight(l, " "))
		}
	}
	open := map[string]func(){
		"the ? button":      func() { test.Tap(w.search.help) },
		"Help > Searching…": menuAction(t, w, "Help", "Searching…"),
	}
	for _, how := range []string{"the ? button", "Help > Searching…"} {
		t.Run(how, func(t *testing.T) {
			closeDialogs(w)
			open[how]()
			shown, _, _ := queryHelpShown(t, w)
			seen := map[string]bool{}
			for _, s := range shown {
				seen[strings.TrimRight(s, " ")] = true
			}
			for _, l := range lines {
				if !seen[l] {
					t.Errorf("not shown whole: %q (%d of %d lines shown)", l, len(shown), len(lines))
				}
			}
		})
	}

	// In a small window the dialog fits inside it, still shows a good part
	// of the help, and scrolls to the rest.
	closeDialogs(w)
	w.win.Resize(fyne.NewSize(700, 480))
	test.Tap(w.search.help)
	_, rows, scroll := queryHelpShown(t, w)
	if rows < 8 {
		t.Errorf("in a 700×480 window the help shows %d lines, want at least 8", rows)
	}
	if top := w.win.Canvas().Overlays().Top(); top.MinSize().Width > 700 || top.MinSize().Height > 480 {
		t.Errorf("in a 700×480 window the dialog needs %v", top.MinSize())
	}
	if scroll.Direction != container.ScrollBoth {
		t.Errorf("the help scrolls only one way (%v): long lines would be cut off", scroll.Direction)
	}
}

// TestQueryHelpTranslated: the help the window shows in English is the
// index's own (the command line's), and in Dutch it is Dutch, every line
// whole.
func TestQueryHelpTranslated(t *testing.T) {
	var en string
	if err := json.Unmarshal(translations(t, "en")["search.help"], &en); err != nil || en != index.QueryHelp {
		t.Errorf("en.json's search.help is not index.QueryHelp (err %v): copy the help from index/query.go", err)
	}
	var nl string
	if err := json.Unmarshal(translations(t, "nl")["search.help"], &nl); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(nl, "\n"), strings.Count(index.QueryHelp, "\n"); got != want {
		t.Errorf("the Dutch help has %d lines, the English %d", got+1, want+1)
	}

	w, _ := newTestWindow(t)
	inDutch(t)
	test.Tap(w.search.help)
	shown, _, _ := queryHelpShown(t, w)
	seen := map[string]bool{}
	for _, s := range shown {
		seen[strings.TrimRight(s, " ")] = true
	}
	for _, l := range []string{"Zoeken", "  doc:Ana.docx           in één document (doc:Ana vindt ook Ana.docx)"} {
		if !seen[l] {
			t.Errorf("the Dutch help does not show %q whole; shown: %q", l, shown)
		}
	}
}
