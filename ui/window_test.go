package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// testProject makes a project with two interviews and two codes.
func testProject(t *testing.T) *model.Project {
	t.Helper()
	ctx := context.Background()
	p, err := model.Create(ctx, filepath.Join(t.TempDir(), "ui.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	texts := map[string]string{
		"b – Sanne.txt": "Interviewer: Wat heb je geleerd?\nSanne: Dat je deelt wat je leert, ook in het café 🙂.\n",
		"a – Ana.txt":   "Interviewer: Waar begin je?\nAna: Bij mijn eigen drive, mijn motivatie.\n",
	}
	for name, text := range texts {
		nd := model.NewDocument{Name: name, Format: "txt", Text: text}
		lines := strings.SplitAfter(text, "\n")
		pos := 0
		for _, l := range lines {
			n := len([]rune(l))
			if n > 1 {
				nd.Turns = append(nd.Turns, model.NewTurn{Start: pos, End: pos + n - 1, Speaker: l[:strings.Index(l, ":")]})
			}
			pos += n
		}
		if _, err := p.ImportDocument(ctx, nd); err != nil {
			t.Fatal(err)
		}
	}
	p.AddCode(ctx, 0, "Deel wat je leert", "#3CB44B", "")
	p.AddCode(ctx, 0, "Vertrek vanuit motivatie", "#4363D8", "")
	return p
}

// newTestWindow opens the window on testProject with a search index, and
// waits until the index is ready.
func newTestWindow(t *testing.T) (*MainWindow, *model.Project) {
	t.Helper()
	test.NewTempApp(t)
	p := testProject(t)
	return openTestWindow(t, p), p
}

// openTestWindow opens a window on p, with its own cache folder, and waits
// for its search index.
func openTestWindow(t *testing.T, p *model.Project) *MainWindow {
	t.Helper()
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	waitForIndex(t, w)
	return w
}

func TestMainWindowShowsProject(t *testing.T) {
	w, p := newTestWindow(t)
	if got := w.win.Title(); got != "Verbatim — ui" {
		t.Errorf("title %q", got)
	}
	if len(w.documents.docs) != 2 || w.documents.docs[0].Name != "a – Ana.txt" {
		t.Fatalf("documents panel: %+v", w.documents.docs)
	}
	if len(w.codebook.codes) != 2 {
		t.Errorf("codebook panel: %+v", w.codebook.codes)
	}
	// The first document is shown.
	if w.doc.Name != "a – Ana.txt" || !strings.Contains(w.title.Text, "2 speakers") {
		t.Errorf("shown: %q, title %q", w.doc.Name, w.title.Text)
	}
	w.transcript.Select(0, 11)
	if got := w.transcript.SelectedText(); got != "Interviewer" {
		t.Errorf("selected %q, want the first speaker label", got)
	}
	// Selecting another document shows its text.
	w.documents.list.Select(1)
	text, _ := p.Text(context.Background(), w.doc.ID)
	at := len([]rune(text[:strings.Index(text, "café")]))
	w.transcript.Select(at, at+5)
	if got := w.transcript.SelectedText(); got != "café " {
		t.Errorf("selected %q in the second document, want %q", got, "café ")
	}
}

func TestCodingAndUndoFromTheWindow(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	w.win.Resize(fyne.NewSize(1000, 700))

	// Clicking a code without a selection only explains.
	w.codebook.list.Select(1)
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Fatalf("a code was applied without a selection")
	}
	if !strings.Contains(w.status.Text, "Select text") {
		t.Errorf("status %q", w.status.Text)
	}

	text, _ := p.Text(ctx, w.doc.ID)
	start := len([]rune(text[:strings.Index(text, "mijn motivatie")]))
	w.transcript.Select(start, start+14)
	w.codebook.list.Select(1)
	codings, _ := p.Codings(ctx, model.CodingFilter{})
	if len(codings) != 1 || codings[0].Text != "mijn motivatie" || codings[0].Code != "Vertrek vanuit motivatie" {
		t.Fatalf("codings after clicking the code: %+v", codings)
	}
	if len(w.highlights) != 1 || w.codebook.codes[1].Codings != 1 {
		t.Errorf("window not refreshed: %d highlights, code count %d", len(w.highlights), w.codebook.codes[1].Codings)
	}

	w.onUndo()
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("undo left %d codings", len(codings))
	}
	if len(w.highlights) != 0 {
		t.Errorf("highlight still shown after undo")
	}
	w.onRedo()
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 1 {
		t.Errorf("redo: %d codings", len(codings))
	}
}

