package index

import (
	"context"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// The text field (the words in all their forms) keeps no positions: half of
// what the index writes per word would otherwise be locations that only the
// ~50 hits of a page need. A word of the query becomes a stemQuery; its hits
// carry, on request, a marker naming the word (a location without a
// position), and the page's hits are analysed again (highlightStems) to find
// where in the passage the word's forms are.

// stemWord is a word of the query as the text field's analyzer makes it: one
// slot per position, each with the terms (forms) that may stand there. An
// empty slot (a position the analyzer dropped) matches any word.
type stemWord [][]string

// key writes the word as a marker term: slots separated by \x1e, the terms
// of a slot by \x1f.
func (w stemWord) key() string {
	parts := make([]string, len(w))
	for i, slot := range w {
		parts[i] = strings.Join(slot, "\x1f")
	}
	return strings.Join(parts, "\x1e")
}

func parseStemWord(key string) stemWord {
	var w stemWord
	for _, part := range strings.Split(key, "\x1e") {
		if part == "" {
			w = append(w, nil)
		} else {
			w = append(w, strings.Split(part, "\x1f"))
		}
	}
	return w
}

// newStemWord groups analysed tokens of a query word by position. The
// terms of its own compound parts are left out (datamodel must not find
// procesmodel), and each term gets its compound-part term as an alternative
// (model: +model finds datamodel), which stemQuery ranks lower.
func newStemWord(toks analysis.TokenStream) stemWord {
	if len(toks) == 0 {
		return nil
	}
	first, last := toks[0].Position, toks[0].Position
	for _, t := range toks {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	w := make(stemWord, last-first+1)
	for _, t := range toks {
		if !strings.HasPrefix(string(t.Term), compoundPart) {
			w[t.Position-first] = appendUnique(w[t.Position-first], string(t.Term))
		}
	}
	for i, slot := range w {
		for _, term := range slot {
			w[i] = appendUnique(w[i], compoundPart+term)
		}
	}
	return w
}

// compoundBoost weighs a passage found through a compound (datamodel for
// model) below one with the word itself.
const compoundBoost = 0.05

// stemQuery finds a stemWord in the text field: a term (or one of the
// alternatives at its position) for a one-position word; for a word the
// tokenizer splits (e-mail), passages with every part, kept when the parts
// stand next to each other in the stored text. With mark, every hit carries
// the word's marker.
type stemQuery struct {
	word     stemWord
	analyzer analysis.Analyzer
	mark     bool
}

func (q *stemQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	var parts []query.Query
	for _, slot := range q.word {
		var alts []query.Query
		for _, term := range slot {
			t := bleve.NewTermQuery(term)
			t.SetField(fieldText)
			if strings.HasPrefix(term, compoundPart) {
				t.SetBoost(compoundBoost)
			}
			alts = append(alts, t)
		}
		switch len(alts) {
		case 0:
		case 1:
			parts = append(parts, alts[0])
		default:
			parts = append(parts, bleve.NewDisjunctionQuery(alts...))
		}
	}
	var inner query.Query
	if len(parts) == 1 {
		inner = parts[0]
	} else {
		inner = bleve.NewConjunctionQuery(parts...)
	}
	s, err := inner.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	if len(parts) > 1 {
		// The parts must stand next to each other.
		s = searcher.NewFilteringSearcher(ctx, s, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
			id, err := i.ExternalID(d.IndexInternalID)
			if err != nil {
				return false
			}
			doc, err := i.Document(id)
			if err != nil || doc == nil {
				return false
			}
			var text []byte
			doc.VisitFields(func(f index.Field) {
				if f.Name() == fieldText {
					text = f.Value()
				}
			})
			return len(stemRanges(q.analyzer.Analyze(text), q.word)) > 0
		})
	}
	if !q.mark {
		return s, nil
	}
	return &markSearcher{Searcher: s, key: q.word.key()}, nil
}

// markSearcher adds a marker to every hit of its searcher.
type markSearcher struct {
	search.Searcher
	key string
}

func (s *markSearcher) marked(dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if dm != nil {
		dm.FieldTermLocations = append(dm.FieldTermLocations, search.FieldTermLocation{Field: fieldText, Term: s.key})
	}
	return dm, err
}

func (s *markSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.marked(s.Searcher.Next(ctx))
}

func (s *markSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	return s.marked(s.Searcher.Advance(ctx, id))
}

// stemRanges returns the byte ranges of the tokens (of a passage, analysed)
// where w occurs: every token of a one-position word's terms; for a longer
// word, the tokens of each occurrence of all its slots at consecutive
// positions.
func stemRanges(toks analysis.TokenStream, w stemWord) []Range {
	var out []Range
	if len(w) == 1 {
		for _, t := range toks {
			if slices.Contains(w[0], string(t.Term)) {
				out = append(out, Range{t.Start, t.End})
			}
		}
		return out
	}
	byPos := map[int][]*analysis.Token{}
	for _, t := range toks {
		byPos[t.Position] = append(byPos[t.Position], t)
	}
	for _, first := range toks {
		if !slices.Contains(w[0], string(first.Term)) {
			continue
		}
		var found []Range
		ok := true
		for k, slot := range w {
			at := byPos[first.Position+k]
			if len(at) == 0 {
				ok = false
				break
			}
			if len(slot) == 0 {
				continue
			}
			hit := false
			for _, t := range at {
				if slices.Contains(slot, string(t.Term)) {
					found = append(found, Range{t.Start, t.End})
					hit = true
				}
			}
			if !hit {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, found...)
		}
	}
	return out
}

// highlightStems returns the byte ranges in text of the words whose markers
// a hit carries.
func highlightStems(a analysis.Analyzer, text string, markers []string) []Range {
	if len(markers) == 0 {
		return nil
	}
	toks := a.Analyze([]byte(text))
	var out []Range
	for _, key := range markers {
		out = append(out, stemRanges(toks, parseStemWord(key))...)
	}
	return out
}
