package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"codeberg.org/verbatim/verbatim/model"
)

// SearchOptions page and narrow a search. The zero value is ready to use.
type SearchOptions struct {
	// Limit is how many hits to return (0 means 50); Offset how many of the
	// best to skip, for the next pages.
	Limit, Offset int
	// Scope says whether transcripts, memos or both are searched; in: in
	// the query overrides it.
	Scope Scope
	// Facets is how many documents, speakers and codes to count at most (0
	// means 50; -1 none).
	Facets int
	// Context is how many characters of context a snippet shows on each
	// side of the first match (0 means 60).
	Context int
}

// Range is a rune range [Start, End).
type Range struct{ Start, End int }

// Hit is one matching passage (a speaker turn or paragraph) or memo.
type Hit struct {
	// MemoKind is "" for a passage of a transcript; for a memo it says what
	// the memo is on, and MemoOf the id of that (document, code, coding,
	// participant; 1 for the project).
	MemoKind model.MemoKind
	MemoOf   int64
	DocID    int64 // 0 for memos on codes, participants or the project
	Document string
	Speaker  string // the speaker's label; "" for paragraphs and memos
	// Interviewer is true when the speaker is marked as an interviewer.
	Interviewer bool
	Codes       []string // codes of codings overlapping the passage
	// Start and End are the passage's range in the document (for a memo,
	// 0 and the memo's length); Text is the passage or memo.
	Start, End int
	Text       string
	// Matches are the matched words as rune ranges in the document (for a
	// memo, in the memo), in order: ready to highlight or to code.
	Matches []Range
	// Snippet is a line of context around the first match (line breaks as
	// spaces, "…" where it is cut), and SnippetMatches the matches within
	// it, as rune ranges in Snippet.
	Snippet        string
	SnippetMatches []Range
	Score          float64
}

// Count is how many hits have one document, speaker or code.
type Count struct {
	Name  string
	Count int
}

// Results is one page of hits, with counts over all hits.
type Results struct {
	Hits []Hit
	// Total is the number of passages (and memos) that match.
	Total int
	// Documents, Speakers and Codes count the matching passages per
	// document, speaker label and code, most first.
	Documents, Speakers, Codes []Count
	// Plain is true when the query was not valid syntax and was searched as
	// plain words.
	Plain bool
	Took  time.Duration
}

// Search runs a query in the language of QueryHelp. A query that cannot be
// searched returns a *QueryError with a message for the user.
//
// With opts.Facets -1, Search returns the page without the counts per
// document, speaker and code; Counts returns them.
func (ix *Index) Search(ctx context.Context, q string, opts SearchOptions) (Results, error) {
	started := time.Now()
	pq, scope, bq, err := ix.prepare(q, opts)
	if err != nil {
		return Results{}, err
	}
	defer ix.mu.RUnlock()
	limit := opts.Limit
	if limit <= 0 {
		limit = 50
	}
	// Two passes: the first ranks and counts all hits (per document,
	// speaker and code too: searchCounting), the second reads the
	// word locations and stored fields of this page's hits only. Locations
	// for every hit of a frequent word cost far more than the page; so
	// would a sort on _id, which reads every hit's id (equal scores keep
	// the index order instead).
	req := bleve.NewSearchRequestOptions(bq, limit, max(opts.Offset, 0), false)
	req.SortBy([]string{"-_score"})
	facets := opts.Facets
	if facets == 0 {
		facets = 50
	}
	res, terms, err := ix.searchCounting(ctx, req, facets > 0)
	if err != nil {
		return Results{}, fmt.Errorf("search: %w", err)
	}
	// The second pass marks the hits with the words they contain.
	details, err := ix.details(ctx, ix.scoped(ix.toBleve(pq.root, true), scope), res.Hits)
	if err != nil {
		return Results{}, err
	}
	out := Results{Total: int(res.Total), Plain: pq.plain, Hits: make([]Hit, 0, len(res.Hits))}
	for _, dm := range res.Hits {
		if d, ok := details[dm.ID]; ok {
			d.Score = dm.Score
			dm = d
		}
		out.Hits = append(out.Hits, ix.makeHit(dm, opts.Context))
	}
	if facets > 0 {
		out.setCounts(terms, facets)
	}
	out.Took = time.Since(started)
	return out, nil
}

