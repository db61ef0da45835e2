package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/ui/transcript"
)

func waitForIndex(t *testing.T, w *MainWindow) {
	t.Helper()
	select {
	case <-w.index.ready:
	case <-time.After(60 * time.Second):
		t.Fatal("the search index did not open")
	}
	if w.index.err != nil {
		t.Fatal(w.index.err)
	}
}

// newSearchWindow opens the test window, wide enough for the results
// table, with the counts of every search taken in the background and
// handed to the test's goroutine.
func newSearchWindow(t *testing.T) (*MainWindow, *model.Project) {
	t.Helper()
	w, p := newTestWindow(t)
	runOnTestGoroutine(t)
	was := countAtOnce
	countAtOnce = -1
	t.Cleanup(func() { countAtOnce = was })
	w.win.Resize(fyne.NewSize(1400, 800))
	return w, p
}

// search types q in the search bar, presses Enter, and waits for the
// counts.
func search(t *testing.T, w *MainWindow, q string) {
	t.Helper()
	w.win.Canvas().Focus(w.search.entry)
	w.search.entry.SetText("")
	test.Type(w.search.entry, q)
	pressSearchKey(w, fyne.KeyReturn, false)
	waitForCounts(t, w)
}

// waitForHits waits for the page of results loading and for the hits the
// transcript frames, when they are being searched.
func waitForHits(t *testing.T, w *MainWindow) {
	t.Helper()
	if c := w.search.loading; c != nil {
		waitOnMain(t, c, "the next page of results")
	}
	if c := w.search.marking; c != nil {
		waitOnMain(t, c, "the hits framed in the transcript")
	}
}

func waitForCounts(t *testing.T, w *MainWindow) {
	t.Helper()
	if w.search.counting == nil {
		t.Fatal("no search ran")
	}
	waitOnMain(t, w.search.counting, "the counts")
}

