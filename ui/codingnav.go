package ui

import (
	"cmp"
	"fyne.io/fyne/v2/lang"
	"slices"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// View > Next coding and Previous coding step through the coded passages
// of the document shown, in the order of the text: each selects its
// passage and scrolls to it, so a key can then add a code to it. A passage
// coded with several codes is one step. After the last comes the first.

// codedSpan is a coded passage with the names of its codes.
type codedSpan struct {
	start, end int
	codes      []string
}

func (w *MainWindow) onNextCoding()     { w.stepCoding(1) }
func (w *MainWindow) onPreviousCoding() { w.stepCoding(-1) }

// stepCoding selects the coded passage after (dir 1) or before (dir -1)
// the selection, or the caret.
func (w *MainWindow) stepCoding(dir int) {
	if w.doc.ID == 0 {
		w.status.SetText(lang.L("Open a document first."))
		return
	}
	codings, err := w.project.Codings(background(), model.CodingFilter{DocID: w.doc.ID})
	if err != nil {
		w.showError(err)
		return
	}
	spans := codedSpans(codings)
	if len(spans) == 0 {
		w.status.SetText(lang.L("This document has no coded passages yet."))
		return
	}
	s, e := w.transcript.Selection()
	after := func(c codedSpan) bool { return c.start > s || c.start == s && c.end > e }
	i, wrapped := 0, false
	if dir > 0 {
		i = slices.IndexFunc(spans, after)
		if i < 0 {
			i, wrapped = 0, true
		}
	} else {
		i = len(spans) - 1
		for i >= 0 && !(spans[i].start < s || spans[i].start == s && spans[i].end < e) {
			i--
		}
		if i < 0 {
			i, wrapped = len(spans)-1, true
		}
	}
	c := spans[i]
	w.transcript.Select(c.start, c.end)
	w.transcript.ScrollTo(c.start)
	msg := lang.L("Coded passage {{.N}} of {{.Of}}: {{.Codes}}.", args{"N": i + 1, "Of": len(spans), "Codes": quoteNames(c.codes)})
	if wrapped && len(spans) > 1 {
		msg += " " + map[bool]string{true: lang.L("(Back at the first.)"), false: lang.L("(Back at the last.)")}[dir > 0]
	}
	w.status.SetText(msg)
}

// codedSpans are the passages coded, in the order of the text, each once
// with all its codes.
func codedSpans(codings []model.Coding) []codedSpan {
	slices.SortFunc(codings, func(a, b model.Coding) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.ID, b.ID))
	})
	var spans []codedSpan
	for _, c := range codings {
		if n := len(spans); n > 0 && spans[n-1].start == c.Start && spans[n-1].end == c.End {
			spans[n-1].codes = append(spans[n-1].codes, c.Code)
			continue
		}
		spans = append(spans, codedSpan{start: c.Start, end: c.End, codes: []string{c.Code}})
	}
	return spans
}

// quoteNames lists code names in quotes: “A”, “B”.
func quoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return strings.Join(q, ", ")
}
