package ui

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/report"
)

// segmentsPanel, docked under the codebook, lists coded quotes: the coded
// segments of one code (with or without its sub-codes), filtered by
// document, speaker, coder and key quote, with counts; or the codings under
// a click in the transcript ("Codings here"). A row opens the transcript at
// its quote; its ★ marks a key quote and its ⋮ menu edits the memo, moves
// the coding to another code or removes it. The window reads the quotes
// (report.Quotes, off the UI goroutine for a large project) and hands them
// to loaded; filtering happens here, on what was read.
type segmentsPanel struct {
	box       fyne.CanvasObject
	heading   *widget.Label
	back      *widget.Button // from the codings here back to the code
	code      *widget.Select // the code whose segments are shown
	subCodes  *widget.Check
	keyOnly   *widget.Check
	doc       *widget.Select
	speaker   *widget.Select
	coder     *widget.Select
	filters   *widget.Button // shows and hides the filter box
	filterBox *fyne.Container
	choices   *fyne.Container // the code and the filters, hidden for the codings here
	here      *fyne.Container // the heading and the way back, shown for the codings here
	count     *widget.Label
	list      *widget.List

	codes      []model.Code   // the codebook, for the code select, in tree order
	codeID     int64          // the code shown; 0 before one is chosen
	hereIDs    []int64        // the codings under the click; nil when showing a code
	hereDoc    int64          // the document clicked
	all        []report.Quote // as read
	rows       []report.Quote // as filtered and listed
	reads      int            // counts reads, so that a late one is dropped
	cancel     context.CancelFunc
	updating   bool // the panel is setting its selects: no user choice
	manyCoders bool // the quotes read have several coders: rows name them

	onLoad func()                                     // what to show changed: read again
	onOpen func(q report.Quote)                       // a row was tapped
	onKey  func(q report.Quote)                       // its ★ was tapped
	onMenu func(q report.Quote, at fyne.CanvasObject) // its ⋮ was tapped
}

// Labels of the filters' first options.
func allDocuments() string { return lang.L("All documents") }
func allSpeakers() string  { return lang.L("All speakers") }
func allCoders() string    { return lang.L("All coders") }

func newSegmentsPanel(onLoad func(), onOpen, onKey func(report.Quote), onMenu func(report.Quote, fyne.CanvasObject)) *segmentsPanel {
	s := &segmentsPanel{onLoad: onLoad, onOpen: onOpen, onKey: onKey, onMenu: onMenu}
	s.heading = widget.NewLabelWithStyle(lang.L("Codings here"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.back = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), s.onBack)
	s.back.Importance = widget.LowImportance
	s.back.Hide()
	s.code = widget.NewSelect(nil, func(string) { s.onCodeSelected() })
	s.code.PlaceHolder = lang.L("Choose a code")
	s.subCodes = widget.NewCheck(lang.L("With sub-codes"), func(bool) { s.onSubCodesChanged() })
	s.keyOnly = widget.NewCheck(lang.L("★ Key quotes only"), func(bool) { s.onFilterChanged() })
	s.doc = s.newFilter(allDocuments())
	s.speaker = s.newFilter(allSpeakers())
	s.coder = s.newFilter(allCoders())
	s.coder.Hide() // until the quotes have more than one coder
	s.filters = widget.NewButton(lang.L("Filters"), s.onFiltersTapped)
	s.count = widget.NewLabel("")
	s.count.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newSegmentRowView(s) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*segmentRowView).show(i) })
	s.list.OnSelected = s.onRowSelected

	s.filterBox = container.NewVBox(
		container.NewGridWithColumns(2, s.doc, s.speaker),
		container.NewBorder(nil, nil, s.keyOnly, nil, s.coder),
	)
	s.filterBox.Hide()
	title := container.NewBorder(nil, nil, nil, s.filters, heading(lang.L("Coded segments")))
	s.choices = container.NewVBox(title, s.code, s.subCodes, s.filterBox)
	s.here = container.NewBorder(nil, nil, nil, s.back, s.heading)
	s.here.Hide()
	top := container.New(narrowLayout{}, container.NewVBox(s.choices, s.here, s.count))
	s.box = container.NewBorder(top, nil, nil, nil, s.list)
	s.updateSubCodes()
	s.updateCount()
	return s
}