// pressSearchKey presses a key in the focused widget, as the driver
// delivers it: with Shift, Shift goes down first and up after.
func pressSearchKey(w *MainWindow, key fyne.KeyName, shift bool) {
	k, _ := w.win.Canvas().Focused().(desktop.Keyable)
	if shift && k != nil {
		k.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	pressKey(w.win, key)
	if shift && k != nil {
		k.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
}

// drawnRow is a row of the results table as drawn: the text of each
// column and where it starts on screen.
type drawnRow struct {
	cells [kwicCols]string
	bold  [kwicCols]bool
	x     [kwicCols]float32
	y     float32
}

// drawnRows reads the rows of the results table on screen, top to bottom,
// from their rendering.
func drawnRows(w *MainWindow) []drawnRow {
	var rows []drawnRow
	for _, o := range allObjectsUnder(w.search.table.list) {
		box, ok := o.(*fyne.Container)
		if !ok || !box.Visible() || len(box.Objects) != kwicCols {
			continue
		}
		if _, isRow := box.Layout.(kwicLayout); !isRow || box == w.search.table.header {
			continue
		}
		r := drawnRow{y: absPos(box).Y}
		for c, cell := range box.Objects {
			txt := test.WidgetRenderer(cell.(fyne.Widget)).Objects()[0].(*canvas.Text)
			r.cells[c], r.bold[c], r.x[c] = txt.Text, txt.TextStyle.Bold, absPos(txt).X
		}
		if r.cells != [kwicCols]string{} {
			rows = append(rows, r)
		}
	}
	slices.SortFunc(rows, func(a, b drawnRow) int { return cmp.Compare(a.y, b.y) })
	return rows
}

func TestResultsTableShowsKeywordsInContext(t *testing.T) {
	w, p := newSearchWindow(t)
	// "leert" finds its forms: leert, and geleerd in the question.
	search(t, w, "leert")
	if w.body.Objects[0] != w.results {
		t.Fatal("the results are not shown")
	}
	sanne, _ := p.Text(context.Background(), w.search.table.hits[0].DocID)
	at := func(s string) string { return fmt.Sprint(len([]rune(sanne[:strings.Index(sanne, s)]))) }
	want := map[string][kwicCols]string{
		"leert":   {"Dat je deelt wat je ", "leert", ", ook in het café 🙂.", "Sanne", "b – Sanne.txt", at("leert,")},
		"geleerd": {"Wat heb je ", "geleerd", "?", "Interviewer", "b – Sanne.txt", at("geleerd")},
	}
	rows := drawnRows(w)
	if len(rows) != 2 {
		t.Fatalf("%d rows drawn, want 2: %+v", len(rows), rows)
	}
	for _, r := range rows {
		if r.cells != want[r.cells[colMatch]] {
			t.Errorf("row drawn as\n %q, want\n %q", r.cells, want[r.cells[colMatch]])
		}
		if !r.bold[colMatch] || r.bold[colLeft] || r.bold[colRight] {
			t.Errorf("row %q: only the match should be bold: %v", r.cells[colMatch], r.bold)
		}
	}
	// The matches line up, with the context before them ending at them.
	if rows[0].x[colMatch] != rows[1].x[colMatch] {
		t.Errorf("the matches start at %v and %v: they do not line up", rows[0].x[colMatch], rows[1].x[colMatch])
	}
	for _, r := range rows {
		if end := r.x[colLeft] + fyne.MeasureText(r.cells[colLeft], 14, fyne.TextStyle{}).Width; end > r.x[colMatch]+1 || end < r.x[colMatch]-4 {
			t.Errorf("row %q: the context before ends at %v, the match starts at %v", r.cells[colMatch], end, r.x[colMatch])
		}
	}
	if got := w.search.summary.Text; !strings.HasPrefix(got, "2 hits in 2 passages") {
		t.Errorf("summary %q", got)
	}
}

func TestSortingTheResultsByDocument(t *testing.T) {
	w, _ := newSearchWindow(t)
	search(t, w, "je")
	test.Tap(w.search.table.titles[colDocument])
	var got []string
	for _, r := range drawnRows(w) {
		got = append(got, r.cells[colDocument]+" "+r.cells[colPosition])
	}
	sorted := slices.SortedFunc(slices.Values(w.search.table.rows), func(a, b kwicRow) int {
		ha, hb := w.search.table.hits[a.hit], w.search.table.hits[b.hit]
		return cmp.Or(cmp.Compare(ha.Document, hb.Document), cmp.Compare(a.match.Start, b.match.Start))
	})
	var want []string
	for _, r := range sorted {
		want = append(want, fmt.Sprintf("%s %d", w.search.table.hits[r.hit].Document, r.match.Start))
	}
	if !slices.Equal(got, want) || len(got) != 4 {
		t.Errorf("sorted by document, the rows are %q, want %q", got, want)
	}
	test.Tap(w.search.table.titles[colDocument])
	for i, r := range w.search.table.rows {
		if r.order != i {
			t.Fatalf("a second tap left the rows out of the result order: %+v", w.search.table.rows)
		}
	}
}

// facetRow finds the facet called name on screen.
func facetRow(t *testing.T, w *MainWindow, name string) *widget.Label {
	t.Helper()
	for _, o := range allObjectsUnder(w.search.facets.list) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text == name {
			return l
		}
	}
	t.Fatalf("no facet %q among %+v", name, w.search.facets.entries)
	return nil
}

func tapFacet(t *testing.T, w *MainWindow, name string) {
	t.Helper()
	l := facetRow(t, w, name)
	test.TapCanvas(w.win.Canvas(), absPos(l).AddXY(4, l.Size().Height/2))
}

// facetCounts lists the facets as shown: "a – Ana.txt 1".
func facetCounts(w *MainWindow) []string {
	var out []string
	for _, e := range w.search.facets.entries {
		if e.field != "" {
			out = append(out, fmt.Sprintf("%s %s %d", e.field, e.name, e.count))
		}
	}
	return out
}

func TestAFacetFiltersAndItsChipRemovesTheFilter(t *testing.T) {
	w, _ := newSearchWindow(t)
	search(t, w, "je")
	all := []string{"doc b – Sanne.txt 2", "doc a – Ana.txt 1", "speaker Interviewer 2", "speaker Sanne 1"}
	if got := facetCounts(w); !slices.Equal(got, all) {
		t.Fatalf("facets %q, want %q", got, all)
	}
	if len(w.search.table.rows) != 4 {
		t.Fatalf("%d rows for je, want 4 (twice in one turn)", len(w.search.table.rows))
	}

	tapFacet(t, w, "a – Ana.txt")
	waitForCounts(t, w)
	if got, want := w.search.entry.Text, `je doc:"a – Ana.txt"`; got != want || w.search.query != want {
		t.Errorf("after the facet the query is %q (searched %q), want %q", got, w.search.query, want)
	}
	if got, want := facetCounts(w), []string{"doc a – Ana.txt 1", "speaker Interviewer 1"}; !slices.Equal(got, want) {
		t.Errorf("filtered facets %q, want %q", got, want)
	}
	rows := drawnRows(w)
	if len(rows) != 1 || rows[0].cells[colDocument] != "a – Ana.txt" || rows[0].cells[colLeft] != "Waar begin " {
		t.Errorf("filtered rows %+v, want Ana's one", rows)
	}
	if len(w.search.chips.Objects) != 1 {
		t.Fatalf("%d chips, want 1", len(w.search.chips.Objects))
	}
	if !w.search.facets.entries[1].active {
		t.Error("the facet filtered on is not marked")
	}

	chip := w.search.chips.Objects[0].(*widget.Button)
	if chip.Text != "doc: a – Ana.txt" {
		t.Errorf("chip %q", chip.Text)
	}
	test.Tap(chip)
	waitForCounts(t, w)
	if w.search.entry.Text != "je" || len(w.search.table.rows) != 4 || len(w.search.chips.Objects) != 0 {
		t.Errorf("after removing the chip: query %q, %d rows, %d chips", w.search.entry.Text, len(w.search.table.rows), len(w.search.chips.Objects))
	}
	if got := facetCounts(w); !slices.Equal(got, all) {
		t.Errorf("facets after removing the chip %q, want %q", got, all)
	}

	// A second tap on a facet takes its filter out too; two combine.
	tapFacet(t, w, "Interviewer")
	waitForCounts(t, w)
	tapFacet(t, w, "b – Sanne.txt")
	waitForCounts(t, w)
	if got, want := w.search.query, `je speaker:Interviewer doc:"b – Sanne.txt"`; got != want || len(w.search.table.rows) != 1 {
		t.Errorf("two facets: %q with %d rows, want %q with 1", got, len(w.search.table.rows), want)
	}
	tapFacet(t, w, "Interviewer")
	waitForCounts(t, w)
	if got, want := w.search.query, `je doc:"b – Sanne.txt"`; got != want {
		t.Errorf("a second tap on the facet: %q, want %q", got, want)
	}
}

// hitsOf returns the ranges of the word in text, as the transcript frames
// them.
func hitsOf(text, word string) []transcript.Range {
	var out []transcript.Range
	r := []rune(text)
	w := []rune(word)
	for i := 0; i+len(w) <= len(r); i++ {
		if string(r[i:i+len(w)]) == word && (i == 0 || r[i-1] == ' ') && (i+len(w) == len(r) || strings.ContainsRune(" ?,.", r[i+len(w)])) {
			out = append(out, transcript.Range{Start: i, End: i + len(w)})
		}
	}
	return out
}

func TestNextAndPreviousGoThroughEveryHitAcrossDocuments(t *testing.T) {
	w, p := newSearchWindow(t)
	ctx := context.Background()
	search(t, w, "je")
	texts := map[string]string{}
	for _, d := range w.documents.docs {
		texts[d.Name], _ = p.Text(ctx, d.ID)
	}
	type place struct {
		doc   string
		start int
	}
	var want []place
	for _, r := range w.search.table.rows {
		want = append(want, place{w.search.table.hits[r.hit].Document, r.match.Start})
	}
	if len(want) != 4 {
		t.Fatalf("%d rows, want 4", len(want))
	}
	docs := map[string]bool{}
	seen := map[place]bool{}
	check := func(step string, i int) {
		t.Helper()
		waitForHits(t, w)
		s, e := w.transcript.Selection()
		got := place{w.doc.Name, s}
		if got != want[i] || w.transcript.SelectedText() != "je" || e != s+2 {
			t.Errorf("%s: %s selects %q at %d, want hit %d: %v", step, w.doc.Name, w.transcript.SelectedText(), s, i, want[i])
		}
		if w.search.table.current != i {
			t.Errorf("%s: row %d selected, want %d", step, w.search.table.current, i)
		}
		if marks, want := w.transcript.SearchHits(), hitsOf(texts[w.doc.Name], "je"); !slices.Equal(marks, want) {
			t.Errorf("%s: %s frames %v, want every je: %v", step, w.doc.Name, marks, want)
		}
		docs[got.doc], seen[got] = true, true
	}
	// Enter in the search bar, now that its results are shown, goes on.
	pressSearchKey(w, fyne.KeyReturn, false)
	check("Enter", 0)
	typeShortcut(w.win, shortcutNextHit)
	check("Ctrl+G", 1)
	pressSearchKey(w, fyne.KeyF3, false)
	check("F3", 2)
	tapTranscript(t, w) // the focus elsewhere: the menu's shortcut still works
	typeShortcut(w.win, shortcutNextHit)
	check("Ctrl+G from the transcript", 3)
	if len(seen) != 4 || len(docs) != 2 {
		t.Errorf("next visited %v in %v, want 4 hits in 2 documents", seen, docs)
	}
	typeShortcut(w.win, shortcutNextHit)
	check("Ctrl+G after the last", 0)
	if !strings.Contains(w.status.Text, "Back at the first") {
		t.Errorf("status %q", w.status.Text)
	}
	typeShortcut(w.win, shortcutPreviousHit)
	check("Ctrl+Shift+G before the first", 3)
	w.win.Canvas().Focus(w.search.entry)
	pressSearchKey(w, fyne.KeyReturn, true)
	check("Shift+Enter", 2)
	pressSearchKey(w, fyne.KeyF3, true)
	check("Shift+F3", 1)
	test.Tap(w.search.previous)
	check("the Previous button", 0)
	test.Tap(w.search.next)
	check("the Next button", 1)

	// Closed results frame nothing; a new query in the bar is searched.
	w.showResults(false)
	waitForHits(t, w)
	if marks := w.transcript.SearchHits(); len(marks) != 0 {
		t.Errorf("with the results closed the transcript frames %v", marks)
	}
	search(t, w, "je")
	search(t, w, "motivatie")
	if len(w.search.table.rows) != 1 || w.search.table.current != -1 {
		t.Errorf("a new query in the bar: %d rows, row %d selected", len(w.search.table.rows), w.search.table.current)
	}
	waitForHits(t, w)
	if marks, want := w.transcript.SearchHits(), hitsOf(texts[w.doc.Name], "motivatie"); !slices.Equal(marks, want) {
		t.Errorf("after a new query %s frames %v, want %v", w.doc.Name, marks, want)
	}
}

// A page smaller than the hits: the transcript frames every hit of its
// document all the same, More… loads the next page, and Next at the end
// of what is loaded loads it too.
func TestPagesOfResults(t *testing.T) {
	w, p := newSearchWindow(t)
	was := resultsPage
	resultsPage = 1
	t.Cleanup(func() { resultsPage = was })
	search(t, w, "je")
	if len(w.search.table.hits) != 1 || !w.search.more.Visible() {
		t.Fatalf("one page of one: %d hits, More shown %v", len(w.search.table.hits), w.search.more.Visible())
	}
	if got := w.search.summary.Text; !strings.HasPrefix(got, "in the best 1 of 3 passages") && !strings.Contains(got, "in the best 1 of 3 passages") {
		t.Errorf("summary %q", got)
	}
	first := w.search.table.hits[0]
	w.documents.list.Select(slices.IndexFunc(w.documents.docs, func(d model.Document) bool { return d.ID == first.DocID }))
	text, _ := p.Text(context.Background(), first.DocID)
	waitForHits(t, w)
	if got, want := w.transcript.SearchHits(), hitsOf(text, "je"); !slices.Equal(got, want) {
		t.Errorf("framed %v, want every je of the document %v", got, want)
	}
	test.Tap(w.search.more)
	if w.search.loading == nil || !w.search.more.Disabled() {
		t.Errorf("More… is not loading in the background (loading %v, button disabled %v)", w.search.loading != nil, w.search.more.Disabled())
	}
	test.Tap(w.search.more) // a second tap while it loads loads no page more
	waitForHits(t, w)
	if len(w.search.table.hits) != 2 || w.search.more.Disabled() {
		t.Errorf("More… loaded %d hits, want 2 (button disabled %v)", len(w.search.table.hits), w.search.more.Disabled())
	}
	for range len(w.search.table.rows) + 1 { // to the last row loaded, and past it
		typeShortcut(w.win, shortcutNextHit)
		waitForHits(t, w)
	}
	if len(w.search.table.hits) != 3 || w.search.more.Visible() {
		t.Errorf("next past the end: %d hits loaded, More shown %v; want all 3", len(w.search.table.hits), w.search.more.Visible())
	}
}

func TestCodeAllHitsOfAFilteredQuery(t *testing.T) {
	w, p := newSearchWindow(t)
	ctx := context.Background()
	search(t, w, "je")
	tapFacet(t, w, "a – Ana.txt")
	waitForCounts(t, w)
	test.Tap(w.search.codeAll)
	tapButton(t, w.win.Canvas().Overlays().Top(), "Code all")
	waitForCounts(t, w)
	codings, _ := p.Codings(ctx, model.CodingFilter{})
	if len(codings) != 1 || codings[0].Document != "a – Ana.txt" || codings[0].Text != "Waar begin je?" {
		t.Fatalf("code all hits of the filtered query made %+v, want Ana's question only", codings)
	}
	waitForCounts(t, w)
	if got, want := facetCounts(w), []string{"doc a – Ana.txt 1", "speaker Interviewer 1", "code Deel wat je leert 1"}; !slices.Equal(got, want) {
		t.Errorf("facets after coding %q, want %q with the code", got, want)
	}
	w.onUndo()
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("one undo left %d codings", len(codings))
	}
}

