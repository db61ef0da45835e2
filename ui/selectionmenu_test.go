package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// canvasPos is where test.TapCanvas and test.Drag find o: its absolute
// position plus the test canvas's inset, which AbsolutePositionForObject
// leaves out.
func canvasPos(w *MainWindow, o fyne.CanvasObject) fyne.Position {
	inset, _ := w.win.Canvas().InteractiveArea()
	return absPos(o).Add(inset)
}

// transcriptTextAt returns the canvas position of the middle of the first
// rune of needle as the transcript draws it.
func transcriptTextAt(t *testing.T, w *MainWindow, needle string) fyne.Position {
	t.Helper()
	for _, o := range allObjectsUnder(w.transcript) {
		tx, ok := o.(*canvas.Text)
		if !ok {
			continue
		}
		i := strings.Index(tx.Text, needle)
		if i < 0 {
			continue
		}
		style := tx.TextStyle
		x := fyne.MeasureText(tx.Text[:i], tx.TextSize, style).Width
		first := []rune(needle)[0]
		x += fyne.MeasureText(string(first), tx.TextSize, style).Width / 2
		return canvasPos(w, tx).AddXY(x, tx.Size().Height/2)
	}
	t.Fatalf("%q is not drawn in the transcript", needle)
	return fyne.Position{}
}

// rightClickTarget is the transcript's part that takes a right-click.
func rightClickTarget(t *testing.T, w *MainWindow) fyne.SecondaryTappable {
	t.Helper()
	for _, o := range allObjectsUnder(w.transcript) {
		if p, ok := o.(fyne.SecondaryTappable); ok {
			return p
		}
	}
	t.Fatal("nothing in the transcript takes a right-click")
	return nil
}

// dragInTranscript drags from one canvas position on the transcript to
// another, which may lie outside it, as the desktop driver delivers a drag:
// every event to the widget it started on, the first with the pointer's
// position and its distance from the press. (test.Drag gives the event to
// the object under its end, which here would be the codebook.)
func dragInTranscript(t *testing.T, w *MainWindow, from, to fyne.Position) {
	t.Helper()
	var page fyne.Draggable
	for _, o := range allObjectsUnder(w.transcript) {
		if d, ok := o.(fyne.Draggable); ok && o != fyne.CanvasObject(w.transcript) {
			if _, mouse := o.(fyne.SecondaryTappable); mouse {
				page = d
			}
		}
	}
	if page == nil {
		t.Fatal("nothing in the transcript takes a drag")
	}
	origin := canvasPos(w, page.(fyne.CanvasObject))
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	delta := func(a, b fyne.Position) fyne.Delta { return fyne.NewDelta(b.X-a.X, b.Y-a.Y) }
	page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid.Subtract(origin), AbsolutePosition: mid}, Dragged: delta(from, mid)})
	page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to.Subtract(origin), AbsolutePosition: to}, Dragged: delta(mid, to)})
	page.DragEnd()
}

// rightClick right-clicks the transcript on the first rune of needle.
func rightClick(t *testing.T, w *MainWindow, needle string) {
	t.Helper()
	p := rightClickTarget(t, w)
	at := transcriptTextAt(t, w, needle)
	test.TapSecondaryAt(p, at.Subtract(canvasPos(w, p.(fyne.CanvasObject))))
}

// menuLabels are the items of the menu on top, in order.
func menuLabels(t *testing.T, w *MainWindow) []string {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no menu shown")
	}
	var out []string
	for _, o := range allObjectsUnder(top) {
		if tx, ok := o.(*canvas.Text); ok && tx.Text != "" && tx.Visible() {
			out = append(out, tx.Text)
		}
	}
	return out
}

