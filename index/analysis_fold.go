package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/registry"
)

const foldFilterName = "verbatim_fold"

// foldFilter removes diacritics from terms (coöperatie → cooperatie, café →
// cafe, ĳ → ij, ’ → '). It works on terms, not on the text as bleve's
// asciifolding char filter does, so token offsets keep pointing into the
// original text and every hit maps back to an exact rune range.
type foldFilter struct {
	ascii *asciifolding.AsciiFoldingFilter
}

func (f foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		tok.Term = f.fold(tok.Term)
		if len(tok.Term) > 0 {
			out = append(out, tok)
		}
	}
	return out
}

func (f foldFilter) fold(term []byte) []byte {
	if isASCII(term) {
		return term
	}
	folded := f.ascii.Filter(term)
	if isASCII(folded) {
		return folded
	}
	// Decomposed text (e + U+0308, common in text copied from macOS or PDFs)
	// keeps its combining marks through asciifolding: drop them.
	out := folded[:0:0]
	for len(folded) > 0 {
		r, size := utf8.DecodeRune(folded)
		if !unicode.Is(unicode.Mn, r) {
			out = append(out, folded[:size]...)
		}
		folded = folded[size:]
	}
	return out
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldString folds a word the way the analyzers do (after lower-casing).
func foldString(s string) string {
	return string(foldFilter{ascii: asciifolding.New()}.fold([]byte(s)))
}

func init() {
	err := registry.RegisterTokenFilter(foldFilterName,
		func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{ascii: asciifolding.New()}, nil
		})
	if err != nil {
		panic(err)
	}
}
