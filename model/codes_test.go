package model

import (
	"context"
	"errors"
	"testing"
)

func TestCodeTree(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	doc, err := p.ImportDocument(ctx, NewDocument{Name: "a.txt", Format: "txt", Text: "Deel wat je leert, zei ze. En vertrek vanuit motivatie.\n"})
	if err != nil {
		t.Fatal(err)
	}
	leren, _ := p.AddCode(ctx, 0, "Leren", "#112233", "")
	deel, _ := p.AddCode(ctx, leren.ID, "Deel wat je leert", "", "Kennis delen")
	motivatie, _ := p.AddCode(ctx, 0, "Motivatie", "", "")
	drive, _ := p.AddCode(ctx, motivatie.ID, "Drive", "", "")

	if _, err := p.AddCode(ctx, leren.ID, "deel wat je LEERT", "", ""); !errors.Is(err, ErrDuplicate) {
		t.Errorf("same name under the same parent: got %v, want ErrDuplicate", err)
	}
	if _, err := p.AddCode(ctx, motivatie.ID, "Deel wat je leert", "", ""); err != nil {
		t.Errorf("same name under another parent: %v", err)
	}
	if _, err := p.FindCode(ctx, "Deel wat je leert"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ambiguous name: got %v, want ErrInvalid", err)
	}
	if c, err := p.FindCode(ctx, "Leren > Deel wat je leert"); err != nil || c.ID != deel.ID {
		t.Errorf("find by path: %+v, %v", c, err)
	}
	if _, err := p.AddCode(ctx, 0, "Kleur", "red", ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad colour: got %v, want ErrInvalid", err)
	}
	if err := p.MoveCode(ctx, leren.ID, deel.ID); !errors.Is(err, ErrInvalid) {
		t.Errorf("move under own child: got %v, want ErrInvalid", err)
	}

	a, _ := p.ApplyCode(ctx, deel.ID, Span{doc.ID, 0, 17})
	if _, err := p.ApplyCode(ctx, deel.ID, Span{doc.ID, 0, 17}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("exact duplicate coding: got %v, want ErrDuplicate", err)
	}
	if _, err := p.ApplyCode(ctx, leren.ID, Span{doc.ID, 0, 17}); err != nil {
		t.Errorf("same range, other code: %v", err)
	}
	if _, err := p.ApplyCode(ctx, deel.ID, Span{doc.ID, 5, 30}); err != nil {
		t.Errorf("overlapping coding: %v", err)
	}
	for _, s := range []Span{{doc.ID, -1, 3}, {doc.ID, 4, 4}, {doc.ID, 10, 5}, {doc.ID, 0, 1000}, {999, 0, 1}} {
		if _, err := p.ApplyCode(ctx, deel.ID, s); err == nil {
			t.Errorf("span %+v accepted", s)
		}
	}
	p.ApplyCode(ctx, drive.ID, Span{doc.ID, 0, 17}) // the same range as one of deel's
	p.ApplyCode(ctx, drive.ID, Span{doc.ID, 40, 55})
	p.SetMemo(ctx, CodeMemo, drive.ID, "eigen drive")

	if err := p.MergeCode(ctx, drive.ID, deel.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := p.Codings(ctx, CodingFilter{CodeID: deel.ID})
	if len(got) != 3 {
		t.Errorf("after merge deel has %d codings, want 3 (0:17 once, 5:30, 40:55)", len(got))
	}
	if got[0].ID != a.ID || got[0].Text != "Deel wat je leert" {
		t.Errorf("first coding after merge: %+v", got[0])
	}
	if m, _ := p.Memo(ctx, CodeMemo, deel.ID); m != "Drive: eigen drive" {
		t.Errorf("merged memo: %q", m)
	}
	if _, err := p.FindCode(ctx, "Drive"); !errors.Is(err, ErrNotFound) {
		t.Errorf("merged code still there: %v", err)
	}

	if err := p.DeleteCode(ctx, leren.ID); err != nil {
		t.Fatal(err)
	}
	codes, _ := p.Codes(ctx)
	all, _ := p.Codings(ctx, CodingFilter{})
	if len(codes) != 2 || len(all) != 0 {
		t.Errorf("after deleting Leren: %d codes (want 2), %d codings (want 0)", len(codes), len(all))
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	all, _ = p.Codings(ctx, CodingFilter{})
	if len(all) != 4 {
		t.Errorf("after undoing the delete: %d codings, want 4", len(all))
	}
}

func TestOccurrence(t *testing.T) {
	text := "Café “Zoë” kost €5 🙂, café Zoë’s ook.\n"
	tests := []struct {
		needle     string
		nth        int
		start, end int
		ok         bool
	}{
		{"Café", 1, 0, 4, true},
		{"café", 1, 22, 26, true},
		{"café", 2, 0, 0, false}, // exact matches count when there are any
		{"Zoë", 2, 27, 30, true},
		{"€5 🙂", 1, 16, 20, true},
		{`"Zoë"`, 1, 5, 10, true}, // straight quotes find typographic ones
		{"CAFÉ", 2, 22, 26, true},
		{"thee", 1, 0, 0, false},
		{"", 1, 0, 0, false},
	}
	for _, tt := range tests {
		s, e, ok := Occurrence(text, tt.needle, tt.nth)
		if ok != tt.ok || s != tt.start || e != tt.end {
			t.Errorf("Occurrence(%q, %d) = %d, %d, %v; want %d, %d, %v", tt.needle, tt.nth, s, e, ok, tt.start, tt.end, tt.ok)
		}
		if ok && !equalFold([]rune(text)[s:e], tt.needle) {
			t.Errorf("Occurrence(%q) points at %q", tt.needle, string([]rune(text)[s:e]))
		}
	}
}

func equalFold(r []rune, s string) bool { return foldForMatch(string(r)) == foldForMatch(s) }

func TestImportDocumentChecks(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "en")
	good := NewDocument{Name: "a.txt", Format: "txt", Text: "Ana: hi\nBo: yes\nAna: bye\n",
		Turns:      []NewTurn{{Start: 0, End: 7, Speaker: "Ana"}, {Start: 8, End: 15, Speaker: "Bo"}, {Start: 16, End: 24, Speaker: "Ana"}},
		Attributes: []Attribute{{"date", "2023-05-01"}, {"duration", "00:45:00"}}}
	d, err := p.ImportDocument(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if d.Speakers != 2 {
		t.Errorf("speakers: got %d, want 2", d.Speakers)
	}
	turns, _ := p.Turns(ctx, d.ID)
	if len(turns) != 3 || turns[2].Speaker != "Ana" || turns[2].SpeakerID != turns[0].SpeakerID {
		t.Errorf("turns: %+v", turns)
	}
	attrs, _ := p.DocumentAttributes(ctx, d.ID)
	if len(attrs) != 2 || attrs[1].Value != "00:45:00" {
		t.Errorf("attributes: %+v", attrs)
	}
	if _, err := p.ImportDocument(ctx, good); !errors.Is(err, ErrDuplicate) {
		t.Errorf("same text again: got %v, want ErrDuplicate", err)
	}
	other := good
	other.Text, other.Turns = "Something else.\n", nil
	d2, err := p.ImportDocument(ctx, other)
	if err != nil || d2.Name != "a (2).txt" {
		t.Errorf("same name, other text: %q, %v; want a (2).txt", d2.Name, err)
	}
	cases, _ := p.Cases(ctx)
	if len(cases) != 2 {
		t.Errorf("participants: %+v", cases)
	}
	bad := []NewDocument{
		{Name: "", Text: "x"},
		{Name: "crlf.txt", Text: "a\r\nb"},
		{Name: "bin.txt", Text: "a\x00b"},
		{Name: "utf.txt", Text: "a\xffb"},
		{Name: "turns.txt", Text: "abc", Turns: []NewTurn{{Start: 0, End: 4}}},
		{Name: "order.txt", Text: "abcdef", Turns: []NewTurn{{Start: 2, End: 4}, {Start: 1, End: 3}}},
	}
	before := dump(t, p)
	for _, nd := range bad {
		if _, err := p.ImportDocument(ctx, nd); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: got %v, want ErrInvalid", nd.Name, err)
		}
	}
	if dump(t, p) != before {
		t.Error("a refused import changed the project")
	}
}

func TestAddCodeInVivo(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	d, _ := p.ImportDocument(ctx, NewDocument{Name: "a.txt", Format: "txt", Text: "Ana: patronen doorbreken, dat is het.\n"})
	c, err := p.AddCode(ctx, 0, "patronen doorbreken", "", "", Span{d.ID, 5, 24})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := p.Codings(ctx, CodingFilter{CodeID: c.ID})
	if len(got) != 1 || got[0].Text != "patronen doorbreken" || c.Codings != 1 {
		t.Fatalf("in-vivo coding: %+v", got)
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if codes, _ := p.Codes(ctx); len(codes) != 0 {
		t.Errorf("one undo left %+v", codes)
	}
	// A bad span refuses the whole action.
	if _, err := p.AddCode(ctx, 0, "x", "", "", Span{d.ID, 5, 500}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad span: %v", err)
	}
	if codes, _ := p.Codes(ctx); len(codes) != 0 {
		t.Errorf("a refused in-vivo coding left a code: %+v", codes)
	}
}
