package ui

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// TestWindowIndexIsTheProjectFilesOwn opens the window and finds its index
// in the project file's own folder, the one the command line uses too.
func TestWindowIndexIsTheProjectFilesOwn(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	cache := t.TempDir()
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	waitForIndex(t, w)
	if _, err := os.Stat(index.ProjectDir(cache, p.Path())); err != nil {
		t.Errorf("no index in the project file's folder: %v", err)
	}
}

// closedTestProject is testProject's file, closed, for opening again.
func closedTestProject(t *testing.T) string {
	t.Helper()
	p := testProject(t)
	path := p.Path()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openReadOnlyWindow opens the window on p, which must be read-only, with
// its index ready.
func openReadOnlyWindow(t *testing.T, p *model.Project) *MainWindow {
	t.Helper()
	t.Cleanup(func() { p.Close() })
	if p.ReadOnly() == nil {
		t.Fatal("the project opened writable")
	}
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	w.win.Resize(fyne.NewSize(1200, 760))
	waitForIndex(t, w) // it sets the status line from its goroutine
	return w
}

// textsUnder are the texts of the labels and canvas texts under o.
func textsUnder(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, x := range allObjectsUnder(o) {
		switch x := x.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
	}
	return b.String()
}

// TestReadOnlyProjectShowsBannerAndRefusesChanges opens a project for
// reading only (as beside a writer): the banner over the transcript says
// so, and a new code is refused with that message, not a raw error.
func TestReadOnlyProjectShowsBannerAndRefusesChanges(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	p, err := model.OpenReader(ctx, closedTestProject(t))
	if err != nil {
		t.Fatal(err)
	}
	w := openReadOnlyWindow(t, p)
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("opening the project for reading showed a dialog: %q", textsUnder(top))
	}
	want := readOnlyText(&model.ReadOnlyError{Reason: model.ReasonReader})
	if w.integrity.banner == nil || !w.integrity.box.Visible() || !strings.Contains(textsUnder(w.win.Content()), want) {
		t.Fatalf("no read-only banner in the window; want %q", want)
	}
	before := w.win.Canvas().Overlays().Top()
	w.createCode("Nieuw", 0, "", 0, 0)
	top := w.win.Canvas().Overlays().Top()
	if top == nil || top == before {
		t.Fatal("a change to a read-only project showed no dialog")
	}
	got := textsUnder(top)
	if !strings.Contains(got, want) || !strings.Contains(got, "Not saved") || strings.Contains(strings.ToLower(got), "could not save the change") || strings.Contains(got, "Error") {
		t.Errorf("the refusal says %q, want the banner's words %q", got, want)
	}
	if codes, _ := p.Codes(ctx); len(codes) != 2 {
		t.Errorf("%d codes after a refused change", len(codes))
	}
}

// corruptTable overwrites the first page of table's b-tree, as model's
// tests damage a copy.
func corruptTable(t *testing.T, path, table string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", table).Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.QueryRow("PRAGMA page_size").Scan(&size)
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte{0x0d, 0xff, 0xff, 0x00, 0x40, 0xff, 0xff, 0x00}, (root-1)*size); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedProjectBannerSaysWhatToDo opens a damaged project: the banner
// names its buttons Check… and Repair…, the commands verbatim check and
// repair, and Save a copy.
func TestDamagedProjectBannerSaysWhatToDo(t *testing.T) {
	test.NewTempApp(t)
	path := closedTestProject(t)
	corruptTable(t, path, "codings")
	p, err := model.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var ro *model.ReadOnlyError
	if !errors.As(p.ReadOnly(), &ro) || !ro.Damaged() {
		p.Close()
		t.Fatalf("the damaged copy opened as %v", p.ReadOnly())
	}
	w := openReadOnlyWindow(t, p)
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("opening the damaged project showed a dialog: %q", textsUnder(top))
	}
	banner := textsUnder(w.integrity.box)
	for _, want := range []string{"Check…", "Repair into a new project…", "verbatim check", "verbatim repair FILE -o", "Save a copy…"} {
		if !strings.Contains(banner, want) {
			t.Errorf("the damaged project's banner %q does not say %q", banner, want)
		}
	}
}

