package cli

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/assets"
	"codeberg.org/verbatim/verbatim/model"
)

// TestCreateDemo builds the demo project for real, in both languages, and checks that it holds
// everything a first principle report needs: the interviews, codings with their memos and key
// quotes, thematic summaries, interview summaries and who the participants are.
func TestCreateDemo(t *testing.T) {
	for _, tt := range []struct {
		lang       string
		attributes []string // participant attribute keys, in the project's language
		memo       string   // a phrase of the project memo
	}{
		{lang: "nl", attributes: []string{"organisatie", "rol"}, memo: "drie verzonnen voorbeeldinterviews"},
		{lang: "en", attributes: []string{"organisation", "role"}, memo: "three made-up example interviews"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), DemoName)
			if err := CreateDemo(ctx, path, tt.lang); err != nil {
				t.Fatalf("CreateDemo: %v", err)
			}
			p, err := model.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()

			want := assets.DemoInterviews(tt.lang)
			var wantCodings, wantKeys, wantMemos, wantSummaries int
			for _, iv := range want {
				wantCodings += len(iv.Codings)
				wantSummaries += len(iv.Summaries)
				for _, c := range iv.Codings {
					if c.Key {
						wantKeys++
					}
					if c.Memo != "" {
						wantMemos++
					}
				}
			}

			// Keys 1–6 are the six principles, in codebook order.
			codeKeys, err := p.CodeKeys(ctx)
			if err != nil {
				t.Fatal(err)
			}
			codes, _ := p.Codes(ctx)
			for i, c := range codes {
				if codeKeys[i+1] != c.ID {
					t.Errorf("key %d: got code %d, want %d (%s)", i+1, codeKeys[i+1], c.ID, c.Name)
				}
			}

			docs, err := p.Documents(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != len(want) || len(docs) != 3 {
				t.Fatalf("got %d documents, want 3", len(docs))
			}
			codings, err := p.Codings(ctx, model.CodingFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var keys, memos int
			for _, c := range codings {
				if c.Key {
					keys++
				}
				if c.Memo != "" {
					memos++
				}
			}
			if len(codings) != wantCodings || keys != wantKeys || memos != wantMemos {
				t.Errorf("got %d codings, %d key quotes, %d coding memos; want %d, %d, %d",
					len(codings), keys, memos, wantCodings, wantKeys, wantMemos)
			}
			summaries, err := p.Summaries(ctx, model.SummaryFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(summaries) != wantSummaries {
				t.Errorf("got %d thematic summaries, want %d", len(summaries), wantSummaries)
			}
			codes, err = p.Codes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range summaries {
				if s.Code != codes[1].Name {
					t.Errorf("%s: got a thematic summary of %q, want only %q", s.Document, s.Code, codes[1].Name)
				}
			}

			for _, iv := range want {
				t.Run(iv.Participant, func(t *testing.T) {
					checkDemoDocument(t, p, iv, docs, codes)
				})
			}
			checkDemoParticipants(t, p, want, tt.attributes)

			memo, err := p.Memo(ctx, model.ProjectMemo, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(memo, tt.memo) || !strings.Contains(memo, "Kennisland") {
				t.Errorf("got project memo %q, want it to mention %q and Kennisland", memo, tt.memo)
			}
			if step, ok, err := p.UndoStep(ctx); err != nil || ok {
				t.Errorf("got undo step %q (%v), want an empty history", step.Label, err)
			}
		})
	}
}

// checkDemoDocument checks one imported demo interview: its summary memo, and that every
// coding quotes the text the demo meant, within one turn of the interviewee.
func checkDemoDocument(t *testing.T, p *model.Project, iv assets.Interview, docs []model.Document, codes []model.Code) {
	t.Helper()
	ctx := context.Background()
	i := slices.IndexFunc(docs, func(d model.Document) bool { return d.Name == iv.Name })
	if i < 0 {
		t.Fatalf("no document %q", iv.Name)
	}
	doc := docs[i]
	if memo, err := p.Memo(ctx, model.DocumentMemo, doc.ID); err != nil || memo != iv.Memo {
		t.Errorf("got interview summary %q (%v), want %q", memo, err, iv.Memo)
	}
	codings, err := p.Codings(ctx, model.CodingFilter{DocID: doc.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(codings) != len(iv.Codings) {
		t.Fatalf("got %d codings, want %d", len(codings), len(iv.Codings))
	}
	turns, err := p.Turns(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	speakers, err := p.Speakers(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	interviewer := map[int64]bool{}
	for _, s := range speakers {
		interviewer[s.ID] = s.Interviewer
		if s.Interviewer != (s.Label == "Interviewer") {
			t.Errorf("speaker %q: got interviewer %t, want only the label Interviewer marked", s.Label, s.Interviewer)
		}
	}
	// Codings come in document order, and so do the demo's.
	for j, c := range codings {
		w := iv.Codings[j]
		if c.Text != w.Text || c.Code != codes[w.Code-1].Name || c.Key != w.Key || c.Memo != w.Memo {
			t.Errorf("coding %d: got %q with %q (key %t, memo %q), want %q with %q (key %t, memo %q)",
				j+1, c.Text, c.Code, c.Key, c.Memo, w.Text, codes[w.Code-1].Name, w.Key, w.Memo)
		}
		k := slices.IndexFunc(turns, func(tu model.Turn) bool { return tu.Start <= c.Start && c.End <= tu.End })
		switch {
		case k < 0:
			t.Errorf("coding %d (%.30q) at %d:%d lies in no single turn", j+1, c.Text, c.Start, c.End)
		case interviewer[turns[k].SpeakerID]:
			t.Errorf("coding %d (%.30q) lies in a turn of the interviewer", j+1, c.Text)
		case turns[k].Speaker != iv.Participant:
			t.Errorf("coding %d (%.30q): got a turn of %q, want %q", j+1, c.Text, turns[k].Speaker, iv.Participant)
		}
	}
	for _, s := range iv.Summaries {
		if got, err := p.ThematicSummary(ctx, doc.ID, codes[s.Code-1].ID); err != nil || got != s.Text {
			t.Errorf("thematic summary of %q: got %q (%v), want %q", codes[s.Code-1].Name, got, err, s.Text)
		}
	}
}

// checkDemoParticipants checks that every interviewee has the demo's attributes, so that a
// report can say who said what, and that the interviewer has none.
func checkDemoParticipants(t *testing.T, p *model.Project, want []assets.Interview, keys []string) {
	t.Helper()
	cases, err := p.Cases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]model.Case{}
	for _, c := range cases {
		byName[c.Name] = c
	}
	if len(cases) != len(want)+1 {
		t.Errorf("got %d participants, want %d interviewees and one interviewer", len(cases), len(want))
	}
	for _, iv := range want {
		c, ok := byName[iv.Participant]
		if !ok {
			t.Errorf("no participant %q", iv.Participant)
			continue
		}
		var got []string
		for _, a := range c.Attributes {
			got = append(got, a.Key)
			if i := slices.IndexFunc(iv.Attributes, func(w assets.Attribute) bool { return w.Key == a.Key }); i < 0 || iv.Attributes[i].Value != a.Value {
				t.Errorf("%s: got %s = %q, want the demo's value", iv.Participant, a.Key, a.Value)
			}
		}
		if !slices.Equal(got, keys) {
			t.Errorf("%s: got attributes %q, want %q", iv.Participant, got, keys)
		}
	}
	if c := byName["Interviewer"]; len(c.Attributes) != 0 {
		t.Errorf("the interviewer has attributes %+v, want none", c.Attributes)
	}
}
