package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// entry is one index document: a passage or a memo.
type entry struct {
	id     string
	fields map[string]any
}

// projectInfo is what the passages of every document need from the project
// as a whole: the code tree and the participants.
type projectInfo struct {
	codes map[int64]model.Code
	cases map[int64]model.Case
}

func loadProjectInfo(ctx context.Context, p *model.Project) (*projectInfo, error) {
	codes, err := p.Codes(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the codebook: %w", err)
	}
	cases, err := p.Cases(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the participants: %w", err)
	}
	info := &projectInfo{codes: map[int64]model.Code{}, cases: map[int64]model.Case{}}
	for _, c := range codes {
		info.codes[c.ID] = c
	}
	for _, c := range cases {
		info.cases[c.ID] = c
	}
	return info, nil
}

// codeNames returns the name of a code followed by its ancestors' names, so
// that code:Parent also finds passages coded with a child.
func (info *projectInfo) codeNames(id int64) []string {
	var names []string
	for seen := 0; id != 0 && seen < 100; seen++ {
		c, ok := info.codes[id]
		if !ok {
			break
		}
		names = append(names, c.Name)
		id = c.ParentID
	}
	return names
}

// Index document ids. They carry what a hit needs to be placed: the
// document and the passage start, or the memo's kind and owner.
func passageID(docID int64, start int) string {
	return "p/" + strconv.FormatInt(docID, 10) + "/" + strconv.Itoa(start)
}

func memoID(kind model.MemoKind, id int64) string {
	return "m/" + string(kind) + "/" + strconv.FormatInt(id, 10)
}

// parseID reverses passageID and memoID.
func parseID(id string) (memo model.MemoKind, owner int64, start int, ok bool) {
	parts := strings.Split(id, "/")
	if len(parts) != 3 {
		return "", 0, 0, false
	}
	switch parts[0] {
	case "p":
		n, err1 := strconv.ParseInt(parts[1], 10, 64)
		s, err2 := strconv.Atoi(parts[2])
		return "", n, s, err1 == nil && err2 == nil
	case "m":
		n, err := strconv.ParseInt(parts[2], 10, 64)
		return model.MemoKind(parts[1]), n, 0, err == nil
	}
	return "", 0, 0, false
}

// docData is what the index documents of one project document are made of.
type docData struct {
	doc      model.Document
	text     string
	turns    []model.Turn
	speakers []model.Speaker
	codings  []model.Coding
	attrs    []model.Attribute
	summary  string
}

// readDocument reads one document's data from the project.
func readDocument(ctx context.Context, p *model.Project, docID int64) (docData, error) {
	var dd docData
	var err error
	if dd.doc, err = p.Document(ctx, docID); err != nil {
		return dd, err
	}
	if dd.speakers, err = p.Speakers(ctx, docID); err != nil {
		return dd, err
	}
	if dd.codings, err = p.Codings(ctx, model.CodingFilter{DocID: docID}); err != nil {
		return dd, err
	}
	if dd.summary, err = p.Memo(ctx, model.DocumentMemo, docID); err != nil {
		return dd, err
	}
	return dd, readDocumentText(ctx, p, &dd)
}

// readDocumentText reads the text, turns and attributes of dd.doc.
func readDocumentText(ctx context.Context, p *model.Project, dd *docData) error {
	var err error
	if dd.text, err = p.Text(ctx, dd.doc.ID); err != nil {
		return err
	}
	if dd.turns, err = p.Turns(ctx, dd.doc.ID); err != nil {
		return err
	}
	dd.attrs, err = p.DocumentAttributes(ctx, dd.doc.ID)
	return err
}

// projectDocs reads, for a build, what readDocument reads per document with
// one query per table for all documents: the speakers, codings and summaries.
type projectDocs struct {
	speakers  map[int64][]model.Speaker
	codings   map[int64][]model.Coding
	summaries map[int64]string
}

func readProjectDocs(ctx context.Context, p *model.Project) (*projectDocs, error) {
	speakers, err := p.Speakers(ctx, 0)
	if err != nil {
		return nil, err
	}
	codings, err := p.Codings(ctx, model.CodingFilter{})
	if err != nil {
		return nil, err
	}
	summaries, err := p.Memos(ctx, model.DocumentMemo)
	if err != nil {
		return nil, err
	}
	pd := &projectDocs{speakers: map[int64][]model.Speaker{}, codings: map[int64][]model.Coding{}, summaries: summaries}
	for _, s := range speakers {
		pd.speakers[s.DocID] = append(pd.speakers[s.DocID], s)
	}
	// Codings come in document order, as Codings of one document lists them.
	for _, c := range codings {
		pd.codings[c.DocID] = append(pd.codings[c.DocID], c)
	}
	return pd, nil
}

// read returns the data of document d, as readDocument would.
func (pd *projectDocs) read(ctx context.Context, p *model.Project, d model.Document) (docData, error) {
	dd := docData{doc: d, speakers: pd.speakers[d.ID], codings: pd.codings[d.ID], summary: pd.summaries[d.ID]}
	return dd, readDocumentText(ctx, p, &dd)
}

