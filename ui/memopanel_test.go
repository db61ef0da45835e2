package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// queueUI makes onUI queue what background work hands to the window, for
// the test to run with runQueuedUntil, as the app's event loop would.
func queueUI(t *testing.T) chan func() {
	t.Helper()
	q := make(chan func(), 64)
	old := onUI
	onUI = func(fn func()) { q <- fn }
	t.Cleanup(func() { onUI = old })
	return q
}

// runQueuedUntil runs what background work hands to the window until done
// holds, failing when it does not within 5 s. A memo's timer may fire
// between two typed keys on a loaded machine; only the last key's timer
// saves, so the first queued function may save nothing.
func runQueuedUntil(t *testing.T, q chan func(), done func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for !done() {
		select {
		case fn := <-q:
			fn()
		case <-deadline:
			t.Fatal("what was handed to the window did not do it")
		}
	}
}

// memoOf reads a memo.
func memoOf(t *testing.T, p *model.Project, kind model.MemoKind, id int64) string {
	t.Helper()
	m, err := p.Memo(context.Background(), kind, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// clickInto clicks into an entry at its bottom right, after its text, as
// the desktop driver delivers a click: the press gives it the keyboard.
func clickInto(e interface {
	fyne.CanvasObject
	fyne.Tappable
	desktop.Mouseable
}) {
	ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	ev.Position = fyne.NewPos(e.Size().Width-5, e.Size().Height-5)
	e.MouseDown(ev)
	e.MouseUp(ev)
	test.Tap(e)
}

// tapText taps the tappable widget under root that shows text (a tab, a
// list's row), as a click on it would.
func tapText(t *testing.T, root fyne.CanvasObject, text string) {
	t.Helper()
	test.Tap(tappableShowing(t, root, text))
}

// tappableShowing is the tappable widget under root that shows text.
func tappableShowing(t *testing.T, root fyne.CanvasObject, text string) fyne.Tappable {
	t.Helper()
	for _, o := range allObjectsUnder(root) {
		tp, ok := o.(fyne.Tappable)
		if !ok || !o.Visible() {
			continue
		}
		if _, isEntry := o.(*widget.Entry); isEntry {
			continue
		}
		for _, x := range allObjectsUnder(o) {
			switch x := x.(type) {
			case *widget.Label:
				if x.Text == text {
					return tp
				}
			case *canvas.Text:
				if x.Text == text {
					return tp
				}
			}
		}
	}
	t.Fatalf("nothing to tap shows %q in:\n%s", text, labelTexts(root))
	return nil
}

// tapKeepingFocus taps as the desktop driver does a widget that takes the
// keyboard itself, or lies in one (a button, a list's row): the entry that
// has the keyboard keeps it. (test.Tap takes it away first.)
func tapKeepingFocus(tp fyne.Tappable) { tp.Tapped(&fyne.PointEvent{}) }

func TestDockedSummarySavesAsTyped(t *testing.T) {
	w, p := newTestWindow(t)
	q := queueUI(t)
	ana := w.doc
	e := w.memos.summary
	e.delay = 10 * time.Millisecond
	if !w.memos.visible() || e.title.Text != "Summary of a – Ana.txt" {
		t.Fatalf("the memo panel (shown %v) is titled %q, want the summary of the document shown", w.memos.visible(), e.title.Text)
	}
	clickInto(e.entry)
	test.Type(w.win.Canvas().Focused(), "Ana begint")
	if got := memoOf(t, p, model.DocumentMemo, ana.ID); got != "" {
		t.Fatalf("saved %q before typing stopped", got)
	}
	// the timer, once typing stopped
	runQueuedUntil(t, q, func() bool { return memoOf(t, p, model.DocumentMemo, ana.ID) != "" })
	if got := memoOf(t, p, model.DocumentMemo, ana.ID); got != "Ana begint" {
		t.Fatalf("after the pause the summary is %q", got)
	}
	test.Type(w.win.Canvas().Focused(), " bij haar eigen drive.")
	runQueuedUntil(t, q, func() bool { return memoOf(t, p, model.DocumentMemo, ana.ID) != "Ana begint" })
	if got := memoOf(t, p, model.DocumentMemo, ana.ID); got != "Ana begint bij haar eigen drive." {
		t.Fatalf("after the second pause the summary is %q", got)
	}
	if got, want := undoLabel(t, p), "Edit the memo of a – Ana.txt"; got != want {
		t.Errorf("Edit > Undo would %q, want %q", got, want)
	}
	if got := w.undoMenu.undo.Label; got != "Undo: Edit the memo of a – Ana.txt" {
		t.Errorf("the menu reads %q", got)
	}

	// One editing session is one step: one undo takes back both pauses'
	// saves, and what was typed after the last one.
	test.Type(w.win.Canvas().Focused(), " Later meer.")
	w.undoMenu.undo.Action()
	if got := memoOf(t, p, model.DocumentMemo, ana.ID); got != "" {
		t.Errorf("one undo left the summary %q, want it as before typing", got)
	}
	if got := e.entry.Text; got != "" {
		t.Errorf("after the undo the panel shows %q", got)
	}
	if got := undoLabel(t, p); strings.Contains(got, "memo") {
		t.Errorf("after one undo a memo step is left: %q", got)
	}
	w.undoMenu.redo.Action()
	if got := memoOf(t, p, model.DocumentMemo, ana.ID); got != "Ana begint bij haar eigen drive. Later meer." {
		t.Errorf("redo gave back %q", got)
	}

}

func TestSummaryTypedJustBeforeClosingIsKept(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ana := w.doc
	clickInto(w.memos.summary.entry)
	test.Type(w.win.Canvas().Focused(), "Tot slot.")
	w.win.Close() // at once: the timer has not saved it
	if got := memoOf(t, p, model.DocumentMemo, ana.ID); got != "Tot slot." {
		t.Errorf("after closing the window the summary is %q", got)
	}
	w, err = NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	if got := w.memos.summary.entry.Text; w.doc.ID != ana.ID || got != "Tot slot." {
		t.Errorf("opened again, the window shows the summary %q", got)
	}
}

func TestMemoTimerOfAnEarlierKeySavesNothing(t *testing.T) {
	w, p := newTestWindow(t)
	q := queueUI(t)
	e := w.memos.summary
	e.delay = time.Millisecond
	test.Type(e.entry, "a")
	var first func()
	select {
	case first = <-q: // the first key's timer has fired: its save waits for the UI
	case <-time.After(5 * time.Second):
		t.Fatal("the timer did not fire")
	}
	e.delay = time.Hour
	test.Type(e.entry, "b")
	first()
	if got := memoOf(t, p, model.DocumentMemo, w.doc.ID); got != "" {
		t.Errorf("an earlier key's timer saved %q while typing went on", got)
	}
	e.flush()
	if got := memoOf(t, p, model.DocumentMemo, w.doc.ID); got != "ab" {
		t.Errorf("flushed %q", got)
	}
}

func TestSwitchingDocumentsSavesTheSummary(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	ana := w.doc
	sanne := w.documents.docs[1]
	p.SetMemo(ctx, model.DocumentMemo, sanne.ID, "Sanne deelt graag.")
	w.refresh()
	e := w.memos.summary
	clickInto(e.entry)
	test.Type(w.win.Canvas().Focused(), "Ana en haar drive.")
	tapKeepingFocus(tappableShowing(t, w.documents.box, sanne.Name)) // the summary keeps the keyboard
	if w.doc.ID != sanne.ID {
		t.Fatalf("showing %q, want %q", w.doc.Name, sanne.Name)
	}
	if got := memoOf(t, p, model.DocumentMemo, ana.ID); got != "Ana en haar drive." {
		t.Errorf("Ana's summary, typed before switching: %q", got)
	}
	if e.title.Text != "Summary of b – Sanne.txt" || e.entry.Text != "Sanne deelt graag." {
		t.Errorf("the panel shows %q: %q, want Sanne's summary", e.title.Text, e.entry.Text)
	}
	// Typing now is Sanne's summary, a step of its own.
	clickInto(e.entry)
	test.Type(w.win.Canvas().Focused(), " Heel graag.")
	w.win.Canvas().Unfocus()
	if got := memoOf(t, p, model.DocumentMemo, sanne.ID); got != "Sanne deelt graag. Heel graag." {
		t.Errorf("Sanne's summary %q", got)
	}
	w.onUndo()
	if a, s := memoOf(t, p, model.DocumentMemo, ana.ID), memoOf(t, p, model.DocumentMemo, sanne.ID); a != "Ana en haar drive." || s != "Sanne deelt graag." {
		t.Errorf("one undo left Ana's summary %q and Sanne's %q: each document's session is its own step", a, s)
	}
}

func TestCodeAndCodingMemosFollowTheClick(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	w.win.Resize(fyne.NewSize(1600, 900))
	motivatie := codeNamed(t, p, "Vertrek vanuit motivatie")
	p.SetMemo(ctx, model.CodeMemo, motivatie.ID, "Waar iemand begint.")
	start, end := selectText(t, w, "mijn motivatie")
	c, _ := p.ApplyCode(ctx, motivatie.ID, model.Span{DocID: w.doc.ID, Start: start, End: end})
	p.SetMemo(ctx, model.CodingMemo, c.ID, "mooi citaat")
	w.transcript.Select(0, 0)
	w.refresh()

	tapText(t, w.codebook.box, motivatie.Name)
	if got, want := w.memos.chosen.title.Text, "Memo on code “Vertrek vanuit motivatie”"; got != want || w.memos.chosen.entry.Text != "Waar iemand begint." {
		t.Errorf("after clicking the code the panel shows %q: %q, want %q", got, w.memos.chosen.entry.Text, want)
	}
	if !w.memos.lower.Visible() || !w.memos.chosen.title.Visible() || !w.memos.chosen.entry.Visible() || w.memos.hint.Visible() {
		t.Error("the code's memo is not on screen, with its title")
	}
	clickWord(t, w, "motivatie", 1)
	if got, want := w.memos.chosen.title.Text, "Memo on a coding of “Vertrek vanuit motivatie”"; got != want || w.memos.chosen.entry.Text != "mooi citaat" {
		t.Errorf("after clicking coded text the panel shows %q: %q, want %q", got, w.memos.chosen.entry.Text, want)
	}
	if got := w.memos.note.Text; got != "“mijn motivatie” in a – Ana.txt" {
		t.Errorf("the coding's note %q", got)
	}
	clickInto(w.memos.chosen.entry)
	test.Type(w.win.Canvas().Focused(), ", echt")
	w.win.Canvas().Unfocus()
	if got := memoOf(t, p, model.CodingMemo, c.ID); got != "mooi citaat, echt" {
		t.Errorf("coding memo %q", got)
	}
	// Removing the coding empties the place of its memo.
	w.removeCoding(c.ID, motivatie.Name)
	if w.memos.chosen.open || w.memos.lower.Visible() {
		t.Error("the memo of a removed coding is still open")
	}
}

func TestMemoOverviewListsAndOpensEveryKind(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	w.win.Resize(fyne.NewSize(1400, 1000))
	ana := w.doc
	deel := codeNamed(t, p, "Deel wat je leert")
	start, end := selectText(t, w, "eigen drive")
	coding, _ := p.ApplyCode(ctx, deel.ID, model.Span{DocID: ana.ID, Start: start, End: end})
	w.transcript.Select(0, 0)
	cases, _ := p.Cases(ctx)
	var anaCase model.Case
	for _, c := range cases {
		if c.Name == "Ana" {
			anaCase = c
		}
	}
	for _, m := range []struct {
		kind model.MemoKind
		id   int64
		text string
	}{
		{model.ProjectMemo, 0, "Studie naar vernieuwers\nmet meer"},
		{model.DocumentMemo, ana.ID, "Ana's samenvatting"},
		{model.CodeMemo, deel.ID, "Wat delen is"},
		{model.CodingMemo, coding.ID, "\nDrive als bron"},
		{model.CaseMemo, anaCase.ID, "Ana is ondernemer"},
	} {
		if err := p.SetMemo(ctx, m.kind, m.id, m.text); err != nil {
			t.Fatal(err)
		}
	}
	p.SetSummary(ctx, ana.ID, deel.ID, "Ana leert van anderen")
	w.refresh()

	w.onMemoOverview()
	want := []memoListing{
		{owner: "Project memo", first: "Studie naar vernieuwers"},
		{owner: "a – Ana.txt", first: "Summary: Ana's samenvatting"},
		{owner: "Deel wat je leert", first: "Code memo: Wat delen is"},
		{owner: "“Deel wat je leert” · a – Ana.txt", first: "Coding memo: Drive als bron"},
		{owner: "Ana", first: "Participant memo: Ana is ondernemer"},
		{owner: "“Deel wat je leert” · a – Ana.txt", first: "Thematic summary: Ana leert van anderen"},
	}
	rows := w.memos.overview.rows
	if len(rows) != len(want) {
		t.Fatalf("the overview lists %d memos, want %d:\n%s", len(rows), len(want), labelTexts(w.memos.overview.box))
	}
	for i, r := range rows {
		if r.owner != want[i].owner || r.first != want[i].first {
			t.Errorf("row %d: %q, %q; want %q, %q", i, r.owner, r.first, want[i].owner, want[i].first)
		}
	}
	shown := labelTexts(w.memos.overview.box)
	if !strings.Contains(shown, "Participant memo: Ana is ondernemer") || !strings.Contains(shown, "6 memos in this project") {
		t.Errorf("on screen:\n%s", shown)
	}

	open := func(row string) {
		t.Helper()
		closeDialogs(w)
		w.onMemoOverview()
		tapText(t, w.memos.overview.box, row)
	}
	open("Studie naar vernieuwers")
	if got := w.memos.chosen.title.Text; got != "Project memo" || w.win.Canvas().Focused() != w.memos.chosen.entry {
		t.Errorf("the project memo's row opened %q", got)
	}
	if w.memos.box.Selected() != w.memos.memosTab {
		t.Error("the memo opened, but the panel still shows the overview")
	}
	w.selectDocument(w.documents.docs[1].ID)
	open("Summary: Ana's samenvatting")
	if w.doc.ID != ana.ID || w.win.Canvas().Focused() != w.memos.summary.entry || w.memos.summary.entry.Text != "Ana's samenvatting" {
		t.Errorf("the summary's row shows %q, the summary %q", w.doc.Name, w.memos.summary.entry.Text)
	}
	open("Code memo: Wat delen is")
	if got := w.memos.chosen.title.Text; got != "Memo on code “Deel wat je leert”" || w.segments.codeID != deel.ID {
		t.Errorf("the code's row opened %q, the segments of code %d", got, w.segments.codeID)
	}
	open("Coding memo: Drive als bron")
	if got := w.transcript.SelectedText(); got != "eigen drive" || w.memos.chosen.entry.Text != "\nDrive als bron" {
		t.Errorf("the coding's row selected %q and opened %q", got, w.memos.chosen.entry.Text)
	}
	open("Participant memo: Ana is ondernemer")
	if w.participants.tabs.Selected() != w.participants.tab || w.participants.name.Text != "Ana" || w.participants.memo.entry.Text != "Ana is ondernemer" {
		t.Errorf("the participant's row shows %q with the memo %q", w.participants.name.Text, w.participants.memo.entry.Text)
	}
	open("Thematic summary: Ana leert van anderen")
	if top := w.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(top), "Thematic summary") {
		t.Error("the thematic summary's row did not open its editor")
	}
}

func TestDocumentAttributesShown(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	if w.memos.attributes.Visible() {
		t.Errorf("a document without attributes shows %q", w.memos.attributes.Text)
	}
	d, err := p.ImportDocument(ctx, model.NewDocument{Name: "c – Chris.txt", Format: "txt", Text: "Chris: Nieuwsgierigheid.\n",
		Turns:      []model.NewTurn{{Start: 0, End: 24, Speaker: "Chris"}},
		Attributes: []model.Attribute{{Key: "date", Value: "2024-03-12"}, {Key: "duration", Value: "45 min"}}})
	if err != nil {
		t.Fatal(err)
	}
	w.refresh()
	tapText(t, w.documents.box, d.Name)
	if got, want := w.memos.attributes.Text, "date: 2024-03-12 · duration: 45 min"; got != want || !w.memos.attributes.Visible() {
		t.Errorf("attributes %q (shown %v), want %q", got, w.memos.attributes.Visible(), want)
	}
	tapText(t, w.documents.box, "a – Ana.txt")
	if w.memos.attributes.Visible() {
		t.Error("another document's attributes stay shown")
	}
}

func TestMemoPanelGivesWayInANarrowWindow(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1200, 760))
	if !w.memos.visible() || !w.memos.item.Checked {
		t.Fatal("the memo panel is not beside the transcript")
	}
	w.win.Resize(fyne.NewSize(760, 700))
	if w.memos.visible() || w.memos.item.Checked {
		t.Error("in a narrow window the panel still narrows the transcript")
	}
	tapButton(t, w.win.Content(), "Summary")
	if !w.memos.visible() || w.memos.split.Trailing.Size().Width == 0 {
		t.Error("asked for, the panel does not show in a narrow window")
	}
	w.onToggleMemos()
	w.win.Resize(fyne.NewSize(1400, 800))
	if w.memos.visible() {
		t.Error("hidden, the panel came back when the window grew")
	}
	w.onToggleMemos()
	if !w.memos.visible() || !w.memos.item.Checked {
		t.Error("View > Memos did not show the panel")
	}
}
