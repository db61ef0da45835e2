package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// searchPanel is the search bar over everything and the results under the
// panels: a keyword-in-context table beside the counts per document,
// speaker and code (facets that filter on a click), the active filters as
// chips, the next and previous hit, and "code all hits".
type searchPanel struct {
	bar      fyne.CanvasObject // the query field with its buttons
	results  fyne.CanvasObject // the table and facets with their summary and actions
	entry    *searchEntry
	summary  *widget.Label
	chips    *fyne.Container // a button per active filter, which removes it
	table    *resultsTable
	facets   *facetList
	more     *widget.Button
	previous *widget.Button
	next     *widget.Button
	unit     *widget.Select
	codeAll  *widget.Button
	help     *widget.Button

	query    string        // the query of the results shown
	total    int           // the passages it matches
	plain    bool          // it was searched as plain words
	open     bool          // the results are shown
	counting chan struct{} // closed when the counts of the last search are shown
	loading  chan struct{} // while the next page loads; closed when it is shown
	marking  chan struct{} // closed when the transcript frames every hit of its document

	stopLoading, stopMarking context.CancelFunc // of the page loading and the hits being framed

	onSearch  func(q string)
	onOpenHit func(h index.Hit, match index.Range)
	onCodeAll func(q string, unit index.Unit)
	onStep    func(dir int) // the next (1) or previous (-1) hit
	onMore    func()        // the next page of results
}

// units are the passages Code all hits codes, in the order the select
// offers them.
var units = []index.Unit{index.UnitMatch, index.UnitSentence, index.UnitTurn}

// unitName names a unit in the language shown.
func unitName(u index.Unit) string {
	switch u {
	case index.UnitMatch:
		return lang.L("matched words")
	case index.UnitTurn:
		return lang.L("speaker turn")
	}
	return lang.L("sentence")
}

// resultsPage is how many passages a page of results holds (a variable
// for tests).
var resultsPage = 200

func newSearchPanel(onSearch func(string), onOpenHit func(index.Hit, index.Range), onCodeAll func(string, index.Unit), showHelp func()) *searchPanel {
	s := &searchPanel{onSearch: onSearch, onOpenHit: onOpenHit, onCodeAll: onCodeAll, onStep: func(int) {}, onMore: func() {}}
	s.entry = newSearchEntry(func(dir int) { s.onStep(dir) })
	s.entry.OnSubmitted = func(q string) { s.onEnter(q, s.entry.shift) }
	s.entry.SetPlaceHolder(lang.L(`Search all transcripts: leren, "deel wat je leert", organis*, speaker:Ana, code:"…"`))
	s.help = widget.NewButtonWithIcon("", theme.QuestionIcon(), showHelp)
	find := widget.NewButtonWithIcon("", theme.SearchIcon(), func() { s.onSearch(s.entry.Text) })
	s.bar = container.NewBorder(nil, nil, nil, container.NewHBox(find, s.help), s.entry)

	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.chips = container.NewHBox()
	s.table = newResultsTable(func(r kwicRow, h index.Hit) { s.onOpenHit(h, r.match) })
	s.facets = newFacetList(nil)
	s.more = widget.NewButton(lang.L("More…"), func() { s.onMore() })
	s.more.Hide()
	s.previous = widget.NewButtonWithIcon(lang.L("Previous"), theme.MoveUpIcon(), func() { s.onStep(-1) })
	s.next = widget.NewButtonWithIcon(lang.L("Next"), theme.MoveDownIcon(), func() { s.onStep(1) })
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = unitName(u)
	}
	s.unit = widget.NewSelect(names, nil)
	s.unit.SetSelectedIndex(1)
	s.codeAll = widget.NewButton(lang.L("Code all hits…"), func() { s.onCodeAll(s.query, units[s.unit.SelectedIndex()]) })
	s.setActions(false)
	actions := container.NewHBox(s.previous, s.next, widget.NewSeparator(), s.codeAll, widget.NewLabel(lang.L("by")), s.unit)
	top := container.NewBorder(nil, nil, s.chips, actions, s.summary)
	table := container.NewBorder(nil, container.NewCenter(s.more), nil, nil, s.table.box)
	split := container.NewHSplit(s.facets.list, table)
	split.Offset = 0.22
	s.results = container.NewBorder(top, nil, nil, nil, split)
	return s
}

