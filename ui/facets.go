package ui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
)

// The facets beside the results count the passages found per document,
// speaker and code. A click on one narrows the search to it by adding its
// filter to the query, written as the query language writes it
// (doc:"a – Ana.txt", speaker:Sanne, code:"Deel wat je leert"; see
// index.QueryHelp), so that the query in the bar is always what was
// searched; a second click, or the filter's chip, takes it out again.

// The fields a facet filters on, as the query language names them.
const (
	fieldDoc     = "doc"
	fieldSpeaker = "speaker"
	fieldCode    = "code"
)

// fieldAliases are the names the query language takes for each field.
var fieldAliases = map[string]string{
	"doc": fieldDoc, "document": fieldDoc,
	"speaker": fieldSpeaker, "spreker": fieldSpeaker, "participant": fieldSpeaker, "case": fieldSpeaker,
	"code": fieldCode, "codes": fieldCode,
}

// queryFilter is a filter on a document, speaker or code that stands on
// its own in a query: at the top, outside brackets and not one of
// alternatives (OR), so that taking it out leaves a valid query.
type queryFilter struct {
	field, value string
	not          bool // -speaker:Interviewer
	from, to     int  // its bytes in the query
}

// label is the filter as its chip shows it.
func (f queryFilter) label() string {
	s := f.field + ": " + f.value
	if f.not {
		s = "not " + s
	}
	return s
}

// is reports whether the filter is field:value (not negated).
func (f queryFilter) is(field, value string) bool {
	return !f.not && f.field == field && strings.EqualFold(strings.TrimSpace(f.value), strings.TrimSpace(value))
}

// queryToken is a word, phrase or bracket of a query, with its bytes.
type queryToken struct {
	text     string
	from, to int
	depth    int // brackets around it
}

const quoteRunes = "\"“”„"

// queryTokens splits a query as index's lexer does: words, "phrases",
// field:"phrases" and brackets.
func queryTokens(q string) []queryToken {
	var toks []queryToken
	depth := 0
	for i := 0; i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(' || r == ')':
			if r == ')' {
				depth--
			}
			toks = append(toks, queryToken{text: string(r), from: i, to: i + 1, depth: depth})
			if r == '(' {
				depth++
			}
			i++
		default:
			j := i
			inQuote := false
			for j < len(q) {
				r, size := utf8.DecodeRuneInString(q[j:])
				if strings.ContainsRune(quoteRunes, r) {
					if inQuote {
						j += size
						break
					}
					if j > i && !strings.HasSuffix(q[i:j], ":") {
						break // a phrase after a word: a token of its own
					}
					inQuote = true
				} else if !inQuote && (unicode.IsSpace(r) || r == '(' || r == ')') {
					break
				}
				j += size
			}
			toks = append(toks, queryToken{text: q[i:j], from: i, to: j, depth: depth})
			i = j
		}
	}
	return toks
}

// queryFilters returns the filters on documents, speakers and codes that
// stand on their own in q.
func queryFilters(q string) []queryFilter {
	toks := queryTokens(q)
	isOr := func(i int) bool {
		if i < 0 || i >= len(toks) {
			return false
		}
		switch toks[i].text {
		case "OR", "|", "||", "NOT":
			return true
		}
		return false
	}
	var out []queryFilter
	for i, t := range toks {
		if t.depth != 0 || isOr(i-1) || isOr(i+1) {
			continue
		}
		text, not := t.text, false
		if strings.HasPrefix(text, "-") {
			text, not = text[1:], true
		}
		text = strings.TrimPrefix(text, "+")
		name, value, ok := strings.Cut(text, ":")
		field, known := fieldAliases[strings.ToLower(name)]
		if !ok || !known {
			continue
		}
		if v, quoted := unquote(value); quoted {
			value = v
		} else if value == "" || strings.ContainsAny(value, "*~") || strings.ContainsAny(value, quoteRunes) {
			continue // a prefix or fuzzy value: no facet's
		}
		out = append(out, queryFilter{field: field, value: value, not: not, from: t.from, to: t.to})
	}
	return out
}

