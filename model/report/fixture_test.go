package report

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// corpusDir is where the real transcripts lie, beside the checkout.
const corpusDir = "../../../shared/corpus"

// fixture is a project for report tests: three real interviews from the
// Sheffield set (../shared/corpus; the test skips without it), a codebook with a sub-code, participant attributes, codings
// (some key quotes, one with a memo, one by another coder, one inside an
// interviewer turn), a thematic summary and memos.
type fixture struct {
	p     *model.Project
	docs  map[string]model.Document // by file name
	codes map[string]model.Code     // by name
	// codings by a short name the tests use.
	codings map[string]model.Coding
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	for _, f := range []string{"Ana.txt", "David.txt", "Peter.txt"} {
		if _, err := os.Stat(filepath.Join(corpusDir, "en/sheffield_orda", f)); err != nil {
			t.Skipf("the real transcripts are not there (%v): put ../shared beside the checkout", err)
		}
	}
	p, err := model.Create(ctx, filepath.Join(t.TempDir(), "Open research.verbatim"), "en")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	fx := &fixture{p: p, docs: map[string]model.Document{}, codes: map[string]model.Code{}, codings: map[string]model.Coding{}}
	var paths []string
	for _, f := range []string{"Ana.txt", "David.txt", "Peter.txt"} {
		paths = append(paths, filepath.Join(corpusDir, "en/sheffield_orda", f))
	}
	if _, err := importer.ImportPaths(ctx, p, paths, importer.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	docs, _ := p.Documents(ctx)
	for _, d := range docs {
		fx.docs[d.Name] = d
	}
	if len(fx.docs) != 3 {
		t.Fatalf("fixture: %d documents imported, want 3", len(fx.docs))
	}
	for _, c := range []struct{ name, parent, color, desc string }{
		{"Methods", "", "#56B4E9", "How participants gather and analyse data"},
		{"Participatory methods", "Methods", "#009E73", "Research done with, not on, people"},
		{"Tools", "", "#E69F00", "Software and devices"},
		{"Sharing", "", "#CC79A7", ""},
	} {
		var parent int64
		if c.parent != "" {
			parent = fx.codes[c.parent].ID
		}
		code, err := p.AddCode(ctx, parent, c.name, c.color, c.desc)
		if err != nil {
			t.Fatal(err)
		}
		fx.codes[c.name] = code
	}
	for _, c := range []struct {
		short, doc, code, match string
		key                     bool
	}{
		{"ana-dialogical", "Ana.txt", "Participatory methods", "So interviews were not only semi structured, but more like dialogical interviews.", true},
		{"ana-mapping", "Ana.txt", "Methods", "I'm doing mostly, kind of mapping and diagrams.", false},
		{"david-running", "David.txt", "Participatory methods", "I tend to do this by running with people, so it's a participatory method.", false},
		{"david-camera", "David.txt", "Tools", "a particular method that I use is using the 360-degree action camera.", true},
		{"researcher", "Ana.txt", "Methods", "And what are the typical research methods you use for gathering and data?", false},
		{"peter-identity", "Peter.txt", "Sharing", "effectively influences their career intentions and professional identity.", true},
	} {
		d := fx.docs[c.doc]
		txt, _ := p.Text(ctx, d.ID)
		s, e, ok := model.Occurrence(txt, c.match, 1)
		if !ok {
			t.Fatalf("fixture: %q not found in %s", c.match, c.doc)
		}
		g, err := p.ApplyCode(ctx, fx.codes[c.code].ID, model.Span{DocID: d.ID, Start: s, End: e})
		if err != nil {
			t.Fatal(err)
		}
		if c.key {
			if err := p.SetKeyQuote(ctx, []int64{g.ID}, true); err != nil {
				t.Fatal(err)
			}
			g.Key = true
		}
		g.Text = c.match
		fx.codings[c.short] = g
	}
	if err := p.SetMemo(ctx, model.CodingMemo, fx.codings["david-camera"].ID, "The camera as a co-researcher."); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, model.ProjectMemo, 0, "How researchers practise open qualitative research.\n\nA test project."); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, model.CodeMemo, fx.codes["Methods"].ID, "Methods memo: interviews, workshops, walks."); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, model.DocumentMemo, fx.docs["Ana.txt"].ID, "Ana, a PhD researcher, works with documents, interviews and workshops."); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSummary(ctx, fx.docs["David.txt"].ID, fx.codes["Tools"].ID, "David records runs with a 360-degree camera."); err != nil {
		t.Fatal(err)
	}
	cases, _ := p.Cases(ctx)
	for _, c := range cases {
		switch c.Name {
		case "Ana":
			p.SetCaseAttribute(ctx, c.ID, "role", "PhD researcher")
			p.SetCaseAttribute(ctx, c.ID, "discipline", "urban studies")
		case "David":
			p.SetCaseAttribute(ctx, c.ID, "role", "lecturer")
		}
	}
	return fx
}
