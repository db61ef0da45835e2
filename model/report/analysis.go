package report

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// The analysis tables count codings. Each report is one table, so that a
// CSV file can hold it, and a chart of it after the table. The filter's
// codes choose the rows (or columns) shown, not the codings counted: a
// code's count with its sub-codes includes them whether or not they are
// shown.

// analysisQuotes returns the quotes the filter selects, of every code, with
// the codes to show.
func (b *builder) analysisQuotes() ([]Quote, []*model.Code, error) {
	for _, id := range b.opts.Filter.Codes {
		if b.d.codeByID[id] == nil {
			return nil, nil, fmt.Errorf("code %d: %w", id, model.ErrNotFound)
		}
	}
	codes := b.codesShown()
	if len(codes) == 0 {
		return nil, nil, fmt.Errorf("the codebook is empty: %w", ErrNothingSelected)
	}
	f := b.opts.Filter
	f.Codes, f.SubCodes = nil, false
	qs, err := b.d.quotes(b.ctx, b.p, f, NoContext)
	if err != nil {
		return nil, nil, err
	}
	shown := map[int64]bool{}
	for _, c := range codes {
		shown[c.ID] = true
	}
	if !slices.ContainsFunc(qs, func(q Quote) bool { return shown[q.CodeID] }) {
		return nil, nil, fmt.Errorf("no coded quotes match the filters: %w", ErrNothingSelected)
	}
	return qs, codes, nil
}

// analysisSubtitle adds to the subtitle that interviewers are left out,
// when they are.
func (b *builder) analysisSubtitle(extra ...string) string {
	if b.opts.Filter.NoInterviewers {
		extra = append(extra, b.w.NoInterviewers)
	}
	return b.subtitle(extra...)
}

// chartLabel is a code's path as a chart shows it: whole when it fits on
// two lines, or else the code's own name after "… >", since what a
// sub-code says is at the end of its path.
func (b *builder) chartLabel(c *model.Code) string {
	path := b.d.path(c.ID)
	if c.ParentID == 0 || strings.ReplaceAll(wrapLabel(path, labelLine, 2), "\n", " ") == path {
		return path
	}
	return "… > " + c.Name
}

// codeCell is a code's path on its colour, top-level codes in bold.
func (b *builder) codeCell(c *model.Code) export.Cell {
	return export.Cell{Text: b.d.path(c.ID), Fill: c.Color, Bold: c.ParentID == 0}
}

// frequencies is per code how often it was used, in how many documents and
// by how many participants, on its own and with its sub-codes, and a bar
// chart of the codings per code.
func (b *builder) frequencies() (*export.Doc, error) {
	qs, codes, err := b.analysisQuotes()
	if err != nil {
		return nil, err
	}
	docs, err := b.documents()
	if err != nil {
		return nil, err
	}
	w := b.w
	byCode := map[int64][]Quote{}
	for _, q := range qs {
		byCode[q.CodeID] = append(byCode[q.CodeID], q)
	}
	withSub := w.SubCodes
	t := &export.Table{Name: w.FrequenciesTitle, Columns: []export.Column{{Title: w.Code, Width: 3},
		{Title: w.Codings, Width: 1}, {Title: w.Documents, Width: 1}, {Title: w.Participants, Width: 1},
		{Title: w.Codings + " (" + withSub + ")", Width: 1}, {Title: w.Documents + " (" + withSub + ")", Width: 1},
		{Title: w.Participants + " (" + withSub + ")", Width: 1}, {Title: w.DocumentShare + " (" + withSub + ")", Width: 1}}}
	var bars []bar
	for _, c := range codes {
		own := byCode[c.ID]
		var all []Quote
		for _, id := range b.d.subtree(c.ID) {
			all = append(all, byCode[id]...)
		}
		ownDocs, ownPeople := spread(own)
		allDocs, allPeople := spread(all)
		t.Rows = append(t.Rows, []export.Cell{b.codeCell(c),
			export.NumberCell(len(own)), export.NumberCell(ownDocs), export.NumberCell(ownPeople),
			export.NumberCell(len(all)), export.NumberCell(allDocs), export.NumberCell(allPeople),
			percentCell(allDocs, len(docs))})
		bars = append(bars, bar{label: b.chartLabel(c), value: float64(len(own)), color: c.Color})
	}
	doc := &export.Doc{Title: w.FrequenciesTitle, Subtitle: b.analysisSubtitle(w.quotes(countShown(qs, codes))), Landscape: true}
	chart, err := barChart(w.FrequenciesTitle, w.Codings, w.FrequencyChartAlt, bars)
	if err != nil {
		return nil, err
	}
	doc.Blocks = append(doc.Blocks, t, chart)
	return doc, nil
}