func TestTripleClickSelectsTheTurnInTheWindow(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1000, 700))
	at := transcriptTextAt(t, w, "motivatie")
	for range 3 {
		test.TapCanvas(w.win.Canvas(), at)
	}
	if got, want := w.transcript.SelectedText(), "Bij mijn eigen drive, mijn motivatie."; got != want {
		t.Errorf("three clicks selected %q, want the turn without its label: %q", got, want)
	}
}

func TestSelectionMenuOffersTheRecentCodes(t *testing.T) {
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1000, 700))
	motivatie := codeNamed(t, p, "Vertrek vanuit motivatie")
	deel := codeNamed(t, p, "Deel wat je leert")

	// Without codes applied yet, the menu offers none.
	selectText(t, w, "eigen drive")
	rightClick(t, w, "drive")
	labels := menuLabels(t, w)
	if strings.Contains(strings.Join(labels, "|"), "Recent codes") {
		t.Errorf("recent codes offered before any was applied: %q", labels)
	}
	w.win.Canvas().Overlays().Top().Hide()
	w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())

	// Apply two codes by clicking their rows; the newest comes first.
	selectText(t, w, "mijn motivatie")
	tapRow(w, rowOf(t, w, motivatie.Name))
	selectText(t, w, "Bij mijn")
	tapRow(w, rowOf(t, w, deel.Name))
	if len(codingsOf(t, p)) != 2 {
		t.Fatalf("codings after tapping the rows: %q", codingsOf(t, p))
	}

	selectText(t, w, "eigen drive")
	rightClick(t, w, "drive")
	labels = menuLabels(t, w)
	want := []string{"Recent codes", deel.Name, motivatie.Name}
	if len(labels) < 3 || strings.Join(labels[:3], "|") != strings.Join(want, "|") {
		t.Fatalf("the menu begins %q, want %q", labels, want)
	}
	for _, item := range []string{"New code “eigen drive” from the selection", "New code…", "Code and write a memo…", "Copy"} {
		if !strings.Contains(strings.Join(labels, "|"), item) {
			t.Errorf("no %q in the menu %q", item, labels)
		}
	}
	if s, e := w.transcript.Selection(); w.transcript.SelectedText() != "eigen drive" {
		t.Errorf("the right-click changed the selection to %d:%d", s, e)
	}

	tapMenuItem(t, w, motivatie.Name)
	if got := codingsOf(t, p); !strings.Contains(strings.Join(got, "|"), motivatie.Name+": eigen drive") {
		t.Errorf("codings after choosing %q from the menu: %q", motivatie.Name, got)
	}
	if w.recentCodes[0] != motivatie.ID {
		t.Errorf("recent codes %v: the one applied last is not first", w.recentCodes)
	}
}

func TestRecentCodesKeepTheLastFive(t *testing.T) {
	var r recentCodes
	for _, id := range []int64{1, 2, 3, 2, 4, 5, 6, 7} {
		r.add(id)
	}
	if want := (recentCodes{7, 6, 5, 4, 2}); !slices.Equal(r, want) {
		t.Errorf("got %v, want %v", r, want)
	}
}

func TestSelectionMenuCodesInVivoAndCopies(t *testing.T) {
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1000, 700))
	selectText(t, w, "eigen drive,")
	rightClick(t, w, "eigen")
	tapMenuItem(t, w, "New code “eigen drive” from the selection")
	c := codeNamed(t, p, "eigen drive")
	if got := codingsOf(t, p); len(got) != 1 || got[0] != "eigen drive: eigen drive," {
		t.Errorf("codings after the in-vivo code: %q", got)
	}
	if len(w.recentCodes) == 0 || w.recentCodes[0] != c.ID {
		t.Errorf("the in-vivo code is not the most recent: %v", w.recentCodes)
	}
	w.onUndo()
	if got := codingsOf(t, p); len(got) != 0 {
		t.Errorf("one undo left %q", got)
	}
	if _, err := p.FindCode(context.Background(), "eigen drive"); err == nil {
		t.Error("one undo left the in-vivo code")
	}

	selectText(t, w, "mijn motivatie")
	rightClick(t, w, "motivatie")
	tapMenuItem(t, w, "Copy")
	if got := fyne.CurrentApp().Clipboard().Content(); got != "mijn motivatie" {
		t.Errorf("clipboard after Copy: %q", got)
	}
}

