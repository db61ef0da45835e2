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

// keyToggles are the key-quote toggles in the dialog on top of w.
func keyToggles(t *testing.T, w *MainWindow) []*widget.Check {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog on the window")
	}
	var out []*widget.Check
	for _, o := range allObjectsUnder(top) {
		if c, ok := o.(*widget.Check); ok && c.Text == "★ Key quote" {
			out = append(out, c)
		}
	}
	return out
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

	w.onHighlightTapped([]int64{a.ID, b.ID}, 12)
	toggles := keyToggles(t, w)
	if len(toggles) != 2 {
		t.Fatalf("got %d key-quote toggles in the dialog, want one per coding (2)", len(toggles))
	}
	if toggles[0].Checked || toggles[1].Checked {
		t.Error("a toggle is on for a coding that is no key quote")
	}
	if got := labelTexts(w.win.Canvas().Overlays().Top()); strings.Contains(got, "★ Deel") {
		t.Errorf("the dialog stars a coding that is no key quote:\n%s", got)
	}

	test.Tap(toggles[0])
	if !keyOf(a.ID) {
		t.Fatal("tapping the toggle did not mark the coding as a key quote")
	}
	if keyOf(b.ID) {
		t.Error("tapping the first toggle marked the second coding too")
	}
	if got, want := w.status.Text, "Marked as a key quote. Ctrl+Z undoes it."; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if got := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(got, "★ Deel wat je leert") || strings.Contains(got, "★ Vertrek") {
		t.Errorf("after marking, the dialog's titles are:\n%s", got)
	}

	// Edit > Undo (what Ctrl+Z does) unmarks it in one step; redo marks it again.
	menuAction(t, w, "Edit", "Undo")()
	if keyOf(a.ID) {
		t.Error("undo left the coding marked as a key quote")
	}
	if !strings.Contains(w.status.Text, "Mark a key quote") {
		t.Errorf("status after undo %q, want the step's label", w.status.Text)
	}
	menuAction(t, w, "Edit", "Redo")()
	if !keyOf(a.ID) {
		t.Error("redo did not mark the coding again")
	}

	// Opened again, the dialog shows the key quote as such, and unmarks it.
	w.win.Canvas().Overlays().Top().Hide()
	w.onHighlightTapped([]int64{a.ID}, 12)
	toggles = keyToggles(t, w)
	if len(toggles) != 1 || !toggles[0].Checked {
		t.Fatalf("reopened, the toggle of a key quote is not on")
	}
	if got := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(got, "★ Deel wat je leert") {
		t.Errorf("reopened, the dialog does not star the key quote:\n%s", got)
	}
	test.Tap(toggles[0])
	if keyOf(a.ID) {
		t.Error("tapping the toggle again did not unmark the coding")
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
	w.onHighlightTapped([]int64{c.ID}, 10)
	toggles := keyToggles(t, w)
	if len(toggles) != 1 {
		t.Fatalf("got %d toggles, want 1", len(toggles))
	}
	// Removed behind the dialog's back (from the command line, say).
	if err := p.RemoveCoding(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	test.Tap(toggles[0])
	if toggles[0].Checked {
		t.Error("the toggle stayed on although the coding could not be marked")
	}
	if n := len(w.win.Canvas().Overlays().List()); n != 2 {
		t.Errorf("got %d overlays, want the codings dialog and an error dialog", n)
	}
	if got := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(got, "not found") {
		t.Errorf("the error dialog says %q", got)
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