// eachEntry makes the index documents of one document (one per speaker
// turn or paragraph, its summary memo and the memos of its codings) one at a
// time and hands each to fn, so that a long document's passages need not all
// be in memory at once; it stops at fn's first error.
func (info *projectInfo) eachEntry(dd docData, fn func(entry) error) error {
	d, docID, text, turns, speakers, codings, docAttrs, summary := dd.doc, dd.doc.ID, dd.text, dd.turns, dd.speakers, dd.codings, dd.attrs, dd.summary
	if len(turns) == 0 {
		turns = []model.Turn{{Start: 0, End: utf8.RuneCountInString(text)}}
	}
	bySpeaker := map[int64]model.Speaker{}
	for _, s := range speakers {
		bySpeaker[s.ID] = s
	}
	idStr := strconv.FormatInt(docID, 10)
	docNames := []string{d.Name}
	if stem := strings.TrimSuffix(d.Name, path.Ext(d.Name)); stem != d.Name && stem != "" {
		docNames = append(docNames, stem)
	}
	base := func(kind string) map[string]any {
		return map[string]any{fieldKind: kind, fieldDocID: idStr, fieldDoc: docNames, facetDoc: d.Name}
	}

	emit := func(e entry) error {
		addFacets(e.fields)
		return fn(e)
	}
	slice := newRuneSlicer(text)
	overlap := newOverlaps(codings)
	for _, t := range turns {
		f := base(kindPassage)
		passage := slice.slice(t.Start, t.End)
		f[fieldText], f[fieldExact] = passage, passage
		attrs := attrTerms(docAttrs)
		if s, ok := bySpeaker[t.SpeakerID]; ok {
			names := []string{s.Label}
			if s.Case != "" && s.Case != s.Label {
				names = append(names, s.Case)
			}
			f[fieldSpeaker], f[facetSpeaker] = names, s.Label
			f[fieldInterviewer] = strconv.FormatBool(s.Interviewer)
			attrs = append(attrs, attrTerms(info.cases[s.CaseID].Attributes)...)
		}
		if len(attrs) > 0 {
			f[fieldAttr] = attrs
		}
		var codes, direct []string
		for _, c := range overlap.with(t) {
			codes = appendNew(codes, info.codeNames(c.CodeID)...)
			direct = appendNew(direct, c.Code)
		}
		if len(codes) > 0 {
			f[fieldCode], f[facetCode] = codes, direct
		}
		if err := emit(entry{passageID(docID, t.Start), f}); err != nil {
			return err
		}
	}
	if strings.TrimSpace(summary) != "" {
		f := base(kindMemo)
		f[fieldText], f[fieldExact] = summary, summary
		if err := emit(entry{memoID(model.DocumentMemo, docID), f}); err != nil {
			return err
		}
	}
	for _, c := range codings {
		if strings.TrimSpace(c.Memo) == "" {
			continue
		}
		f := base(kindMemo)
		f[fieldText], f[fieldExact] = c.Memo, c.Memo
		f[fieldCode], f[facetCode] = info.codeNames(c.CodeID), c.Code
		if err := emit(entry{memoID(model.CodingMemo, c.ID), f}); err != nil {
			return err
		}
	}
	return nil
}

// addFacets sets facetAll from facetDoc, facetSpeaker and facetCode.
func addFacets(f map[string]any) {
	var terms []string
	for _, k := range []struct{ field, prefix string }{{facetDoc, facetPrefixDoc}, {facetSpeaker, facetPrefixSpeaker}, {facetCode, facetPrefixCode}} {
		switch v := f[k.field].(type) {
		case string:
			terms = append(terms, k.prefix+v)
		case []string:
			for _, s := range v {
				terms = append(terms, k.prefix+s)
			}
		}
	}
	if len(terms) > 0 {
		f[facetAll] = terms
	}
}

// globalEntries returns the memos that belong to no document: the project
// memo, code memos and participant memos. There are few; they are compared
// with what the index holds on every update.
func globalEntries(ctx context.Context, p *model.Project, info *projectInfo) ([]entry, error) {
	var out []entry
	for _, kind := range []model.MemoKind{model.ProjectMemo, model.CodeMemo, model.CaseMemo} {
		memos, err := p.Memos(ctx, kind)
		if err != nil {
			return nil, fmt.Errorf("read %s memos: %w", kind, err)
		}
		for id, memo := range memos {
			if strings.TrimSpace(memo) == "" {
				continue
			}
			f := map[string]any{fieldKind: kindMemo, fieldText: memo, fieldExact: memo}
			switch kind {
			case model.CodeMemo:
				f[fieldCode], f[facetCode] = info.codeNames(id), info.codes[id].Name
			case model.CaseMemo:
				f[fieldSpeaker] = info.cases[id].Name
				f[fieldAttr] = attrTerms(info.cases[id].Attributes)
			}
			addFacets(f)
			out = append(out, entry{memoID(kind, id), f})
		}
	}
	return out, nil
}

