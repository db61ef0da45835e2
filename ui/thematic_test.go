package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// applyAt codes the nth (from 1) occurrence of needle in a document.
func applyAt(t *testing.T, p *model.Project, codeID, docID int64, needle string, nth int) model.Coding {
	t.Helper()
	ctx := context.Background()
	text, err := p.Text(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	start, end, ok := model.Occurrence(text, needle, nth)
	if !ok {
		t.Fatalf("%q not found", needle)
	}
	c, err := p.ApplyCode(ctx, codeID, model.Span{DocID: docID, Start: start, End: end})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// tapMenuItem taps the item of the pop-up menu on top of w whose text is
// label: the innermost tappable widget showing it, since the menu around
// the items is tappable too (a tap there closes it).
func tapMenuItem(t *testing.T, w *MainWindow, label string) {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no menu shown")
	}
	var item fyne.Tappable
	for _, o := range allObjectsUnder(top) {
		tap, ok := o.(fyne.Tappable)
		if !ok {
			continue
		}
		for _, x := range allObjectsUnder(o) {
			if tx, ok := x.(*canvas.Text); ok && tx.Text == label {
				item = tap
			}
		}
	}
	if item == nil {
		t.Fatalf("no menu item %q in:\n%s", label, labelTexts(top))
	}
	test.Tap(item)
}

func TestThematicSummaryShowsPassagesAndSaves(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	if w.doc.Name != "a – Ana.txt" {
		t.Fatalf("shown %q, want Ana's interview", w.doc.Name)
	}
	motivatie, _ := p.FindCode(ctx, "Vertrek vanuit motivatie")
	deel, _ := p.FindCode(ctx, "Deel wat je leert")
	// Out of document order, to see the editor put them in order.
	applyAt(t, p, motivatie.ID, w.doc.ID, "mijn motivatie", 1)
	applyAt(t, p, motivatie.ID, w.doc.ID, "eigen drive", 1)
	applyAt(t, p, deel.ID, w.doc.ID, "Waar begin je", 1) // another code: not shown
	w.refresh()

	// The code's menu has the item, and it opens the editor on the passages.
	var code model.Code
	for _, c := range w.codebook.codes {
		if c.ID == motivatie.ID {
			code = c
		}
	}
	w.onCodeMenu(code, w.codebook.box)
	tapMenuItem(t, w, "Thematic summary for this document…")
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the menu item opened no editor")
	}
	if got := labelTexts(top); !strings.Contains(got, "“mijn motivatie”") || !strings.Contains(got, "Thematic summary") {
		t.Errorf("the editor opened from the menu shows:\n%s", got)
	}
	top.Hide()

	e := w.onThematicSummary(code)
	if e == nil {
		t.Fatal("no editor")
	}
	var quotes []string
	for _, l := range e.passages {
		quotes = append(quotes, l.Text)
	}
	if got, want := strings.Join(quotes, " | "), "“eigen drive” | “mijn motivatie”"; got != want {
		t.Errorf("passages %s, want %s", got, want)
	}
	if got := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(got, "2 coded passages") || !strings.Contains(got, "Passage 2") || strings.Contains(got, "Characters ") {
		t.Errorf("the editor shows:\n%s", got)
	}
	if e.entry.Text != "" {
		t.Errorf("a new summary starts as %q", e.entry.Text)
	}

	const summary = "Ana begint bij haar eigen drive."
	test.Type(e.entry, summary)
	test.Tap(e.save)
	if got, _ := p.ThematicSummary(ctx, w.doc.ID, motivatie.ID); got != summary {
		t.Fatalf("saved summary %q, want %q", got, summary)
	}
	if other, _ := p.ThematicSummary(ctx, w.doc.ID, deel.ID); other != "" {
		t.Errorf("the other code got a summary too: %q", other)
	}
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("the editor stayed open after saving")
	}
	if !strings.Contains(w.status.Text, "saved") {
		t.Errorf("status %q", w.status.Text)
	}

	// Opened again it shows the summary; cleared and saved, it is removed.
	e = w.onThematicSummary(code)
	if e.entry.Text != summary {
		t.Errorf("reopened, the entry holds %q, want the summary", e.entry.Text)
	}
	e.entry.SetText("")
	test.Tap(e.save)
	if got, _ := p.ThematicSummary(ctx, w.doc.ID, motivatie.ID); got != "" {
		t.Errorf("after clearing, the summary is %q", got)
	}
	if all, _ := p.Summaries(ctx, model.SummaryFilter{}); len(all) != 0 {
		t.Errorf("after clearing, %d summaries remain", len(all))
	}
	if !strings.Contains(w.status.Text, "removed") {
		t.Errorf("status %q", w.status.Text)
	}
	w.onUndo()
	if got, _ := p.ThematicSummary(ctx, w.doc.ID, motivatie.ID); got != summary {
		t.Errorf("undoing the removal gives %q, want the summary back", got)
	}
}

func TestThematicSummaryWithoutPassagesOrDocument(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	code := w.codebook.codes[0]

	// No passage coded: the editor says so, and a summary can still be written.
	e := w.onThematicSummary(code)
	if e == nil || len(e.passages) != 0 {
		t.Fatalf("editor %v", e)
	}
	if got := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(got, "No passage of this document is coded") {
		t.Errorf("the editor shows:\n%s", got)
	}
	// The document goes while the editor is open: Save shows the error and
	// keeps the editor, with what was typed.
	if err := p.DeleteDocument(ctx, w.doc.ID); err != nil {
		t.Fatal(err)
	}
	test.Type(e.entry, "Niets")
	test.Tap(e.save)
	if n := len(w.win.Canvas().Overlays().List()); n != 2 {
		t.Errorf("got %d overlays after a failed save, want the editor and an error dialog", n)
	}
	if e.entry.Text != "Niets" {
		t.Errorf("the entry lost its text: %q", e.entry.Text)
	}
	for w.win.Canvas().Overlays().Top() != nil {
		w.win.Canvas().Overlays().Top().Hide()
	}

	// Without a document shown (the one shown is gone), it only explains.
	w.refresh()
	if w.doc.ID != 0 {
		t.Fatalf("still shown: %q", w.doc.Name)
	}
	if e := w.onThematicSummary(code); e != nil {
		t.Error("an editor opened without a document shown")
	}
	if !strings.Contains(w.status.Text, "Choose a document") {
		t.Errorf("status %q", w.status.Text)
	}
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("a dialog opened without a document shown")
	}
}
