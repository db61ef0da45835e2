package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
)

// analysisProject codes testProject's interviews so that every table of
// the Analysis view has something to count:
//
//	Ana:   Deel "eigen drive, mijn motivatie", overlapping Motivatie
//	       "eigen drive" and Motivatie "mijn motivatie"
//	Sanne: Deel "Wat heb je geleerd?" (the interviewer), Deel "deelt wat je
//	       leert" and Motivatie "café" later in the same turn
//
// and gives Ana and Sanne a role.
func analysisProject(t *testing.T, w *MainWindow, p *model.Project) {
	t.Helper()
	ctx := context.Background()
	deel, _ := p.FindCode(ctx, "Deel wat je leert")
	motivatie, _ := p.FindCode(ctx, "Vertrek vanuit motivatie")
	docs := map[string]int64{}
	for _, d := range w.documents.docs {
		docs[d.Name] = d.ID
	}
	ana, sanne := docs["a – Ana.txt"], docs["b – Sanne.txt"]
	applyAt(t, p, deel.ID, ana, "eigen drive, mijn motivatie", 1)
	applyAt(t, p, motivatie.ID, ana, "eigen drive", 1)
	applyAt(t, p, motivatie.ID, ana, "mijn motivatie", 1)
	applyAt(t, p, deel.ID, sanne, "Wat heb je geleerd?", 1)
	applyAt(t, p, deel.ID, sanne, "deelt wat je leert", 1)
	applyAt(t, p, motivatie.ID, sanne, "café", 1)
	cases, err := p.Cases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{"Ana": "docent", "Sanne": "student"}
	for _, c := range cases {
		if r, ok := roles[c.Name]; ok {
			if err := p.SetCaseAttribute(ctx, c.ID, "rol", r); err != nil {
				t.Fatal(err)
			}
			delete(roles, c.Name)
		}
	}
	if len(roles) != 0 {
		t.Fatalf("no participants for %v", roles)
	}
	w.refresh()
}

// mainQueue holds what the Analysis view's goroutines hand to the main
// goroutine; waitForAnalysis and waitForExport run it on the test's
// goroutine, as the app's main loop would, so that widgets are touched by
// one goroutine only.
var mainQueue chan func()

// runOnTestGoroutine makes onUI queue its functions on mainQueue for the
// rest of the test.
func runOnTestGoroutine(t *testing.T) {
	q, old := make(chan func(), 64), onUI
	onUI = func(fn func()) { q <- fn }
	mainQueue = q
	t.Cleanup(func() { onUI = old })
}

// waitOnMain runs what is queued for the main goroutine until done closes.
func waitOnMain(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case <-done:
			return
		case fn := <-mainQueue:
			fn()
		case <-timeout:
			t.Fatalf("%s did not finish", what)
		}
	}
}

// openAnalysis opens the Analysis view on the window and waits for its
// first table.
func openAnalysis(t *testing.T, w *MainWindow) *analysisView {
	t.Helper()
	runOnTestGoroutine(t)
	v := w.showAnalysis(nil)
	t.Cleanup(func() { closeAnalysis(t, v) })
	waitForAnalysis(t, v)
	return v
}

// closeAnalysis closes the view's window unless it is closed (the test
// driver fails on a second Close), and waits for its computation: nothing
// may run on the project once the test ends.
func closeAnalysis(t *testing.T, v *analysisView) {
	t.Helper()
	if !v.closed {
		v.win.Close()
	}
	waitForAnalysis(t, v)
}

// waitForAnalysis waits until the latest computation is shown.
func waitForAnalysis(t *testing.T, v *analysisView) {
	t.Helper()
	waitOnMain(t, v.computing, "the analysis")
}

// selectAnalysis picks an entry of the view's selector, as a click does,
// and waits for its table.
func selectAnalysis(t *testing.T, v *analysisView, label string) {
	t.Helper()
	for _, o := range v.selector.Options {
		if o == label {
			v.selector.SetSelected(label)
			waitForAnalysis(t, v)
			return
		}
	}
	t.Fatalf("no %q among %q", label, v.selector.Options)
}