func (s *segmentsPanel) newFilter(all string) *widget.Select {
	f := widget.NewSelect([]string{all}, func(string) { s.onFilterChanged() })
	f.Selected = all
	return f
}

// setCodes takes the codebook as it is now; a code shown that is gone
// (deleted, merged, an undone creation) is no longer shown.
func (s *segmentsPanel) setCodes(codes []model.Code) {
	s.codes = codes
	names := make([]string, len(codes))
	found := false
	for i, c := range codes {
		names[i] = model.CodePath(codes, c.ID)
		found = found || c.ID == s.codeID
	}
	if !found {
		s.codeID = 0
	}
	s.updating = true
	s.code.SetOptions(names)
	s.code.ClearSelected()
	if i := s.codeIndex(s.codeID); i >= 0 {
		s.code.SetSelectedIndex(i)
	}
	s.updating = false
	s.updateSubCodes()
}

func (s *segmentsPanel) codeIndex(id int64) int {
	return slices.IndexFunc(s.codes, func(c model.Code) bool { return c.ID == id })
}

// showCode shows the segments of a code.
func (s *segmentsPanel) showCode(id int64) {
	s.codeID, s.hereIDs = id, nil
	s.updating = true
	if i := s.codeIndex(id); i >= 0 {
		s.code.SetSelectedIndex(i)
	}
	s.updating = false
	s.updateSubCodes()
	s.updateMode()
}

// showHere shows the codings with these IDs, found under a click in a
// document.
func (s *segmentsPanel) showHere(doc int64, ids []int64) {
	s.hereIDs, s.hereDoc = slices.Clone(ids), doc
	if s.hereIDs == nil {
		s.hereIDs = []int64{}
	}
	s.updateMode()
}

func (s *segmentsPanel) showingHere() bool { return s.hereIDs != nil }

// updateMode shows the code and its filters, or, for the codings here, the
// way back to the code.
func (s *segmentsPanel) updateMode() {
	if s.showingHere() {
		s.choices.Hide()
		setVisible(s.back, s.codeIndex(s.codeID) >= 0)
		s.here.Show()
	} else {
		s.here.Hide()
		s.choices.Show()
	}
	s.all, s.rows = nil, nil
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
}

// updateSubCodes offers "with sub-codes" for a code that has some.
func (s *segmentsPanel) updateSubCodes() {
	if slices.ContainsFunc(s.codes, func(c model.Code) bool { return s.codeID != 0 && c.ParentID == s.codeID }) {
		s.subCodes.Show()
	} else {
		s.subCodes.Hide()
	}
}

// filter is what the window reads for the panel; false when there is
// nothing to show.
func (s *segmentsPanel) filter() (report.Filter, bool) {
	switch {
	case s.showingHere():
		return report.Filter{Documents: []int64{s.hereDoc}}, s.hereDoc != 0
	case s.codeID != 0:
		return report.Filter{Codes: []int64{s.codeID}, SubCodes: s.subCodes.Checked && s.subCodes.Visible()}, true
	}
	return report.Filter{}, false
}

// reading starts a read of the quotes: it returns its number for loaded,
// and a context that the next read cancels.
func (s *segmentsPanel) reading() (int, context.Context) {
	if s.cancel != nil {
		s.cancel()
	}
	s.reads++
	ctx, cancel := context.WithCancel(background())
	s.cancel = cancel
	return s.reads, ctx
}

// loaded shows the quotes of read n, unless a later read has started.
func (s *segmentsPanel) loaded(n int, quotes []report.Quote, err error) {
	if n != s.reads {
		return
	}
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	switch {
	case errors.Is(err, context.Canceled):
		return
	case err != nil:
		s.all, s.rows = nil, nil
		s.list.Refresh()
		s.count.SetText(lang.L("The quotes could not be read: {{.Err}}", args{"Err": errorText(err)}))
		return
	}
	if s.showingHere() {
		quotes = slices.DeleteFunc(quotes, func(q report.Quote) bool { return !slices.Contains(s.hereIDs, q.CodingID) })
	}
	s.all = quotes
	s.updateFilters()
	s.applyFilters()
}