// onEnter searches the query typed, or, when its results are shown,
// moves to the next hit (the previous with Shift), as a find bar does.
func (s *searchPanel) onEnter(q string, shift bool) {
	if !s.open || strings.TrimSpace(q) != s.query || len(s.table.rows) == 0 {
		s.onSearch(q)
		return
	}
	if shift {
		s.onStep(-1)
	} else {
		s.onStep(1)
	}
}

func (s *searchPanel) setActions(enabled bool) {
	for _, b := range []*widget.Button{s.codeAll, s.next, s.previous} {
		if enabled {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// show puts the first page of a search's results in the table; the
// facets wait for the counts.
func (s *searchPanel) show(q string, res index.Results) {
	s.query, s.total, s.plain = q, res.Total, res.Plain
	s.table.set(res.Hits)
	s.facets.clear()
	s.showChips()
	s.setActions(res.Total > 0)
	s.showSummary()
}

// add puts the next page of results in the table.
func (s *searchPanel) add(res index.Results) {
	s.table.add(res.Hits)
	s.showSummary()
}

// hasMore reports whether the query matches passages not loaded yet.
func (s *searchPanel) hasMore() bool { return len(s.table.hits) < s.total }

func (s *searchPanel) showSummary() {
	msg := lang.L("No passage matches")
	hits, passages := plural("{{.Count}} hits", len(s.table.rows)), plural("{{.Count}} passages", s.total)
	if s.total > 0 {
		msg = lang.L("{{.Hits}} in {{.Passages}}", args{"Hits": hits, "Passages": passages})
	}
	if s.hasMore() {
		msg = lang.L("{{.Hits}} in the best {{.Best}} of {{.Passages}}", args{"Hits": hits, "Best": len(s.table.hits), "Passages": passages})
		s.more.SetText(plural("More… (the next {{.Count}} passages)", min(resultsPage, s.total-len(s.table.hits))))
		s.more.Show()
	} else {
		s.more.Hide()
	}
	if s.plain {
		msg += " — " + lang.L("searched as plain words")
	}
	s.summary.SetText(msg)
}

// showCounts shows the counts per document, speaker and code.
func (s *searchPanel) showCounts(res index.Results) {
	s.facets.set(res, queryFilters(s.query))
}

// showChips shows a chip for each filter of the query on a document,
// speaker or code; a tap on it searches again without it.
func (s *searchPanel) showChips() {
	s.chips.RemoveAll()
	for _, f := range queryFilters(s.query) {
		chip := widget.NewButtonWithIcon(f.label(), theme.CancelIcon(), func() { s.searchFor(withoutFilter(s.query, f)) })
		chip.IconPlacement = widget.ButtonIconTrailingText
		s.chips.Add(chip)
	}
	s.chips.Refresh()
}

// searchFor puts q in the bar and searches it.
func (s *searchPanel) searchFor(q string) {
	s.entry.SetText(q)
	s.onSearch(q)
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

// onIndexUI hands the index build's progress and end to the window, as
// onUI does other background work's. It is a hook of its own: tests that
// queue onUI wait for the index without running that queue, and the test
// of the build's Cancel queues this one.
var onIndexUI = fyne.Do

// inMemoryLimit is the most text (in characters) of a project whose index
// is kept in memory when the cache folder cannot be written (a variable
// for tests).
var inMemoryLimit = index.InMemoryLimit

func (w *MainWindow) openIndex(dir string) {
	w.index.ready = make(chan struct{})
	if dir == "" {
		w.index.err = errors.New(lang.L("this window was opened without a search index"))
		close(w.index.ready)
		return
	}
	w.status.SetText(lang.L("Preparing search…"))
	ctx, cancel := context.WithCancel(context.Background())
	w.index.cancel, w.index.built = cancel, make(chan struct{})
	go func() {
		// A cache folder that cannot be written keeps a small project's
		// index in memory, as the command line does.
		ix, cacheErr, err := index.OpenOrInMemory(ctx, w.project, dir, inMemoryLimit, false, func(done, total int) {
			onIndexUI(func() { w.showIndexProgress(done, total) })
		})
		w.index.opened = ix
		close(w.index.built)
		onIndexUI(func() {
			if w.index.closed {
				return // closeIndex has closed it
			}
			w.index.ix, w.index.err = ix, err
			w.hideIndexProgress()
			switch {
			case errors.Is(err, context.Canceled):
				w.index.err = errors.New(lang.L("building the search index was cancelled; it is built when the project is opened again"))
				w.status.SetText(lang.L("Search is off: building the search index was cancelled. It is built when the project is opened again."))
			case err != nil:
				w.status.SetText(lang.L("Search is not available: {{.Err}}", args{"Err": errorText(err)}))
			case cacheErr != nil:
				w.status.SetText(lang.L("Ready. The cache folder {{.Dir}} cannot be written to (it is full or read-only), so the search index is kept in memory while this window is open.", args{"Dir": dir}))
			default:
				w.status.SetText(lang.L("Ready."))
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

// wireSearch connects the results to the window: the next and previous
// hit, more results, the facets.
func (w *MainWindow) wireSearch() {
	w.search.onStep = w.stepHit
	w.search.onMore = w.onMoreResults
	w.search.facets.onToggle = w.onFacet
}

// onSearch runs a query off the UI goroutine and shows its results: the
// first page, the counts per document, speaker and code with it for a few
// hits and a moment later for many, and the hits in the transcript shown.
// A search still running is cancelled, as Cancel and closing the window
// cancel this one.
func (w *MainWindow) onSearch(q string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	if w.index.ix == nil {
		if w.index.err != nil {
			w.status.SetText(lang.L("Search is not available: {{.Err}}", args{"Err": errorText(w.index.err)}))
		} else {
			w.status.SetText(lang.L("The search index is still being prepared; try again in a moment."))
		}
		return
	}
	ix := w.index.ix
	done := make(chan struct{})
	w.search.counting = done
	ctx, finish := w.startWork(lang.L("Looking for the hits…"))
	go func() {
		workStarted(ctx)
		f := runSearch(ctx, ix, q)
		finish(func(current bool) {
			if !current {
				close(done)
				return
			}
			w.showFound(q, f, done)
		})
	}()
}

// found is what a search found: the first page, the filters that name
// nothing, and the counts when they were taken with it.
type found struct {
	res     index.Results
	notes   []model.Label
	counts  index.Results
	counted bool
	err     error
}

// runSearch searches q, on the search's goroutine.
func runSearch(ctx context.Context, ix *index.Index, q string) found {
	var f found
	if f.err = ix.Update(ctx); f.err != nil {
		return f
	}
	if f.res, f.err = ix.Search(ctx, q, index.SearchOptions{Limit: resultsPage, Facets: -1}); f.err != nil {
		return f
	}
	f.notes, _ = ix.UnknownFilterNotes(ctx, q)
	if f.res.Total <= countAtOnce {
		var err error
		f.counts, err = ix.Counts(ctx, q, index.SearchOptions{Facets: 1 << 20})
		f.counted = err == nil
	}
	return f
}

// showFound shows what a search found, or why it found nothing; done is
// closed when the counts are shown.
func (w *MainWindow) showFound(q string, f found, done chan struct{}) {
	var qe *index.QueryError
	switch {
	case errors.Is(f.err, context.Canceled):
		w.status.SetText(lang.L("The search was cancelled."))
	case errors.As(f.err, &qe):
		w.status.SetText(queryErrorText(qe))
	case f.err != nil:
		w.showError(f.err)
	}
	if f.err != nil {
		close(done)
		return
	}
	if strings.TrimSpace(w.search.entry.Text) != q {
		w.search.entry.SetText(q)
	}
	w.search.show(q, f.res)
	w.showResults(true)
	w.status.SetText(filterNotes(f.notes))
	if f.counted {
		w.search.showCounts(f.counts)
		close(done)
		return
	}
	w.countResults(q, done)
}

// filterNotes says which doc: and code: filters of a search name nothing,
// with the index's "did you mean", or is empty.
func filterNotes(notes []model.Label) string {
	if len(notes) == 0 {
		return ""
	}
	texts := make([]string, len(notes))
	for i, n := range notes {
		texts[i] = labelText(n.Text, n.Key, n.Args)
	}
	return lang.L("A filter names nothing: {{.Notes}}", args{"Notes": strings.Join(texts, "; ")})
}

// countResults shows the counts per document, speaker and code of q
// (every one counted), taken in the background; done is closed when they
// are shown.
func (w *MainWindow) countResults(q string, done chan struct{}) {
	ix, ctx, do := w.index.ix, background(), onUI
	go func() {
		counts, err := ix.Counts(ctx, q, index.SearchOptions{Facets: 1 << 20})
		do(func() {
			if err == nil && w.search.query == q {
				w.search.showCounts(counts)
			}
			close(done)
		})
	}()
}

// countAtOnce is how many passages a search may match for its counts to
// be taken before its results show, a few milliseconds' work (a variable
// for tests).
var countAtOnce = 1000

// onMoreResults loads the next page of results.
func (w *MainWindow) onMoreResults() { w.loadMore(nil) }

// loadMore loads the next page of results off the UI goroutine and adds it
// to the table; then, when given, runs after it is added. A page already
// loading is let be. Closing the window cancels it, and a page of results
// that are no longer shown is dropped.
func (w *MainWindow) loadMore(then func()) {
	s := w.search
	if w.index.ix == nil || !s.hasMore() || s.loading != nil {
		return
	}
	ix, q, offset, do := w.index.ix, s.query, len(s.table.hits), onUI
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.loading, s.stopLoading = done, cancel
	s.more.Disable()
	go func() {
		res, err := ix.Search(ctx, q, index.SearchOptions{Limit: resultsPage, Offset: offset, Facets: -1})
		do(func() {
			defer close(done)
			stopped := ctx.Err() != nil
			cancel()
			s.loading, s.stopLoading = nil, nil
			s.more.Enable()
			switch {
			case stopped || s.query != q || len(s.table.hits) != offset:
				return
			case err != nil:
				w.showError(err)
				return
			}
			s.add(res)
			if then != nil {
				then()
			}
		})
	}()
}

// onFacet narrows the search to a document, speaker or code, or widens it
// again when it is narrowed to it already.
func (w *MainWindow) onFacet(field, name string) {
	q := toggleFilter(w.search.query, field, name)
	if q == "" && field == fieldDoc { // a name with quotes: by its id
		for _, d := range w.documents.docs {
			if d.Name == name {
				q = toggleFilter(w.search.query, field, strconv.FormatInt(d.ID, 10))
			}
		}
	}
	if q == "" {
		w.status.SetText(lang.L(`A search cannot name "{{.Name}}": it has quotes in it.`, args{"Name": name}))
		return
	}
	w.search.searchFor(q)
}

// onOpenHit shows a hit's document with the matched words selected.
func (w *MainWindow) onOpenHit(h index.Hit, m index.Range) {
	if h.DocID == 0 || h.MemoKind != "" {
		w.status.SetText(lang.L("This hit is in a memo on {{.What}}.", args{"What": memoKindName(h.MemoKind)}))
		return
	}
	if err := w.selectDocument(h.DocID); err != nil {
		w.showError(err)
		return
	}
	w.transcript.ScrollTo(m.Start)
	w.transcript.Select(m.Start, m.End)
	w.status.SetText(w.search.hitStatus())
}

// onCodeAll asks for a code and codes every hit of the query with it, as
// one undoable step.
func (w *MainWindow) onCodeAll(q string, unit index.Unit) {
	if w.index.ix == nil || q == "" || len(w.codebook.codes) == 0 {
		w.status.SetText(lang.L("Search first, and make sure the codebook has a code."))
		return
	}
	names := make([]string, len(w.codebook.codes))
	for i, c := range w.codebook.codes {
		names[i] = model.CodePath(w.codebook.codes, c.ID)
	}
	pick := widget.NewSelect(names, nil)
	pick.SetSelected(names[0])
	form := []*widget.FormItem{widget.NewFormItem(lang.L("Code"), pick)}
	w.showDialog(dialog.NewForm(lang.L("Code every hit of “{{.Query}}” ({{.Unit}})", args{"Query": q, "Unit": unitName(unit)}), lang.L("Code all"), lang.L("Cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		w.codeAllHits(q, unit, w.codebook.codes[pick.SelectedIndex()])
	}, w.win))
}

// codeAllHits codes every hit of q with code, as one undoable step, off
// the UI goroutine. Cancelled before the coding is stored, it changes
// nothing; once stored, it is done (and Ctrl+Z undoes it).
func (w *MainWindow) codeAllHits(q string, unit index.Unit, code model.Code) {
	p, ix := w.project, w.index.ix
	done := make(chan struct{})
	w.search.counting = done
	ctx, finish := w.startWork(lang.L("Coding every hit…"))
	go func() {
		workStarted(ctx)
		res, err := index.Autocode(ctx, p, ix, q, code.ID, unit)
		if err != nil && res.Coded > 0 { // stored; only the index's update after it was stopped
			err = ix.Update(context.Background())
		}
		finish(func(current bool) {
			switch {
			case err != nil && res.Coded == 0:
				if current && errors.Is(err, context.Canceled) {
					w.status.SetText(lang.L("Code all hits was cancelled; nothing was coded."))
				} else if current {
					w.showError(err)
				}
				close(done)
				return
			case err != nil:
				w.showError(err)
			case current:
				w.status.SetText(autocodeStatus(res, code.Name))
			}
			if w.work.closed {
				close(done)
				return
			}
			w.refresh()
			if current && w.search.query == q {
				w.countResults(q, done) // the counts per code have changed
			} else {
				close(done)
			}
		})
	}()
}

// autocodeStatus says what Code all hits did: the ranges coded, in how many
// passages, and the ranges found that already had the code (some inside a
// longer coding with it).
func autocodeStatus(res index.AutocodeResult, code string) string {
	if res.Coded == 0 && res.Inside > 0 {
		return plural(`Nothing new coded with "{{.Code}}": the {{.Count}} ranges found already have it, {{.Inside}} inside a longer coding with it.`, res.Skipped, args{"Code": code, "Inside": res.Inside})
	}
	if res.Coded == 0 && res.Skipped > 0 {
		return plural(`Nothing new coded with "{{.Code}}": the {{.Count}} ranges found already have it.`, res.Skipped, args{"Code": code})
	}
	a := args{"Code": code, "Passages": plural("{{.Count}} passages", res.Passages)}
	switch {
	case res.Inside > 0:
		a["Skipped"] = plural("{{.Count}} ranges already had it, {{.Inside}} inside a longer coding with it", res.Skipped, args{"Inside": res.Inside})
	case res.Skipped > 0:
		a["Skipped"] = plural("{{.Count}} ranges already had it", res.Skipped)
	default:
		return plural(`Coded {{.Count}} ranges in {{.Passages}} with "{{.Code}}". Ctrl+Z undoes it all.`, res.Coded, a)
	}
	return plural(`Coded {{.Count}} ranges in {{.Passages}} with "{{.Code}}" ({{.Skipped}}). Ctrl+Z undoes it all.`, res.Coded, a)
}

// showQueryHelp shows the query language. A dialog is as small as its
// content allows, and a scroll view allows nearly nothing, so the view asks
// for the whole text, or for as much of it as the window has room for, and
// scrolls both ways to the rest (the columns must not wrap).
func (w *MainWindow) showQueryHelp() {
	text := widget.NewLabel(lang.L("search.help")) // index.QueryHelp in English (TestQueryHelpTranslated)
	text.TextStyle = fyne.TextStyle{Monospace: true}
	scroll := container.NewScroll(text)
	want := text.MinSize()
	scroll.SetMinSize(want)
	d := dialog.NewCustom(lang.L("Searching"), lang.L("Close"), scroll, w.win)
	chrome := d.MinSize().Subtract(want)
	room := w.win.Canvas().Size().Subtract(chrome).SubtractWidthHeight(4*theme.Padding(), 4*theme.Padding())
	scroll.SetMinSize(fyne.NewSize(max(min(want.Width, room.Width), 240), max(min(want.Height, room.Height), 160)))
	w.showDialog(d)
}
