package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// editItems are the Edit menu's first two items as the window shows them.
func editItems(t *testing.T, w *MainWindow) (undo, redo *fyne.MenuItem) {
	t.Helper()
	for _, m := range w.win.MainMenu().Items {
		if m.Label == "Edit" {
			return m.Items[0], m.Items[1]
		}
	}
	t.Fatal("no Edit menu")
	return nil, nil
}

// reads reports whether got is want, or starts with it when want ends in
// an ellipsis.
func reads(got, want string) bool {
	if prefix, ok := strings.CutSuffix(want, "…"); ok {
		return strings.HasPrefix(got, prefix)
	}
	return got == want
}

// menuState is an item as a user reads it: its label, "(disabled)" after.
func menuState(it *fyne.MenuItem) string {
	if it.Disabled {
		return it.Label + " (disabled)"
	}
	return it.Label
}

func TestEditMenuNamesTheSteps(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	codeStep := "Undo: Add code “Vertrek vanuit motivatie”"
	steps := []struct {
		name     string
		do       func()
		wantUndo string
		wantRedo string
	}{
		{"as opened", func() {}, codeStep, "Redo (disabled)"},
		{"after coding a passage", func() {
			text, _ := p.Text(ctx, w.doc.ID)
			start := len([]rune(text[:strings.Index(text, "mijn motivatie")]))
			w.transcript.Select(start, start+14)
			w.onCodeChosen(w.codebook.codes[1])
		}, "Undo: Apply “Vertrek vanuit motivatie”", "Redo (disabled)"},
		{"after undo", func() { menuAction(t, w, "Edit", "Undo")() }, codeStep, "Redo: Apply “Vertrek vanuit motivatie”"},
		{"after redo", func() { menuAction(t, w, "Edit", "Redo")() }, "Undo: Apply “Vertrek vanuit motivatie”", "Redo (disabled)"},
		{"after undoing everything", func() {
			for {
				if _, err := p.Undo(ctx); err != nil {
					break
				}
			}
			w.onUndo() // nothing left: the menu says so
		}, "Undo (disabled)", "Redo: Import …"}, // either interview came first
	}
	for _, s := range steps {
		s.do()
		undo, redo := editItems(t, w)
		if got := menuState(undo); !reads(got, s.wantUndo) {
			t.Errorf("%s: Edit's first item reads %q, want %q", s.name, got, s.wantUndo)
		}
		if got := menuState(redo); !reads(got, s.wantRedo) {
			t.Errorf("%s: Edit's second item reads %q, want %q", s.name, got, s.wantRedo)
		}
	}
}