// tableText is what the view's table shows in a cell (row -1: the header),
// and whether it is aligned right; a title on two lines reads as one.
func tableText(v *analysisView, row, col int) (string, bool) {
	id := widget.TableCellID{Row: row, Col: col}
	var o fyne.CanvasObject
	if row < 0 {
		o = v.table.CreateHeader()
		v.table.UpdateHeader(id, o)
	} else {
		o = v.table.CreateCell()
		v.table.UpdateCell(id, o)
	}
	l := o.(*fyne.Container).Objects[0].(*widget.Label)
	return strings.ReplaceAll(l.Text, "\n", " "), l.Alignment == fyne.TextAlignTrailing
}

// checkRows compares the table's rows, from its first column to column
// len(want[i])-1, with want.
func checkRows(t *testing.T, v *analysisView, what string, want [][]string) {
	t.Helper()
	rows, _ := v.table.Length()
	if rows != len(want) {
		t.Errorf("%s: %d rows, want %d", what, rows, len(want))
		return
	}
	for i, w := range want {
		var got []string
		for j := range w {
			s, _ := tableText(v, i, j)
			got = append(got, s)
		}
		if strings.Join(got, " | ") != strings.Join(w, " | ") {
			t.Errorf("%s, row %d: got %q, want %q", what, i, got, w)
		}
	}
}

func TestAnalysisViewCountsAndSwitches(t *testing.T) {
	w, p := newTestWindow(t)
	analysisProject(t, w, p)
	v := openAnalysis(t, w)

	if got := v.selector.Options; strings.Join(got, ", ") != "Code frequencies, Codes by document, Codes by participant, Codes by rol, "+
		"Co-occurrence (overlap), Co-occurrence (same turn)" {
		t.Errorf("selector offers %q", got)
	}
	if v.selector.Selected != "Code frequencies" || v.interviewers.Checked {
		t.Errorf("opens on %q, with interviewers %v", v.selector.Selected, v.interviewers.Checked)
	}
	// Without the interviewer's question: Deel 2 codings in 2 documents, Motivatie 3 in 2.
	checkRows(t, v, "frequencies", [][]string{{"Deel wat je leert", "2", "2"}, {"Vertrek vanuit motivatie", "3", "2"}})
	if _, right := tableText(v, 0, 1); !right {
		t.Error("a count is not aligned right")
	}
	if _, right := tableText(v, 0, 0); right {
		t.Error("a code's name is aligned right")
	}
	if h, _ := tableText(v, -1, 0); h != "Code" {
		t.Errorf("the first column's header is %q", h)
	}
	if v.chart.Image == nil || v.chart.Image.Bounds().Dx() < 100 {
		t.Fatal("no chart beside the frequencies")
	}
	if v.export.Disabled() {
		t.Error("Export is disabled with a table shown")
	}
	chart := v.chart.Image

	// With interviewers, the question Sanne was asked counts too.
	test.Tap(v.interviewers)
	waitForAnalysis(t, v)
	checkRows(t, v, "frequencies with interviewers", [][]string{{"Deel wat je leert", "3"}, {"Vertrek vanuit motivatie", "3"}})
	test.Tap(v.interviewers)
	waitForAnalysis(t, v)

	selectAnalysis(t, v, "Codes by document")
	if h1, _ := tableText(v, -1, 1); h1 != "a – Ana.txt" {
		t.Errorf("the by-document matrix's second column is %q", h1)
	}
	checkRows(t, v, "by document", [][]string{{"Deel wat je leert", "1", "1", "2"}, {"Vertrek vanuit motivatie", "2", "1", "3"}, {"Totaal", "3", "2", "5"}})

	selectAnalysis(t, v, "Codes by rol")
	if h1, _ := tableText(v, -1, 1); h1 != "docent" {
		t.Errorf("the by-role matrix's second column is %q", h1)
	}
	checkRows(t, v, "by role", [][]string{{"Deel wat je leert", "1", "1"}, {"Vertrek vanuit motivatie", "2", "1"}, {"Totaal", "3", "2"}})

	// Co-occurrence: the diagonal counts codings; Deel overlaps both of
	// Ana's Motivatie codings, and shares a turn with Sanne's as well.
	selectAnalysis(t, v, "Co-occurrence (overlap)")
	checkRows(t, v, "overlap", [][]string{{"Deel wat je leert", "2", "2"}, {"Vertrek vanuit motivatie", "2", "3"}})
	if h2, _ := tableText(v, -1, 2); h2 != "Vertrek vanuit motivatie" {
		t.Errorf("the co-occurrence table's third column is %q", h2)
	}
	if v.chart.Image == nil || v.chart.Image == chart {
		t.Error("the chart did not change to the co-occurrence heat map")
	}
	if !strings.Contains(v.info.Text, "overlap") {
		t.Errorf("the heading says %q", v.info.Text)
	}
	selectAnalysis(t, v, "Co-occurrence (same turn)")
	checkRows(t, v, "same turn", [][]string{{"Deel wat je leert", "2", "3"}, {"Vertrek vanuit motivatie", "3", "3"}})
}

