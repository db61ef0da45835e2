package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// allObjectsUnder lists o and everything drawn inside it, as the real
// widgets render it: the way to reach the widgets of a stock dialog.
func allObjectsUnder(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch x := o.(type) {
	case *fyne.Container:
		for _, ch := range x.Objects {
			out = append(out, allObjectsUnder(ch)...)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(x).Objects() {
			out = append(out, allObjectsUnder(ch)...)
		}
	}
	return out
}

// labelTexts joins the texts of the labels and canvas texts under o.
func labelTexts(o fyne.CanvasObject) string {
	var texts []string
	for _, x := range allObjectsUnder(o) {
		switch x := x.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *canvas.Text:
			texts = append(texts, x.Text)
		}
	}
	return strings.Join(texts, "\n")
}

// keyButtons are the ★ buttons of the rows of the coded segments panel,
// top down.
func keyButtons(w *MainWindow) []*widget.Button {
	var out []*widget.Button
	for _, v := range segmentRowViews(w) {
		out = append(out, v.key)
	}
	return out
}

// panelPlaces are the places of the panel's rows, which name the code of
// each coding here, top down.
func panelPlaces(w *MainWindow) string {
	var out []string
	for _, v := range segmentRowViews(w) {
		out = append(out, v.key.Text+" "+v.place.Text)
	}
	return strings.Join(out, "\n")
}

// menuAction is the action of a main-menu item, found by its labels; an
// item named for a step ("Undo: …") is found by its verb ("Undo").
func menuAction(t *testing.T, w *MainWindow, menu, item string) func() {
	t.Helper()
	for _, m := range w.win.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == item || strings.HasPrefix(it.Label, item+": ") {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu item %s > %s", menu, item)
	return nil
}

func TestKeyQuoteToggleMarksAndUndoUnmarks(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	deel, _ := p.FindCode(ctx, "Deel wat je leert")
	motivatie, _ := p.FindCode(ctx, "Vertrek vanuit motivatie")
	a, err := p.ApplyCode(ctx, deel.ID, model.Span{DocID: w.doc.ID, Start: 5, End: 20})
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.ApplyCode(ctx, motivatie.ID, model.Span{DocID: w.doc.ID, Start: 10, End: 25})
	if err != nil {
		t.Fatal(err)
	}
	w.refresh()
	keyOf := func(id int64) bool {
		t.Helper()
		codings, err := p.Codings(ctx, model.CodingFilter{DocID: w.doc.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codings {
			if c.ID == id {
				return c.Key
			}
		}
		t.Fatalf("coding %d is gone", id)
		return false
	}

	clickWord(t, w, "Waar", 1) // under both codings
	toggles := keyButtons(w)
	if len(toggles) != 2 {
		t.Fatalf("got %d ★ buttons in the panel, want one per coding (2):\n%s", len(toggles), panelPlaces(w))
	}
	if got := panelPlaces(w); strings.Contains(got, "★") || !strings.HasPrefix(got, "☆ Deel") {
		t.Errorf("the panel stars a coding that is no key quote:\n%s", got)
	}

	test.Tap(toggles[0])
	if !keyOf(a.ID) {
		t.Fatal("tapping ★ did not mark the coding as a key quote")
	}
	if keyOf(b.ID) {
		t.Error("tapping the first ★ marked the second coding too")
	}
	if got, want := w.status.Text, "Marked as a key quote. Ctrl+Z undoes it."; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if got := panelPlaces(w); !strings.Contains(got, "★ Deel wat je leert") || strings.Contains(got, "★ Vertrek") {
		t.Errorf("after marking, the panel's rows are:\n%s", got)
	}

	// Edit > Undo (what Ctrl+Z does) unmarks it in one step; redo marks it again.
	menuAction(t, w, "Edit", "Undo")()
	if keyOf(a.ID) {
		t.Error("undo left the coding marked as a key quote")
	}
	if !strings.Contains(w.status.Text, "Mark a key quote") {
		t.Errorf("status after undo %q, want the step's label", w.status.Text)
	}
	if got := panelPlaces(w); strings.Contains(got, "★") {
		t.Errorf("after undo, the panel still stars a coding:\n%s", got)
	}
	menuAction(t, w, "Edit", "Redo")()
	if !keyOf(a.ID) {
		t.Error("redo did not mark the coding again")
	}

	// Clicked again, the panel shows the key quote as such, and unmarks it.
	clickWord(t, w, "Waar", 1)
	toggles = keyButtons(w)
	if len(toggles) != 2 || toggles[0].Text != "★" {
		t.Fatalf("clicked again, the ★ of the key quote is not on:\n%s", panelPlaces(w))
	}
	test.Tap(toggles[0])
	if keyOf(a.ID) {
		t.Error("tapping ★ again did not unmark the coding")
	}
	if got, want := w.status.Text, "No longer a key quote. Ctrl+Z undoes it."; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
}

func TestKeyQuoteToggleOnRemovedCodingShowsError(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	deel, _ := p.FindCode(ctx, "Deel wat je leert")
	c, err := p.ApplyCode(ctx, deel.ID, model.Span{DocID: w.doc.ID, Start: 5, End: 20})
	if err != nil {
		t.Fatal(err)
	}
	w.refresh()
	clickWord(t, w, "Waar", 1)
	toggles := keyButtons(w)
	if len(toggles) != 1 {
		t.Fatalf("got %d ★ buttons, want 1", len(toggles))
	}
	// Removed behind the panel's back (from the command line, say).
	if err := p.RemoveCoding(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	test.Tap(toggles[0])
	if n := len(w.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("got %d overlays, want the error dialog alone", n)
	}
	if got := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(got, "not found") {
		t.Errorf("the error dialog says %q", got)
	}
	if got := w.segments.count.Text; got != "No codings here any more." {
		t.Errorf("after the failure the panel says %q, want the coding gone", got)
	}
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("the failed mark left %d codings", len(codings))
	}
}

func TestKeyQuotesStandOutInTheTranscript(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	code, _ := p.FindCode(ctx, "Deel wat je leert")
	doc := w.doc
	plain, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: doc.ID, Start: 0, End: 5})
	if err != nil {
		t.Fatal(err)
	}
	key, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: doc.ID, Start: 6, End: 10})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetKeyQuote(ctx, []int64{key.ID}, true); err != nil {
		t.Fatal(err)
	}
	w.refresh()
	alpha := map[int64]uint8{}
	for _, h := range w.highlights {
		alpha[h.ID] = h.Color.A
	}
	if alpha[key.ID] <= alpha[plain.ID] {
		t.Errorf("a key quote's highlight (alpha %d) does not stand out from a plain coding's (alpha %d)", alpha[key.ID], alpha[plain.ID])
	}
}
