package index

import (
	"reflect"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
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

// pairState is the shared analysis of one index document's text. The exact
// field is analysed first, then the text field (scorch analyses the fields
// of a document one after the other, in order, on one goroutine, and counts
// a field's terms before it analyses the next): the text field's filters
// may then change the shared tokens in place. The exact field works on a
// copy only when it has filters of its own (English: folding after the
// possessive filter).
type pairState struct {
	s    *sharedAnalysis
	base analysis.TokenStream
	buf  *tokenBuf // the exact field's copy, returned to the pool after use
}

// tokenBuf holds a copy of a token stream.
type tokenBuf struct {
	toks analysis.TokenStream
	vals []analysis.Token
}

var tokenBufs = sync.Pool{New: func() any { return new(tokenBuf) }}

// exact returns the exact field's tokens of input.
func (p *pairState) exact(input []byte) analysis.TokenStream {
	p.base = p.s.tokenizer.Tokenize(input)
	for _, f := range p.s.common {
		p.base = f.Filter(p.base)
	}
	if len(p.s.exactRest) == 0 {
		return p.base
	}
	b := tokenBufs.Get().(*tokenBuf)
	b.toks, b.vals = b.toks[:0], b.vals[:0]
	for _, t := range p.base {
		b.vals = append(b.vals, *t)
	}
	for i := range b.vals {
		b.toks = append(b.toks, &b.vals[i])
	}
	p.buf = b
	toks := b.toks
	for _, f := range p.s.exactRest {
		toks = f.Filter(toks)
	}
	return toks
}

// text returns the text field's tokens, from the shared ones: the exact
// field's tokens must no longer be needed.
func (p *pairState) text() analysis.TokenStream {
	if b := p.buf; b != nil {
		p.buf = nil
		clear(b.vals) // the terms
		if cap(b.vals) <= 1<<14 {
			tokenBufs.Put(b)
		}
	}
	toks := p.base
	p.base = nil
	for _, f := range p.s.textRest {
		toks = f.Filter(toks)
	}
	return toks
}

// analyze returns the tokens of text in the text and exact fields, as
// indexEntry makes them (for tests).
func (s *sharedAnalysis) analyze(text string) (textToks, exactToks analysis.TokenStream) {
	p := &pairState{s: s}
	for _, t := range p.exact([]byte(text)) {
		c := *t
		c.Term = slices.Clone(t.Term)
		exactToks = append(exactToks, &c)
	}
	return p.text(), exactToks
}

// field is an index document's field as indexEntry makes it: its terms come
// from analyze, or are given (terms). It stands in for bleve's TextField,
// which it reads back as (EncodedFieldType 't').
type field struct {
	name    string
	value   []byte
	options index.FieldIndexingOptions
	analyze func() analysis.TokenStream
	terms   []string
	// length is the field's length for scoring: the number of tokens,
	// or 1 for given terms (each filter term scores as in a field of its
	// own).
	length int
	freqs  index.TokenFrequencies
	size   int
}

var (
	sizeField     = int(reflect.TypeFor[field]().Size())
	sizeTokenFreq = int(reflect.TypeFor[index.TokenFreq]().Size())
	sizeLocation  = int(reflect.TypeFor[index.TokenLocation]().Size())
)

func (f *field) Name() string                                     { return f.name }
func (f *field) ArrayPositions() []uint64                         { return nil }
func (f *field) Options() index.FieldIndexingOptions              { return f.options }
func (f *field) Value() []byte                                    { return f.value }
func (f *field) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }
func (f *field) EncodedFieldType() byte                           { return 't' }
func (f *field) AnalyzedLength() int                              { return f.length }
func (f *field) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size estimates the memory the field holds, without walking its terms.
func (f *field) Size() int {
	return sizeField + len(f.name) + len(f.value) + f.size
}

func (f *field) Analyze() {
	if f.analyze == nil {
		f.length = 1
		f.freqs = make(index.TokenFrequencies, len(f.terms))
		tfs := make([]index.TokenFreq, len(f.terms))
		for i, t := range f.terms {
			if tf, ok := f.freqs[t]; ok {
				tf.SetFrequency(tf.Frequency() + 1)
				continue
			}
			tfs[i].Term = []byte(t)
			tfs[i].SetFrequency(1)
			f.freqs[t] = &tfs[i]
		}
		f.size = len(f.terms) * (sizeTokenFreq + 32)
		return
	}
	toks := f.analyze()
	f.length = len(toks)
	f.freqs, f.size = tokenFrequencies(toks, f.options.IncludeTermVectors())
}