func TestAnalysisViewExports(t *testing.T) {
	w, p := newTestWindow(t)
	analysisProject(t, w, p)
	v := openAnalysis(t, w)
	selectAnalysis(t, v, "Codes by document")

	// The real Export button opens the file dialog in the format chosen.
	v.format.SetSelected("CSV")
	test.Tap(v.export)
	if v.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Export opened no file dialog")
	}
	v.win.Canvas().Overlays().Top().Hide()

	// What the dialog calls with the path chosen.
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "matrix.csv")
	v.exportTo(csvPath, export.CSV)
	waitForExport(t, v)
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatalf("no CSV file: %v", err)
	}
	if s := string(b); !strings.Contains(s, "Vertrek vanuit motivatie,2,1,3") || !strings.Contains(s, "a – Ana.txt") {
		t.Errorf("the CSV file holds:\n%s", s)
	}
	if !strings.Contains(v.status.Text, csvPath) {
		t.Errorf("status %q does not name the file", v.status.Text)
	}

	xlsxPath := filepath.Join(dir, "matrix.xlsx")
	v.exportTo(xlsxPath, export.XLSX)
	waitForExport(t, v)
	if b, err := os.ReadFile(xlsxPath); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Errorf("no XLSX file (a zip): %v", err)
	}
	pngPath := filepath.Join(dir, "matrix.png")
	v.exportTo(pngPath, export.PNG)
	waitForExport(t, v)
	if b, err := os.ReadFile(pngPath); err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("no PNG file: %v", err)
	}

	// A folder that is not there: an error dialog, no success message.
	v.exportTo(filepath.Join(dir, "nowhere", "matrix.csv"), export.CSV)
	waitForExport(t, v)
	if v.win.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog for an export that failed")
	}
	if strings.Contains(v.status.Text, "Exported") {
		t.Errorf("status %q after a failed export", v.status.Text)
	}
}

func waitForExport(t *testing.T, v *analysisView) {
	t.Helper()
	waitOnMain(t, v.exporting, "the export")
}

