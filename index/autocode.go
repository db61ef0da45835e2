package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"codeberg.org/verbatim/verbatim/model"
)

// Unit is how much text auto-coding codes around each hit.
type Unit string

// The units of auto-coding: the matched words, the sentence around them, or
// the whole speaker turn (paragraph).
const (
	UnitMatch    Unit = "match"
	UnitSentence Unit = "sentence"
	UnitTurn     Unit = "turn"
)

// ParseUnit reads a unit as the command line and the window name it.
func ParseUnit(s string) (Unit, error) {
	switch u := Unit(strings.ToLower(strings.TrimSpace(s))); u {
	case UnitMatch, UnitSentence, UnitTurn:
		return u, nil
	case "", "hit", "word", "words":
		return UnitMatch, nil
	case "paragraph", "passage":
		return UnitTurn, nil
	}
	return "", fmt.Errorf("unit %q: %w (use match, sentence or turn)", s, model.ErrInvalid)
}

// AutocodeResult says what auto-coding did.
type AutocodeResult struct {
	Hits     int // passages that matched
	Spans    int // distinct ranges found in them
	Coded    int // ranges coded (codings made)
	Passages int // passages with a range coded
	Skipped  int // ranges not coded: already coded with the code, or inside a coding with it
	Inside   int // of Skipped, those inside a larger coding with the code
}

// Autocode codes every hit of query in the transcripts with the code codeID,
// by unit, as one undoable step. A range that already carries the code, or
// lies inside a coding with it (a match in a turn coded so), is skipped. The
// index is brought up to date afterwards.
func Autocode(ctx context.Context, p *model.Project, ix *Index, q string, codeID int64, unit Unit) (AutocodeResult, error) {
	var res AutocodeResult
	if err := ix.Update(ctx); err != nil {
		return res, err
	}
	found, hits, err := ix.spans(ctx, q, unit)
	if err != nil {
		return res, err
	}
	res.Hits, res.Spans = hits, len(found)
	if len(found) == 0 {
		return res, nil
	}
	have, err := p.Codings(ctx, model.CodingFilter{CodeID: codeID})
	if err != nil {
		return res, err
	}
	var spans []model.Span
	var passages []int
	for _, f := range found {
		if coveredBy(f.Span, have) {
			res.Inside++
			continue
		}
		spans = append(spans, f.Span)
		passages = append(passages, f.passage)
	}
	made, err := p.ApplyCodes(ctx, codeID, spans)
	if err != nil {
		return res, err
	}
	res.Coded, res.Skipped = len(made), len(found)-len(made)
	coded := map[int]bool{}
	for _, c := range made {
		if i := slices.IndexFunc(spans, func(s model.Span) bool { return s.DocID == c.DocID && s.Start == c.Start && s.End == c.End }); i >= 0 {
			coded[passages[i]] = true
		}
	}
	res.Passages = len(coded)
	return res, ix.Update(ctx)
}

// coveredBy reports whether a coding in have (the codings of one code)
// holds the whole of s and more: an exact duplicate ApplyCodes counts itself.
func coveredBy(s model.Span, have []model.Coding) bool {
	for _, c := range have {
		if c.DocID == s.DocID && c.Start <= s.Start && s.End <= c.End && (c.Start != s.Start || c.End != s.End) {
			return true
		}
	}
	return false
}

// Spans returns the ranges to code for every hit of query in the
// transcripts, by unit, sorted and without duplicates, and how many passages
// matched. The window can show them before coding.
func (ix *Index) Spans(ctx context.Context, q string, unit Unit) ([]model.Span, int, error) {
	found, hits, err := ix.spans(ctx, q, unit)
	if err != nil {
		return nil, 0, err
	}
	spans := make([]model.Span, len(found))
	for i, f := range found {
		spans[i] = f.Span
	}
	return spans, hits, nil
}

// foundSpan is a range to code and the passage (the n-th hit) it is in.
type foundSpan struct {
	model.Span
	passage int
}

