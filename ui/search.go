package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// searchPanel is the search bar over everything and the keyword-in-context
// results under the transcript, with "code all hits".
type searchPanel struct {
	bar     fyne.CanvasObject // the query field with its buttons
	results fyne.CanvasObject // the result rows with their summary and actions
	entry   *widget.Entry
	summary *widget.Label
	list    *widget.List
	unit    *widget.Select
	codeAll *widget.Button
	help    *widget.Button

	hits        []index.Hit
	query       string
	summaryText string        // the summary before the counts arrive
	counting    chan struct{} // closed when the counts of the last search are shown

	onSearch  func(q string)
	onOpenHit func(h index.Hit)
	onCodeAll func(q string, unit index.Unit)
}

var unitNames = []string{"matched words", "sentence", "speaker turn"}
var unitOf = map[string]index.Unit{"matched words": index.UnitMatch, "sentence": index.UnitSentence, "speaker turn": index.UnitTurn}

func newSearchPanel(onSearch func(string), onOpenHit func(index.Hit), onCodeAll func(string, index.Unit), showHelp func()) *searchPanel {
	s := &searchPanel{onSearch: onSearch, onOpenHit: onOpenHit, onCodeAll: onCodeAll}
	s.entry = widget.NewEntry()
	s.entry.SetPlaceHolder(`Search all transcripts: leren, "deel wat je leert", organis*, speaker:Ana, code:"…"`)
	s.entry.OnSubmitted = func(q string) { s.onSearch(q) }
	s.help = widget.NewButtonWithIcon("", theme.QuestionIcon(), showHelp)
	find := widget.NewButtonWithIcon("", theme.SearchIcon(), func() { s.onSearch(s.entry.Text) })
	s.bar = container.NewBorder(nil, nil, nil, container.NewHBox(find, s.help), s.entry)

	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.list = widget.NewList(
		func() int { return len(s.hits) },
		func() fyne.CanvasObject {
			where := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			where.Truncation = fyne.TextTruncateEllipsis
			return container.New(hitRowLayout{}, where, newHitSnippet())
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			h := s.hits[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(hitPlace(h))
			box.Objects[1].(*hitSnippet).set(h)
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if i < len(s.hits) {
			s.onOpenHit(s.hits[i])
		}
	}
	s.unit = widget.NewSelect(unitNames, nil)
	s.unit.SetSelected(unitNames[1])
	s.codeAll = widget.NewButton("Code all hits…", func() { s.onCodeAll(s.query, unitOf[s.unit.Selected]) })
	s.codeAll.Disable()
	actions := container.NewHBox(widget.NewLabel("by"), s.unit, s.codeAll)
	s.results = container.NewBorder(container.NewBorder(nil, nil, nil, actions, s.summary), nil, nil, nil, s.list)
	return s
}

// show puts a page of results in the list.
func (s *searchPanel) show(q string, res index.Results) {
	s.query, s.hits = q, res.Hits
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
	msg := fmt.Sprintf("%s match (%s)", plural(res.Total, "passage"), res.Took.Round(100_000))
	if len(res.Hits) < res.Total {
		msg = fmt.Sprintf("%s match; the best %d are shown (%s)", plural(res.Total, "passage"), len(res.Hits), res.Took.Round(100_000))
	}
	if res.Plain {
		msg += " — searched as plain words"
	}
	s.summaryText = msg
	s.summary.SetText(msg)
	if res.Total > 0 {
		s.codeAll.Enable()
	} else {
		s.codeAll.Disable()
	}
}

// showCounts adds the counts per document and speaker to the summary.
func (s *searchPanel) showCounts(res index.Results) {
	msg := s.summaryText
	if len(res.Documents) > 0 {
		msg += fmt.Sprintf(" · in %s: %s", plural(len(res.Documents), "document"), countsLine(res.Documents, 3))
	}
	if len(res.Speakers) > 0 {
		msg += " · speakers: " + countsLine(res.Speakers, 3)
	}
	s.summary.SetText(msg)
}

// plural writes a count with its noun: "1 document", "2 documents".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func countsLine(counts []index.Count, n int) string {
	parts := make([]string, 0, n)
	for i, c := range counts {
		if i == n {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", c.Name, c.Count))
	}
	return strings.Join(parts, ", ")
}

func hitPlace(h index.Hit) string {
	if h.MemoKind != "" {
		return fmt.Sprintf("memo on %s", h.MemoKind)
	}
	if h.Speaker != "" {
		return h.Speaker + " · " + h.Document
	}
	return h.Document
}

// searchIndex opens the project's index in the background and serves the
// window's searches. Until it is ready, searching says so.
type searchIndex struct {
	ix    *index.Index
	err   error
	ready chan struct{} // closed once ix or err is set

	// cancel stops the opening (or building) of the index; built is closed
	// when that has ended, with its index in opened, so that a window closed
	// during a build waits for it and closes the index, leaving it neither
	// locked nor half written.
	cancel context.CancelFunc
	built  chan struct{}
	opened *index.Index
	closed bool
}

func (w *MainWindow) openIndex(dir string) {
	w.index.ready = make(chan struct{})
	if dir == "" {
		w.index.err = errors.New("this window was opened without a search index")
		close(w.index.ready)
		return
	}
	w.status.SetText("Preparing search…")
	ctx, cancel := context.WithCancel(context.Background())
	w.index.cancel, w.index.built = cancel, make(chan struct{})
	go func() {
		ix, err := index.Open(ctx, w.project, dir, func(done, total int) {
			fyne.Do(func() { w.status.SetText(fmt.Sprintf("Building the search index: %d of %d documents", done, total)) })
		})
		w.index.opened = ix
		close(w.index.built)
		fyne.Do(func() {
			if w.index.closed {
				return // closeIndex has closed it
			}
			w.index.ix, w.index.err = ix, err
			if err != nil {
				w.status.SetText("Search is not available: " + err.Error())
			} else {
				w.status.SetText("Ready.")
			}
			close(w.index.ready)
		})
	}()
}

// closeIndex stops a build that is still running, waits for it, and closes
// the index: the window is closing, and its project with it.
func (w *MainWindow) closeIndex() {
	w.index.closed = true
	if w.index.cancel == nil {
		return
	}
	w.index.cancel()
	<-w.index.built
	if w.index.opened != nil {
		w.index.opened.Close()
	}
	w.index.ix, w.index.opened = nil, nil
}

// onSearch runs a query and shows its results.
func (w *MainWindow) onSearch(q string) {
	if strings.TrimSpace(q) == "" {
		return
	}
	if w.index.ix == nil {
		if w.index.err != nil {
			w.status.SetText("Search is not available: " + w.index.err.Error())
		} else {
			w.status.SetText("The search index is still being prepared; try again in a moment.")
		}
		return
	}
	ctx := background()
	if err := w.index.ix.Update(ctx); err != nil {
		w.showError(err)
		return
	}
	// The rows first; the counts per document, speaker and code, which take
	// longer on broad queries, a moment later.
	ix := w.index.ix
	res, err := ix.Search(ctx, q, index.SearchOptions{Limit: 200, Facets: -1})
	var qe *index.QueryError
	if errors.As(err, &qe) {
		w.status.SetText(qe.Msg)
		return
	}
	if err != nil {
		w.showError(err)
		return
	}
	w.search.show(q, res)
	w.showResults(true)
	w.search.counting = make(chan struct{})
	done := w.search.counting
	go func() {
		counts, err := ix.Counts(ctx, q, index.SearchOptions{Facets: 1 << 20}) // every document counted
		fyne.Do(func() {
			if err == nil && w.search.query == q {
				w.search.showCounts(counts)
			}
			close(done)
		})
	}()
}

// onOpenHit shows a hit's document with the matched words selected.
func (w *MainWindow) onOpenHit(h index.Hit) {
	if h.DocID == 0 || h.MemoKind != "" {
		w.status.SetText(fmt.Sprintf("This hit is in a memo on a %s.", h.MemoKind))
		return
	}
	if err := w.selectDocument(h.DocID); err != nil {
		w.showError(err)
		return
	}
	sel := index.Range{Start: h.Start, End: h.End}
	if len(h.Matches) > 0 {
		sel = h.Matches[0]
	}
	w.transcript.ScrollTo(sel.Start)
	w.transcript.Select(sel.Start, sel.End)
}

// onCodeAll asks for a code and codes every hit of the query with it, as
// one undoable step.
func (w *MainWindow) onCodeAll(q string, unit index.Unit) {
	if w.index.ix == nil || q == "" || len(w.codebook.codes) == 0 {
		w.status.SetText("Search first, and make sure the codebook has a code.")
		return
	}
	names := make([]string, len(w.codebook.codes))
	for i, c := range w.codebook.codes {
		names[i] = model.CodePath(w.codebook.codes, c.ID)
	}
	pick := widget.NewSelect(names, nil)
	pick.SetSelected(names[0])
	form := []*widget.FormItem{widget.NewFormItem("Code", pick)}
	w.showDialog(dialog.NewForm(fmt.Sprintf("Code every hit of %q (%s)", q, unit), "Code all", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		w.codeAllHits(q, unit, w.codebook.codes[pick.SelectedIndex()])
	}, w.win))
}

// codeAllHits codes every hit of q with code, as one undoable step.
func (w *MainWindow) codeAllHits(q string, unit index.Unit, code model.Code) {
	res, err := index.Autocode(background(), w.project, w.index.ix, q, code.ID, unit)
	if err != nil {
		w.showError(err)
		return
	}
	w.status.SetText(fmt.Sprintf("Coded %d passages with %q (%d already had it). Ctrl+Z undoes it all.", res.Coded, code.Name, res.Skipped))
	w.refresh()
}

// showQueryHelp shows the query language. A dialog is as small as its
// content allows, and a scroll view allows nearly nothing, so the view asks
// for the whole text, or for as much of it as the window has room for, and
// scrolls both ways to the rest (the columns must not wrap).
func (w *MainWindow) showQueryHelp() {
	text := widget.NewLabel(index.QueryHelp)
	text.TextStyle = fyne.TextStyle{Monospace: true}
	scroll := container.NewScroll(text)
	want := text.MinSize()
	scroll.SetMinSize(want)
	d := dialog.NewCustom("Searching", "Close", scroll, w.win)
	chrome := d.MinSize().Subtract(want)
	room := w.win.Canvas().Size().Subtract(chrome).SubtractWidthHeight(4*theme.Padding(), 4*theme.Padding())
	scroll.SetMinSize(fyne.NewSize(max(min(want.Width, room.Width), 240), max(min(want.Height, room.Height), 160)))
	w.showDialog(d)
}
