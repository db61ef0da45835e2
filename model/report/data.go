// Package report builds what a researcher takes out of a project: the coded
// quotes with their filters, citations and pseudonyms; the principle report;
// interview summaries and the summary table; the analysis tables and charts
// (code frequencies, code by document or attribute, co-occurrence, code
// presence per turn); the codebook; and every memo in one document. Each is
// built as an export.Doc, which package export writes in any format.
package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"codeberg.org/verbatim/verbatim/model"
)

// data is what the reports read of a project, loaded once.
type data struct {
	lang     string
	codes    []model.Code // tree order
	codeByID map[int64]*model.Code
	children map[int64][]int64
	docs     []model.Document // by name, as the documents list shows them
	docByID  map[int64]*docData
	cases    map[int64]*model.Case
	speakers map[int64]*model.Speaker
	codings  []model.Coding // by document, then position
}

type docData struct {
	model.Document
	Number int // 1-based position in the documents list ("interview 3")
	Turns  []model.Turn
	Attrs  []model.Attribute
}

// load reads the project's codebook, documents with their turns, speakers,
// participants and codings.
func load(ctx context.Context, p *model.Project) (*data, error) {
	d := &data{codeByID: map[int64]*model.Code{}, children: map[int64][]int64{}, docByID: map[int64]*docData{},
		cases: map[int64]*model.Case{}, speakers: map[int64]*model.Speaker{}}
	var err error
	if d.lang, err = p.Language(ctx); err != nil {
		return nil, err
	}
	if d.codes, err = p.Codes(ctx); err != nil {
		return nil, err
	}
	for i := range d.codes {
		c := &d.codes[i]
		d.codeByID[c.ID] = c
		d.children[c.ParentID] = append(d.children[c.ParentID], c.ID)
	}
	if d.docs, err = p.Documents(ctx); err != nil {
		return nil, err
	}
	for i, doc := range d.docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dd := &docData{Document: doc, Number: i + 1}
		if dd.Turns, err = p.Turns(ctx, doc.ID); err != nil {
			return nil, err
		}
		if dd.Attrs, err = p.DocumentAttributes(ctx, doc.ID); err != nil {
			return nil, err
		}
		d.docByID[doc.ID] = dd
	}
	cases, err := p.Cases(ctx)
	if err != nil {
		return nil, err
	}
	for i := range cases {
		d.cases[cases[i].ID] = &cases[i]
	}
	speakers, err := p.Speakers(ctx, 0)
	if err != nil {
		return nil, err
	}
	for i := range speakers {
		d.speakers[speakers[i].ID] = &speakers[i]
	}
	if d.codings, err = p.Codings(ctx, model.CodingFilter{}); err != nil {
		return nil, err
	}
	return d, nil
}

// subtree returns a code's id with the ids of all codes under it.
func (d *data) subtree(id int64) []int64 {
	out := []int64{id}
	for _, ch := range d.children[id] {
		out = append(out, d.subtree(ch)...)
	}
	return out
}

// path is a code's name after its ancestors', joined by " > ".
func (d *data) path(id int64) string {
	var parts []string
	for c := d.codeByID[id]; c != nil; c = d.codeByID[c.ParentID] {
		parts = append(parts, c.Name)
		if c.ParentID == 0 {
			break
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, " > ")
}

// codeOrder maps a code's id to its position in the codebook's tree order.
func (d *data) codeOrder() map[int64]int {
	m := make(map[int64]int, len(d.codes))
	for i, c := range d.codes {
		m[c.ID] = i
	}
	return m
}

// turnsOf returns the indexes of the turns of a document that overlap
// [start, end).
func turnsOf(turns []model.Turn, start, end int) (first, last int, ok bool) {
	i := sort.Search(len(turns), func(i int) bool { return turns[i].End > start })
	if i == len(turns) || turns[i].Start >= end {
		return 0, 0, false
	}
	j := i
	for j+1 < len(turns) && turns[j+1].Start < end {
		j++
	}
	return i, j, true
}

// clock writes a time in the recording as HH:MM:SS, as transcripts and
// citations do ("00:12:45").
func clock(t time.Duration) string {
	s := int(t / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}
