package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// TestImportReportSkippedAndNotes drops a folder with files the importer
// passes over (a hidden file, another format) beside a broken Word file and
// a subtitle file with a cue time that does not parse: the passed-over
// files are skipped with their reason, not "not imported"; the note on the
// subtitle file is shown under its line; the summary counts every file.
func TestImportReportSkippedAndNotes(t *testing.T) {
	w, _ := newTestWindow(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c – Chris.txt"), []byte("Interviewer: Wat drijft je?\nChris: Nieuwsgierigheid.\nInterviewer: Meer?\nChris: Nee.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "kapot.docx"), []byte("PK\x03\x04 kapot"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("\x00\x00\x00\x01Bud1"), 0o644)
	os.WriteFile(filepath.Join(dir, "foto.png"), []byte("\x89PNG\r\n\x1a\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "d.srt"), []byte("1\n00:00:01,000 --> 00:00:02,000\nAna: Eerste zin.\n\n2\n00:00:02,500 --> 00:0x:04,000\nAna: Tweede zin.\n\n3\n00:00:05,000 --> 00:00:06,000\nBen: Derde.\n\n4\n00:00:07,000 --> 00:00:08,000\nBen: Vierde.\n"), 0o644)
	dropAndWait(t, w, dir)
	if len(w.lastImport) != 5 {
		t.Fatalf("report: %+v", w.lastImport)
	}
	passed := 0
	for _, r := range w.lastImport {
		if r.Passed {
			passed++
		}
	}
	if passed != 2 {
		t.Fatalf("the importer passed over %d files, want 2: %+v", passed, w.lastImport)
	}
	if got, want := w.status.Text, "Import: 2 imported, 0 duplicates, 1 not imported, 2 skipped"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no report shown")
	}
	report := labelTexts(top)
	for _, r := range w.lastImport {
		if r.Passed && !strings.Contains(report, "– "+filepath.Base(r.File)+": skipped, "+r.Reason) {
			t.Errorf("the report does not list %s as skipped with its reason %q:\n%s", r.File, r.Reason, report)
		}
		if r.Status == importer.Skipped && !r.Passed && !strings.Contains(report, "✗ "+filepath.Base(r.File)+": "+r.Reason) {
			t.Errorf("the report does not list %s as not imported:\n%s", r.File, report)
		}
	}
	lines := strings.Split(report, "\n")
	i := 0
	for i < len(lines) && !strings.HasPrefix(lines[i], "✓ d.srt") {
		i++
	}
	if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "    note: 1 cue whose time does not parse") {
		t.Errorf("no note under d.srt's line:\n%s", report)
	}
	if !strings.Contains(report, "2 imported, 0 duplicates, 1 not imported, 2 skipped") {
		t.Errorf("the report's title is not the summary:\n%s", report)
	}
}

// TestSearchFilterNamingNothing types a doc: and a code: filter naming
// nothing: the status line says so, with the index's suggestion.
func TestSearchFilterNamingNothing(t *testing.T) {
	w, _ := newSearchWindow(t)
	search(t, w, `leert doc:"a – Anna.txt"`)
	if got, want := w.status.Text, `A filter names nothing: no document named "a – Anna.txt"; did you mean "a – Ana.txt"?`; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	search(t, w, `leert code:"Deel wat je leerde"`)
	if got, want := w.status.Text, `A filter names nothing: no code named "Deel wat je leerde"; did you mean "Deel wat je leert"?`; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	search(t, w, `leert doc:"a – Ana.txt"`)
	if w.status.Text != "" {
		t.Errorf("status %q after a filter that names a document", w.status.Text)
	}
}

// TestCodeAllHitsStatus codes all hits through the button and the dialog:
// the status counts ranges and passages, then the ranges that already had
// the code, and those inside a longer coding with it.
func TestCodeAllHitsStatus(t *testing.T) {
	w, p := newSearchWindow(t)
	ctx := context.Background()
	code, _ := p.FindCode(ctx, "Deel wat je leert")
	codeAll := func(q string, unit index.Unit) { codeAllThroughTheDialog(t, w, q, unit) }
	codings := func() int {
		c, _ := p.Codings(ctx, model.CodingFilter{CodeID: code.ID})
		return len(c)
	}
	for _, step := range []struct {
		q    string
		unit index.Unit
		want string
		made int // codings made
	}{
		{"leert", index.UnitMatch, `Coded 2 ranges in 2 passages with "Deel wat je leert". Ctrl+Z undoes it all.`, 2},
		{"leert", index.UnitMatch, `Nothing new coded with "Deel wat je leert": the 2 ranges found already have it.`, 0},
		{"leert OR motivatie", index.UnitMatch, `Coded 1 range in 1 passage with "Deel wat je leert" (2 ranges already had it). Ctrl+Z undoes it all.`, 1},
		{"café", index.UnitTurn, `Coded 1 range in 1 passage with "Deel wat je leert". Ctrl+Z undoes it all.`, 1},
		// leert in Sanne's turn and café lie inside the turn's coding.
		{"leert OR café OR drive", index.UnitMatch, `Coded 1 range in 1 passage with "Deel wat je leert" (3 ranges already had it, 2 inside a longer coding with it). Ctrl+Z undoes it all.`, 1},
		{"café", index.UnitMatch, `Nothing new coded with "Deel wat je leert": the 1 range found already has it, inside a longer coding with it.`, 0},
	} {
		before := codings()
		codeAll(step.q, step.unit)
		if w.status.Text != step.want {
			t.Errorf("code all hits of %q by %s: status %q, want %q", step.q, unitName(step.unit), w.status.Text, step.want)
		}
		if got := codings() - before; got != step.made {
			t.Errorf("code all hits of %q made %d codings, want %d", step.q, got, step.made)
		}
	}
}

// codeAllThroughTheDialog searches q, picks the unit, taps Code all hits
// and the dialog's button (the first code is picked), and waits for the
// counts taken again.
func codeAllThroughTheDialog(t *testing.T, w *MainWindow, q string, unit index.Unit) {
	t.Helper()
	search(t, w, q)
	for i, u := range units {
		if u == unit {
			w.search.unit.SetSelectedIndex(i)
		}
	}
	test.Tap(w.search.codeAll)
	tapButton(t, w.win.Canvas().Overlays().Top(), lang.L("Code all"))
	waitForCounts(t, w)
}

// TestCodeAllHitsAndFiltersInDutch: the same statuses in Dutch, the
// index's suggestion under a Dutch heading.
func TestCodeAllHitsAndFiltersInDutch(t *testing.T) {
	w, _ := newSearchWindow(t)
	inDutch(t)
	for _, step := range []struct {
		q    string
		unit index.Unit
		want string
	}{
		{"leert", index.UnitMatch, "2 fragmenten in 2 passages gecodeerd met “Deel wat je leert”. Ctrl+Z maakt alles ongedaan."},
		{"leert OR motivatie", index.UnitMatch, "1 fragment in 1 passage gecodeerd met “Deel wat je leert” (2 fragmenten hadden hem al). Ctrl+Z maakt alles ongedaan."},
		{"motivatie", index.UnitMatch, "Niets nieuws gecodeerd met “Deel wat je leert”: het 1 gevonden fragment heeft hem al."},
	} {
		codeAllThroughTheDialog(t, w, step.q, step.unit)
		if w.status.Text != step.want {
			t.Errorf("code all hits of %q: status %q, want %q", step.q, w.status.Text, step.want)
		}
	}
	search(t, w, "leert doc:zzz")
	if got, want := w.status.Text, `Een filter noemt niets: geen document met de naam "zzz"`; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
}