func TestSearchOpenHitAndCodeAll(t *testing.T) {
	w, p := newSearchWindow(t)
	ctx := context.Background()
	search(t, w, "leert")
	rows := w.search.table.rows
	i := slices.IndexFunc(rows, func(r kwicRow) bool { return r.text == "leert" })
	w.search.table.list.Select(i)
	if w.doc.Name != "b – Sanne.txt" {
		t.Fatalf("opening the hit shows %q", w.doc.Name)
	}
	if got := w.transcript.SelectedText(); got != "leert" {
		t.Errorf("opening the hit selects %q, want the matched word", got)
	}
	if !strings.HasPrefix(w.status.Text, "Hit 1 of 2") && !strings.HasPrefix(w.status.Text, "Hit 2 of 2") {
		t.Errorf("status %q", w.status.Text)
	}

	// Code all hits by sentence, then undo it in one step.
	code, _ := p.FindCode(ctx, "Deel wat je leert")
	w.codeAllHits("leert OR motivatie", index.UnitSentence, code)
	waitForCounts(t, w)
	codings, _ := p.Codings(ctx, model.CodingFilter{CodeID: code.ID})
	if len(codings) != 3 {
		t.Fatalf("code all hits made %d codings, want 3: %+v", len(codings), codings)
	}
	for _, c := range codings {
		if !strings.ContainsAny(c.Text[len(c.Text)-1:], ".?") || !(strings.Contains(c.Text, "lee") || strings.Contains(c.Text, "motivatie")) {
			t.Errorf("coded sentence %q", c.Text)
		}
	}
	w.onUndo()
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("one undo left %d codings", len(codings))
	}

	// A query with nothing to search for only explains, in place of the
	// undo's message the status line holds.
	undone := w.status.Text
	w.onSearch("-")
	waitForCounts(t, w)
	if w.status.Text == "" || w.status.Text == undone {
		t.Errorf("status %q after searching for %q, want the query's message, not the undo's %q", w.status.Text, "-", undone)
	}
	w.showResults(false)
	if w.body.Objects[0] != w.panels {
		t.Error("closing the results did not show the panels alone")
	}
}