// Counts returns what Search does without the hits: the number of hits
// (Total) and the counts per document, speaker and code (at most
// opts.Facets of each, 0 meaning 50), exact, over all hits. It costs less
// than Search with the counts (the hits are not ranked), and lets a window
// show the page first and the counts a moment later.
func (ix *Index) Counts(ctx context.Context, q string, opts SearchOptions) (Results, error) {
	started := time.Now()
	pq, _, bq, err := ix.prepare(q, opts)
	if err != nil {
		return Results{}, err
	}
	defer ix.mu.RUnlock()
	req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
	req.Score = "none"
	facets := opts.Facets
	if facets == 0 {
		facets = 50
	}
	res, terms, err := ix.searchCounting(ctx, req, facets > 0)
	if err != nil {
		return Results{}, fmt.Errorf("search: %w", err)
	}
	out := Results{Total: int(res.Total), Plain: pq.plain}
	if facets > 0 {
		out.setCounts(terms, facets)
	}
	out.Took = time.Since(started)
	return out, nil
}

// prepare parses q and returns it with the scope it searches and its
// bleve query (without word locations). On success it holds the read lock,
// which the caller releases.
func (ix *Index) prepare(q string, opts SearchOptions) (parsedQuery, Scope, query.Query, error) {
	pq, err := parseQuery(q)
	if err != nil {
		return pq, 0, nil, err
	}
	scope := opts.Scope
	if pq.hasScope {
		scope = pq.scope
	}
	ix.mu.RLock()
	if ix.bi == nil {
		ix.mu.RUnlock()
		return pq, 0, nil, fmt.Errorf("search: the index is closed")
	}
	bq := ix.scoped(ix.toBleve(pq.root, false), scope)
	if bq == nil {
		ix.mu.RUnlock()
		return pq, 0, nil, ErrEmptyQuery
	}
	return pq, scope, bq, nil
}

// setCounts sets the counts per document, speaker and code from the
// counts of the facetAll terms (most first), at most n of each.
func (r *Results) setCounts(terms []termCount, n int) {
	r.Documents = counts(terms, facetPrefixDoc, n)
	r.Speakers = counts(terms, facetPrefixSpeaker, n)
	r.Codes = counts(terms, facetPrefixCode, n)
}

// scoped restricts bq to the scope. The scope filters without scoring.
// Transcripts are what is not a memo: bleve skips the few memos, where
// kind:passage would be walked along with every hit.
func (ix *Index) scoped(bq query.Query, scope Scope) query.Query {
	if bq == nil {
		return nil
	}
	switch scope {
	case ScopeTranscripts:
		b := bleve.NewBooleanQuery()
		b.AddMust(bq)
		b.AddMustNot(ix.filterTerm(fieldKind, kindMemo))
		return b
	case ScopeMemos:
		b := bleve.NewBooleanQuery()
		b.AddMust(bq)
		b.AddFilter(ix.filterTerm(fieldKind, kindMemo))
		return b
	}
	return bq
}

// details searches bq again among hits only, with the locations of the
// matched words and the stored fields, and returns them by id.
func (ix *Index) details(ctx context.Context, bq query.Query, hits search.DocumentMatchCollection) (map[string]*search.DocumentMatch, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	// A conjunction, not a filter: bleve filters by walking every hit of
	// bq, and a conjunction leaps from one id to the next.
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), bq), len(ids), 0, false)
	req.IncludeLocations = true
	req.Fields = []string{fieldText, facetAll}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, dm := range res.Hits {
		out[dm.ID] = dm
	}
	return out, nil
}

// counts returns the n most frequent of terms (most first) with prefix,
// without it.
func counts(terms []termCount, prefix string, n int) []Count {
	var out []Count
	for _, t := range terms {
		if name, ok := strings.CutPrefix(t.term, prefix); ok && len(out) < n {
			out = append(out, Count{name, t.count})
		}
	}
	return out
}

