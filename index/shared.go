package index

import (
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// The text and exact fields hold the same text: sharedAnalysis tokenizes it
// once per index document, runs the filters both analyzers start with
// (lower-casing, and folding where they share it) once, and finishes each
// field's tokens with the rest of its analyzer's filters. The terms are
// those the two analyzers make on their own (TestSharedAnalysis), which is
// what queries are analysed with.
type sharedAnalysis struct {
	tokenizer           analysis.Tokenizer
	common              []analysis.TokenFilter
	textRest, exactRest []analysis.TokenFilter
}

// newSharedAnalysis returns the shared analysis of the text field's analyzer
// and the exact one in m, or nil when they do not share a tokenizer.
func newSharedAnalysis(m *mapping.IndexMappingImpl) *sharedAnalysis {
	textName := m.AnalyzerNameForPath(fieldText)
	text, ok1 := m.AnalyzerNamed(textName).(*analysis.DefaultAnalyzer)
	exact, ok2 := m.AnalyzerNamed(analyzerExact).(*analysis.DefaultAnalyzer)
	if !ok1 || !ok2 || len(text.CharFilters)+len(exact.CharFilters) > 0 ||
		analyzerConfigs[textName]["tokenizer"] != analyzerConfigs[analyzerExact]["tokenizer"] {
		return nil
	}
	// The filters come from bleve's registry cache by name: equal names
	// are the same filter.
	textNames, _ := analyzerConfigs[textName]["token_filters"].([]any)
	exactNames, _ := analyzerConfigs[analyzerExact]["token_filters"].([]any)
	if len(textNames) != len(text.TokenFilters) || len(exactNames) != len(exact.TokenFilters) {
		return nil
	}
	n := 0
	for n < len(textNames) && n < len(exactNames) && textNames[n] == exactNames[n] {
		n++
	}
	return &sharedAnalysis{
		tokenizer: text.Tokenizer,
		common:    text.TokenFilters[:n],
		textRest:  text.TokenFilters[n:],
		exactRest: exact.TokenFilters[n:],
	}
}

// pairState is the shared part of one index document's analysis.
type pairState struct {
	s    *sharedAnalysis
	once sync.Once
	base analysis.TokenStream
}

// fieldAnalyzer analyses one of the two fields from the pair's tokens. The
// fields of a document are analysed one after the other, on one goroutine;
// the first computes the shared tokens.
type fieldAnalyzer struct {
	pair *pairState
	rest []analysis.TokenFilter
}

func (a fieldAnalyzer) Analyze(input []byte) analysis.TokenStream {
	p := a.pair
	p.once.Do(func() {
		p.base = p.s.tokenizer.Tokenize(input)
		for _, f := range p.s.common {
			p.base = f.Filter(p.base)
		}
	})
	// The rest of the filters replace terms and reuse the stream: each
	// field gets its own tokens.
	toks := make(analysis.TokenStream, len(p.base))
	copies := make([]analysis.Token, len(p.base))
	for i, t := range p.base {
		copies[i] = *t
		toks[i] = &copies[i]
	}
	for _, f := range a.rest {
		toks = f.Filter(toks)
	}
	return toks
}

// indexEntry adds an index document to batch, its text analysed once for
// both text fields when the analyzers allow it and the two hold the same
// text (as they always do). It returns the document's size, to bound
// batches.
func (ix *Index) indexEntry(batch *bleve.Batch, e entry) (int, error) {
	text, ok := e.fields[fieldText].(string)
	if ix.shared == nil || !ok || e.fields[fieldExact] != text {
		before := batch.TotalDocsSize()
		err := batch.Index(e.id, e.fields)
		return int(batch.TotalDocsSize() - before), err
	}
	doc := document.NewDocument(e.id)
	if err := ix.m.MapDocument(doc, e.fields); err != nil {
		return 0, err
	}
	pair := &pairState{s: ix.shared}
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if !ok {
			continue
		}
		switch tf.Name() {
		case fieldText:
			doc.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), fieldAnalyzer{pair, ix.shared.textRest})
		case fieldExact:
			doc.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), fieldAnalyzer{pair, ix.shared.exactRest})
		}
	}
	if err := batch.IndexAdvanced(doc); err != nil {
		return 0, err
	}
	return doc.Size(), nil
}

// analyzeShared returns the tokens of text in the text and exact fields, as
// indexEntry makes them (for tests).
func (s *sharedAnalysis) analyze(text string) (textToks, exactToks analysis.TokenStream) {
	pair := &pairState{s: s}
	textToks = fieldAnalyzer{pair, s.textRest}.Analyze([]byte(text))
	exactToks = fieldAnalyzer{pair, s.exactRest}.Analyze([]byte(text))
	return textToks, slices.Clip(exactToks)
}