// countShown counts the quotes of the codes shown.
func countShown(qs []Quote, codes []*model.Code) int {
	shown := map[int64]bool{}
	for _, c := range codes {
		shown[c.ID] = true
	}
	n := 0
	for _, q := range qs {
		if shown[q.CodeID] {
			n++
		}
	}
	return n
}

// percentCell is n of total as a percentage with one decimal. The text has
// a decimal point in every language: a comma would split the field for a
// program reading the CSV.
func percentCell(n, total int) export.Cell {
	v := 0.0
	if total > 0 {
		v = math.Round(float64(n)*1000/float64(total)) / 10
	}
	return export.Cell{Text: strconv.FormatFloat(v, 'f', 1, 64), Value: v, Numeric: true}
}

// column is one column of a matrix: its title, and which quotes it counts.
type column struct {
	title string
	holds func(q *Quote) bool
}

// matrix is codes × documents, participants or the values of an attribute,
// with the number of codings in each cell, totals, and a heat map.
func (b *builder) matrix() (*export.Doc, error) {
	qs, codes, err := b.analysisQuotes()
	if err != nil {
		return nil, err
	}
	w := b.w
	title, by, cols, err := b.matrixColumns(qs)
	if err != nil {
		return nil, err
	}
	t := &export.Table{Name: title, Columns: []export.Column{{Title: w.Code, Width: 3}}}
	for _, c := range cols {
		t.Columns = append(t.Columns, export.Column{Title: c.title, Width: 1})
	}
	t.Columns = append(t.Columns, export.Column{Title: w.Total, Width: 1})
	byCode := map[int64][]Quote{}
	for _, q := range qs {
		byCode[q.CodeID] = append(byCode[q.CodeID], q)
	}
	z := make([][]float64, len(codes))
	totals := make([]int, len(cols)+1)
	rows := make([]string, len(codes))
	for i, c := range codes {
		row := []export.Cell{b.codeCell(c)}
		z[i] = make([]float64, len(cols))
		sum := 0
		for j, col := range cols {
			n := 0
			for k := range byCode[c.ID] {
				if col.holds(&byCode[c.ID][k]) {
					n++
				}
			}
			row = append(row, export.NumberCell(n))
			z[i][j] = float64(n)
			totals[j] += n
			sum += n
		}
		totals[len(cols)] += sum
		row = append(row, export.Cell{Text: itoa(sum), Value: float64(sum), Numeric: true, Bold: true})
		t.Rows = append(t.Rows, row)
		rows[i] = b.chartLabel(c)
	}
	total := []export.Cell{{Text: w.Total, Bold: true}}
	for _, n := range totals {
		total = append(total, export.Cell{Text: itoa(n), Value: float64(n), Numeric: true, Bold: true})
	}
	t.Rows = append(t.Rows, total)
	doc := &export.Doc{Title: title, Subtitle: b.analysisSubtitle(w.quotes(countShown(qs, codes))), Landscape: len(cols) > 6}
	names := make([]string, len(cols))
	for j, c := range cols {
		names[j] = c.title
		if by == w.Documents {
			// The extension says nothing in a chart.
			names[j] = strings.TrimSuffix(c.title, filepath.Ext(c.title))
		}
	}
	chart, err := heatMap(title, by, w.Codes, w.HeatMapAlt+": "+title, rows, names, z, false)
	if err != nil {
		return nil, err
	}
	doc.Blocks = append(doc.Blocks, t, chart)
	return doc, nil
}