func TestAnalysisViewReopensRefreshed(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()

	// Nothing coded yet: the view says so instead of showing a table.
	v := openAnalysis(t, w)
	if rows, _ := v.table.Length(); rows != 0 || v.title.Text != "Nothing to show" || !strings.Contains(v.info.Text, "No coded quotes") {
		t.Errorf("an empty project shows %d rows, %q, %q", rows, v.title.Text, v.info.Text)
	}
	if !v.export.Disabled() {
		t.Error("Export is enabled with nothing shown")
	}

	analysisProject(t, w, p)
	if again := w.showAnalysis(v); again != v {
		t.Error("reopening made a second Analysis window")
	}
	waitForAnalysis(t, v)
	checkRows(t, v, "reopened", [][]string{{"Deel wat je leert", "2"}, {"Vertrek vanuit motivatie", "3"}})

	// Refresh recomputes, and finds a new attribute.
	motivatie, _ := p.FindCode(ctx, "Vertrek vanuit motivatie")
	applyAt(t, p, motivatie.ID, w.documents.docs[0].ID, "Bij", 1)
	cases, _ := p.Cases(ctx)
	p.SetCaseAttribute(ctx, cases[0].ID, "leeftijd", "40")
	test.Tap(v.refresh)
	waitForAnalysis(t, v)
	checkRows(t, v, "refreshed", [][]string{{"Deel wat je leert", "2"}, {"Vertrek vanuit motivatie", "4"}})
	if !strings.Contains(strings.Join(v.selector.Options, ","), "Codes by leeftijd") {
		t.Errorf("after Refresh the selector offers %q", v.selector.Options)
	}

	// Closed, it opens anew.
	v.win.Close()
	nv := w.showAnalysis(v)
	t.Cleanup(func() { closeAnalysis(t, nv) })
	if nv == v {
		t.Error("a closed Analysis window was reused")
	}
	waitForAnalysis(t, nv)

	// The View menu opens it too.
	before := len(fyne.CurrentApp().Driver().AllWindows())
	menuAction(t, w, "View", "Analysis…")()
	windows := fyne.CurrentApp().Driver().AllWindows()
	if len(windows) != before+1 || windows[len(windows)-1].Title() != "Analysis — ui" {
		t.Fatalf("View > Analysis… opened no Analysis window (%d windows, then %d)", before, len(windows))
	}
	// Closing it stops its computation before the project closes.
	windows[len(windows)-1].Close()
}

func TestAnalysisClosesWithItsProjectWindow(t *testing.T) {
	w, p := newTestWindow(t)
	analysisProject(t, w, p)
	runOnTestGoroutine(t)
	menuAction(t, w, "View", "Analysis…")()
	v := w.analysis
	if v == nil || v.closed {
		t.Fatal("View > Analysis… left no open Analysis view on the window")
	}
	waitForAnalysis(t, v)
	w.close()
	if !v.closed {
		t.Error("the Analysis window stays open after its project's window closed")
	}
}

func TestAnalysisViewIgnoresStaleResults(t *testing.T) {
	w, p := newTestWindow(t)
	analysisProject(t, w, p)
	v := openAnalysis(t, w)
	if v.activity.Visible() {
		t.Error("the progress indicator shows with nothing running")
	}

	// Two choices in quick succession: the first one's table, whenever it
	// comes, is not shown.
	v.selector.SetSelected("Co-occurrence (overlap)")
	stale := v.computing
	v.selector.SetSelected("Codes by document")
	fresh := v.computing
	if !v.activity.Visible() || !v.export.Disabled() {
		t.Error("while counting, the progress indicator is hidden or Export enabled")
	}
	timeout := time.After(30 * time.Second)
	for range 2 {
		select {
		case fn := <-mainQueue:
			fn()
		case <-timeout:
			t.Fatal("the computations did not finish")
		}
		if _, cols := v.table.Length(); cols == 3 {
			t.Fatal("the co-occurrence table of the earlier choice was shown")
		}
	}
	for _, done := range []chan struct{}{stale, fresh} {
		select {
		case <-done:
		default:
			t.Error("a computation did not say it ended")
		}
	}
	if _, cols := v.table.Length(); cols != 4 {
		t.Errorf("shows %d columns, want the by-document matrix's 4", cols)
	}
	if v.activity.Visible() {
		t.Error("the progress indicator still shows")
	}
}
