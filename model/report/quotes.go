package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"codeberg.org/verbatim/verbatim/model"
)

// Filter selects coded quotes. Zero fields select everything.
type Filter struct {
	// Codes are the codes to take (ids); with SubCodes, their sub-codes
	// too.
	Codes    []int64
	SubCodes bool
	// Documents are the documents to take (ids).
	Documents []int64
	// Speakers are speaker labels or participant names (any case).
	Speakers []string
	// Attributes are participant (or document) attribute values: a quote
	// qualifies when, for every key named, its participant or document has
	// one of the values given for that key (any case).
	Attributes []model.Attribute
	// Coders are the names of coders whose codings to take.
	Coders []string
	// KeyOnly takes key quotes only.
	KeyOnly bool
	// Within, when not nil, keeps the quotes that overlap one of these
	// ranges: the hits of a search (index.Spans). An empty, non-nil slice
	// keeps nothing.
	Within []model.Span
	// NoInterviewers leaves out quotes said entirely by speakers marked as
	// interviewers.
	NoInterviewers bool
}

// ContextUnit is how much text around a quote is given as its context.
type ContextUnit string

// The context units: none, the sentence (or sentences) the quote is in, or
// its whole speaker turn.
const (
	NoContext       ContextUnit = ""
	SentenceContext ContextUnit = "sentence"
	TurnContext     ContextUnit = "turn"
)

// ParseContext reads a context unit as the command line names it.
func ParseContext(s string) (ContextUnit, error) {
	switch u := ContextUnit(strings.ToLower(strings.TrimSpace(s))); u {
	case NoContext, SentenceContext, TurnContext:
		return u, nil
	case "none":
		return NoContext, nil
	case "paragraph":
		return TurnContext, nil
	}
	return "", fmt.Errorf("context %q: %w (use sentence or turn)", s, model.ErrInvalid)
}

// Quote is one coded passage with everything a quote table or report says
// about it.
type Quote struct {
	Number   int // 1-based, in the order Quotes returns
	CodingID int64
	CodeID   int64
	Code     string
	CodePath string // "Parent > Child"
	Color    string
	Text     string // the coded text, exactly
	Context  string // the sentence or turn around it, when asked for
	DocID    int64
	Document string
	// DocNumber is the document's position in the documents list, as in
	// "interview 3".
	DocNumber int
	// Speaker is the label of the speaker of the turn the quote starts in
	// (labels joined with ", " when it spans several speakers); Participant
	// the participant behind it, with Attributes.
	Speaker     string
	Participant string
	CaseID      int64
	Attributes  []model.Attribute
	DocAttrs    []model.Attribute
	Interviewer bool // every turn it overlaps is an interviewer's
	Turn        int  // 1-based number of the turn it starts in; 0 when none
	Time        time.Duration
	HasTime     bool
	Start, End  int
	Coder       string
	Created     time.Time
	Memo        string
	Key         bool
}

// Quotes returns the coded quotes that f selects, in codebook order, then by
// document and position, numbered from 1.
func Quotes(ctx context.Context, p *model.Project, f Filter, context ContextUnit) ([]Quote, error) {
	d, err := load(ctx, p)
	if err != nil {
		return nil, err
	}
	return d.quotes(ctx, p, f, context)
}

