package ui

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// studyTexts are three short interviews with an interviewer, a colleague
// named in passing, and sayings to code.
var studyTexts = map[string]string{
	"Sanne.txt": "Interviewer: Wat heb je geleerd?\n" +
		"Sanne: Dat je deelt wat je leert. Pieter zei dat ook, in het café.\n" +
		"Interviewer: Deel je wat je leert?\n" +
		"Sanne: Ik begin bij mijn eigen motivatie.\n",
	"Ana.txt": "Interviewer: Waar begin je?\n" +
		"Ana: Bij mijn eigen drive, mijn motivatie.\n" +
		"Interviewer: En in het team?\n" +
		"Ana: In het team delen we alles wat we leren.\n",
	"Karin.txt": "Interviewer: Hoe leer je?\n" +
		"Karin: Door te delen wat ik leer met collega's.\n",
}

// studyCodings are the passages coded, by code and document; the second
// Sanne passage is the interviewer's question.
var studyCodings = []struct{ code, doc, text string }{
	{"Deel wat je leert", "Sanne.txt", "Dat je deelt wat je leert."},
	{"Deel wat je leert", "Sanne.txt", "Deel je wat je leert?"},
	{"Deel wat je leert", "Karin.txt", "Door te delen wat ik leer met collega's."},
	{"Delen in het team", "Ana.txt", "In het team delen we alles wat we leren."},
	{"Vertrek vanuit motivatie", "Sanne.txt", "Ik begin bij mijn eigen motivatie."},
	{"Vertrek vanuit motivatie", "Ana.txt", "Bij mijn eigen drive, mijn motivatie."},
	{"Pieter", "Sanne.txt", "Pieter zei dat ook, in het café."},
}