func (ix *Index) spans(ctx context.Context, q string, unit Unit) ([]foundSpan, int, error) {
	const page = 1000
	var spans []foundSpan
	hits := 0
	for offset := 0; ; offset += page {
		res, err := ix.Search(ctx, q, SearchOptions{Limit: page, Offset: offset, Facets: -1, Scope: ScopeTranscripts})
		if err != nil {
			return nil, 0, err
		}
		for _, h := range res.Hits {
			if h.MemoKind != "" {
				continue
			}
			for _, s := range hitSpans(h, unit) {
				spans = append(spans, foundSpan{s, hits})
			}
			hits++
		}
		if len(res.Hits) < page {
			break
		}
	}
	slices.SortFunc(spans, func(a, b foundSpan) int {
		switch {
		case a.DocID != b.DocID:
			return cmpInt(a.DocID, b.DocID)
		case a.Start != b.Start:
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return slices.CompactFunc(spans, func(a, b foundSpan) bool { return a.Span == b.Span }), hits, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// hitSpans returns the ranges to code for one hit.
func hitSpans(h Hit, unit Unit) []model.Span {
	text := []rune(h.Text)
	if unit == UnitTurn || len(h.Matches) == 0 {
		s, e := trimRange(text, 0, len(text))
		s = skipLabel(text, s, h.Speaker)
		if s >= e {
			return nil
		}
		return []model.Span{{DocID: h.DocID, Start: h.Start + s, End: h.Start + e}}
	}
	var out []model.Span
	for _, m := range mergeAdjacent(text, h.Start, h.Matches) {
		s, e := m.Start-h.Start, m.End-h.Start
		if unit == UnitSentence {
			s, e = sentenceAround(text, s, e)
			s = skipLabel(text, s, h.Speaker)
		}
		out = append(out, model.Span{DocID: h.DocID, Start: h.Start + s, End: h.Start + e})
	}
	return out
}

// mergeAdjacent joins matches separated by spaces and punctuation only, so
// that a phrase is coded as one range, not word by word.
func mergeAdjacent(text []rune, offset int, matches []Range) []Range {
	var out []Range
	for _, m := range matches {
		if n := len(out); n > 0 && onlySeparators(text, out[n-1].End-offset, m.Start-offset) {
			out[n-1].End = max(out[n-1].End, m.End)
			continue
		}
		out = append(out, m)
	}
	return out
}

func onlySeparators(text []rune, from, to int) bool {
	if from > to || to-from > 3 || from < 0 || to > len(text) {
		return false
	}
	for _, r := range text[from:to] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\n' || strings.ContainsRune(".!?…", r) {
			return false
		}
	}
	return true
}

// sentenceAround widens [s, e) to the sentence (or line) it is in.
func sentenceAround(text []rune, s, e int) (int, int) {
	for s > 0 && !endsSentence(text, s-1) {
		s--
	}
	for e < len(text) && !endsSentence(text, e-1) {
		e++
	}
	// Keep closing quotes and brackets after the full stop.
	for e < len(text) && strings.ContainsRune("\"'”’)]»", text[e]) {
		e++
	}
	return trimRange(text, s, e)
}

// endsSentence reports whether the rune at i ends a sentence: a line break,
// or . ! ? … followed by a space or the end.
func endsSentence(text []rune, i int) bool {
	if i < 0 || i >= len(text) {
		return true
	}
	switch text[i] {
	case '\n':
		return true
	case '.', '!', '?', '…':
		return i+1 >= len(text) || unicode.IsSpace(text[i+1])
	}
	return false
}

// trimRange drops white space at both ends of [s, e).
func trimRange(text []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(text[s]) {
		s++
	}
	for e > s && unicode.IsSpace(text[e-1]) {
		e--
	}
	return s, e
}

// skipLabel moves s past a speaker label ("Ana: ") at the start of a turn:
// a quote is what the speaker said, not who said it.
func skipLabel(text []rune, s int, speaker string) int {
	if s != 0 || speaker == "" {
		return s
	}
	label := []rune(speaker)
	if len(text) > len(label) && string(text[:len(label)]) == speaker && text[len(label)] == ':' {
		s = len(label) + 1
		for s < len(text) && text[s] == ' ' {
			s++
		}
	}
	return s
}