// clear shows nothing (no code chosen).
func (s *segmentsPanel) clear() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.reads++ // a read under way is stale
	s.all, s.rows = nil, nil
	s.list.Refresh()
	s.updateCount()
}

// updateFilters offers the documents, speakers and coders of the quotes
// read, keeping what is chosen.
func (s *segmentsPanel) updateFilters() {
	var docs, speakers, coders []string
	for _, q := range s.all {
		docs = appendNew(docs, q.Document)
		speakers = appendNew(speakers, speakerOf(q))
		coders = appendNew(coders, q.Coder)
	}
	slices.Sort(speakers)
	slices.Sort(coders)
	s.manyCoders = len(coders) > 1
	s.updating = true
	setFilterOptions(s.doc, allDocuments(), docs)
	setFilterOptions(s.speaker, allSpeakers(), speakers)
	setFilterOptions(s.coder, allCoders(), coders)
	s.updating = false
	if s.manyCoders || s.coder.Selected != allCoders() {
		s.coder.Show()
	} else {
		s.coder.Hide()
	}
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// setFilterOptions offers all and the values, and the value chosen even
// when no quote has it any more, so that a change does not widen the list
// behind the user's back.
func setFilterOptions(f *widget.Select, all string, values []string) {
	chosen := f.Selected
	opts := append([]string{all}, values...)
	if chosen != all && !slices.Contains(values, chosen) {
		opts = append(opts, chosen)
	}
	f.SetOptions(opts)
	f.SetSelected(chosen)
}

// speakerOf is who says a quote: the participant, else the speaker label.
func speakerOf(q report.Quote) string {
	if q.Participant != "" {
		return q.Participant
	}
	return q.Speaker
}

// applyFilters lists the quotes read that pass the filters.
func (s *segmentsPanel) applyFilters() {
	s.rows = s.rows[:0]
	for _, q := range s.all {
		if s.passes(q) {
			s.rows = append(s.rows, q)
		}
	}
	s.list.UnselectAll()
	s.list.Refresh()
	s.updateCount()
	s.updateFiltersButton()
}

func (s *segmentsPanel) passes(q report.Quote) bool {
	if s.showingHere() {
		return true
	}
	return (!s.keyOnly.Checked || q.Key) &&
		(s.doc.Selected == allDocuments() || q.Document == s.doc.Selected) &&
		(s.speaker.Selected == allSpeakers() || speakerOf(q) == s.speaker.Selected) &&
		(s.coder.Selected == allCoders() || q.Coder == s.coder.Selected)
}

func (s *segmentsPanel) filtering() bool {
	return s.keyOnly.Checked || s.doc.Selected != allDocuments() || s.speaker.Selected != allSpeakers() || s.coder.Selected != allCoders()
}

// updateCount says how many quotes are listed: "12 quotes in 3
// interviews", "5 of 12 quotes, in 2 interviews".
func (s *segmentsPanel) updateCount() {
	docs := map[int64]bool{}
	for _, q := range s.rows {
		docs[q.DocID] = true
	}
	n, in := len(s.rows), plural("{{.Count}} interviews", len(docs))
	var msg string
	switch {
	case s.showingHere() && n == 0:
		msg = lang.L("No codings here any more.")
	case s.showingHere():
		msg = plural("{{.Count}} codings here", n)
	case s.codeID == 0:
		msg = lang.L("Click a code while no text is selected, or choose one above, to see its quotes.")
	case len(s.all) == 0:
		msg = lang.L("No quotes yet: select text in a transcript and click the code.")
	case n == 0:
		msg = plural("None of the {{.Count}} quotes passes the filters.", len(s.all))
	case s.filtering():
		msg = plural("{{.N}} of {{.Count}} quotes, in {{.In}}", len(s.all), args{"N": n, "In": in})
	default:
		msg = plural("{{.Count}} quotes in {{.In}}", n, args{"In": in})
	}
	s.count.SetText(msg)
}

// readingMessage shows that a read is under way.
func (s *segmentsPanel) readingMessage() { s.count.SetText(lang.L("Reading the quotes…")) }

func (s *segmentsPanel) onCodeSelected() {
	if s.updating {
		return
	}
	if i := s.code.SelectedIndex(); i >= 0 && i < len(s.codes) {
		s.showCode(s.codes[i].ID)
		s.onLoad()
	}
}

func (s *segmentsPanel) onSubCodesChanged() {
	if !s.showingHere() && s.codeID != 0 {
		s.onLoad()
	}
}

func (s *segmentsPanel) onFilterChanged() {
	if !s.updating {
		s.applyFilters()
	}
}

// onFiltersTapped shows or hides the filters. Hidden, they still filter:
// the count says so, and the button stands out.
func (s *segmentsPanel) onFiltersTapped() {
	if s.filterBox.Visible() {
		s.filterBox.Hide()
	} else {
		s.filterBox.Show()
	}
}

func (s *segmentsPanel) updateFiltersButton() {
	imp := widget.MediumImportance
	if s.filtering() {
		imp = widget.HighImportance
	}
	if s.filters.Importance != imp {
		s.filters.Importance = imp
		s.filters.Refresh()
	}
}

// onBack goes from the codings here back to the code's segments.
func (s *segmentsPanel) onBack() {
	s.showCode(s.codeID)
	s.onLoad()
}

// onRowSelected opens the transcript at the tapped quote. The list lets
// go of the row and of the keyboard, so that the row can be tapped again
// and digit keys still apply codes.
func (s *segmentsPanel) onRowSelected(i widget.ListItemID) {
	s.list.UnselectAll()
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.list); c != nil && c.Focused() == s.list {
		c.Unfocus()
	}
	if i >= 0 && i < len(s.rows) {
		s.onOpen(s.rows[i])
	}
}