// studyProject makes a Dutch project of studyTexts with a small codebook
// (one sub-code), the codings above, a key quote, roles, and Sanne's
// participant under her full name.
func studyProject(t *testing.T) *model.Project {
	t.Helper()
	ctx := context.Background()
	p, err := model.Create(ctx, filepath.Join(t.TempDir(), "Studie.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	docs := map[string]model.Document{}
	for _, name := range []string{"Ana.txt", "Karin.txt", "Sanne.txt"} {
		text := studyTexts[name]
		nd := model.NewDocument{Name: name, Format: "txt", Text: text}
		pos := 0
		for _, l := range strings.SplitAfter(text, "\n") {
			if n := len([]rune(l)); n > 1 {
				nd.Turns = append(nd.Turns, model.NewTurn{Start: pos, End: pos + n - 1, Speaker: l[:strings.Index(l, ":")]})
				pos += n
			}
		}
		d, err := p.ImportDocument(ctx, nd)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = d
	}
	deel, _ := p.AddCode(ctx, 0, "Deel wat je leert", "#3CB44B", "Kennis delen")
	p.AddCode(ctx, deel.ID, "Delen in het team", "#42D4F4", "")
	p.AddCode(ctx, 0, "Vertrek vanuit motivatie", "#4363D8", "")
	p.AddCode(ctx, 0, "Pieter", "#9A6324", "")
	for _, c := range studyCodings {
		code, err := p.FindCode(ctx, c.code)
		if err != nil {
			t.Fatal(err)
		}
		text := studyTexts[c.doc]
		start := len([]rune(text[:strings.Index(text, c.text)]))
		g, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: docs[c.doc].ID, Start: start, End: start + len([]rune(c.text))})
		if err != nil {
			t.Fatal(err)
		}
		if c.doc == "Ana.txt" && c.code == "Vertrek vanuit motivatie" {
			if err := p.SetKeyQuote(ctx, []int64{g.ID}, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases, _ := p.Cases(ctx)
	for _, c := range cases {
		switch c.Name {
		case "Sanne":
			p.SetCaseAttribute(ctx, c.ID, "rol", "docent")
			if err := p.RenameParticipant(ctx, c.ID, "Sanne de Vries"); err != nil {
				t.Fatal(err)
			}
		case "Karin":
			p.SetCaseAttribute(ctx, c.ID, "rol", "docent")
		case "Ana":
			p.SetCaseAttribute(ctx, c.ID, "rol", "beleidsmaker")
		}
	}
	return p
}

// uiQueue holds what the export's goroutines hand to the UI goroutine;
// the waits below run it on the test's goroutine, as the app's event loop
// would run it on its own, so that widgets are only touched from one.
var uiQueue chan func()

// newStudyWindow opens the window on studyProject, with its index ready.
func newStudyWindow(t *testing.T) (*MainWindow, *model.Project) {
	t.Helper()
	test.NewTempApp(t)
	queue, was := make(chan func(), 256), onUI
	uiQueue, onUI = queue, func(fn func()) { queue <- fn }
	t.Cleanup(func() { onUI = was })
	p := studyProject(t)
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	w.win.Resize(fyne.NewSize(1200, 760))
	waitForIndex(t, w)
	return w, p
}

// waitCount waits for the live count of the dialog's latest change.
func waitCount(t *testing.T, e *exportDialog) string {
	t.Helper()
	if !runUntil(e.counting) {
		t.Fatal("the count did not arrive")
	}
	return e.count.Text
}

// runUntil runs what the background work hands to the UI until done is
// closed, or reports false after a long wait.
func runUntil(done chan struct{}) bool {
	timeout := time.After(60 * time.Second)
	for {
		select {
		case <-done:
			return true
		default:
		}
		select {
		case fn := <-uiQueue:
			fn()
		case <-done:
			return true
		case <-timeout:
			return false
		}
	}
}

// typeCounted types text into an entry of the dialog a key at a time, as
// the user does, and waits for the count.
func typeCounted(t *testing.T, e *exportDialog, entry *widget.Entry, text string) string {
	t.Helper()
	test.Type(entry, text)
	return waitCount(t, e)
}

// waitWritten waits for the export started last to end.
func waitWritten(t *testing.T, e *exportDialog) {
	t.Helper()
	if !runUntil(e.writing) {
		t.Fatal("the export did not end")
	}
}

// tick taps the row of a checklist whose label starts with label.
func tick(t *testing.T, c *checklist, label string) {
	t.Helper()
	for _, ch := range c.checks {
		if strings.HasPrefix(ch.Text, label) {
			test.Tap(ch)
			return
		}
	}
	t.Fatalf("no row %q in the checklist", label)
}

func chooseFormat(t *testing.T, e *exportDialog, name string) {
	t.Helper()
	if !slices.Contains(e.format.Options, name) {
		t.Fatalf("format %q not offered: %v", name, e.format.Options)
	}
	e.format.SetSelected(name)
}

// exportTo taps Export, as the user does, checks that the file dialog
// opened with a suggested name, and then writes to path as the file
// dialog would.
func exportTo(t *testing.T, e *exportDialog, path string) {
	t.Helper()
	if e.exportButton.Disabled() {
		t.Fatalf("Export is disabled (count: %q)", e.count.Text)
	}
	test.Tap(e.exportButton)
	if e.fileDialog == nil {
		t.Fatal("Export did not ask where to write")
	}
	e.fileDialog.Hide()
	e.onExport(path)
	waitWritten(t, e)
	if e.result == nil {
		t.Fatalf("no result after writing %s", path)
	}
}

func readCSV(t *testing.T, path string) (header []string, rows []map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s is not CSV: %v", path, err)
	}
	if len(records) == 0 {
		t.Fatalf("%s is empty", path)
	}
	header = records[0]
	for i := range header {
		header[i] = strings.TrimPrefix(header[i], "\ufeff")
	}
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, v := range r {
			row[header[i]] = v
		}
		rows = append(rows, row)
	}
	return header, rows
}

func TestExportLiveCount(t *testing.T) {
	w, _ := newStudyWindow(t)
	e := w.openExport(false)
	if e == nil {
		t.Fatal("no export dialog")
	}
	if got := waitCount(t, e); got != "7 quotes will be written" {
		t.Errorf("count with no filters: %q, want all 7 codings (interviewers kept)", got)
	}
	tick(t, e.codes, "Vertrek vanuit motivatie")
	if got := waitCount(t, e); got != "2 quotes will be written" {
		t.Errorf("count for one code: %q", got)
	}
	test.Tap(e.keyOnly)
	if got := waitCount(t, e); got != "1 quote will be written" {
		t.Errorf("count for its key quotes: %q", got)
	}
	test.Tap(e.keyOnly)
	waitCount(t, e)
	tick(t, e.codes, "Deel wat je leert")
	if got := waitCount(t, e); got != "5 quotes will be written" {
		t.Errorf("count for two codes: %q", got)
	}
	test.Tap(e.subCodes)
	if got := waitCount(t, e); got != "6 quotes will be written" {
		t.Errorf("count with the sub-code: %q", got)
	}
	test.Tap(e.interviewers) // leave out interviewers
	if got := waitCount(t, e); got != "5 quotes will be written" {
		t.Errorf("count without the interviewer's question: %q", got)
	}
	tick(t, e.attributes, "rol = docent")
	if got := waitCount(t, e); got != "3 quotes will be written" {
		t.Errorf("count for the teachers: %q", got)
	}
	if e.exportButton.Disabled() {
		t.Error("Export is disabled while quotes match")
	}
}

func TestExportNothingMatchesDisablesExport(t *testing.T) {
	w, _ := newStudyWindow(t)
	e := w.openExport(false)
	waitCount(t, e)
	if e.query.Disabled() {
		t.Fatal("the search filter is disabled with the index ready")
	}
	if got := typeCounted(t, e, e.query, "subsidieaanvraag"); got != "No coded quotes match these filters" {
		t.Errorf("count for a search without hits: %q", got)
	}
	if !e.exportButton.Disabled() {
		t.Error("Export is enabled while nothing matches")
	}
	e.query.SetText("")
	waitCount(t, e)
	if got := typeCounted(t, e, e.query, "café"); got != "1 quote will be written" {
		t.Errorf("count for a search that finds Pieter's passage: %q", got)
	}
	if e.exportButton.Disabled() {
		t.Error("Export stays disabled once quotes match again")
	}
	// A key quote of a code that has none: nothing again.
	e.query.SetText("")
	waitCount(t, e)
	tick(t, e.codes, "Pieter")
	waitCount(t, e)
	test.Tap(e.keyOnly)
	if got := waitCount(t, e); !strings.HasPrefix(got, "No coded quotes") || !e.exportButton.Disabled() {
		t.Errorf("key quotes of Pieter: count %q, Export disabled %v", got, e.exportButton.Disabled())
	}
}

func TestExportQuotesToCSV(t *testing.T) {
	w, _ := newStudyWindow(t)
	e := w.openExport(false)
	waitCount(t, e)
	chooseFormat(t, e, "CSV, comma-separated (.csv)")
	tick(t, e.codes, "Deel wat je leert")
	waitCount(t, e)
	test.Tap(e.subCodes)
	waitCount(t, e)
	test.Tap(e.interviewers)
	if got := waitCount(t, e); got != "3 quotes will be written" {
		t.Fatalf("count: %q", got)
	}
	path := filepath.Join(t.TempDir(), "citaten.csv")
	exportTo(t, e, path)

	header, rows := readCSV(t, path)
	for _, col := range []string{"Code", "Citaat", "Document", "Spreker", "Deelnemer", "rol"} {
		if !slices.Contains(header, col) {
			t.Errorf("no column %q in %v", col, header)
		}
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want the 3 the count said: %v", len(rows), rows)
	}
	var quotes []string
	for _, r := range rows {
		if r["Code"] != "Deel wat je leert" && r["Code"] != "Delen in het team" {
			t.Errorf("row of code %q, which was not ticked", r["Code"])
		}
		if r["Spreker"] == "Interviewer" {
			t.Errorf("the interviewer's %q was written with interviewers left out", r["Citaat"])
		}
		quotes = append(quotes, r["Citaat"])
	}
	want := []string{"Door te delen wat ik leer met collega's.", "Dat je deelt wat je leert.", "In het team delen we alles wat we leren."}
	if !slices.Equal(quotes, want) {
		t.Errorf("quotes %q, want %q (codebook order, then document order)", quotes, want)
	}
	if got := e.result.wrote.Text; got != "Wrote 3 coded quotes to "+path {
		t.Errorf("result says %q", got)
	}
	if e.result.openFile == nil || e.result.folder == nil || e.result.names.Text != "" {
		t.Errorf("result: open %v, folder %v, pseudonyms line %q with pseudonyms off", e.result.openFile, e.result.folder, e.result.names.Text)
	}
	test.Tap(e.result.openFile) // the test app opens nothing, and nothing fails
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestPrincipleReportToMarkdown(t *testing.T) {
	w, _ := newStudyWindow(t)
	e := w.openExport(true)
	waitCount(t, e)
	if e.kind.Selected != "Principle report" {
		t.Errorf("the first report offered is %q", e.kind.Selected)
	}
	// Other kinds offer their own formats and options.
	e.kind.SetSelected("Codes per turn (0/1, for R or SPSS)")
	waitCount(t, e)
	if !slices.Equal(e.format.Options, []string{"Excel workbook (.xlsx)", "CSV, comma-separated (.csv)"}) {
		t.Errorf("formats of codes per turn: %v", e.format.Options)
	}
	e.kind.SetSelected("Principle report")
	if got := waitCount(t, e); got != "6 coded quotes match these filters" {
		t.Errorf("count for the report, interviewers left out by default: %q", got)
	}
	if !shown(e, partMaxPerCode) || shown(e, partBy) || shown(e, partContext) || len(e.filterTabs.Items) != 4 {
		t.Errorf("principle options: max per code shown %v, matrix by shown %v, context shown %v, %d filter tabs",
			shown(e, partMaxPerCode), shown(e, partBy), shown(e, partContext), len(e.filterTabs.Items))
	}
	e.kind.SetSelected("All memos")
	waitCount(t, e)
	if e.filterTabs.Visible() || !e.noFilters.Visible() || shown(e, partQuery) {
		t.Errorf("all memos: filter tabs shown %v, search shown %v", e.filterTabs.Visible(), shown(e, partQuery))
	}
	e.kind.SetSelected("Principle report")
	waitCount(t, e)
	chooseFormat(t, e, "Markdown (.md)")
	if got := suggestedName(mustSettings(t, e), e.choices.project); got != "Principes – Studie.md" {
		t.Errorf("suggested file name %q", got)
	}
	path := filepath.Join(t.TempDir(), "principes.md")
	exportTo(t, e, path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	for _, h := range []string{"\n## Deel wat je leert\n", "\n### Delen in het team\n", "\n## Vertrek vanuit motivatie\n", "\n## Pieter\n"} {
		if !strings.Contains(md, h) {
			t.Errorf("no chapter heading %q in:\n%s", strings.TrimSpace(h), md)
		}
	}
	if strings.Contains(md, "Deel je wat je leert?") {
		t.Error("the interviewer's question is quoted in the report")
	}
	if got := e.result.wrote.Text; got != "Wrote “Principle report” to "+path {
		t.Errorf("result says %q", got)
	}
}

// shown reports whether the dialog shows a filter or option.
func shown(e *exportDialog, p part) bool {
	objs := e.parts[p]
	return len(objs) > 0 && objs[0].Visible()
}

func mustSettings(t *testing.T, e *exportDialog) exportSettings {
	t.Helper()
	s, err := e.settings()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExportWithPseudonymsWarnsOfLeaks(t *testing.T) {
	w, p := newStudyWindow(t)
	ctx := context.Background()
	for _, ps := range []model.Pseudonym{{Name: "Sanne de Vries", Pseudonym: "Deelnemer 1"}, {Name: "Pieter Jansen", Pseudonym: "Collega A"}} {
		if err := p.SetPseudonym(ctx, ps.Name, ps.Pseudonym); err != nil {
			t.Fatal(err)
		}
	}
	e := w.openExport(false)
	waitCount(t, e)
	if !strings.Contains(e.pseudonyms.Text, "2 names listed") {
		t.Errorf("pseudonyms switch says %q", e.pseudonyms.Text)
	}
	chooseFormat(t, e, "CSV, comma-separated (.csv)")
	test.Tap(e.pseudonyms)
	path := filepath.Join(t.TempDir(), "citaten.csv")
	exportTo(t, e, path)

	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "Sanne de Vries") {
		t.Error("the file still holds Sanne's full name")
	}
	_, rows := readCSV(t, path)
	replaced := false
	for _, r := range rows {
		replaced = replaced || r["Deelnemer"] == "Deelnemer 1"
	}
	if !replaced {
		t.Errorf("no participant column reads Deelnemer 1: %v", rows)
	}
	if got := e.result.names.Text; !strings.Contains(got, "of 2 names listed") || !strings.Contains(got, "Warning") {
		t.Errorf("pseudonyms line %q", got)
	}
	// "Pieter" alone in a quote (and as a code) is a first name of a
	// listed name, and the speaker label "Sanne" one of the other.
	leaks := e.result.leaks.Text
	for _, want := range []string{`"Pieter" (of "Pieter Jansen")`, `"Sanne" (of "Sanne de Vries")`} {
		if !strings.Contains(leaks, want) {
			t.Errorf("the leak list lacks %s:\n%s", want, leaks)
		}
	}
	// Without the planted names, the result says nothing leaked.
	p.RemovePseudonym(ctx, "Pieter Jansen")
	p.SetPseudonym(ctx, "Sanne", "Deelnemer 2")
	e.onEditPseudonyms()
	w.win.Canvas().Overlays().Top().Hide()
	tick(t, e.codes, "Vertrek vanuit motivatie")
	waitCount(t, e)
	exportTo(t, e, filepath.Join(t.TempDir(), "motivatie.csv"))
	if got := e.result.leaks.Text; got != "No listed name or part of one appears in what was written." {
		t.Errorf("leaks for a clean export: %q (pseudonyms line %q)", got, e.result.names.Text)
	}
	if !strings.Contains(e.pseudonyms.Text, "2 names listed") {
		t.Errorf("pseudonyms switch after editing: %q", e.pseudonyms.Text)
	}
}

func TestExportErrorsLeaveNoFile(t *testing.T) {
	w, _ := newStudyWindow(t)
	e := w.openExport(false)
	waitCount(t, e)
	chooseFormat(t, e, "CSV, comma-separated (.csv)")
	path := filepath.Join(t.TempDir(), "no such folder", "citaten.csv")
	e.onExport(path)
	waitWritten(t, e)
	if e.result != nil {
		t.Error("a result for an export that cannot be written")
	}
	if top := w.win.Canvas().Overlays().Top(); top == nil {
		t.Error("no error dialog")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was left behind")
	}
	// A number that is none, in a report's options, is said in the count.
	r := w.openExport(true)
	waitCount(t, r)
	if got := typeCounted(t, r, r.maxPerCode, "veel"); !strings.Contains(got, "give a number") || !r.exportButton.Disabled() {
		t.Errorf("count for a bad maximum: %q, Export disabled %v", got, r.exportButton.Disabled())
	}
}
