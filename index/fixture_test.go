package index

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// Dutch interviews written for the tests: word forms, diacritics, typographic
// apostrophes, € and an emoji before matched words, so that rune ranges are
// checked where bytes and runes differ.
var fixtureDocs = []struct{ name, text string }{
	{"interview-ana.txt", `Interviewer: Wat heb je geleerd van het netwerk?
Ana: Ik leerde veel – in het café, met ’t team. Het kostte €12 en 🙂 we organiseerden een reünie met de coöperaties.
Interviewer: En de patiënten?
Ana: De zorg voor de patiënten staat voorop. Wij delen wat we leren met elkaar.
`},
	{"interview-bo.txt", `Interviewer: Hoe organiseer je dat?
Bo: Ik organiseer bijeenkomsten. Deel wat je leert, zeg ik altijd. De subsidie hielp.
Bo: Verbindingen maken is belangrijk; een verbinding zoeken kost tijd.
`},
	{"notities.txt", `Een paragraaf zonder spreker over de coöperatie en het café.

Nog een paragraaf: zorg voor elkaar, deel wat je leert.
`},
}

// newDocument splits text into one turn per non-empty line; "Label: " at
// the start of a line names its speaker, as the importers do.
func newDocument(name, text string) model.NewDocument {
	nd := model.NewDocument{Name: name, Text: text, Format: "txt"}
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		n := utf8.RuneCountInString(line)
		body := strings.TrimRight(line, "\n")
		if strings.TrimSpace(body) != "" {
			t := model.NewTurn{Start: pos, End: pos + utf8.RuneCountInString(body)}
			if i := strings.Index(body, ": "); i > 0 && i < 20 && !strings.Contains(body[:i], " ") {
				t.Speaker = body[:i]
			}
			nd.Turns = append(nd.Turns, t)
		}
		pos += n
	}
	return nd
}

type fixture struct {
	p     *model.Project
	cache string
	docs  map[string]int64
	code  model.Code
}

// newFixture creates a project with the fixture documents, interviewers
// marked, participant attributes and one coding.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	p, err := model.Create(ctx, filepath.Join(dir, "p.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	f := &fixture{p: p, cache: filepath.Join(dir, "cache"), docs: map[string]int64{}}
	for _, d := range fixtureDocs {
		doc, err := p.ImportDocument(ctx, newDocument(d.name, d.text))
		if err != nil {
			t.Fatal(err)
		}
		f.docs[d.name] = doc.ID
	}
	speakers, err := p.Speakers(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range speakers {
		if s.Label == "Interviewer" {
			if err := p.MarkInterviewers(ctx, []int64{s.ID}, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases, _ := p.Cases(ctx)
	for _, c := range cases {
		switch c.Name {
		case "Ana":
			p.SetCaseAttribute(ctx, c.ID, "rol", "beleidsmaker")
		case "Bo":
			p.SetCaseAttribute(ctx, c.ID, "rol", "uitvoerder")
		}
	}
	f.code, err = p.AddCode(ctx, 0, "Deel wat je leert", "", "")
	if err != nil {
		t.Fatal(err)
	}
	f.apply(t, "interview-bo.txt", "Deel wat je leert")
	return f
}

// apply codes the first occurrence of quote in a document.
func (f *fixture) apply(t testing.TB, doc, quote string) model.Coding {
	t.Helper()
	ctx := context.Background()
	text, _ := f.p.Text(ctx, f.docs[doc])
	s, e, ok := model.Occurrence(text, quote, 1)
	if !ok {
		t.Fatalf("%q not in %s", quote, doc)
	}
	c, err := f.p.ApplyCode(ctx, f.code.ID, model.Span{DocID: f.docs[doc], Start: s, End: e})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) open(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(context.Background(), f.p, f.cache, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