func TestHighlightTappedShowsAndRemovesCodings(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	code, _ := p.FindCode(ctx, "Vertrek vanuit motivatie")
	c, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: w.doc.ID, Start: 5, End: 20})
	if err != nil {
		t.Fatal(err)
	}
	p.SetMemo(ctx, model.CodingMemo, c.ID, "mooi citaat")
	w.refresh()
	clickWord(t, w, "Waar", 1) // "viewer: Waar be" is coded
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the click opened an overlay:\n%s", labelTexts(top))
	}
	all := labelTexts(w.segments.box)
	if !w.segments.here.Visible() || !strings.Contains(all, "Codings here") || !strings.Contains(all, "Vertrek vanuit motivatie") || !strings.Contains(all, "Memo: mooi citaat") {
		t.Errorf("the panel shows %q", all)
	}
	segmentMenu(t, w, "viewer: Waar be", "Remove coding")
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 || len(w.highlights) != 0 {
		t.Errorf("after remove: %d codings, %d highlights", len(codings), len(w.highlights))
	}
}

func TestNewCodeFromSelection(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	text, _ := p.Text(ctx, w.doc.ID)
	at := len([]rune(text[:strings.Index(text, "eigen drive")]))
	w.transcript.Select(at, at+11)
	w.onNewCode()
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog for the new code")
	}
	w.createCode("Eigen drive", 0, "", at, at+11)
	c, err := p.FindCode(ctx, "Eigen drive")
	if err != nil {
		t.Fatal(err)
	}
	codings, _ := p.Codings(ctx, model.CodingFilter{CodeID: c.ID})
	if len(codings) != 1 || codings[0].Text != "eigen drive" || len(w.codebook.codes) != 3 || len(w.highlights) != 1 {
		t.Errorf("in-vivo: %+v; %d codes, %d highlights", codings, len(w.codebook.codes), len(w.highlights))
	}
	w.onUndo()
	if codes, _ := p.Codes(ctx); len(codes) != 2 {
		t.Errorf("undo left %d codes", len(codes))
	}
}

func TestEditSummary(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	w.setMemosShown(false)
	tapButton(t, w.win.Content(), "Summary")
	if !w.memos.visible() || w.win.Canvas().Focused() != w.memos.summary.entry {
		t.Fatal("the Summary button did not show the summary, ready to type in")
	}
	test.Type(w.win.Canvas().Focused(), "Ana begint bij haar eigen drive.")
	w.win.Canvas().Unfocus() // leaving the summary saves it
	if m, _ := p.Memo(ctx, model.DocumentMemo, w.doc.ID); m != "Ana begint bij haar eigen drive." {
		t.Errorf("summary %q", m)
	}
	w.onUndo()
	if m, _ := p.Memo(ctx, model.DocumentMemo, w.doc.ID); m != "" {
		t.Errorf("summary after undo %q", m)
	}
	if got := w.memos.summary.entry.Text; got != "" {
		t.Errorf("after undo the panel shows the summary %q", got)
	}
	w.onEditProjectMemo()
	if got := w.memos.chosen.title.Text; got != "Project memo" {
		t.Errorf("the memo panel shows %q, want the project memo", got)
	}
	test.Type(w.win.Canvas().Focused(), "Studie naar vernieuwers")
	w.win.Canvas().Unfocus()
	if m, _ := p.Memo(ctx, model.ProjectMemo, 0); m != "Studie naar vernieuwers" {
		t.Errorf("project memo %q", m)
	}
	tapButton(t, w.win.Content(), "Summary")
	if w.memos.visible() {
		t.Error("the Summary button did not hide the memo panel")
	}
	w.onMemoOverview()
	tapButton(t, w.win.Content(), "Summary")
	if !w.memos.visible() || w.memos.box.Selected() != w.memos.memosTab {
		t.Error("over the overview, the Summary button did not bring the summary")
	}
}

