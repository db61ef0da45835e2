package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"

	"codeberg.org/verbatim/verbatim/model"
)

// TestSharedAnalysis checks that the text and exact fields, analysed
// together as indexEntry does, get the tokens their analyzers make on
// their own (with which queries are analysed).
func TestSharedAnalysis(t *testing.T) {
	texts := []string{
		"Ana's team’s CAFÉ’S ＪＯＨＮ＇Ｓ 's ’s ＇s e-mails — 🙂 €12 organiseerden reünies",
		"Patiënten, coöperaties; we waren er. He was running and ran. Don't won’t",
		"e\u0308en decomposed rëunie, ĳs, İstanbul ǅ",
	}
	for _, d := range fixtureDocs {
		texts = append(texts, d.text)
	}
	for _, lang := range []string{"nl", "en"} {
		m, err := newMapping(lang)
		if err != nil {
			t.Fatal(err)
		}
		s := newSharedAnalysis(m)
		if s == nil {
			t.Fatalf("%s: no shared analysis", lang)
		}
		for _, text := range texts {
			gotText, gotExact := s.analyze(text)
			wantText := m.AnalyzerNamed(LanguageAnalyzer(lang)).Analyze([]byte(text))
			wantExact := m.AnalyzerNamed(analyzerExact).Analyze([]byte(text))
			if a, b := tokenString(gotText), tokenString(wantText); a != b {
				t.Errorf("%s text field of %q:\n got %s\nwant %s", lang, text, a, b)
			}
			if a, b := tokenString(gotExact), tokenString(wantExact); a != b {
				t.Errorf("%s exact field of %q:\n got %s\nwant %s", lang, text, a, b)
			}
		}
	}
}

func tokenString(toks analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "%q@%d[%d:%d] ", t.Term, t.Position, t.Start, t.End)
	}
	return b.String()
}

// TestStemmedMatches checks the ranges of words found in the text field
// (which keeps no positions): a word the tokenizer splits must have its
// parts together, and only the words of the parts of a query that matched
// are marked.
func TestStemmedMatches(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := model.Create(ctx, filepath.Join(dir, "p.verbatim"), "en")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	text := "Ana: I sent an e-mail today, café’s ok.\nBo: Mail me an e later.\nAna: Her E-mails were long.\n"
	if _, err := p.ImportDocument(ctx, newDocument("mail.txt", text)); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(ctx, p, filepath.Join(dir, "cache"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r := []rune(text)
	for _, tc := range []struct {
		query string
		want  []string // the words at the matches of every hit, hits in document order
	}{
		{"e-mail", []string{"e mail", "E mails"}},
		{"e-mails", []string{"e mail", "E mails"}},
		{"mail", []string{"mail", "Mail", "mails"}},
		{"(sent long) OR mail", []string{"mail", "Mail", "mails"}},
		{"(sent today) OR long", []string{"sent today", "long"}},
		{"cafe", []string{"café’s"}},
		{`"e mail" OR were`, []string{"e mail", "were"}},
	} {
		res, err := ix.Search(ctx, tc.query, SearchOptions{})
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		slices.SortFunc(res.Hits, func(a, b Hit) int { return a.Start - b.Start })
		var got []string
		for _, h := range res.Hits {
			var words []string
			for _, m := range h.Matches {
				words = append(words, string(r[m.Start:m.End]))
			}
			sr := []rune(h.Snippet)
			for i, m := range h.SnippetMatches {
				if w := string(sr[m.Start:m.End]); w != words[i] {
					t.Errorf("%q: snippet match %q, match %q", tc.query, w, words[i])
				}
			}
			got = append(got, strings.Join(words, " "))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q matched %q, want %q", tc.query, got, tc.want)
		}
	}
}