// unquote returns the text of a "phrase", and whether s is one.
func unquote(s string) (string, bool) {
	first, n := utf8.DecodeRuneInString(s)
	last, m := utf8.DecodeLastRuneInString(s)
	if len(s) < n+m || !strings.ContainsRune(quoteRunes, first) || !strings.ContainsRune(quoteRunes, last) {
		return "", false
	}
	return strings.TrimSpace(s[n : len(s)-m]), true
}

// filterTerm writes field:value as the query language reads it, quoted
// when the value has spaces or signs of the language; "" when it cannot
// be written (a value with quotes).
func filterTerm(field, value string) string {
	value = strings.TrimSpace(value)
	switch {
	case value == "" || strings.ContainsAny(value, quoteRunes):
		return ""
	case strings.ContainsFunc(value, unicode.IsSpace) || strings.ContainsAny(value, "()*~:") || strings.HasPrefix(value, "-") || strings.HasPrefix(value, "+"):
		return field + `:"` + value + `"`
	}
	return field + ":" + value
}

// withoutFilter is q without f.
func withoutFilter(q string, f queryFilter) string {
	return strings.Join(strings.Fields(q[:f.from]+" "+q[f.to:]), " ")
}

// toggleFilter adds the filter field:value to q, or takes it out when q
// has it already; "" when it cannot be written.
func toggleFilter(q, field, value string) string {
	for _, f := range queryFilters(q) {
		if f.is(field, value) {
			return withoutFilter(q, f)
		}
	}
	term := filterTerm(field, value)
	if term == "" {
		return ""
	}
	return strings.TrimSpace(q) + " " + term
}

// facetEntry is a row of the facets: a heading, or a count that filters.
type facetEntry struct {
	field  string // "" for a heading
	name   string
	count  int
	active bool // the query filters on it
}

// facetList shows the counts per document, speaker and code of a
// search; a tap on one toggles its filter.
type facetList struct {
	list    *widget.List
	entries []facetEntry

	onToggle func(field, name string)
}

func newFacetList(onToggle func(field, name string)) *facetList {
	f := &facetList{onToggle: onToggle}
	f.list = widget.NewList(
		func() int { return len(f.entries) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			count := widget.NewLabel("")
			icon := widget.NewIcon(theme.ConfirmIcon())
			return container.NewBorder(nil, nil, icon, count, name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(f.entries) {
				return
			}
			e := f.entries[i]
			box := o.(*fyne.Container)
			name, count, icon := box.Objects[0].(*widget.Label), box.Objects[2].(*widget.Label), box.Objects[1].(*widget.Icon)
			name.TextStyle = fyne.TextStyle{Bold: e.field == "" || e.active}
			name.SetText(e.name)
			icon.Hide()
			count.SetText("")
			if e.field == "" {
				return
			}
			count.SetText(fmt.Sprint(e.count))
			if e.active {
				icon.SetResource(theme.ConfirmIcon())
				icon.Show()
			}
		})
	f.list.OnSelected = func(i widget.ListItemID) {
		f.list.UnselectAll()
		if i < len(f.entries) && f.entries[i].field != "" {
			f.onToggle(f.entries[i].field, f.entries[i].name)
		}
	}
	return f
}

// set shows the counts of a search whose filters are active.
func (f *facetList) set(res index.Results, active []queryFilter) {
	f.entries = f.entries[:0]
	add := func(field, heading string, counts []index.Count) {
		if len(counts) == 0 {
			return
		}
		f.entries = append(f.entries, facetEntry{name: heading})
		for _, c := range counts {
			e := facetEntry{field: field, name: c.Name, count: c.Count}
			for _, a := range active {
				e.active = e.active || a.is(field, c.Name)
			}
			f.entries = append(f.entries, e)
		}
	}
	add(fieldDoc, lang.L("Documents"), res.Documents)
	add(fieldSpeaker, lang.L("Speakers"), res.Speakers)
	add(fieldCode, lang.L("Codes"), res.Codes)
	f.list.Refresh()
}

// clear empties the facets until the counts of a search arrive.
func (f *facetList) clear() {
	f.entries = f.entries[:0]
	f.list.Refresh()
}
