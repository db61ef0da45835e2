package model

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// exportFixture is a project with two documents, two codes and codings.
func exportFixture(t *testing.T) (*Project, []Document, []Code) {
	t.Helper()
	ctx := context.Background()
	p := newProject(t, "nl")
	a, _ := p.AddCode(ctx, 0, "Deel wat je leert", "", "")
	b, _ := p.AddCode(ctx, 0, "Vertrek vanuit motivatie", "", "")
	var docs []Document
	for _, text := range []string{"Ana: ik deel wat ik leer, ook over café en reünie.\n", "Interviewer: Waarom?\nBen: Mijn drive.\n"} {
		nd := NewDocument{Name: text[:3] + ".txt", Text: text, Format: "txt"}
		start := 0
		for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			n := utf8.RuneCountInString(line)
			nd.Turns = append(nd.Turns, NewTurn{Start: start, End: start + n, Speaker: line[:strings.Index(line, ":")]})
			start += n + 1
		}
		d, err := p.ImportDocument(ctx, nd)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	for _, c := range []struct {
		code int64
		span Span
	}{{a.ID, Span{docs[0].ID, 5, 20}}, {b.ID, Span{docs[1].ID, 26, 35}}, {a.ID, Span{docs[1].ID, 0, 10}}} {
		if _, err := p.ApplyCode(ctx, c.code, c.span); err != nil {
			t.Fatal(err)
		}
	}
	return p, docs, []Code{a, b}
}

func TestKeyQuotes(t *testing.T) {
	ctx := context.Background()
	p, _, _ := exportFixture(t)
	all, _ := p.Codings(ctx, CodingFilter{})
	if err := p.SetKeyQuote(ctx, []int64{all[0].ID, all[2].ID}, true); err != nil {
		t.Fatal(err)
	}
	keys := func() []bool {
		got, _ := p.Codings(ctx, CodingFilter{})
		var out []bool
		for _, c := range got {
			out = append(out, c.Key)
		}
		return out
	}
	if got, want := keys(), []bool{true, false, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("key marks: got %v, want %v", got, want)
	}
	if c, _ := p.Coding(ctx, all[0].ID); !c.Key {
		t.Error("Coding does not report the key mark")
	}
	// One undo step takes both marks back.
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(), []bool{false, false, false}; !reflect.DeepEqual(got, want) {
		t.Errorf("after undo: got %v, want %v", got, want)
	}
	// Marking what is marked already leaves no undo step.
	before, _, _ := p.UndoStep(ctx)
	if err := p.SetKeyQuote(ctx, []int64{all[1].ID}, false); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := p.UndoStep(ctx); after.ID != before.ID {
		t.Errorf("an unchanged mark left an undo step %q", after.Label)
	}
	if err := p.SetKeyQuote(ctx, []int64{all[1].ID, 999}, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown coding: got %v, want ErrNotFound", err)
	}
	if got, want := keys(), []bool{false, false, false}; !reflect.DeepEqual(got, want) {
		t.Errorf("a refused mark changed something: %v", got)
	}
}

