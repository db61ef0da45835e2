// Package lemmas holds the word tables of the verbatim analyzers and the
// folding both the analyzers and the table generator apply to words, so that
// a table and the analyzer reading it cannot disagree on a word.
//
// nl_lemmas.txt is generated (see gen.go) from Debian's hunspell-nl, the
// OpenTaal word list (BSD-3-Clause or CC BY 3.0, LICENSE-OpenTaal.txt). It is
// embedded as it is and searched in place: the analyzer decodes nothing at
// start-up.
package lemmas

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
)

// Fold removes diacritics from a lower-cased word (coöperatie → cooperatie,
// café → cafe, ĳ → ij, ’ → '), combining marks of decomposed text (e +
// U+0308) included. It returns term itself when the word is ASCII.
func Fold(term []byte) []byte {
	if isASCII(term) {
		return term
	}
	folded := asciifolding.New().Filter(term)
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

// FoldString is Fold for a string.
func FoldString(s string) string { return string(Fold([]byte(s))) }

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

//go:embed nl_lemmas.txt
var dutchText string

// Dutch is the Dutch table: every word of the word list, folded, with the
// lemmas of those that are forms of other words.
var Dutch = NewTable(dutchText)

// Table is a sorted list of "form" and "form<TAB>lemma,lemma" lines, after
// "#" comment lines, searched in place by binary search.
type Table struct {
	data string
}

// NewTable returns the table held in text.
func NewTable(text string) Table {
	for strings.HasPrefix(text, "#") {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return Table{}
		}
		text = text[i+1:]
	}
	return Table{data: text}
}

// Header returns the comment lines at the start of a table's text.
func Header(text string) string {
	return text[:len(text)-len(NewTable(text).data)]
}

// Find reports whether form is a word of the table, and returns its lemmas
// ("" for a word that is a lemma only) separated by commas.
func (t Table) Find(form string) (lemmas string, ok bool) {
	lo, hi := 0, len(t.data) // the answer's line starts in [lo, hi)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(t.data[:mid], '\n') + 1
		if start < lo {
			start = lo
		}
		line, next := t.line(start)
		key, rest, _ := strings.Cut(line, "\t")
		switch {
		case key == form:
			return rest, true
		case key < form:
			lo = next
		default:
			hi = start
		}
	}
	return "", false
}

// line returns the line starting at i and where the next one starts.
func (t Table) line(i int) (string, int) {
	n := strings.IndexByte(t.data[i:], '\n')
	if n < 0 {
		return t.data[i:], len(t.data)
	}
	return t.data[i : i+n], i + n + 1
}

// Len returns the number of lines; for tests.
func (t Table) Len() int { return strings.Count(t.data, "\n") }