// segmentsInBackground is how many codings a project has before the panel
// reads its quotes off the UI goroutine: report.Quotes reads the whole
// project each time.
var segmentsInBackground = 1000

// loadSegments reads the quotes the panel shows again: after every change,
// undo and redo, and when what it shows changes. A small project is read
// at once; a large one in the background, its result handed over through
// onUI, and dropped when another read has started since.
func (w *MainWindow) loadSegments() {
	s := w.segments
	s.setCodes(w.codebook.codes)
	if s.showingHere() && !w.listed(s.hereDoc) {
		s.showCode(s.codeID) // the document went (an undone import)
	}
	f, ok := s.filter()
	if !ok {
		s.clear()
		return
	}
	n, ctx := s.reading()
	codings := 0
	for _, c := range w.codebook.codes {
		codings += c.Codings
	}
	if codings < segmentsInBackground {
		quotes, err := report.Quotes(ctx, w.project, f, report.NoContext)
		s.loaded(n, quotes, err)
		return
	}
	s.readingMessage()
	p := w.project
	go func() {
		quotes, err := report.Quotes(ctx, p, f, report.NoContext)
		onUI(func() { s.loaded(n, quotes, err) })
	}()
}

// listed tells whether the documents list has document id.
func (w *MainWindow) listed(id int64) bool {
	return slices.ContainsFunc(w.documents.docs, func(d model.Document) bool { return d.ID == id })
}

// onCodeClicked applies a code clicked in the codebook to the selection;
// with no text selected, it shows the code's segments instead.
func (w *MainWindow) onCodeClicked(c model.Code) {
	if start, end := w.transcript.Selection(); w.doc.ID != 0 && start != end {
		w.onCodeChosen(c)
		return
	}
	w.showSegments(c.ID)
	w.status.SetText(lang.L(`The quotes of "{{.Code}}" are listed under the codebook. Select text first to apply a code.`, args{"Code": c.Name}))
}

// showSegments shows the segments of a code in the panel.
func (w *MainWindow) showSegments(codeID int64) {
	w.segments.showCode(codeID)
	w.loadSegments()
}

// onSegmentOpened shows a quote in its transcript, selected.
func (w *MainWindow) onSegmentOpened(q report.Quote) {
	if err := w.selectDocument(q.DocID); err != nil {
		w.showError(err)
		return
	}
	w.transcript.ScrollTo(q.Start)
	w.transcript.Select(q.Start, q.End)
}

// narrowLayout lets the panel's controls be narrower than they would be:
// the codebook's column may be narrow, and a select then cuts its text
// short rather than widening the column.
type narrowLayout struct{}

// narrowWidth is the widest the controls ask the column to be.
const narrowWidth = 150

func (narrowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (narrowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	min.Width = fyne.Min(min.Width, narrowWidth)
	return min
}