// matrixColumns reads Options.By: the matrix's title, what its columns are
// (for the chart's axis) and the columns.
func (b *builder) matrixColumns(qs []Quote) (title, by string, cols []column, err error) {
	w := b.w
	key := strings.TrimSpace(b.opts.By)
	// "attr:KEY" names an attribute even when it is called "document" or
	// "participant".
	if k, ok := cutPrefixFold(key, "attr:"); ok {
		key = strings.TrimSpace(k)
		return b.attributeColumns(key)
	}
	switch strings.ToLower(key) {
	case "", "document", "documents", "documenten", "doc", "docs":
		docs, err := b.documents()
		if err != nil {
			return "", "", nil, err
		}
		for _, dd := range docs {
			id := dd.ID
			cols = append(cols, column{title: dd.Name, holds: func(q *Quote) bool { return q.DocID == id }})
		}
		return w.MatrixTitle, w.Documents, cols, nil
	case "participant", "participants", "deelnemer", "deelnemers", "case", "cases":
		for _, name := range b.participants(qs) {
			cols = append(cols, column{title: name, holds: func(q *Quote) bool {
				return strings.EqualFold(nonEmpty(q.Participant, q.Speaker), name)
			}})
		}
		if len(cols) == 0 {
			return "", "", nil, fmt.Errorf("the selected documents have no participants: %w", ErrNothingSelected)
		}
		return w.MatrixByParticipantTitle, w.Participants, cols, nil
	}
	return b.attributeColumns(key)
}

// cutPrefixFold is strings.CutPrefix ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// attributeColumns are a matrix's columns by the values of an attribute,
// and one for quotes without a value.
func (b *builder) attributeColumns(key string) (title, by string, cols []column, err error) {
	w := b.w
	name, values, known := b.attributeValues(key)
	if name == "" {
		have := "the project has none"
		if len(known) > 0 {
			have = strings.Join(known, ", ")
		}
		return "", "", nil, fmt.Errorf("matrix by %q: %w (use document, participant or an attribute: %s)", key, model.ErrInvalid, have)
	}
	for _, v := range values {
		cols = append(cols, column{title: v, holds: func(q *Quote) bool { return strings.EqualFold(quoteAttr(q, key), v) }})
	}
	cols = append(cols, column{title: w.NoValue, holds: func(q *Quote) bool { return quoteAttr(q, key) == "" }})
	return w.matrixByTitle(name), name, cols, nil
}

// quoteAttr is the value of an attribute for a quote: its participant's,
// or else its document's.
func quoteAttr(q *Quote, key string) string {
	if v := strings.TrimSpace(attrValue(q.Attributes, key)); v != "" {
		return v
	}
	return strings.TrimSpace(attrValue(q.DocAttrs, key))
}

// participants lists the people of a participant matrix: those who speak
// in the selected documents (interviewers only when they are counted) and
// anyone the quotes name, by name.
func (b *builder) participants(qs []Quote) []string {
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if k := strings.ToLower(n); n != "" && !seen[k] {
			seen[k] = true
			names = append(names, n)
		}
	}
	docs, _ := b.documents()
	for _, dd := range docs {
		for _, t := range dd.Turns {
			sp := b.d.speakers[t.SpeakerID]
			if sp == nil || sp.Interviewer && b.opts.Filter.NoInterviewers {
				continue
			}
			name := sp.Label
			if c := b.d.cases[sp.CaseID]; c != nil {
				name = c.Name
			}
			add(name)
		}
	}
	for _, q := range qs {
		add(nonEmpty(q.Participant, q.Speaker))
	}
	sortStrings(names)
	return names
}

// attributeValues finds an attribute key (any case) on participants or
// documents: its name as the project spells it ("" when no one has it),
// the values it has, sorted (one spelling per value, ignoring case), and
// every key the project has.
func (b *builder) attributeValues(key string) (name string, values, keys []string) {
	seenKey, seenValue := map[string]bool{}, map[string]bool{}
	look := func(attrs []model.Attribute) {
		for _, a := range attrs {
			if k := strings.ToLower(a.Key); !seenKey[k] {
				seenKey[k] = true
				keys = append(keys, a.Key)
			}
			v := strings.TrimSpace(a.Value)
			if strings.EqualFold(a.Key, key) {
				if name == "" {
					name = a.Key
				}
				if v != "" && !seenValue[strings.ToLower(v)] {
					seenValue[strings.ToLower(v)] = true
					values = append(values, v)
				}
			}
		}
	}
	for _, c := range b.casesInOrder() {
		look(c.Attributes)
	}
	for _, doc := range b.d.docs {
		look(b.d.docByID[doc.ID].Attrs)
	}
	sortStrings(values)
	sortStrings(keys)
	return name, values, keys
}

