package index

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

func TestLanguageAnalyzer(t *testing.T) {
	for lang, want := range map[string]string{"nl": analyzerDutch, "en": analyzerEnglish, "": analyzerEnglish, "de": analyzerEnglish} {
		if got := LanguageAnalyzer(lang); got != want {
			t.Errorf("LanguageAnalyzer(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestAnalyzerTerms(t *testing.T) {
	for _, tc := range []struct{ analyzer, text, want string }{
		{analyzerExact, "De Coöperatie’s café, REÜNIE", "de cooperatie's cafe reunie"},
		{analyzerExact, "e\u0308e\u0308n straße", "een strasse"},
		{analyzerDutch, "Ze liepen weg en waren moe", "ze lopen weglopen weg weglopen en waar waren zijn moe"}, // liepen weg: weglopen; waren: also goods, and to roam
		{analyzerDutch, "auto's huisjes", "auto huis"},
		{analyzerEnglish, "The children went home", "the child go home"},
	} {
		got, err := analyzeTerms(tc.analyzer, tc.text)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s(%q) = %q, want %q", tc.analyzer, tc.text, strings.Join(got, " "), tc.want)
		}
	}
}

// TestAnalyzerOffsets checks that folding and lemmas leave the byte offsets
// pointing at the original words, so hits map back to exact ranges.
func TestAnalyzerOffsets(t *testing.T) {
	m := mapping.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		t.Fatal(err)
	}
	text := "Wij organiseerden één reünie; de coöperaties liepen."
	for _, name := range []string{analyzerDutch, analyzerExact} {
		var words []string
		for _, tok := range m.AnalyzerNamed(name).Analyze([]byte(text)) {
			words = append(words, text[tok.Start:tok.End])
		}
		want := []string{"Wij", "organiseerden", "één", "reünie", "de", "coöperaties", "liepen"}
		if !slices.Equal(words, want) {
			t.Errorf("%s: words at offsets %q, want %q", name, words, want)
		}
	}
}

// TestAnalyzersInIndex runs a match query through a real in-memory index.
func TestAnalyzersInIndex(t *testing.T) {
	m := mapping.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		t.Fatal(err)
	}
	m.DefaultAnalyzer = LanguageAnalyzer("nl")
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index("p1", map[string]string{"text": "Toen liep ik naar de zorgcoöperaties."}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"lopen", "gelopen", "zorgcooperatie"} {
		res, err := idx.Search(bleve.NewSearchRequest(bleve.NewMatchQuery(q)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 {
			t.Errorf("query %q: %d hits, want 1", q, res.Total)
		}
	}
}

func BenchmarkDutchAnalyzer(b *testing.B) {
	m := mapping.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		b.Fatal(err)
	}
	a := m.AnalyzerNamed(analyzerDutch)
	text := []byte(strings.Repeat("Ik vond het gesprek met de zorgmedewerkers over de reorganisatie eigenlijk heel waardevol, want ze vertelden wat ze hadden meegemaakt. ", 20))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		a.Analyze(text)
	}
}
