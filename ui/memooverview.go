package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// thematicMemo marks a thematic summary among the memos of the overview:
// what one document says about one code.
const thematicMemo model.MemoKind = "thematic"

// memoListing is one memo of the overview: whose it is, and its first line.
type memoListing struct {
	kind  model.MemoKind
	id    int64 // its owner; a thematic summary's document
	code  int64 // a thematic summary's code
	span  model.Span
	owner string // "Deel wat je leert", "“Motivatie” · Ana.docx"
	first string // what it is, and its first line: "Code memo: Wat…"
}

// memoOverview is the memo panel's Overview tab: every memo of the project
// (the project's, the documents' summaries, the codes', the codings', the
// participants' and the thematic summaries), each with its owner and first
// line. A row opens its memo for editing.
type memoOverview struct {
	box   fyne.CanvasObject
	count *widget.Label
	list  *widget.List
	rows  []memoListing

	onOpen func(memoListing)
}

func newMemoOverview(onOpen func(memoListing)) *memoOverview {
	o := &memoOverview{onOpen: onOpen}
	o.count = widget.NewLabel("")
	o.count.Wrapping = fyne.TextWrapWord
	o.list = widget.NewList(
		func() int { return len(o.rows) },
		func() fyne.CanvasObject {
			owner := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			owner.Truncation = fyne.TextTruncateEllipsis
			first := widget.NewLabel("")
			first.Truncation = fyne.TextTruncateEllipsis
			first.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(owner, first)
		},
		func(i widget.ListItemID, c fyne.CanvasObject) {
			box := c.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(o.rows[i].owner)
			box.Objects[1].(*widget.Label).SetText(o.rows[i].first)
		})
	o.list.OnSelected = o.onRowSelected
	o.box = container.NewBorder(o.count, nil, nil, nil, o.list)
	return o
}

// set lists the memos read.
func (o *memoOverview) set(rows []memoListing) {
	o.rows = rows
	switch len(rows) {
	case 0:
		o.count.SetText(lang.L("No memos yet. Write a document's summary, or a memo on a code, a coding, a participant or the project."))
	default:
		o.count.SetText(plural("{{.Count}} memos in this project. Click one to open it.", len(rows)))
	}
	o.list.UnselectAll()
	o.list.Refresh()
}

// onRowSelected opens the memo of the row tapped, letting go of the row so
// that it can be tapped again.
func (o *memoOverview) onRowSelected(i widget.ListItemID) {
	o.list.UnselectAll()
	if i >= 0 && i < len(o.rows) {
		o.onOpen(o.rows[i])
	}
}

// firstLine is a memo's first line that says something, cut short.
func firstLine(memo string) string {
	for _, l := range strings.Split(memo, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return cutLabel(l, 120)
		}
	}
	return ""
}

// readOverview reads every memo of the project into the overview.
func (w *MainWindow) readOverview() {
	rows, err := w.memoListings()
	if err != nil {
		w.memos.overview.count.SetText(lang.L("The memos could not be read: {{.Err}}", args{"Err": errorText(err)}))
		return
	}
	w.memos.overview.set(rows)
}

// memoListings are the project's memos in the overview's order: the
// project's, then the documents', codes', codings', participants' and the
// thematic summaries, each in the order its panel lists them.
func (w *MainWindow) memoListings() ([]memoListing, error) {
	ctx := background()
	p := w.project
	var rows []memoListing
	add := func(kind model.MemoKind, id int64, owner, what, memo string) {
		first := firstLine(memo)
		if what != "" {
			first = what + ": " + first
		}
		rows = append(rows, memoListing{kind: kind, id: id, owner: owner, first: first})
	}
	if memo, err := p.Memo(ctx, model.ProjectMemo, 0); err != nil {
		return nil, err
	} else if strings.TrimSpace(memo) != "" {
		add(model.ProjectMemo, 0, lang.L("Project memo"), "", memo)
	}
	memos := map[model.MemoKind]map[int64]string{}
	for _, kind := range []model.MemoKind{model.DocumentMemo, model.CodeMemo, model.CodingMemo, model.CaseMemo} {
		m, err := p.Memos(ctx, kind)
		if err != nil {
			return nil, err
		}
		memos[kind] = m
	}
	for _, d := range w.documents.docs {
		if memo, ok := memos[model.DocumentMemo][d.ID]; ok {
			add(model.DocumentMemo, d.ID, d.Name, lang.L("Summary"), memo)
		}
	}
	for _, c := range w.codebook.codes {
		if memo, ok := memos[model.CodeMemo][c.ID]; ok {
			add(model.CodeMemo, c.ID, model.CodePath(w.codebook.codes, c.ID), lang.L("Code memo"), memo)
		}
	}
	if len(memos[model.CodingMemo]) > 0 {
		codings, err := p.Codings(ctx, model.CodingFilter{})
		if err != nil {
			return nil, err
		}
		for _, g := range codings {
			if memo, ok := memos[model.CodingMemo][g.ID]; ok {
				add(model.CodingMemo, g.ID, fmt.Sprintf("“%s” · %s", g.Code, g.Document), lang.L("Coding memo"), memo)
				rows[len(rows)-1].span = model.Span{DocID: g.DocID, Start: g.Start, End: g.End}
			}
		}
	}
	if len(memos[model.CaseMemo]) > 0 {
		cases, err := p.Cases(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range cases {
			if memo, ok := memos[model.CaseMemo][c.ID]; ok {
				add(model.CaseMemo, c.ID, c.Name, lang.L("Participant memo"), memo)
			}
		}
	}
	summaries, err := p.Summaries(ctx, model.SummaryFilter{})
	if err != nil {
		return nil, err
	}
	for _, s := range summaries {
		add(thematicMemo, s.DocID, fmt.Sprintf("“%s” · %s", s.Code, s.Document), lang.L("Thematic summary"), s.Text)
		rows[len(rows)-1].code = s.CodeID
	}
	return rows, nil
}

// onOverviewOpened opens a memo tapped in the overview where it is edited;
// a coding's opens with its passage selected in the transcript, and a
// thematic summary in its editor, beside its passages.
func (m *memoPanel) onOverviewOpened(l memoListing) {
	w := m.w
	switch l.kind {
	case model.CodingMemo:
		if err := w.selectDocument(l.span.DocID); err != nil {
			w.showError(err)
			return
		}
		w.transcript.ScrollTo(l.span.Start)
		w.transcript.Select(l.span.Start, l.span.End)
	case model.CodeMemo:
		w.showSegments(l.id)
	case thematicMemo:
		if err := w.selectDocument(l.id); err != nil {
			w.showError(err)
			return
		}
		if c, ok := w.codebook.code(l.code); ok {
			w.onThematicSummary(c)
		}
		return
	}
	w.editMemo(l.kind, l.id, l.owner)
}
