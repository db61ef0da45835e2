package report

import (
	"fmt"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// documents returns the documents the filter selects, in list order.
func (b *builder) documents() ([]*docData, error) {
	var out []*docData
	want := map[int64]bool{}
	for _, id := range b.opts.Filter.Documents {
		if b.d.docByID[id] == nil {
			return nil, fmt.Errorf("document %d: %w", id, model.ErrNotFound)
		}
		want[id] = true
	}
	for _, doc := range b.d.docs {
		if len(want) == 0 || want[doc.ID] {
			out = append(out, b.d.docByID[doc.ID])
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the project has no documents: %w", ErrNothingSelected)
	}
	return out, nil
}

// codesShown returns the codes the filter selects (all when it names none),
// in tree order.
func (b *builder) codesShown() []*model.Code {
	chosen := map[int64]bool{}
	for _, id := range b.opts.Filter.Codes {
		for _, c := range b.d.subtreeIf(id, b.opts.Filter.SubCodes) {
			chosen[c] = true
		}
	}
	var out []*model.Code
	for i := range b.d.codes {
		if len(chosen) == 0 || chosen[b.d.codes[i].ID] {
			out = append(out, &b.d.codes[i])
		}
	}
	return out
}

// participantsOf describes the participants who speak in a document (not
// the interviewers), with their attributes.
func (b *builder) participantsOf(doc *docData) []string {
	var out []string
	seen := map[int64]bool{}
	for _, sp := range b.d.speakers {
		if sp.DocID != doc.ID || sp.Interviewer || seen[sp.CaseID] {
			continue
		}
		seen[sp.CaseID] = true
		line := sp.Label
		if c := b.d.cases[sp.CaseID]; c != nil {
			line = c.Name
			var attrs []string
			for _, a := range c.Attributes {
				attrs = append(attrs, a.Key+": "+a.Value)
			}
			if len(attrs) > 0 {
				line += " (" + strings.Join(attrs, "; ") + ")"
			}
		}
		out = append(out, line)
	}
	sortStrings(out)
	return out
}

// summaries is the interview summaries report: per document its
// participants and attributes, its summary memo, its thematic summaries,
// its codes with counts and its key quotes.
func (b *builder) summaries() (*export.Doc, error) {
	docs, err := b.documents()
	if err != nil {
		return nil, err
	}
	w := b.w
	doc := &export.Doc{Title: w.SummariesTitle, Subtitle: b.subtitle()}
	memos, err := b.p.Memos(b.ctx, model.DocumentMemo)
	if err != nil {
		return nil, err
	}
	sums, err := b.p.Summaries(b.ctx, model.SummaryFilter{})
	if err != nil {
		return nil, err
	}
	f := b.opts.Filter
	f.Documents = nil
	qs, err := b.d.quotes(b.ctx, b.p, f, NoContext)
	if err != nil {
		return nil, err
	}
	codes := b.codesShown()
	shown := map[int64]bool{}
	for _, c := range codes {
		shown[c.ID] = true
	}
	for _, dd := range docs {
		if err := b.ctx.Err(); err != nil {
			return nil, err
		}
		doc.Blocks = append(doc.Blocks, &export.Heading{Level: 1, Text: dd.Name})
		var facts []string
		if ps := b.participantsOf(dd); len(ps) > 0 {
			facts = append(facts, w.Participants+": "+strings.Join(ps, ", "))
		}
		for _, a := range dd.Attrs {
			facts = append(facts, a.Key+": "+a.Value)
		}
		if len(facts) > 0 {
			doc.Blocks = append(doc.Blocks, export.NoteText(strings.Join(facts, "\n")))
		}
		if m := paragraphs(memos[dd.ID]); len(m) > 0 {
			doc.Blocks = append(doc.Blocks, &export.Heading{Level: 2, Text: w.Summary})
			for _, para := range m {
				doc.Blocks = append(doc.Blocks, export.Text(para))
			}
		}
		var thematic []export.Block
		for _, c := range codes {
			for _, s := range sums {
				if s.DocID == dd.ID && s.CodeID == c.ID {
					thematic = append(thematic, &export.Heading{Level: 3, Text: c.Name, Color: c.Color})
					for _, para := range paragraphs(s.Text) {
						thematic = append(thematic, export.Text(para))
					}
				}
			}
		}
		if len(thematic) > 0 {
			doc.Blocks = append(doc.Blocks, &export.Heading{Level: 2, Text: w.ThematicSummaries})
			doc.Blocks = append(doc.Blocks, thematic...)
		}
		counts := map[int64]int{}
		var keys []Quote
		for _, q := range qs {
			if q.DocID == dd.ID && shown[q.CodeID] {
				counts[q.CodeID]++
				if q.Key {
					keys = append(keys, q)
				}
			}
		}
		if len(counts) > 0 {
			t := &export.Table{Columns: []export.Column{{Title: w.Code, Width: 4}, {Title: w.Codings, Width: 1}}}
			for _, c := range codes {
				if n := counts[c.ID]; n > 0 {
					t.Rows = append(t.Rows, []export.Cell{{Text: b.d.path(c.ID), Fill: c.Color}, export.NumberCell(n)})
				}
			}
			doc.Blocks = append(doc.Blocks, &export.Heading{Level: 2, Text: w.Codes}, t)
		}
		if len(keys) > 0 {
			doc.Blocks = append(doc.Blocks, &export.Heading{Level: 2, Text: w.KeyQuotes})
			for i := range keys {
				q := &keys[i]
				doc.Blocks = append(doc.Blocks, &export.Quote{Text: q.Text, Attribution: joinNonEmpty([]string{b.attribution(q), q.Code}, " · "),
					Color: q.Color, Key: true})
			}
		}
	}
	return doc, nil
}

// summaryTable is documents × codes with the thematic summaries in the
// cells (MAXQDA's Summary Grid as a table).
func (b *builder) summaryTable() (*export.Doc, error) {
	docs, err := b.documents()
	if err != nil {
		return nil, err
	}
	sums, err := b.p.Summaries(b.ctx, model.SummaryFilter{})
	if err != nil {
		return nil, err
	}
	text := map[[2]int64]string{}
	used := map[int64]bool{}
	for _, s := range sums {
		text[[2]int64{s.DocID, s.CodeID}] = s.Text
		used[s.CodeID] = true
	}
	var codes []*model.Code
	for _, c := range b.codesShown() {
		if len(b.opts.Filter.Codes) > 0 || used[c.ID] {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return nil, fmt.Errorf("there are no thematic summaries yet ('verbatim summary' writes one): %w", ErrNothingSelected)
	}
	w := b.w
	doc := &export.Doc{Title: w.SummaryTableTitle, Subtitle: b.subtitle(), Landscape: true}
	t := &export.Table{Name: w.SummaryTableTitle, Columns: []export.Column{{Title: w.Document, Width: 2}}}
	for _, c := range codes {
		t.Columns = append(t.Columns, export.Column{Title: b.d.path(c.ID), Width: 4})
	}
	for _, dd := range docs {
		row := []export.Cell{{Text: dd.Name, Bold: true}}
		for _, c := range codes {
			row = append(row, export.TextCell(text[[2]int64{dd.ID, c.ID}]))
		}
		t.Rows = append(t.Rows, row)
	}
	doc.Blocks = append(doc.Blocks, t)
	return doc, nil
}

// codebook is the codebook with descriptions, memos and counts.
func (b *builder) codebook() (*export.Doc, error) {
	codes := b.codesShown()
	if len(codes) == 0 {
		return nil, fmt.Errorf("the codebook is empty: %w", ErrNothingSelected)
	}
	w := b.w
	memos, err := b.p.Memos(b.ctx, model.CodeMemo)
	if err != nil {
		return nil, err
	}
	doc := &export.Doc{Title: w.CodebookTitle, Subtitle: b.subtitle(plural(len(codes), "code", "codes"))}
	t := &export.Table{Name: w.CodebookTitle, Columns: []export.Column{{Title: w.Code, Width: 2.5}, {Title: w.Description, Width: 4},
		{Title: w.Memo, Width: 4}, {Title: w.Codings, Width: 1}, {Title: w.Documents, Width: 1}, {Title: w.Colour, Width: 1}}}
	for _, c := range codes {
		t.Rows = append(t.Rows, []export.Cell{{Text: b.d.path(c.ID), Fill: c.Color, Bold: c.ParentID == 0},
			export.TextCell(c.Description), export.TextCell(memos[c.ID]), export.NumberCell(c.Codings),
			export.NumberCell(c.Documents), export.TextCell(c.Color)})
	}
	doc.Blocks = append(doc.Blocks, t)
	return doc, nil
}

// memos is every memo of the project in one document: the project memo,
// document summaries, code memos, coding memos, participant memos and
// thematic summaries.
func (b *builder) memos() (*export.Doc, error) {
	w := b.w
	doc := &export.Doc{Title: w.MemosTitle, Subtitle: b.subtitle()}
	add := func(bl ...export.Block) { doc.Blocks = append(doc.Blocks, bl...) }
	text := func(s string) {
		for _, para := range paragraphs(s) {
			add(export.Text(para))
		}
	}
	project, err := b.p.Memo(b.ctx, model.ProjectMemo, 0)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(project) != "" {
		add(&export.Heading{Level: 1, Text: w.ProjectMemo})
		text(project)
	}
	docMemos, err := b.p.Memos(b.ctx, model.DocumentMemo)
	if err != nil {
		return nil, err
	}
	if len(docMemos) > 0 {
		add(&export.Heading{Level: 1, Text: w.DocumentMemos})
		for _, dd := range b.d.docs {
			if m := docMemos[dd.ID]; m != "" {
				add(&export.Heading{Level: 2, Text: dd.Name})
				text(m)
			}
		}
	}
	codeMemos, err := b.p.Memos(b.ctx, model.CodeMemo)
	if err != nil {
		return nil, err
	}
	if len(codeMemos) > 0 {
		add(&export.Heading{Level: 1, Text: w.CodeMemos})
		for _, c := range b.d.codes {
			if m := codeMemos[c.ID]; m != "" {
				add(&export.Heading{Level: 2, Text: b.d.path(c.ID), Color: c.Color})
				text(m)
			}
		}
	}
	var coded []Quote
	for _, c := range b.d.codings {
		if c.Memo != "" {
			coded = append(coded, b.d.quote(c))
		}
	}
	if len(coded) > 0 {
		add(&export.Heading{Level: 1, Text: w.CodingMemos})
		for i := range coded {
			q := &coded[i]
			add(&export.Heading{Level: 2, Text: q.CodePath + " · " + q.Document + " " + itoa(q.Start) + "–" + itoa(q.End), Color: q.Color})
			add(&export.Quote{Text: q.Text, Attribution: cite(b.opts.Citation, q, w), Color: q.Color, Key: q.Key})
			text(q.Memo)
		}
	}
	caseMemos, err := b.p.Memos(b.ctx, model.CaseMemo)
	if err != nil {
		return nil, err
	}
	if len(caseMemos) > 0 {
		add(&export.Heading{Level: 1, Text: w.ParticipantMemos})
		var names []string
		byName := map[string]string{}
		for id, m := range caseMemos {
			if c := b.d.cases[id]; c != nil {
				names = append(names, c.Name)
				byName[c.Name] = m
			}
		}
		sortStrings(names)
		for _, n := range names {
			add(&export.Heading{Level: 2, Text: n})
			text(byName[n])
		}
	}
	sums, err := b.p.Summaries(b.ctx, model.SummaryFilter{})
	if err != nil {
		return nil, err
	}
	if len(sums) > 0 {
		add(&export.Heading{Level: 1, Text: w.ThematicSummaries})
		for _, s := range sums {
			c := b.d.codeByID[s.CodeID]
			add(&export.Heading{Level: 2, Text: s.Document + " · " + b.d.path(s.CodeID), Color: c.Color})
			text(s.Text)
		}
	}
	if len(doc.Blocks) == 0 {
		return nil, fmt.Errorf("the project has no memos yet: %w", ErrNothingSelected)
	}
	return doc, nil
}