// toBleve turns a parsed query into a bleve query; nil when nothing in it
// can match anything (words of punctuation only). With mark, hits carry
// markers of the words (in any form) they contain, for highlighting.
func (ix *Index) toBleve(n node, mark bool) query.Query {
	switch n := n.(type) {
	case andNode:
		var must, not []query.Query
		for _, c := range n {
			q := ix.toBleve(c.n, mark)
			switch {
			case q == nil:
			case c.not:
				not = append(not, q)
			default:
				must = append(must, q)
			}
		}
		if len(not) == 0 {
			switch len(must) {
			case 0:
				return nil
			case 1:
				return must[0]
			}
		}
		b := bleve.NewBooleanQuery()
		if len(must) == 0 {
			must = []query.Query{bleve.NewMatchAllQuery()}
		}
		b.AddMust(must...)
		b.AddMustNot(not...)
		return b
	case orNode:
		var alts []query.Query
		for _, c := range n {
			q := ix.toBleve(c.n, mark)
			if q == nil {
				continue
			}
			if c.not {
				b := bleve.NewBooleanQuery()
				b.AddMust(bleve.NewMatchAllQuery())
				b.AddMustNot(q)
				q = b
			}
			alts = append(alts, q)
		}
		if len(alts) == 0 {
			return nil
		}
		return bleve.NewDisjunctionQuery(alts...)
	case termNode:
		if n.field == "" {
			return ix.textQuery(n, mark)
		}
		return ix.filterQuery(n)
	}
	return nil
}

// textQuery searches a word, phrase, prefix or fuzzy word in the text.
func (ix *Index) textQuery(t termNode, mark bool) query.Query {
	terms := ix.analyze(analyzerExact, t.value)
	if len(terms) == 0 {
		return nil
	}
	switch {
	case t.phrase:
		q := bleve.NewMatchPhraseQuery(t.value)
		q.SetField(fieldExact)
		return q
	case t.fuzzy > 0:
		q := bleve.NewMatchPhraseQuery(t.value)
		q.SetField(fieldExact)
		q.SetFuzziness(t.fuzzy)
		return q
	case t.prefix:
		last := bleve.NewPrefixQuery(terms[len(terms)-1])
		last.SetField(fieldExact)
		if len(terms) == 1 {
			return last
		}
		// "e-mai*": the words before the last one as a phrase.
		head := bleve.NewPhraseQuery(terms[:len(terms)-1], fieldExact)
		return bleve.NewConjunctionQuery(head, last)
	}
	// A word in any of its forms: a term search (with the lemma table's
	// alternatives such as waren: war, zijn); the parts of a word the
	// tokenizer splits (e-mail) must stand together.
	a := ix.textAnalyzer()
	w := newStemWord(a.Analyze([]byte(t.value)))
	if len(w) == 0 {
		return nil
	}
	return &stemQuery{word: w, analyzer: a, mark: mark}
}

// textAnalyzer is the analyzer of the text field.
func (ix *Index) textAnalyzer() analysis.Analyzer {
	return ix.m.AnalyzerNamed(ix.m.AnalyzerNameForPath(fieldText))
}

// filterQuery searches a filter (speaker, doc, code or an attribute): the
// terms of fieldFilter with its prefix.
func (ix *Index) filterQuery(t termNode) query.Query {
	field, value := t.field, t.value
	switch field {
	case fieldSpeaker, fieldDoc, fieldCode:
	default:
		field, value = fieldAttr, attrKey(field)+"="+value
	}
	norm := ix.normalize(value)
	if norm == "" {
		return nil
	}
	prefix := filterPrefixes[field]
	var q query.Query
	switch {
	case t.prefix:
		pq := bleve.NewPrefixQuery(prefix + norm)
		pq.SetField(fieldFilter)
		q = pq
	case t.fuzzy > 0:
		// Letters off in the value only, not in the prefix.
		fq := bleve.NewFuzzyQuery(prefix + norm)
		fq.SetField(fieldFilter)
		fq.SetFuzziness(t.fuzzy)
		fq.SetPrefix(len(prefix))
		q = fq
	default:
		q = ix.filterTerm(field, norm)
	}
	switch {
	case field == fieldSpeaker && !t.prefix && (norm == "interviewer" || norm == "interviewers"):
		// The role: speakers marked as interviewer, and any labelled so.
		return bleve.NewDisjunctionQuery(q, ix.filterTerm(fieldInterviewer, "true"))
	case field == fieldDoc && isDigits(norm):
		return bleve.NewDisjunctionQuery(q, ix.filterTerm(fieldDocID, norm))
	}
	return q
}