// tokenFrequencies counts the terms of toks as analysis.TokenFrequency does,
// with a few allocations per field instead of a few per term. It returns
// the memory they take, roughly.
func tokenFrequencies(toks analysis.TokenStream, positions bool) (index.TokenFrequencies, int) {
	rv := make(index.TokenFrequencies, len(toks))
	tfs := make([]index.TokenFreq, 0, len(toks))
	if !positions {
		for _, t := range toks {
			if tf, ok := rv[string(t.Term)]; ok {
				tf.SetFrequency(tf.Frequency() + 1)
				continue
			}
			tfs = append(tfs, index.TokenFreq{Term: t.Term})
			tf := &tfs[len(tfs)-1]
			tf.SetFrequency(1)
			rv[string(t.Term)] = tf
		}
		return rv, len(tfs) * (sizeTokenFreq + 32)
	}
	// Two passes: count the tokens of each term, then give each term its
	// part of one slice of locations. Until then, a term's Locations is an
	// empty slice of ptrs whose capacity tells the term's index in tfs.
	ptrs := make([]*index.TokenLocation, len(toks))
	which := make([]int32, len(toks))
	for i, t := range toks {
		if tf, ok := rv[string(t.Term)]; ok {
			tf.SetFrequency(tf.Frequency() + 1)
			which[i] = int32(len(ptrs) - cap(tf.Locations))
			continue
		}
		n := len(tfs)
		tfs = append(tfs, index.TokenFreq{Term: t.Term, Locations: ptrs[n:n]})
		tfs[n].SetFrequency(1)
		which[i] = int32(n)
		rv[string(t.Term)] = &tfs[n]
	}
	off := 0
	for i := range tfs {
		n := tfs[i].Frequency()
		tfs[i].Locations = ptrs[off : off : off+n]
		off += n
	}
	locs := make([]index.TokenLocation, len(toks))
	for i, t := range toks {
		tf := &tfs[which[i]]
		locs[i] = index.TokenLocation{Start: t.Start, End: t.End, Position: t.Position}
		tf.Locations = append(tf.Locations, &locs[i])
	}
	return rv, len(tfs)*(sizeTokenFreq+32) + len(toks)*(sizeLocation+8)
}

// indexEntry adds an index document to batch, its text analysed once for
// both text fields when the analyzers allow it, with its hash (hashFields).
// It returns the document's size, to bound batches.
func (ix *Index) indexEntry(batch *bleve.Batch, e entry, hash uint64) (int, error) {
	doc := document.NewDocument(e.id)
	doc.Fields = make([]document.Field, 0, 6)
	text, _ := e.fields[fieldText].(string)
	exactOpts := index.IndexField | index.IncludeTermVectors
	textOpts := index.IndexField | index.StoreField
	if ix.shared != nil {
		p := &pairState{s: ix.shared}
		exactValue := []byte(text) // changed in place by the analysis
		doc.AddField(&field{name: fieldExact, value: exactValue, options: exactOpts, analyze: func() analysis.TokenStream { return p.exact(exactValue) }})
		doc.AddField(&field{name: fieldText, value: []byte(text), options: textOpts, analyze: p.text})
	} else {
		exact, stemmed := ix.m.AnalyzerNamed(analyzerExact), ix.textAnalyzer()
		exactValue, textValue := []byte(text), []byte(text)
		doc.AddField(&field{name: fieldExact, value: exactValue, options: exactOpts, analyze: func() analysis.TokenStream { return exact.Analyze(exactValue) }})
		doc.AddField(&field{name: fieldText, value: textValue, options: textOpts, analyze: func() analysis.TokenStream { return stemmed.Analyze(slices.Clone(textValue)) }})
	}
	if terms := ix.filterTerms(e.fields); len(terms) > 0 {
		doc.AddField(&field{name: fieldFilter, options: index.IndexField, terms: terms})
	}
	if terms, _ := e.fields[facetAll].([]string); len(terms) > 0 || e.fields[fieldDocID] != nil || e.fields[fieldInterviewer] == "true" {
		doc.AddField(&field{name: facetAll, value: encodeHitInfo(e.fields), options: index.IndexField | index.StoreField | index.DocValues, terms: terms})
	}
	doc.AddField(&field{name: fieldHash, options: index.IndexField | index.DocValues, terms: []string{hashTerm(hash)}})
	if err := batch.IndexAdvanced(doc); err != nil {
		return 0, err
	}
	return doc.Size(), nil
}

// filterTerms returns the terms of fieldFilter for the fields of an entry:
// each value with its field's prefix, lower-cased and folded as analyzerKey
// makes it (and queries are).
func (ix *Index) filterTerms(fields map[string]any) []string {
	var terms []string
	add := func(name, value string) {
		if norm, ok := ix.keys.normalize(ix.m, value); ok {
			terms = append(terms, filterPrefixes[name]+norm)
		}
	}
	if fields[fieldKind] == kindMemo {
		terms = append(terms, filterPrefixes[fieldKind]+kindMemo)
	}
	if fields[fieldInterviewer] == "true" {
		terms = append(terms, filterPrefixes[fieldInterviewer]+"true")
	}
	for _, name := range []string{fieldDocID, fieldDoc, fieldSpeaker, fieldCode, fieldAttr} {
		switch v := fields[name].(type) {
		case string:
			add(name, v)
		case []string:
			for _, s := range v {
				add(name, s)
			}
		}
	}
	return terms
}

// keyCache remembers how analyzerKey writes filter values: the same
// document names, speakers and codes come back passage after passage.
type keyCache struct {
	mu    sync.Mutex
	terms map[string]keyTerm
}

type keyTerm struct {
	term string
	ok   bool // false: the analyzer made no term
}

func (c *keyCache) normalize(m *mapping.IndexMappingImpl, value string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.terms[value]; ok {
		return t.term, t.ok
	}
	var t keyTerm
	if toks := m.AnalyzerNamed(analyzerKey).Analyze([]byte(value)); len(toks) > 0 {
		t = keyTerm{string(toks[0].Term), true}
	}
	if c.terms == nil || len(c.terms) >= 1<<14 {
		c.terms = make(map[string]keyTerm, 1<<10)
	}
	c.terms[value] = t
	return t.term, t.ok
}