func TestEditMenuOnAProjectWithoutHistory(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	if err := p.ClearHistory(context.Background()); err != nil {
		t.Fatal(err)
	}
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	undo, redo := editItems(t, w)
	if got, want := menuState(undo)+", "+menuState(redo), "Undo (disabled), Redo (disabled)"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestCutLabel(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"Apply “Deel wat je leert”", 60, "Apply “Deel wat je leert”"},
		{"Apply “Deel wat je leert”", 10, "Apply “De…"},
		{"café 🙂", 6, "café 🙂"},
		{"café 🙂 en meer", 6, "café …"},
	}
	for _, tt := range tests {
		if got := cutLabel(tt.in, tt.n); got != tt.want {
			t.Errorf("cutLabel(%q, %d): got %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// TestSpeakersSaveIsOneStep changes two fields in the speakers dialog and
// taps Save: one step, named for the document, that one undo takes back.
func TestSpeakersSaveIsOneStep(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	before, _ := p.Speakers(ctx, w.doc.ID)
	d := w.openSpeakers()
	if d == nil {
		t.Fatal("no speakers dialog")
	}
	for i, e := range d.edits {
		switch e.speaker.Label {
		case "Ana":
			d.names[i].SetText("")
			test.Type(d.names[i], "Ana de Boer")
		case "Interviewer":
			test.Tap(d.checks[i]) // no longer an interviewer
		}
	}
	last, _, _ := p.UndoStep(ctx)
	test.Tap(d.save)
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after Save")
	}
	s, _, _ := p.UndoStep(ctx)
	if s.ID != last.ID+1 {
		t.Errorf("Save made steps %d to %d, want one", last.ID+1, s.ID)
	}
	want := "Edit speakers of a – Ana.txt"
	if s.Label != want {
		t.Errorf("got step %q, want %q", s.Label, want)
	}
	if undo, _ := editItems(t, w); undo.Label != "Undo: "+want {
		t.Errorf("Edit's first item reads %q, want %q", undo.Label, "Undo: "+want)
	}
	after, _ := p.Speakers(ctx, w.doc.ID)
	for _, sp := range after {
		if sp.Label == "Ana" && sp.Case != "Ana de Boer" || sp.Label == "Interviewer" && sp.Interviewer {
			t.Errorf("after Save: got %+v", sp)
		}
	}
	menuAction(t, w, "Edit", "Undo")()
	if got, _ := p.Speakers(ctx, w.doc.ID); !slices.Equal(got, before) {
		t.Errorf("after one undo: got %+v, want %+v", got, before)
	}
}

// TestSpeakersSaveIsAllOrNothing: when one change is refused, none is kept.
func TestSpeakersSaveIsAllOrNothing(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	before, _ := p.Speakers(ctx, w.doc.ID)
	last, _, _ := p.UndoStep(ctx)
	var edits []*speakerEdit
	for _, s := range before {
		e := &speakerEdit{speaker: s, participant: s.Case, interviewer: !s.Interviewer}
		if s.Label == "Ana" {
			e.speaker.ID = 999 // gone meanwhile
			e.participant = "Ana de Boer"
		}
		edits = append(edits, e)
	}
	w.saveSpeakers(edits)
	if got, _ := p.Speakers(ctx, w.doc.ID); !slices.Equal(got, before) {
		t.Errorf("after a refused Save: got %+v, want %+v", got, before)
	}
	if s, _, _ := p.UndoStep(ctx); s.ID != last.ID {
		t.Errorf("a refused Save left step %q", s.Label)
	}
	if !strings.Contains(w.status.Text, "nothing was saved") {
		t.Errorf("status %q", w.status.Text)
	}
}

// TestPseudonymRenameIsOneStep: a stored row given another name is one
// step, and Keep all suggestions is one.
func TestPseudonymRenameIsOneStep(t *testing.T) {
	w, p := newStudyWindow(t)
	ctx := context.Background()
	d := w.openPseudonyms(nil)
	test.Tap(d.add)
	r := d.rows[0]
	test.Type(r.name, "Pieter Jansen")
	test.Type(r.pseudonym, "Collega A")
	test.Tap(r.save)

	r.name.SetText("")
	test.Type(r.name, "Piet Jansen")
	test.Tap(r.save)
	want := []model.Pseudonym{{Name: "Piet Jansen", Pseudonym: "Collega A"}}
	if got := pseudonymsOf(t, p); !slices.Equal(got, want) {
		t.Fatalf("after renaming: got %v, want %v", got, want)
	}
	if undo, _ := editItems(t, w); undo.Label != "Undo: Rename Pieter Jansen to Piet Jansen on the pseudonym list" {
		t.Errorf("Edit's first item reads %q", undo.Label)
	}
	w.onUndo()
	want = []model.Pseudonym{{Name: "Pieter Jansen", Pseudonym: "Collega A"}}
	if got := pseudonymsOf(t, p); !slices.Equal(got, want) {
		t.Errorf("after one undo: got %v, want %v", got, want)
	}
	w.onRedo()

	suggested, _ := p.SuggestPseudonyms(ctx)
	if len(suggested) < 2 {
		t.Fatalf("want two suggestions or more, got %v", suggested)
	}
	test.Tap(d.suggest)
	test.Tap(d.keepAll)
	if got := pseudonymsOf(t, p); len(got) != 1+len(suggested) {
		t.Fatalf("after Keep all: got %v", got)
	}
	if undo, _ := editItems(t, w); undo.Label != "Undo: Keep the suggested pseudonyms" {
		t.Errorf("Edit's first item reads %q", undo.Label)
	}
	w.onUndo()
	want = []model.Pseudonym{{Name: "Piet Jansen", Pseudonym: "Collega A"}}
	if got := pseudonymsOf(t, p); !slices.Equal(got, want) {
		t.Errorf("after one undo of Keep all: got %v, want %v", got, want)
	}
}
