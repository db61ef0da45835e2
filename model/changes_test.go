package model

import (
	"context"
	"slices"
	"testing"
)

func TestChangedDocuments(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	a, _ := p.ImportDocument(ctx, NewDocument{Name: "a.txt", Format: "txt", Text: "Ana: een.\n", Turns: []NewTurn{{Start: 0, End: 9, Speaker: "Ana"}}})
	b, _ := p.ImportDocument(ctx, NewDocument{Name: "b.txt", Format: "txt", Text: "Bo: twee.\n", Turns: []NewTurn{{Start: 0, End: 9, Speaker: "Bo"}}})
	c, _ := p.AddCode(ctx, 0, "Code", "", "")
	r0, _ := p.Revision(ctx)

	check := func(step string, since int64, want []int64, wantAll bool) int64 {
		t.Helper()
		docs, now, all, err := p.ChangedDocuments(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		if all != wantAll || !slices.Equal(docs, want) {
			t.Errorf("%s: changed %v (all %v), want %v (all %v)", step, docs, all, want, wantAll)
		}
		return now
	}
	check("nothing yet", r0, nil, false)
	p.ApplyCode(ctx, c.ID, Span{a.ID, 0, 3})
	r1 := check("a coding in a", r0, []int64{a.ID}, false)
	p.EditCode(ctx, c.ID, CodeEdit{Name: ptr("Nieuw")})
	check("renamed code used in a", r1, []int64{a.ID}, false)
	r2, _ := p.Revision(ctx)
	cases, _ := p.Cases(ctx)
	for _, cs := range cases {
		if cs.Name == "Bo" {
			p.SetCaseAttribute(ctx, cs.ID, "rol", "beleidsmaker")
		}
	}
	r3 := check("attribute of Bo", r2, []int64{b.ID}, false)
	p.Undo(ctx)
	check("undo of the attribute", r3, []int64{b.ID}, false)
	p.DeleteDocument(ctx, a.ID)
	check("since the start", r0, []int64{a.ID, b.ID}, false)
	r4, _ := p.Revision(ctx)
	p.SetLanguage(ctx, "en")
	check("language change", r4, nil, true)
	if r5, _ := p.Revision(ctx); r5 != r4+1 {
		t.Errorf("revision after one action: %d, want %d", r5, r4+1)
	}
}