func TestCodeAndWriteAMemoIsOneStep(t *testing.T) {
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1000, 700))
	ctx := context.Background()
	motivatie := codeNamed(t, p, "Vertrek vanuit motivatie")
	w.recentCodes.add(motivatie.ID)

	selectText(t, w, "mijn motivatie")
	rightClick(t, w, "motivatie")
	hoverMenuItem(t, w, "Code and write a memo…")
	tapMenuItem(t, w, motivatie.Name+"…")
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Fatalf("coded before the memo was saved: %+v", codings)
	}
	top := w.win.Canvas().Overlays().Top()
	var entry *widget.Entry
	for _, o := range allObjectsUnder(top) {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine {
			entry = e
		}
	}
	if entry == nil {
		t.Fatalf("no memo editor:\n%s", labelTexts(top))
	}
	test.Type(entry, "Motivatie als vertrekpunt")
	tapButton(t, top, "Save")

	codings, _ := p.Codings(ctx, model.CodingFilter{})
	if len(codings) != 1 || codings[0].Text != "mijn motivatie" || codings[0].Memo != "Motivatie als vertrekpunt" {
		t.Fatalf("codings after Save: %+v", codings)
	}

	// Now the passage is a coding, the menu offers its memo.
	selectText(t, w, "mijn motivatie")
	rightClick(t, w, "motivatie")
	tapMenuItem(t, w, "Memo on the coding with “"+motivatie.Name+"”…")
	if got, want := w.memos.chosen.title.Text, "Memo on a coding of “"+motivatie.Name+"”"; got != want || w.memos.chosen.entry.Text != "Motivatie als vertrekpunt" {
		t.Errorf("the coding's memo item opened %q showing %q, want %q", got, w.memos.chosen.entry.Text, want)
	}
	closeDialogs(w)
	w.onUndo()
	if codings, _ := p.Codings(ctx, model.CodingFilter{}); len(codings) != 0 {
		t.Errorf("one undo left %+v: the coding and its memo were not one step", codings)
	}
}

func TestDragTheSelectionOntoACode(t *testing.T) {
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1000, 700))
	deel := codeNamed(t, p, "Deel wat je leert")
	selectText(t, w, "mijn motivatie")

	from := transcriptTextAt(t, w, "motivatie")
	row := rowOf(t, w, deel.Name)
	to := canvasPos(w, row.name).AddXY(8, row.name.Size().Height/2)
	dragInTranscript(t, w, from, to)
	if !strings.Contains(w.status.Text, "Coded") {
		t.Errorf("status after the drop: %q", w.status.Text)
	}
	if got := codingsOf(t, p); len(got) != 1 || got[0] != deel.Name+": mijn motivatie" {
		t.Errorf("codings after dropping the selection on %q: %q", deel.Name, got)
	}
	if got := w.transcript.SelectedText(); got != "mijn motivatie" {
		t.Errorf("the drag changed the selection to %q", got)
	}

	// Dropped elsewhere, it codes nothing.
	selectText(t, w, "eigen drive")
	from = transcriptTextAt(t, w, "drive")
	dragInTranscript(t, w, from, canvasPos(w, w.documents.box).AddXY(20, 200))
	if got := codingsOf(t, p); len(got) != 1 {
		t.Errorf("a drop on the documents coded: %q", got)
	}
	if !strings.Contains(w.status.Text, "nothing was coded") {
		t.Errorf("status after a drop on the documents: %q", w.status.Text)
	}
	if got := w.transcript.SelectedText(); got != "eigen drive" {
		t.Errorf("after a drop on the documents the selection is %q", got)
	}
}
