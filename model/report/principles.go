package report

import (
	"slices"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// principles is the report in the shape of the article the project grew
// from: the project memo as introduction, then a chapter per top-level code
// in codebook order and a section per sub-code, each with the code's
// description and memo, how many quotes from how many interviews and
// participants back it, and the quotes with their attribution.
func (b *builder) principles() (*export.Doc, error) {
	qs, err := b.selected()
	if err != nil {
		return nil, err
	}
	w := b.w
	doc := &export.Doc{
		Title:    b.projectName(),
		Subtitle: w.PrinciplesTitle + " · " + today() + " · " + w.quotes(len(qs)),
	}
	memo, err := b.p.Memo(b.ctx, model.ProjectMemo, 0)
	if err != nil {
		return nil, err
	}
	for _, para := range paragraphs(memo) {
		doc.Blocks = append(doc.Blocks, export.Text(para))
	}
	byCode := map[int64][]Quote{}
	for _, q := range qs {
		byCode[q.CodeID] = append(byCode[q.CodeID], q)
	}
	// With a code filter only the chosen codes have chapters; otherwise
	// every code has one, so that the report shows where evidence is thin.
	shown := func(id int64) bool { return true }
	if len(b.opts.Filter.Codes) > 0 {
		chosen := map[int64]bool{}
		for _, id := range b.opts.Filter.Codes {
			for _, c := range b.d.subtreeIf(id, b.opts.Filter.SubCodes) {
				chosen[c] = true
			}
		}
		shown = func(id int64) bool {
			for _, c := range b.d.subtree(id) {
				if chosen[c] {
					return true
				}
			}
			return false
		}
	}
	memos, err := b.p.Memos(b.ctx, model.CodeMemo)
	if err != nil {
		return nil, err
	}
	var section func(id int64, level int)
	section = func(id int64, level int) {
		if !shown(id) {
			return
		}
		c := b.d.codeByID[id]
		doc.Blocks = append(doc.Blocks, &export.Heading{Level: min(level, 3), Text: c.Name, Color: c.Color})
		if c.Description != "" {
			doc.Blocks = append(doc.Blocks, &export.Paragraph{Runs: []export.Run{{Text: c.Description, Italic: true}}})
		}
		for _, para := range paragraphs(memos[id]) {
			doc.Blocks = append(doc.Blocks, export.Text(para))
		}
		var all []Quote
		for _, sub := range b.d.subtree(id) {
			all = append(all, byCode[sub]...)
		}
		docs, people := spread(all)
		doc.Blocks = append(doc.Blocks, export.NoteText(w.quotesLine(len(all), docs, people)))
		own := b.pick(byCode[id])
		for i := range own {
			doc.Blocks = append(doc.Blocks, &export.Quote{Text: own[i].Text, Attribution: b.attribution(&own[i]), Color: c.Color, Key: own[i].Key})
		}
		if n := len(byCode[id]) - len(own); n > 0 {
			doc.Blocks = append(doc.Blocks, export.NoteText(w.moreLine(n)))
		}
		for _, ch := range b.d.children[id] {
			section(ch, level+1)
		}
	}
	for _, id := range b.d.children[0] {
		section(id, 1)
	}
	return doc, nil
}

// subtreeIf is the code with its sub-codes when sub, else the code alone.
func (d *data) subtreeIf(id int64, sub bool) []int64 {
	if sub {
		return d.subtree(id)
	}
	return []int64{id}
}

// spread counts the interviews and participants a set of quotes comes from.
func spread(qs []Quote) (docs, people int) {
	d, p := map[int64]bool{}, map[string]bool{}
	for _, q := range qs {
		d[q.DocID] = true
		if who := nonEmpty(q.Participant, q.Speaker); who != "" {
			p[strings.ToLower(who)] = true
		}
	}
	return len(d), len(p)
}

// pick orders a code's quotes as the options ask (key quotes first, one
// per participant before a second of anyone) and takes at most MaxPerCode.
func (b *builder) pick(qs []Quote) []Quote {
	out := slices.Clone(qs)
	if b.opts.KeyFirst {
		slices.SortStableFunc(out, func(a, b Quote) int {
			switch {
			case a.Key == b.Key:
				return 0
			case a.Key:
				return -1
			}
			return 1
		})
	}
	if b.opts.Breadth {
		// Round by round: the first quote of each participant, then the
		// second of each, keeping the order within each participant.
		seen := map[string]int{}
		rounds := make([]int, len(out))
		for i, q := range out {
			who := strings.ToLower(nonEmpty(q.Participant, q.Speaker))
			rounds[i] = seen[who]
			seen[who]++
		}
		idx := make([]int, len(out))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(x, y int) int { return rounds[x] - rounds[y] })
		sorted := make([]Quote, len(out))
		for i, j := range idx {
			sorted[i] = out[j]
		}
		out = sorted
	}
	if b.opts.MaxPerCode > 0 && len(out) > b.opts.MaxPerCode {
		out = out[:b.opts.MaxPerCode]
	}
	return out
}

// attribution says who said a quote: the participant (or speaker), the
// attributes asked for, the document and the time; or the citation style,
// when one is given.
func (b *builder) attribution(q *Quote) string {
	if b.opts.Citation != "" {
		return cite(b.opts.Citation, q, b.w)
	}
	parts := []string{nonEmpty(q.Participant, q.Speaker)}
	parts = append(parts, b.attributes(q)...)
	parts = append(parts, q.Document, q.clock())
	return joinNonEmpty(parts, ", ")
}

func joinNonEmpty(parts []string, sep string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// paragraphs splits a memo into paragraphs at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
