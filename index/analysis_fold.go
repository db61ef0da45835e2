package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"codeberg.org/verbatim/verbatim/index/lemmas"
)

const foldFilterName = "verbatim_fold"

// foldFilter removes diacritics from terms (coöperatie → cooperatie, café →
// cafe, ĳ → ij, ’ → ') with lemmas.Fold, which the lemma tables were made
// with. It works on terms, not on the text as bleve's asciifolding char
// filter does, so token offsets keep pointing into the original text and
// every hit maps back to an exact rune range.
type foldFilter struct{}

func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		tok.Term = lemmas.Fold(tok.Term)
		if len(tok.Term) > 0 {
			out = append(out, tok)
		}
	}
	return out
}

// foldString folds a word the way the analyzers do (after lower-casing).
func foldString(s string) string { return lemmas.FoldString(s) }

func init() {
	err := registry.RegisterTokenFilter(foldFilterName,
		func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{}, nil
		})
	if err != nil {
		panic(err)
	}
}
