package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// kwicRow is one line of the keyword-in-context table: one match of a hit
// (matched words next to each other make one match, as a phrase), with the
// context around it in its passage.
type kwicRow struct {
	hit         int         // the hit's index in the table's hits
	order       int         // the row's place in the result order
	match       index.Range // the matched words, in the document (a memo: in the memo)
	left, right string      // the context before and after them
	text        string      // the matched words
}

// contextRunes is how much context a row keeps on each side; the cells
// cut it further to their width.
const contextRunes = 120

// kwicRows makes the rows of a hit: one per match, or one for the whole
// passage when nothing in it matched a word (a query of filters only).
func kwicRows(h index.Hit) []kwicRow {
	text := []rune(h.Text)
	body := labelEnd(text, h.Speaker)
	var rows []kwicRow
	for _, m := range mergeMatches(text, h.Start, h.Matches) {
		s, e := m.Start-h.Start, m.End-h.Start
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		from := body
		if s < body { // the speaker's label matched
			from = 0
		}
		left := flatten(text[max(from, s-contextRunes):s])
		if s-contextRunes > from {
			left = "…" + left
		}
		right := flatten(text[e:min(len(text), e+contextRunes)])
		if e+contextRunes < len(text) {
			right += "…"
		}
		rows = append(rows, kwicRow{match: m, left: left, text: flatten(text[s:e]), right: right})
	}
	if len(rows) == 0 {
		right := flatten(text[body:min(len(text), body+2*contextRunes)])
		rows = append(rows, kwicRow{match: index.Range{Start: h.Start + body, End: h.End}, right: right})
	}
	return rows
}

// labelEnd is where the words of a turn start: after its speaker's label
// ("Ana: ") when the text starts with it, else 0. The speaker has a column
// of its own.
func labelEnd(text []rune, speaker string) int {
	label := []rune(speaker)
	if speaker == "" || len(text) <= len(label) || string(text[:len(label)]) != speaker || text[len(label)] != ':' {
		return 0
	}
	i := len(label) + 1
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}