// TestWritableProjectHasNoBanner: no banner over a project that can be
// changed.
func TestWritableProjectHasNoBanner(t *testing.T) {
	w, _ := newTestWindow(t)
	if w.integrity.banner != nil || w.integrity.box.Visible() || strings.Contains(textsUnder(w.win.Content()), "read-only") {
		t.Error("a writable project shows a read-only banner")
	}
}

// TestSaveACopy taps File > Save a copy…, answers the file dialog as the
// user would, and finds a copy that opens, with the project's documents,
// and the status line saying where it went.
func TestSaveACopy(t *testing.T) {
	w, p := newStudyWindow(t)
	menuItem(t, w, "File", "Save a copy").Action()
	if w.integrity.file == nil {
		t.Fatal("Save a copy did not ask where to save")
	}
	w.integrity.file.Hide()
	dst := filepath.Join(t.TempDir(), "Kopie")
	os.WriteFile(dst, nil, 0o644) // the file dialog makes the file it names
	w.saveCopy(dst)
	if !runUntil(w.integrity.done) {
		t.Fatal("the copy did not end")
	}
	want := dst + ".verbatim"
	if !strings.Contains(w.status.Text, want) {
		t.Errorf("status %q does not say where the copy went (%s)", w.status.Text, want)
	}
	ctx := context.Background()
	c, err := model.Open(ctx, want)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer c.Close()
	docs, _ := c.Documents(ctx)
	orig, _ := p.Documents(ctx)
	if len(docs) != len(orig) || len(docs) == 0 {
		t.Errorf("the copy has %d documents, the project %d", len(docs), len(orig))
	}
	// A second copy to the same name is refused, in plain words.
	w.saveCopy(want)
	if !runUntil(w.integrity.done) {
		t.Fatal("the second copy did not end")
	}
	if top := w.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(textsUnder(top), "exists already") {
		t.Error("copying over an existing file showed no error")
	}
}

// TestSkippedRowsAreNoted damages the turns' ranges in a sound file: the
// window opens it, writable, and says that damaged parts were left out,
// with Check… (which lists them) and Repair into a new project….
func TestSkippedRowsAreNoted(t *testing.T) {
	test.NewTempApp(t)
	path := closedTestProject(t)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA ignore_check_constraints = ON", "UPDATE turns SET end_rune = start_rune - 5"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	p, err := model.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	w := openTestWindow(t, p)
	if len(p.SkippedRows()) == 0 {
		t.Fatal("the window read no damaged row")
	}
	if w.integrity.banner != nil {
		t.Error("a sound file with damaged rows shows the read-only banner")
	}
	if w.integrity.skipped == nil || !w.integrity.box.Visible() || !strings.Contains(textsUnder(w.integrity.box), "left out") || !strings.Contains(textsUnder(w.integrity.box), findingText(p.SkippedRows()[0])) {
		t.Errorf("no notice of the damaged parts left out: %q", textsUnder(w.integrity.box))
	}
	queueForRunUntil(t)
	tapButton(t, w.integrity.box, "Check…")
	if !runUntil(w.integrity.done) {
		t.Fatal("the check did not end")
	}
	if got := textsUnder(w.win.Canvas().Overlays().Top()); !strings.Contains(got, plural("Ranges: {{.Count}} problems:", len(p.SkippedRows()))) {
		t.Errorf("the notice's Check… shows %q, want the damaged ranges", got)
	}
	tapButton(t, w.win.Canvas().Overlays().Top(), "Close")
	tapButton(t, w.integrity.box, "Repair into a new project…")
	if w.integrity.file == nil {
		t.Error("the notice's Repair into a new project… did not ask where to save")
	}
}

// queueForRunUntil hands background work to the test's goroutine
// (runUntil).
func queueForRunUntil(t *testing.T) {
	queue, was := make(chan func(), 256), onUI
	uiQueue, onUI = queue, func(fn func()) { queue <- fn }
	t.Cleanup(func() { onUI = was })
}