// casesInOrder returns the participants by id: the order they came in.
func (b *builder) casesInOrder() []*model.Case {
	out := make([]*model.Case, 0, len(b.d.cases))
	for _, c := range b.d.cases {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *model.Case) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// cooccurrence is codes × codes: how many pairs of codings of two codes
// overlap (or, with SameTurn, lie in one speaker turn), with the number of
// codings of each code on the diagonal, and a heat map.
func (b *builder) cooccurrence() (*export.Doc, error) {
	qs, codes, err := b.analysisQuotes()
	if err != nil {
		return nil, err
	}
	w := b.w
	index := map[int64]int{}
	for i, c := range codes {
		index[c.ID] = i
	}
	n := len(codes)
	m := make([][]int, n)
	for i := range m {
		m[i] = make([]int, n)
	}
	byDoc := map[int64][]Quote{}
	for _, q := range qs {
		if i, ok := index[q.CodeID]; ok {
			m[i][i]++
			byDoc[q.DocID] = append(byDoc[q.DocID], q)
		}
	}
	for docID, dq := range byDoc {
		for _, pair := range b.pairs(docID, dq) {
			i, j := index[pair[0].CodeID], index[pair[1].CodeID]
			m[i][j]++
			m[j][i]++
		}
	}
	how := w.Overlap
	if b.opts.SameTurn {
		how = w.SameTurn
	}
	t := &export.Table{Name: w.CooccurrenceTitle, Columns: []export.Column{{Title: w.Code, Width: 3}}}
	rows := make([]string, n)
	for i, c := range codes {
		rows[i] = b.chartLabel(c)
		t.Columns = append(t.Columns, export.Column{Title: b.d.path(c.ID), Width: 1})
	}
	z := make([][]float64, n)
	for i, c := range codes {
		row := []export.Cell{b.codeCell(c)}
		z[i] = make([]float64, n)
		for j := range n {
			cell := export.NumberCell(m[i][j])
			cell.Bold = i == j
			row = append(row, cell)
			z[i][j] = float64(m[i][j])
		}
		t.Rows = append(t.Rows, row)
	}
	doc := &export.Doc{Title: w.CooccurrenceTitle, Subtitle: b.analysisSubtitle(how), Landscape: n > 6}
	chart, err := heatMap(w.CooccurrenceTitle+" ("+how+")", w.Codes, w.Codes, w.HeatMapAlt+": "+w.CooccurrenceTitle+", "+how, rows, rows, z, true)
	if err != nil {
		return nil, err
	}
	doc.Blocks = append(doc.Blocks, export.NoteText(w.Diagonal), t, chart)
	return doc, nil
}

// pairs returns the pairs of codings of two different codes in one
// document that overlap, or with SameTurn share a turn; each pair once.
// Sorted by where they start, a coding can only pair with the ones after
// it that start before it ends (in text or in turns), so this is a sweep,
// not a comparison of every two.
func (b *builder) pairs(docID int64, qs []Quote) [][2]*Quote {
	type span struct {
		q          *Quote
		start, end int // [start, end) in runes, or the turns it touches
	}
	var spans []span
	turns := b.d.docByID[docID].Turns
	for i := range qs {
		q := &qs[i]
		if !b.opts.SameTurn {
			spans = append(spans, span{q, q.Start, q.End})
			continue
		}
		if first, last, ok := turnsOf(turns, q.Start, q.End); ok {
			spans = append(spans, span{q, first, last + 1})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var out [][2]*Quote
	for i, a := range spans {
		for _, c := range spans[i+1:] {
			if c.start >= a.end {
				break
			}
			if c.q.CodeID != a.q.CodeID {
				out = append(out, [2]*Quote{a.q, c.q})
			}
		}
	}
	return out
}

// presence is one row per speaker turn with a 0/1 column per code (1: a
// coding of the code overlaps the turn), laid out for R or SPSS: a column
// per field, unique column names, numbers as numbers.
func (b *builder) presence() (*export.Doc, error) {
	qs, codes, err := b.analysisQuotes()
	if err != nil {
		return nil, err
	}
	docs, err := b.documents()
	if err != nil {
		return nil, err
	}
	w := b.w
	sel, err := b.d.newSelector(b.opts.Filter)
	if err != nil {
		return nil, err
	}
	keys := b.caseAttributeKeys()
	fixed := []string{w.Document, w.Turn, w.Speaker, w.Participant}
	fixed = append(fixed, keys...)
	fixed = append(fixed, w.Start, w.End)
	names := fixed
	for _, c := range codes {
		names = append(names, b.d.path(c.ID))
	}
	t := &export.Table{Name: w.PresenceTitle}
	for i, name := range uniqueNames(names) {
		width := 0.8 // numbers
		if i < len(fixed)-2 && i != 1 {
			width = 1.5 // names and attribute values
		}
		t.Columns = append(t.Columns, export.Column{Title: name, Width: width})
	}
	col := map[int64]int{}
	for i, c := range codes {
		col[c.ID] = i
	}
	// present[doc][turn] holds the codes coded in a turn.
	present := map[int64]map[int][]bool{}
	for _, q := range qs {
		i, ok := col[q.CodeID]
		if !ok {
			continue
		}
		first, last, ok := turnsOf(b.d.docByID[q.DocID].Turns, q.Start, q.End)
		if !ok {
			continue
		}
		if present[q.DocID] == nil {
			present[q.DocID] = map[int][]bool{}
		}
		for k := first; k <= last; k++ {
			if present[q.DocID][k] == nil {
				present[q.DocID][k] = make([]bool, len(codes))
			}
			present[q.DocID][k][i] = true
		}
	}
	for _, dd := range docs {
		if err := b.ctx.Err(); err != nil {
			return nil, err
		}
		spoken := slices.ContainsFunc(dd.Turns, func(t model.Turn) bool { return t.SpeakerID != 0 })
		for k, turn := range dd.Turns {
			// In a transcript with speakers, a paragraph of no one is a
			// header or a note, not part of the conversation; a document
			// without speakers is all such paragraphs, and each is a row.
			if spoken && turn.SpeakerID == 0 {
				continue
			}
			tq := b.turnQuote(dd, turn, k)
			if !sel.matchTurn(tq) {
				continue
			}
			row := []export.Cell{export.TextCell(dd.Name), export.NumberCell(k + 1), export.TextCell(turn.Speaker), export.TextCell(tq.Participant)}
			for _, key := range keys {
				row = append(row, export.TextCell(attrValue(tq.Attributes, key)))
			}
			row = append(row, export.NumberCell(turn.Start), export.NumberCell(turn.End))
			coded := present[dd.ID][k]
			for i := range codes {
				v := 0
				if coded != nil && coded[i] {
					v = 1
				}
				row = append(row, export.NumberCell(v))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("no speaker turns match the filters: %w", ErrNothingSelected)
	}
	doc := &export.Doc{Title: w.PresenceTitle, Subtitle: b.analysisSubtitle(w.Turns + ": " + itoa(len(t.Rows))), Landscape: true}
	doc.Blocks = append(doc.Blocks, t)
	return doc, nil
}

// turnQuote describes a turn as a quote would (speaker, participant,
// attributes), so that the filter's speakers and attributes choose turns
// the way they choose quotes.
func (b *builder) turnQuote(dd *docData, t model.Turn, k int) Quote {
	q := Quote{DocID: dd.ID, Document: dd.Name, DocNumber: dd.Number, DocAttrs: dd.Attrs, Speaker: t.Speaker,
		Turn: k + 1, Start: t.Start, End: t.End}
	sp := b.d.speakers[t.SpeakerID]
	if sp != nil {
		q.Interviewer = sp.Interviewer
		if c := b.d.cases[sp.CaseID]; c != nil {
			q.Participant, q.CaseID, q.Attributes = c.Name, c.ID, c.Attributes
		}
	}
	return q
}

// matchTurn is match for a turn: the filters that are about who speaks and
// where (documents, speakers, attributes, interviewers) apply; those about
// codings (codes, coders, key quotes, search hits) do not.
func (s *selector) matchTurn(q Quote) bool {
	f := *s
	f.codes, f.coders, f.within = nil, nil, nil
	f.f.KeyOnly = false
	return f.match(q)
}

// caseAttributeKeys lists the participants' attribute keys in the order
// they were first given.
func (b *builder) caseAttributeKeys() []string {
	var keys []string
	seen := map[string]bool{}
	for _, c := range b.casesInOrder() {
		for _, a := range c.Attributes {
			if k := strings.ToLower(a.Key); !seen[k] {
				seen[k] = true
				keys = append(keys, a.Key)
			}
		}
	}
	return keys
}

// uniqueNames makes column names unique, ignoring case (SPSS does): a
// second "Document" (a code of that name) becomes "Document (2)".
func uniqueNames(names []string) []string {
	out := make([]string, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		name := n
		for k := 2; seen[strings.ToLower(name)]; k++ {
			name = n + " (" + itoa(k) + ")"
		}
		seen[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}