func TestThematicSummaries(t *testing.T) {
	ctx := context.Background()
	p, docs, codes := exportFixture(t)
	if err := p.SetSummary(ctx, docs[0].ID, codes[0].ID, "Ana deelt alles, ook wat misgaat."); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSummary(ctx, docs[1].ID, codes[0].ID, "Ben deelt weinig."); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSummary(ctx, docs[1].ID, codes[1].ID, "Drive."); err != nil {
		t.Fatal(err)
	}
	got, err := p.Summaries(ctx, SummaryFilter{CodeID: codes[0].ID})
	if err != nil || len(got) != 2 || got[0].Document != docs[0].Name || got[1].Text != "Ben deelt weinig." {
		t.Fatalf("summaries of a code: %+v, %v", got, err)
	}
	if s, _ := p.ThematicSummary(ctx, docs[1].ID, codes[1].ID); s != "Drive." {
		t.Errorf("ThematicSummary: got %q", s)
	}
	// Blank text removes the summary.
	if err := p.SetSummary(ctx, docs[1].ID, codes[1].ID, "  \n"); err != nil {
		t.Fatal(err)
	}
	if s, _ := p.ThematicSummary(ctx, docs[1].ID, codes[1].ID); s != "" {
		t.Errorf("after clearing: got %q", s)
	}
	if err := p.SetSummary(ctx, 999, codes[0].ID, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown document: got %v", err)
	}
	if err := p.SetSummary(ctx, docs[0].ID, 999, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown code: got %v", err)
	}
	// Merging codes joins their summaries; deleting a code removes its own.
	if err := p.SetSummary(ctx, docs[1].ID, codes[1].ID, "Drive."); err != nil {
		t.Fatal(err)
	}
	if err := p.MergeCode(ctx, codes[1].ID, codes[0].ID); err != nil {
		t.Fatal(err)
	}
	if s, _ := p.ThematicSummary(ctx, docs[1].ID, codes[0].ID); s != "Ben deelt weinig.\n\nDrive." {
		t.Errorf("after merge: got %q", s)
	}
	if err := p.DeleteDocument(ctx, docs[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Summaries(ctx, SummaryFilter{}); len(got) != 1 {
		t.Errorf("after deleting a document: %+v", got)
	}
	if err := p.DeleteCode(ctx, codes[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Summaries(ctx, SummaryFilter{}); len(got) != 0 {
		t.Errorf("after deleting the code: %+v", got)
	}
	if res, _ := p.IntegrityCheck(ctx); res != "ok" {
		t.Error(res)
	}
}

func TestPseudonyms(t *testing.T) {
	ctx := context.Background()
	p, _, _ := exportFixture(t)
	sugg, err := p.SuggestPseudonyms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Ana and Ben are names; Interviewer is a role and an interviewer.
	want := []Pseudonym{{"Ana", "Deelnemer 1"}, {"Ben", "Deelnemer 2"}}
	if !reflect.DeepEqual(sugg, want) {
		t.Fatalf("suggestions: got %v, want %v", sugg, want)
	}
	if err := p.SetPseudonym(ctx, "Ana", "Deelnemer 1"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetPseudonym(ctx, " ana ", "Lotte"); err != nil { // same name, other case: replaces
		t.Fatal(err)
	}
	list, _ := p.Pseudonyms(ctx)
	if !reflect.DeepEqual(list, []Pseudonym{{"ana", "Lotte"}}) {
		t.Errorf("list: got %v", list)
	}
	if sugg, _ := p.SuggestPseudonyms(ctx); !reflect.DeepEqual(sugg, []Pseudonym{{"Ben", "Deelnemer 1"}}) {
		t.Errorf("suggestions after setting one: %v", sugg)
	}
	for _, bad := range [][2]string{{"", "x"}, {"Ben", ""}, {"Ben", "ben"}} {
		if err := p.SetPseudonym(ctx, bad[0], bad[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetPseudonym(%q, %q): got %v, want ErrInvalid", bad[0], bad[1], err)
		}
	}
	// A pseudonym holding a listed name, or a name inside a pseudonym, is
	// refused: it would leak the name and be replaced in turn.
	if err := p.SetPseudonym(ctx, "Ben", "Ana Jansen"); !errors.Is(err, ErrInvalid) {
		t.Errorf("pseudonym holding a listed name: got %v, want ErrInvalid", err)
	}
	if err := p.SetPseudonym(ctx, "Lotte", "Deelnemer 5"); !errors.Is(err, ErrInvalid) {
		t.Errorf("name that is a pseudonym: got %v, want ErrInvalid", err)
	}
	if err := p.RemovePseudonym(ctx, "Nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing an unknown name: got %v", err)
	}
	if err := p.RemovePseudonym(ctx, "ANA"); err != nil {
		t.Fatal(err)
	}
	if list, _ := p.Pseudonyms(ctx); len(list) != 0 {
		t.Errorf("after remove: %v", list)
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if list, _ := p.Pseudonyms(ctx); len(list) != 1 {
		t.Errorf("after undoing the remove: %v", list)
	}
}

func TestGenericSpeakerLabel(t *testing.T) {
	for name, want := range map[string]bool{
		"Interviewer": true, "S01": true, "Speaker 2": true, "Deelnemer 3": true, "P3": true,
		"Ana": false, "Sanne de Vries": false, "S": false, "Int": true,
	} {
		if got := GenericSpeakerLabel(name); got != want {
			t.Errorf("GenericSpeakerLabel(%q) = %v, want %v", name, got, want)
		}
	}
}