// TestDamagedProjectCheckAndRepairButtons taps the damaged banner's
// Check…: its report lists the damage and offers the repair; tapping that,
// answering the file dialog and tapping Open it opens the repaired project,
// writable, with the documents, in a window of its own.
func TestDamagedProjectCheckAndRepairButtons(t *testing.T) {
	test.NewTempApp(t)
	queueForRunUntil(t)
	path := closedTestProject(t)
	corruptTable(t, path, "codings")
	ctx := context.Background()
	p, err := model.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	w := openReadOnlyWindow(t, p)
	tapButton(t, w.integrity.box, "Check…")
	if !runUntil(w.integrity.done) {
		t.Fatal("the check did not end")
	}
	want, _ := p.Check(ctx) // what 'verbatim check' reports
	if len(want.Integrity) == 0 {
		t.Fatal("model's check finds the damaged copy sound")
	}
	report := w.win.Canvas().Overlays().Top()
	got := textsUnder(report)
	if report == nil || w.integrity.report == nil || !strings.Contains(got, "Check of ui.verbatim") || !strings.Contains(got, plural("File: {{.Count}} problems:", len(want.Integrity))) || !strings.Contains(got, want.Integrity[0]) || strings.Contains(got, "is sound") {
		t.Fatalf("the check's report says %q, want model's findings %q", got, want.Integrity)
	}

	tapButton(t, report, "Repair into a new project…")
	if w.integrity.file == nil || w.win.Canvas().Overlays().Top() == report {
		t.Fatal("Repair did not ask where to save")
	}
	w.integrity.file.Hide()
	dst := filepath.Join(t.TempDir(), "Hersteld")
	os.WriteFile(dst, nil, 0o644) // the file dialog makes the file it names
	w.repairInto(dst)
	if !runUntil(w.integrity.done) {
		t.Fatal("the repair did not end")
	}
	done := w.win.Canvas().Overlays().Top()
	got = textsUnder(done)
	if !strings.Contains(got, "Saved into Hersteld.verbatim:") || !strings.Contains(got, "Documents: 2") || !strings.Contains(got, "ui.verbatim is left as it was") {
		t.Fatalf("the repair's report says %q", got)
	}
	before := len(projectWindows)
	tapButton(t, done, "Open it")
	if len(projectWindows) != before+1 {
		t.Fatal("Open it opened no window")
	}
	nw := projectWindows[len(projectWindows)-1]
	t.Cleanup(nw.win.Close)
	waitForIndex(t, nw)
	if nw.project.Path() != dst+".verbatim" || nw.project.ReadOnly() != nil || len(nw.documents.docs) != 2 {
		t.Errorf("opened %s (read-only: %v) with %d documents, want the repaired project, writable, with 2", nw.project.Path(), nw.project.ReadOnly(), len(nw.documents.docs))
	}
	if nw.integrity.box.Visible() {
		t.Errorf("the repaired project shows a notice: %q", textsUnder(nw.integrity.box))
	}
}

// TestCheckOfASoundProject: the check's report of a sound project says so
// and offers no repair.
func TestCheckOfASoundProject(t *testing.T) {
	w, _ := newTestWindow(t)
	queueForRunUntil(t)
	w.onCheck()
	if !runUntil(w.integrity.done) {
		t.Fatal("the check did not end")
	}
	got := textsUnder(w.win.Canvas().Overlays().Top())
	if !strings.Contains(got, "ui.verbatim is sound.") || !strings.Contains(got, "Links: nothing points") {
		t.Errorf("the check of a sound project says %q", got)
	}
	for _, x := range allObjectsUnder(w.win.Canvas().Overlays().Top()) {
		if b, ok := x.(*widget.Button); ok && strings.HasPrefix(b.Text, "Repair") {
			t.Error("the check of a sound project offers a repair")
		}
	}
}