// filterTerm searches the term of fieldFilter for value (as analyzerKey
// writes it) in field.
func (ix *Index) filterTerm(field, value string) *query.TermQuery {
	q := bleve.NewTermQuery(filterPrefixes[field] + value)
	q.SetField(fieldFilter)
	return q
}

// normalize writes a filter value the way analyzerKey indexes it.
func (ix *Index) normalize(s string) string {
	terms := ix.analyze(analyzerKey, strings.TrimSpace(s))
	if len(terms) == 0 {
		return ""
	}
	return terms[0]
}

func (ix *Index) analyze(analyzer, s string) []string {
	var out []string
	for _, tok := range ix.m.AnalyzerNamed(analyzer).Analyze([]byte(s)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// makeHit turns a bleve hit into a Hit with rune ranges.
func (ix *Index) makeHit(dm *search.DocumentMatch, context int) Hit {
	memo, owner, start, _ := parseID(dm.ID)
	h := Hit{MemoKind: memo, Score: dm.Score}
	if memo == "" {
		h.DocID, h.Start = owner, start
	} else {
		h.MemoOf = owner
	}
	h.Text, _ = dm.Fields[fieldText].(string)
	info, _ := dm.Fields[facetAll].(string)
	hi := decodeHitInfo(info)
	h.Document, h.Speaker, h.Interviewer, h.Codes = hi.doc, hi.speaker, hi.interviewer, hi.codes
	if memo != "" {
		h.DocID = hi.docID
	}
	// The text field has markers of the words found, the exact field the
	// locations of phrases, prefixes and fuzzy words.
	var markers []string
	for key := range dm.Locations[fieldText] {
		markers = append(markers, key)
	}
	bytes := highlightStems(ix.textAnalyzer(), h.Text, markers)
	for _, locs := range dm.Locations[fieldExact] {
		for _, l := range locs {
			bytes = append(bytes, Range{int(l.Start), int(l.End)})
		}
	}
	runes := runeRanges(h.Text, bytes)
	h.End = h.Start + utf8.RuneCountInString(h.Text)
	h.Snippet, h.SnippetMatches = snippet(h.Text, runes, context)
	for _, r := range runes {
		h.Matches = append(h.Matches, Range{h.Start + r.Start, h.Start + r.End})
	}
	return h
}

// runeRanges turns byte ranges in text into sorted, distinct rune ranges;
// ranges inside another one are dropped.
func runeRanges(text string, bytes []Range) []Range {
	slices.SortFunc(bytes, func(a, b Range) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var out []Range
	pos, runes := 0, 0
	toRune := func(b int) int {
		b = min(max(b, 0), len(text))
		if b < pos {
			pos, runes = 0, 0
		}
		runes += utf8.RuneCountInString(text[pos:b])
		pos = b
		return runes
	}
	lastEnd := -1
	for _, b := range bytes {
		if b.End <= lastEnd {
			continue // the same word again, or inside the previous one
		}
		lastEnd = b.End
		s := toRune(b.Start)
		out = append(out, Range{s, toRune(b.End)})
	}
	return out
}

// snippet cuts a line of context around the first match.
func snippet(text string, matches []Range, context int) (string, []Range) {
	if context <= 0 {
		context = 60
	}
	r := []rune(text)
	first := Range{0, 0}
	if len(matches) > 0 {
		first = matches[0]
	}
	from, to := max(first.Start-context, 0), min(first.End+context, len(r))
	// Start and end at word boundaries.
	for from > 0 && from < first.Start && !unicode.IsSpace(r[from-1]) {
		from++
	}
	for to < len(r) && to > first.End && !unicode.IsSpace(r[to]) {
		to--
	}
	var b strings.Builder
	shift := -from
	if from > 0 {
		b.WriteString("…")
		shift++
	}
	for _, c := range r[from:to] {
		if c == '\n' || c == '\r' || c == '\t' {
			c = ' '
		}
		b.WriteRune(c)
	}
	if to < len(r) {
		b.WriteString("…")
	}
	var in []Range
	for _, m := range matches {
		if m.Start >= from && m.End <= to {
			in = append(in, Range{m.Start + shift, m.End + shift})
		}
	}
	return b.String(), in
}