// attrTerms turns attributes into key=value terms; keys are written the way
// the query parser reads them (see attrKey).
func attrTerms(attrs []model.Attribute) []string {
	out := make([]string, 0, len(attrs))
	for _, a := range attrs {
		if a.Key != "" && a.Value != "" {
			out = append(out, attrKey(a.Key)+"="+strings.TrimSpace(a.Value))
		}
	}
	return out
}

// attrKey normalises an attribute name: lower case, spaces as underscores,
// so that "Age group" can be queried as age_group:40-50.
func attrKey(k string) string {
	return foldString(strings.ToLower(strings.Join(strings.Fields(k), "_")))
}

func appendNew(list []string, items ...string) []string {
	for _, s := range items {
		list = appendUnique(list, s)
	}
	return list
}

// overlaps finds the codings that overlap each turn of a document, the
// turns in order: a sweep over the codings by start, instead of every coding
// for every turn (which for a transcript of 360,000 turns took seconds per
// thousand codings).
type overlaps struct {
	byStart []model.Coding
	next    int   // the first coding of byStart not yet met
	active  []int // the codings met that may still overlap, in order
	last    int   // the start of the turn before
	out     []model.Coding
}

func newOverlaps(codings []model.Coding) *overlaps {
	byStart := codings
	byFirst := func(a, b model.Coding) int { return a.Start - b.Start }
	if !slices.IsSortedFunc(codings, byFirst) {
		byStart = slices.Clone(codings)
		slices.SortStableFunc(byStart, byFirst)
	}
	return &overlaps{byStart: byStart}
}

// with returns the codings that overlap t, in the order of their start.
func (o *overlaps) with(t model.Turn) []model.Coding {
	if t.Start < o.last {
		o.next, o.active = 0, o.active[:0] // out of order: start again
	}
	o.last = t.Start
	for o.next < len(o.byStart) && o.byStart[o.next].Start < t.End {
		o.active = append(o.active, o.next)
		o.next++
	}
	kept, out := o.active[:0], o.out[:0]
	for _, i := range o.active {
		c := o.byStart[i]
		if c.End <= t.Start {
			continue // ended before this turn, so before the next ones
		}
		kept = append(kept, i)
		if c.Start < t.End {
			out = append(out, c)
		}
	}
	o.active, o.out = kept, out
	return out
}

// runeSlicer cuts rune ranges out of a text, walking forward so that a
// document's turns, in order, cost one pass.
type runeSlicer struct {
	text       string
	rune, byte int // a known position
}

func newRuneSlicer(text string) *runeSlicer { return &runeSlicer{text: text} }

// offset returns the byte offset of rune position r (clamped to the text).
func (s *runeSlicer) offset(r int) int {
	if r < s.rune {
		s.rune, s.byte = 0, 0
	}
	for s.rune < r && s.byte < len(s.text) {
		_, size := utf8.DecodeRuneInString(s.text[s.byte:])
		s.byte += size
		s.rune++
	}
	return s.byte
}

func (s *runeSlicer) slice(start, end int) string {
	b := s.offset(start)
	return s.text[b:s.offset(end)]
}

// hitInfo is what a hit shows besides its text, stored with the index
// document (the value of facetAll): the document's name and id, the
// speaker's label, whether the speaker is an interviewer, and the codes.
type hitInfo struct {
	doc, speaker string
	docID        int64
	interviewer  bool
	codes        []string
}

// encodeHitInfo writes the hit info of an entry's fields: items of a tag
// byte, a length and the value.
func encodeHitInfo(fields map[string]any) []byte {
	var b []byte
	add := func(tag byte, v string) {
		b = append(b, tag)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	if v, ok := fields[fieldDocID].(string); ok {
		add('x', v)
	}
	if v, ok := fields[facetDoc].(string); ok {
		add('d', v)
	}
	if v, ok := fields[facetSpeaker].(string); ok {
		add('s', v)
	}
	if fields[fieldInterviewer] == "true" {
		add('i', "")
	}
	switch v := fields[facetCode].(type) {
	case string:
		add('c', v)
	case []string:
		for _, c := range v {
			add('c', c)
		}
	}
	return b
}

// decodeHitInfo reads what encodeHitInfo wrote.
func decodeHitInfo(s string) hitInfo {
	var h hitInfo
	for len(s) > 0 {
		tag := s[0]
		n, size := binary.Uvarint([]byte(s[1:min(len(s), 1+binary.MaxVarintLen64)]))
		if size <= 0 || uint64(len(s)-1-size) < n {
			break
		}
		v := s[1+size : 1+size+int(n)]
		s = s[1+size+int(n):]
		switch tag {
		case 'x':
			h.docID, _ = strconv.ParseInt(v, 10, 64)
		case 'd':
			h.doc = v
		case 's':
			h.speaker = v
		case 'i':
			h.interviewer = true
		case 'c':
			h.codes = append(h.codes, v)
		}
	}
	return h
}