// bigDamagedProject is testProject's file with turns rows more, which
// take model's check and repair a while, and its codings damaged; opened,
// read-only, in a window whose background work runUntil runs.
func bigDamagedProject(t *testing.T, turns int) (*MainWindow, string) {
	t.Helper()
	test.NewTempApp(t)
	queueForRunUntil(t)
	path := closedTestProject(t)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO turns (doc_id, start_rune, end_rune) SELECT (SELECT min(id) FROM documents), 0, 1 FROM n`, turns)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	corruptTable(t, path, "codings")
	p, err := model.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return openReadOnlyWindow(t, p), path
}

// fileSum is the SHA-256 of the file at path.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// TestCancelTheCheck taps the damaged banner's Check…, then the progress
// dialog's Cancel while the check runs: the status line says the check
// was cancelled and no report is shown. The window still works: Check…
// again, not cancelled, shows the report.
func TestCancelTheCheck(t *testing.T) {
	w, _ := bigDamagedProject(t, 5000)
	tapButton(t, w.integrity.box, "Check…")
	progress := w.win.Canvas().Overlays().Top()
	if !strings.Contains(textsUnder(progress), "Checking ui.verbatim…") {
		t.Fatalf("Check… shows %q, want its progress", textsUnder(progress))
	}
	tapButton(t, progress, "Cancel")
	if !runUntil(w.integrity.done) {
		t.Fatal("the cancelled check did not end")
	}
	if got := w.status.Text; got != "The check was cancelled." {
		t.Errorf("after Cancel the status line says %q", got)
	}
	if top := w.win.Canvas().Overlays().Top(); top != nil || w.integrity.report != nil {
		t.Errorf("the cancelled check showed %q", textsUnder(top))
	}

	tapButton(t, w.integrity.box, "Check…")
	if !runUntil(w.integrity.done) {
		t.Fatal("the check did not end")
	}
	if got := textsUnder(w.win.Canvas().Overlays().Top()); w.integrity.report == nil || !strings.Contains(got, "Check of ui.verbatim") {
		t.Errorf("after a cancelled check, Check… shows %q, want its report", got)
	}
}

// TestCancelTheRepair taps the damaged banner's Repair into a new
// project…, answers the file dialog, then taps the progress dialog's
// Cancel while the repair runs: the status line says no project was made,
// nothing is left in the folder chosen (no project, -wal, -journal or
// draft), no report is shown, and the damaged project is unchanged.
func TestCancelTheRepair(t *testing.T) {
	w, path := bigDamagedProject(t, 5000)
	sum := fileSum(t, path)
	tapButton(t, w.integrity.box, "Repair into a new project…")
	if w.integrity.file == nil {
		t.Fatal("Repair did not ask where to save")
	}
	w.integrity.file.Hide()
	dir := t.TempDir()
	dst := filepath.Join(dir, "Hersteld")
	os.WriteFile(dst, nil, 0o644) // the file dialog makes the file it names
	w.repairInto(dst)
	progress := w.win.Canvas().Overlays().Top()
	if !strings.Contains(textsUnder(progress), "into Hersteld.verbatim…") {
		t.Fatalf("the repair shows %q, want its progress", textsUnder(progress))
	}
	tapButton(t, progress, "Cancel")
	if !runUntil(w.integrity.done) {
		t.Fatal("the cancelled repair did not end")
	}
	if got := w.status.Text; got != "Cancelled; no project was made." {
		t.Errorf("after Cancel the status line says %q", got)
	}
	if top := w.win.Canvas().Overlays().Top(); top != nil || w.integrity.report != nil {
		t.Errorf("the cancelled repair showed %q", textsUnder(top))
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("the cancelled repair left %s in the folder chosen", e.Name())
	}
	if fileSum(t, path) != sum {
		t.Error("the cancelled repair changed the damaged project")
	}
}

// damagedRowsProject is a closed project of two documents (1 ana.txt, 2
// ben.txt) with turns and codings, damaged row by row as check and repair
// name it, its file itself sound: a turn and two codings with impossible
// ranges, ana.txt's text changed, ben.txt's length wrong, two codings of a
// deleted code and a turn of a missing speaker.
func damagedRowsProject(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "beschadigd.verbatim")
	p, err := model.Create(ctx, path, "nl")
	if err != nil {
		t.Fatal(err)
	}
	var codes []model.Code
	for _, name := range []string{"Deel wat je leert", "Samen"} {
		c, err := p.AddCode(ctx, 0, name, "", "")
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c)
	}
	for i, text := range []string{"Interviewer: Wat heb je geleerd?\nAna: Dat je moet delen wat je leert.\n", "Interviewer: En jij?\nBen: Samen doen, zeker weten.\n"} {
		d, err := p.ImportDocument(ctx, model.NewDocument{Name: []string{"ana.txt", "ben.txt"}[i], Format: "txt", Text: text,
			Turns: []model.NewTurn{{Start: 0, End: 10, Speaker: "Interviewer"}, {Start: 12, End: 30, Speaker: []string{"Ana", "Ben"}[i]}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, span := range []model.Span{{DocID: d.ID, Start: 0, End: 5}, {DocID: d.ID, Start: 12, End: 20}} {
			if _, err := p.ApplyCode(ctx, codes[i].ID, span); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA ignore_check_constraints = ON", "PRAGMA foreign_keys = OFF",
		"UPDATE turns SET end_rune = start_rune - 5 WHERE id = 1",
		"UPDATE codings SET start_rune = 'rot' WHERE id = 1",
		"UPDATE codings SET end_rune = 9999 WHERE id = 2",
		"DROP TRIGGER documents_text_fixed",
		"UPDATE documents SET text = replace(text, 'geleerd', 'GELEERD') WHERE id = 1",
		"UPDATE documents SET chars = 999 WHERE id = 2",
		"DELETE FROM codes WHERE name = 'Samen'",
		"UPDATE turns SET speaker_id = 99 WHERE id = 3",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return path
}

// TestCheckAndRepairSayTheirFindingsInTheWindowsLanguage runs Help >
// Check… and Repair into a new project… on a project damaged row by row,
// in the Dutch window and in the English one: every finding is said in the
// window's language, the project's tables named as the window names them,
// and none as the command line prints it. The notice of damaged rows left
// out on opening says its first one so too.
func TestCheckAndRepairSayTheirFindingsInTheWindowsLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang           language
		checkItem      string
		repairItem     string
		notice         string
		check, repair  []string
		saved, skipped string
	}{
		{languageDutch, "Controleren…", "Herstellen in een nieuw project…",
			"Bij het lezen van dit project zijn 3 beschadigde delen weggelaten (het eerste: sprekerbeurt 1 van document 1: bereik 0:-5 in een tekst van 70 tekens)",
			[]string{
				"Teksten: 2 problemen:",
				"  • document 1 (ana.txt): de tekst is veranderd sinds hij werd geïmporteerd (de vingerafdruk klopt niet meer)",
				"  • document 2 (ben.txt): de opgeslagen lengte 999 klopt niet met de 51 tekens van de tekst",
				"Bereiken: 3 problemen:",
				"  • sprekerbeurt 1 van document 1: bereik 0:-5 in een tekst van 70 tekens",
				"  • codering 1 van document 1: bereik 'rot':5 in een tekst van 70 tekens",
				"  • codering 2 van document 1: bereik 12:9999 in een tekst van 70 tekens",
				"Verwijzingen: 2 problemen:",
				"  • 2 coderingen verwijzen naar ontbrekende codes (de eerste is nummer 3)",
				"  • 1 sprekerbeurt (nummer 3) verwijst naar een ontbrekende spreker",
			},
			[]string{
				"Kon niet worden bewaard:",
				"  • Sprekerbeurten: 1 is weggelaten omdat die beschadigd is",
				"  • Coderingen: 1 is weggelaten omdat die beschadigd is",
				"  • Coderingen: 1 is weggelaten omdat het bereik onmogelijk is",
				"  • Coderingen: 2 zijn weggelaten omdat ze verwezen naar iets wat verloren is gegaan",
				"  • Sprekerbeurten: 1 is weggelaten omdat die verwees naar iets wat verloren is gegaan",
				"  • document 1 (ana.txt): de tekst was beschadigd en is bewaard zoals hij te lezen was; kijk de coderingen ervan na",
				"  • document 2 (ben.txt): de tekst was beschadigd en is bewaard zoals hij te lezen was; kijk de coderingen ervan na",
			},
			"  Sprekerbeurten: 2", "Bewaard in hersteld.verbatim:"},
		{languageEnglish, "Check…", "Repair into a new project…",
			"Reading this project left out 3 damaged parts (the first: speaker turn 1 of document 1: range 0:-5 in a text of 70 characters)",
			[]string{
				"Texts: 2 problems:",
				"  • document 1 (ana.txt): the text has changed since it was imported (its fingerprint does not match)",
				"  • document 2 (ben.txt): the stored length 999 does not match the text's 51 characters",
				"Ranges: 3 problems:",
				"  • speaker turn 1 of document 1: range 0:-5 in a text of 70 characters",
				"  • coding 1 of document 1: range 'rot':5 in a text of 70 characters",
				"  • coding 2 of document 1: range 12:9999 in a text of 70 characters",
				"Links: 2 problems:",
				"  • 2 codings point at missing codes (the first is number 3)",
				"  • 1 speaker turn (number 3) points at a missing speaker",
			},
			[]string{
				"Could not be saved:",
				"  • Speaker turns: 1 was left out because it is damaged",
				"  • Codings: 1 was left out because it is damaged",
				"  • Codings: 1 was left out because its range is impossible",
				"  • Codings: 2 were left out because they pointed at something lost",
				"  • Speaker turns: 1 was left out because it pointed at something lost",
				"  • document 1 (ana.txt): its text was damaged and is kept as it could be read; check its codings",
				"  • document 2 (ben.txt): its text was damaged and is kept as it could be read; check its codings",
			},
			"  Speaker turns: 2", "Saved into hersteld.verbatim:"},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			test.NewTempApp(t)
			queueForRunUntil(t)
			fyne.CurrentApp().Preferences().SetString(prefLanguage, string(tt.lang))
			t.Cleanup(func() { useLanguage(languageEnglish) })
			ctx := context.Background()
			p, err := model.Open(ctx, damagedRowsProject(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { p.Close() })
			w := openTestWindow(t, p)
			if got := textsUnder(w.integrity.box); !strings.Contains(got, tt.notice) {
				t.Errorf("the notice of damaged rows says %q, want %q", got, tt.notice)
			}
			rep, err := p.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The file is sound, so it opens writable, without the damaged
			// banner's buttons: the Help menu has Check….
			menuAction(t, w, "Help", tt.checkItem)()
			if !runUntil(w.integrity.done) {
				t.Fatal("the check did not end")
			}
			got := textsUnder(w.win.Canvas().Overlays().Top())
			wantLines(t, "the check's report", got, tt.check, slices.Concat(rep.Texts, rep.Ranges, rep.Orphans))

			menuAction(t, w, "Help", tt.repairItem)()
			if w.integrity.file == nil {
				t.Fatal("Help > Repair into a new project… did not ask where to save")
			}
			w.integrity.file.Hide()
			dst := filepath.Join(t.TempDir(), "hersteld")
			os.WriteFile(dst, nil, 0o644) // the file dialog makes the file it names
			w.repairInto(dst)
			if !runUntil(w.integrity.done) {
				t.Fatal("the repair did not end")
			}
			got = textsUnder(w.win.Canvas().Overlays().Top())
			if !strings.Contains(got, tt.saved) || !strings.Contains(got, tt.skipped) {
				t.Errorf("the repair's report says %q, want %q and %q in it", got, tt.saved, tt.skipped)
			}
			fixed, err := model.OpenReader(ctx, dst+".verbatim")
			if err != nil {
				t.Fatal(err)
			}
			fixed.Close()
			again, err := model.Repair(ctx, p.Path(), filepath.Join(t.TempDir(), "nog eens.verbatim"))
			if err != nil {
				t.Fatal(err)
			}
			wantLines(t, "the repair's report", got, tt.repair, again.Lost)
		})
	}
}

// wantLines fails unless report holds each of want as a line of its own,
// and none of model's findings as the command line prints them.
func wantLines(t *testing.T, what, report string, want []string, found []model.Finding) {
	t.Helper()
	lines := strings.Split(report, "\n")
	for _, l := range want {
		if !slices.Contains(lines, l) {
			t.Errorf("%s does not say %q:\n%s", what, l, report)
		}
	}
	if len(found) == 0 {
		t.Errorf("model found nothing for %s", what)
	}
	for _, f := range found {
		if strings.Contains(report, "• "+f.String()) && f.String() != findingText(f) {
			t.Errorf("%s says %q as the command line does", what, f.String())
		}
	}
}
