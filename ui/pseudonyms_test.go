package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

func pseudonymsOf(t *testing.T, p *model.Project) []model.Pseudonym {
	t.Helper()
	list, err := p.Pseudonyms(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestPseudonymsDialogAddsEditsAndRemoves(t *testing.T) {
	w, p := newStudyWindow(t)
	d := w.openPseudonyms(nil)
	if d == nil || len(d.rows) != 0 {
		t.Fatalf("dialog for an empty list: %+v", d)
	}

	test.Tap(d.add)
	r := d.rows[0]
	test.Type(r.name, "Pieter Jansen")
	test.Type(r.pseudonym, "Collega A")
	if r.save.Disabled() {
		t.Fatal("✓ is disabled on a row typed in")
	}
	test.Tap(r.save)
	want := []model.Pseudonym{{Name: "Pieter Jansen", Pseudonym: "Collega A"}}
	if got := pseudonymsOf(t, p); !slices.Equal(got, want) {
		t.Fatalf("after adding: %v, want %v", got, want)
	}
	if !r.save.Disabled() {
		t.Error("✓ still offered for a stored row")
	}

	// Editing the pseudonym stores it as one step; Enter stores it.
	r.pseudonym.SetText("")
	test.Type(r.pseudonym, "Collega B")
	r.pseudonym.OnSubmitted(r.pseudonym.Text)
	want = []model.Pseudonym{{Name: "Pieter Jansen", Pseudonym: "Collega B"}}
	if got := pseudonymsOf(t, p); !slices.Equal(got, want) {
		t.Fatalf("after editing: %v, want %v", got, want)
	}
	w.onUndo()
	want = []model.Pseudonym{{Name: "Pieter Jansen", Pseudonym: "Collega A"}}
	if got := pseudonymsOf(t, p); !slices.Equal(got, want) {
		t.Errorf("undo of the edit: %v, want %v", got, want)
	}
	w.onRedo()

	// A pseudonym holding a listed name is refused with the model's
	// message, and nothing is stored.
	test.Tap(d.add)
	bad := d.rows[1]
	test.Type(bad.name, "Karin")
	test.Type(bad.pseudonym, "Pieter Jansen junior")
	overlays := len(w.win.Canvas().Overlays().List())
	test.Tap(bad.save)
	if got := pseudonymsOf(t, p); len(got) != 1 {
		t.Errorf("a refused pseudonym was stored: %v", got)
	}
	if len(w.win.Canvas().Overlays().List()) != overlays+1 {
		t.Errorf("%d dialogs over the pseudonyms, want one error", len(w.win.Canvas().Overlays().List())-overlays)
	}
	w.win.Canvas().Overlays().Top().Hide()
	test.Tap(bad.remove)
	if len(d.rows) != 1 {
		t.Errorf("%d rows after removing the unsaved one", len(d.rows))
	}

	test.Tap(r.remove)
	if got := pseudonymsOf(t, p); len(got) != 0 || len(d.rows) != 0 {
		t.Errorf("after removing: %v, %d rows", got, len(d.rows))
	}
}

func TestPseudonymsDialogSuggests(t *testing.T) {
	w, p := newStudyWindow(t)
	want, err := p.SuggestPseudonyms(context.Background())
	if err != nil || len(want) == 0 {
		t.Fatalf("suggestions: %v, %v", want, err)
	}
	d := w.openPseudonyms(nil)
	test.Tap(d.suggest)
	var got []model.Pseudonym
	for _, r := range d.rows {
		got = append(got, r.entered())
	}
	if !slices.Equal(got, want) {
		t.Fatalf("rows after Suggest: %v, want %v", got, want)
	}
	for _, ps := range got {
		if ps.Name == "Interviewer" {
			t.Errorf("the interviewer got a pseudonym: %v", got)
		}
	}
	if stored := pseudonymsOf(t, p); len(stored) != 0 {
		t.Errorf("suggestions stored before they were kept: %v", stored)
	}
	// Suggesting again adds no row twice.
	test.Tap(d.suggest)
	if len(d.rows) != len(want) {
		t.Errorf("%d rows after suggesting twice, want %d", len(d.rows), len(want))
	}
	test.Tap(d.rows[0].remove) // not wanted
	test.Tap(d.keepAll)
	if stored := pseudonymsOf(t, p); len(stored) != len(want)-1 {
		t.Errorf("after keeping the rest: %v", stored)
	}
	// Closing stores nothing more, and the export dialog counts them.
	d.dialog.Hide()
	e := w.openExport(false)
	waitCount(t, e)
	if want := plural("{{.Count}} names", len(want)-1) + " listed"; !strings.Contains(e.pseudonyms.Text, want) {
		t.Errorf("pseudonyms switch %q, want %q", e.pseudonyms.Text, want)
	}
}