// mergeMatches joins matches separated by spaces and punctuation only, so
// that a phrase is one match, not a row per word; as Autocode codes them.
func mergeMatches(text []rune, offset int, matches []index.Range) []index.Range {
	var out []index.Range
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

// flatten writes line breaks and tabs as spaces: a row is one line.
func flatten(r []rune) string {
	return strings.Map(func(c rune) rune {
		if c == '\n' || c == '\r' || c == '\t' {
			return ' '
		}
		return c
	}, string(r))
}

// kwicSort is the order of the table's rows: the result order (the best
// hits first), or by a column.
type kwicSort int

const (
	sortResult kwicSort = iota
	sortLeft
	sortMatch
	sortRight
	sortSpeaker
	sortDocument // and position in it
)

// columnSort is the order a tap on each column's header gives.
var columnSort = [kwicCols]kwicSort{sortLeft, sortMatch, sortRight, sortSpeaker, sortDocument, sortDocument}

// columnTitles are the table's column titles in the language shown.
func columnTitles() [kwicCols]string {
	return [kwicCols]string{lang.L("Left context"), lang.L("Match"), lang.L("Right context"), lang.L("Speaker"), lang.L("Document"), lang.L("Position")}
}

// resultsTable is the keyword-in-context table: a header that sorts and
// a list of rows, virtualised, so that thousands of hits cost only the
// rows on screen.
type resultsTable struct {
	box     fyne.CanvasObject
	header  *fyne.Container
	titles  [kwicCols]*widget.Button
	list    *widget.List
	cols    *kwicColumns
	hits    []index.Hit
	rows    []kwicRow // in the order shown
	alike   alike     // what the documents' names have alike
	sort    kwicSort
	current int // the row selected, -1 for none

	onOpen func(row kwicRow, h index.Hit)
}

func newResultsTable(onOpen func(kwicRow, index.Hit)) *resultsTable {
	t := &resultsTable{cols: &kwicColumns{}, current: -1, onOpen: onOpen}
	t.header = container.New(kwicLayout{t.cols})
	titles := columnTitles()
	for i := range kwicCols {
		b := widget.NewButton(titles[i], func() { t.onSortBy(columnSort[i]) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		if i == colLeft || i == colPosition {
			b.Alignment = widget.ButtonAlignTrailing
		}
		b.IconPlacement = widget.ButtonIconTrailingText
		t.titles[i] = b
		t.header.Add(b)
	}
	t.list = widget.NewList(
		func() int { return len(t.rows) },
		func() fyne.CanvasObject {
			return container.New(kwicLayout{t.cols},
				newContextText(true, fyne.TextStyle{}),
				newContextText(false, fyne.TextStyle{Bold: true}),
				newContextText(false, fyne.TextStyle{}),
				newKWICText(false, cutAtEnd, fyne.TextStyle{}),
				newKWICText(false, cutAsName, fyne.TextStyle{}),
				newKWICText(true, cutAtEnd, fyne.TextStyle{}))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.rows) {
				return
			}
			box := o.(*fyne.Container)
			for c, text := range t.cells(t.rows[i]) {
				if c == colDocument {
					box.Objects[c].(*kwicText).setName(text, t.alike)
					continue
				}
				box.Objects[c].(*kwicText).set(text, c == colSpeaker && t.hits[t.rows[i].hit].Interviewer)
			}
			box.Layout.Layout(box.Objects, box.Size()) // the match column may have widened
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		if i < len(t.rows) {
			t.current = i
			t.onOpen(t.rows[i], t.hits[t.rows[i].hit])
		}
	}
	t.list.OnUnselected = func(widget.ListItemID) { t.current = -1 }
	t.box = container.NewBorder(t.header, nil, nil, nil, t.list)
	return t
}

// cells are the texts of a row's columns.
func (t *resultsTable) cells(r kwicRow) [kwicCols]string {
	h := t.hits[r.hit]
	var c [kwicCols]string
	c[colLeft], c[colMatch], c[colRight] = r.left, r.text, r.right
	c[colSpeaker], c[colDocument] = h.Speaker, documentCell(h)
	if h.MemoKind == "" {
		c[colPosition] = strconv.Itoa(r.match.Start)
	}
	return c
}

// memoKindWord names what a memo is on: "code".
func memoKindWord(k model.MemoKind) string {
	switch k {
	case model.ProjectMemo:
		return lang.L("project")
	case model.DocumentMemo:
		return lang.L("document")
	case model.CodeMemo:
		return lang.L("code")
	case model.CodingMemo:
		return lang.L("coding")
	case model.CaseMemo:
		return lang.L("participant")
	}
	return string(k)
}

// memoKindName names what a memo is on with an article: "a code".
func memoKindName(k model.MemoKind) string {
	switch k {
	case model.ProjectMemo:
		return lang.L("the project")
	case model.DocumentMemo:
		return lang.L("a document")
	case model.CodeMemo:
		return lang.L("a code")
	case model.CodingMemo:
		return lang.L("a coding")
	case model.CaseMemo:
		return lang.L("a participant")
	}
	return string(k)
}

// documentCell is what the document column shows of a hit: its document,
// or what the memo it is in is on.
func documentCell(h index.Hit) string {
	if h.MemoKind == "" {
		return h.Document
	}
	s := lang.L("memo on {{.What}}", args{"What": memoKindWord(h.MemoKind)})
	if h.Document != "" {
		s += " " + h.Document
	}
	return s
}

// set shows the first page of a search's hits.
func (t *resultsTable) set(hits []index.Hit) {
	t.hits, t.rows = nil, nil
	// The columns as wide as their titles at least, with a sort mark.
	titles := columnTitles()
	titleW := func(c int) float32 {
		return fyne.MeasureText(titles[c], theme.TextSize(), fyne.TextStyle{Bold: true}).Width + theme.IconInlineSize()
	}
	*t.cols = kwicColumns{speaker: titleW(colSpeaker), document: titleW(colDocument)}
	t.list.UnselectAll()
	t.add(hits)
	t.list.ScrollToTop()
}

// add appends the next page of hits, keeping the row selected.
func (t *resultsTable) add(hits []index.Hit) {
	keep := t.selectedRow()
	size := theme.TextSize()
	measure := func(s string, bold bool) float32 {
		return fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold}).Width
	}
	for _, h := range hits {
		for _, r := range kwicRows(h) {
			r.hit, r.order = len(t.hits), len(t.rows)
			t.rows = append(t.rows, r)
			t.cols.match = max(t.cols.match, measure(r.text, true))
		}
		t.hits = append(t.hits, h)
		cells := t.cells(t.rows[len(t.rows)-1])
		t.cols.speaker = max(t.cols.speaker, measure(cells[colSpeaker], false))
		t.cols.document = max(t.cols.document, measure(cells[colDocument], false))
	}
	names := map[string]bool{}
	var distinct []string
	for _, h := range t.hits {
		if n := documentCell(h); !names[n] {
			names[n] = true
			distinct = append(distinct, n)
		}
	}
	t.alike = alikeNames(distinct)
	t.sortRows(keep)
}

func (t *resultsTable) selectedRow() *kwicRow {
	if t.current < 0 || t.current >= len(t.rows) {
		return nil
	}
	r := t.rows[t.current]
	return &r
}

// onSortBy sorts by a column; a second tap on it goes back to the result
// order.
func (t *resultsTable) onSortBy(by kwicSort) {
	if t.sort == by {
		by = sortResult
	}
	t.sort = by
	t.sortRows(t.selectedRow())
}

// sortRows puts the rows in the table's order, keeping keep selected.
func (t *resultsTable) sortRows(keep *kwicRow) {
	slices.SortStableFunc(t.rows, t.compare)
	for i, b := range t.titles {
		b.SetIcon(nil)
		if t.sort != sortResult && columnSort[i] == t.sort && (i != colPosition || t.sort != sortDocument) {
			b.SetIcon(theme.MenuDropDownIcon())
		}
	}
	t.header.Refresh()
	t.current = -1
	t.list.UnselectAll()
	if keep != nil {
		for i, r := range t.rows {
			if r.order == keep.order {
				t.current = i
				t.selectQuietly(i)
			}
		}
	}
	t.list.Refresh()
}

// selectQuietly marks row i selected without opening it again.
func (t *resultsTable) selectQuietly(i int) {
	open := t.onOpen
	t.onOpen = func(kwicRow, index.Hit) {}
	t.list.Select(i)
	t.onOpen = open
}

// show selects row i and opens it, also when it is selected already.
func (t *resultsTable) show(i int) {
	if i == t.current {
		t.list.ScrollTo(i)
		t.onOpen(t.rows[i], t.hits[t.rows[i].hit])
		return
	}
	t.list.Select(i)
	t.list.ScrollTo(i)
}

func (t *resultsTable) compare(a, b kwicRow) int {
	ha, hb := t.hits[a.hit], t.hits[b.hit]
	byPlace := func() int {
		return cmp.Or(cmp.Compare(foldKey(ha.Document), foldKey(hb.Document)), cmp.Compare(ha.DocID, hb.DocID), cmp.Compare(a.match.Start, b.match.Start))
	}
	var c int
	switch t.sort {
	case sortLeft:
		c = cmp.Compare(backwards(a.left), backwards(b.left))
	case sortMatch:
		c = cmp.Compare(foldKey(a.text), foldKey(b.text))
	case sortRight:
		c = cmp.Compare(foldKey(a.right), foldKey(b.right))
	case sortSpeaker:
		c = cmp.Compare(foldKey(ha.Speaker), foldKey(hb.Speaker))
	case sortDocument:
		c = byPlace()
	}
	if c == 0 && t.sort != sortResult && t.sort != sortDocument {
		c = byPlace()
	}
	return cmp.Or(c, cmp.Compare(a.order, b.order))
}

// foldKey is a text as it sorts: in lower case, without the punctuation
// and "…" before its first word.
func foldKey(s string) string {
	return strings.ToLower(strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// backwards is the context before a match as it sorts: its words from the
// one next to the match back.
func backwards(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	slices.Reverse(words)
	return strings.Join(words, " ")
}