func TestCodebookEditing(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	deel, motivatie := w.codebook.codes[0], w.codebook.codes[1]
	w.onCodeMenu(deel, w.codebook.box)
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no menu for the code")
	}
	w.win.Canvas().Overlays().Top().Hide()
	p.ApplyCode(ctx, deel.ID, model.Span{DocID: w.doc.ID, Start: 0, End: 5})
	name, color := "Delen", "#0072B2"
	w.editCode(deel.ID, model.CodeEdit{Name: &name, Color: &color})
	if c := w.codebook.codes[0]; c.Name != "Delen" || c.Color != "#0072B2" {
		t.Errorf("after edit: %+v", c)
	}
	w.mergeCode(w.codebook.codes[0], motivatie)
	if len(w.codebook.codes) != 1 || w.codebook.codes[0].Codings != 1 {
		t.Errorf("after merge: %+v", w.codebook.codes)
	}
	w.deleteCode(w.codebook.codes[0])
	if len(w.codebook.codes) != 0 || len(w.highlights) != 0 {
		t.Errorf("after delete: %d codes, %d highlights", len(w.codebook.codes), len(w.highlights))
	}
	w.onUndo()
	w.onUndo()
	if len(w.codebook.codes) != 2 || len(w.highlights) != 1 {
		t.Errorf("after undoing delete and merge: %d codes, %d highlights", len(w.codebook.codes), len(w.highlights))
	}
}

func TestOpenAndCreateProjectsInNewWindows(t *testing.T) {
	w, _ := newTestWindow(t)
	var remembered []string
	w.opts.OnProjectOpened = func(path string) error { remembered = append(remembered, path); return nil }
	path := filepath.Join(t.TempDir(), "Tweede studie.verbatim")
	nw := w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) { return model.Create(ctx, path, "en") })
	if nw == nil {
		t.Fatal("no window for the new project")
	}
	waitForIndex(t, nw)
	if nw.win.Title() != "Verbatim — Tweede studie" || len(remembered) != 1 || remembered[0] != path {
		t.Errorf("new window %q, remembered %v", nw.win.Title(), remembered)
	}
	// While it is open, opening it again fails with a message, not a second window.
	if again := w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) { return model.Open(ctx, path) }); again != nil {
		t.Error("the same project opened twice")
	}
	nw.win.Close()
	p, err := model.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("closing the window did not close the project: %v", err)
	}
	p.Close()
}

func TestEditSpeakers(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	w.onEditSpeakers()
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no speakers dialog")
	}
	sp, _ := p.Speakers(ctx, w.doc.ID)
	var edits []*speakerEdit
	for _, s := range sp {
		e := &speakerEdit{speaker: s, participant: s.Case, interviewer: s.Interviewer}
		if s.Label == "Ana" {
			e.participant = "Ana de Boer"
		}
		if s.Label == "Interviewer" {
			e.interviewer = false
		}
		edits = append(edits, e)
	}
	w.saveSpeakers(edits)
	sp, _ = p.Speakers(ctx, w.doc.ID)
	for _, s := range sp {
		if s.Label == "Ana" && s.Case != "Ana de Boer" || s.Label == "Interviewer" && s.Interviewer {
			t.Errorf("after saving: %+v", s)
		}
	}
	if w.status.Text != "2 changes to the speakers saved." {
		t.Errorf("status %q", w.status.Text)
	}
}
