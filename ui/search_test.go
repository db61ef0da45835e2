package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

func waitForIndex(t *testing.T, w *MainWindow) {
	t.Helper()
	select {
	case <-w.index.ready:
	case <-time.After(60 * time.Second):
		t.Fatal("the search index did not open")
	}
	if w.index.err != nil {
		t.Fatal(w.index.err)
	}
}

func TestSearchOpenHitAndCodeAll(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()

	// "leert" finds the Dutch word forms: leert, and geleerd in the question.
	test.Type(w.search.entry, "leert")
	w.search.entry.OnSubmitted(w.search.entry.Text)
	if len(w.search.hits) != 2 || w.search.hits[0].Document != "b – Sanne.txt" || w.search.hits[1].Speaker != "Sanne" {
		t.Fatalf("hits for leert: %+v", w.search.hits)
	}
	if w.centre.Objects[0] != w.results {
		t.Error("the results are not shown")
	}
	select {
	case <-w.search.counting:
	case <-time.After(30 * time.Second):
		t.Fatal("the counts did not arrive")
	}
	if got := w.search.summary.Text; !strings.Contains(got, "in 1 document: b – Sanne.txt 2") || !strings.Contains(got, "speakers: ") {
		t.Errorf("summary with counts: %q", got)
	}
	w.search.list.Select(1)
	if w.doc.Name != "b – Sanne.txt" {
		t.Fatalf("opening the hit shows %q", w.doc.Name)
	}
	if got := w.transcript.SelectedText(); got != "leert" {
		t.Errorf("opening the hit selects %q, want the matched word", got)
	}

	// Code all hits by sentence, then undo it in one step.
	code, _ := p.FindCode(ctx, "Deel wat je leert")
	w.codeAllHits("leert OR motivatie", index.UnitSentence, code)
	codings, _ := p.Codings(ctx, model.CodingFilter{CodeID: code.ID})
	if len(codings) != 3 {
		t.Fatalf("code all hits made %d codings, want 3: %+v", len(codings), codings)
	}
	for _, c := range codings {
		if !strings.ContainsAny(c.Text[len(c.Text)-1:], ".?") || !(strings.Contains(c.Text, "lee") || strings.Contains(c.Text, "motivatie")) {
			t.Errorf("coded sentence %q", c.Text)
		}
	}
	w.onUndo()
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("one undo left %d codings", len(codings))
	}

	// A query with nothing to search for only explains.
	w.onSearch("-")
	if w.status.Text == "" {
		t.Error("no message for an empty query")
	}
	w.showResults(false)
	if w.centre.Objects[0] != w.transcript {
		t.Error("closing the results did not show the transcript alone")
	}
}