func (d *data) quotes(ctx context.Context, p *model.Project, f Filter, context ContextUnit) ([]Quote, error) {
	sel, err := d.newSelector(f)
	if err != nil {
		return nil, err
	}
	var out []Quote
	for _, c := range d.codings {
		q := d.quote(c)
		if !sel.match(q) {
			continue
		}
		out = append(out, q)
	}
	order := d.codeOrder()
	slices.SortStableFunc(out, func(a, b Quote) int {
		if oa, ob := order[a.CodeID], order[b.CodeID]; oa != ob {
			return oa - ob
		}
		if a.DocNumber != b.DocNumber {
			return a.DocNumber - b.DocNumber
		}
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	byDoc := map[int64][]int{}
	for i := range out {
		out[i].Number = i + 1
		byDoc[out[i].DocID] = append(byDoc[out[i].DocID], i)
	}
	if context == NoContext {
		return out, nil
	}
	// One document's text at a time: a project's texts as runes would take
	// four times their size in memory at once.
	for _, dd := range d.docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		idx := byDoc[dd.ID]
		if len(idx) == 0 {
			continue
		}
		t, err := p.Text(ctx, dd.ID)
		if err != nil {
			return nil, err
		}
		text := []rune(t)
		for _, i := range idx {
			out[i].Context = d.contextOf(text, out[i], context)
		}
	}
	return out, nil
}

// quote fills a Quote from a coding and the document's turns.
func (d *data) quote(c model.Coding) Quote {
	code := d.codeByID[c.CodeID]
	doc := d.docByID[c.DocID]
	q := Quote{CodingID: c.ID, CodeID: c.CodeID, Code: c.Code, CodePath: d.path(c.CodeID), Text: c.Text,
		DocID: c.DocID, Document: c.Document, Start: c.Start, End: c.End, Coder: c.Coder, Created: c.Created,
		Memo: c.Memo, Key: c.Key}
	if code != nil {
		q.Color = code.Color
	}
	if doc == nil {
		return q
	}
	q.DocNumber, q.DocAttrs = doc.Number, doc.Attrs
	first, last, ok := turnsOf(doc.Turns, c.Start, c.End)
	if !ok {
		return q
	}
	t := doc.Turns[first]
	q.Turn = first + 1
	q.Time, q.HasTime = t.Begin, t.HasTime
	var labels []string
	q.Interviewer = true
	for _, t := range doc.Turns[first : last+1] {
		sp := d.speakers[t.SpeakerID]
		if sp == nil || !sp.Interviewer {
			q.Interviewer = false
		}
		if sp != nil && !slices.Contains(labels, sp.Label) {
			labels = append(labels, sp.Label)
		}
	}
	q.Speaker = strings.Join(labels, ", ")
	if sp := d.speakers[t.SpeakerID]; sp != nil {
		if cs := d.cases[sp.CaseID]; cs != nil {
			q.Participant, q.CaseID, q.Attributes = cs.Name, cs.ID, cs.Attributes
		}
	}
	return q
}

// selector is a Filter made ready to test quotes quickly.
type selector struct {
	f        Filter
	codes    map[int64]bool
	docs     map[int64]bool
	speakers map[string]bool
	coders   map[string]bool
	attrs    map[string]map[string]bool
	within   map[int64][]model.Span
}

func (d *data) newSelector(f Filter) (*selector, error) {
	s := &selector{f: f}
	if len(f.Codes) > 0 {
		s.codes = map[int64]bool{}
		for _, id := range f.Codes {
			if d.codeByID[id] == nil {
				return nil, fmt.Errorf("code %d: %w", id, model.ErrNotFound)
			}
			ids := []int64{id}
			if f.SubCodes {
				ids = d.subtree(id)
			}
			for _, c := range ids {
				s.codes[c] = true
			}
		}
	}
	if len(f.Documents) > 0 {
		s.docs = map[int64]bool{}
		for _, id := range f.Documents {
			if d.docByID[id] == nil {
				return nil, fmt.Errorf("document %d: %w", id, model.ErrNotFound)
			}
			s.docs[id] = true
		}
	}
	s.speakers = lowerSet(f.Speakers)
	s.coders = lowerSet(f.Coders)
	if len(f.Attributes) > 0 {
		s.attrs = map[string]map[string]bool{}
		for _, a := range f.Attributes {
			k := strings.ToLower(strings.TrimSpace(a.Key))
			if s.attrs[k] == nil {
				s.attrs[k] = map[string]bool{}
			}
			s.attrs[k][strings.ToLower(strings.TrimSpace(a.Value))] = true
		}
	}
	if f.Within != nil {
		s.within = map[int64][]model.Span{}
		for _, sp := range f.Within {
			s.within[sp.DocID] = append(s.within[sp.DocID], sp)
		}
	}
	return s, nil
}

func lowerSet(names []string) map[string]bool {
	if len(names) == 0 {
		return nil
	}
	m := map[string]bool{}
	for _, n := range names {
		m[strings.ToLower(strings.TrimSpace(n))] = true
	}
	return m
}

func (s *selector) match(q Quote) bool {
	switch {
	case s.codes != nil && !s.codes[q.CodeID],
		s.docs != nil && !s.docs[q.DocID],
		s.f.KeyOnly && !q.Key,
		s.f.NoInterviewers && q.Interviewer,
		s.coders != nil && !s.coders[strings.ToLower(q.Coder)]:
		return false
	}
	if s.speakers != nil && !s.speakers[strings.ToLower(q.Participant)] {
		found := false
		for _, l := range strings.Split(q.Speaker, ", ") {
			found = found || s.speakers[strings.ToLower(l)]
		}
		if !found {
			return false
		}
	}
	for key, values := range s.attrs {
		if !hasAttr(q.Attributes, key, values) && !hasAttr(q.DocAttrs, key, values) {
			return false
		}
	}
	if s.within != nil {
		hit := false
		for _, sp := range s.within[q.DocID] {
			if sp.Start < q.End && q.Start < sp.End {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

func hasAttr(attrs []model.Attribute, key string, values map[string]bool) bool {
	for _, a := range attrs {
		if strings.EqualFold(a.Key, key) && values[strings.ToLower(a.Value)] {
			return true
		}
	}
	return false
}

// contextOf returns the sentence(s) or the turn around a quote, without the
// speaker's label.
func (d *data) contextOf(text []rune, q Quote, unit ContextUnit) string {
	doc := d.docByID[q.DocID]
	lo, hi := 0, len(text)
	if first, last, ok := turnsOf(doc.Turns, q.Start, q.End); ok {
		lo, hi = doc.Turns[first].Start, doc.Turns[last].End
		lo = skipLabel(text, lo, hi, doc.Turns[first].Speaker)
	}
	if q.Start < lo {
		lo = q.Start
	}
	if hi > len(text) {
		hi = len(text)
	}
	s, e := lo, hi
	if unit == SentenceContext {
		s, e = q.Start, q.End
		for s > lo && !sentenceEnd(text, s-1) {
			s--
		}
		for e < hi && !sentenceEnd(text, e-1) {
			e++
		}
	}
	return strings.TrimSpace(string(text[s:e]))
}

// sentenceEnd reports whether text[i] ends a sentence: a full stop,
// question or exclamation mark (with any closing quotes after it) followed
// by a space, or a line break.
func sentenceEnd(text []rune, i int) bool {
	if i < 0 || i >= len(text) {
		return true
	}
	if text[i] == '\n' {
		return true
	}
	if !unicode.IsSpace(text[i]) || i == 0 {
		return false
	}
	j := i - 1
	for j > 0 && strings.ContainsRune("\"'”’)»", text[j]) {
		j--
	}
	return strings.ContainsRune(".?!…", text[j])
}

// skipLabel moves start past a "Label:" at the start of a turn.
func skipLabel(text []rune, start, end int, label string) int {
	if label == "" {
		return start
	}
	n := len([]rune(label))
	i := start
	if i+n <= end && string(text[i:i+n]) == label {
		i += n
		for i < end && (text[i] == ':' || text[i] == ' ' || text[i] == ']' || unicode.IsSpace(text[i])) {
			i++
		}
		return i
	}
	return start
}
