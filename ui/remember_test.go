package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// longInterview adds an interview long enough to scroll through.
func longInterview(t *testing.T, p *model.Project, name string) model.Document {
	t.Helper()
	var b strings.Builder
	nd := model.NewDocument{Name: name, Format: "txt"}
	pos := 0
	for i := range 300 {
		speaker := []string{"Interviewer", "Ana"}[i%2]
		line := fmt.Sprintf("%s: Dit is beurt %d van het lange interview, over leren en delen.", speaker, i)
		b.WriteString(line + "\n")
		n := len([]rune(line))
		nd.Turns = append(nd.Turns, model.NewTurn{Start: pos, End: pos + n, Speaker: speaker})
		pos += n + 1
	}
	nd.Text = b.String()
	d, err := p.ImportDocument(context.Background(), nd)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// windowSplits are the window's HSplits, outer first.
func windowSplits(w *MainWindow) []*container.Split {
	var out []*container.Split
	for _, o := range allObjectsUnder(w.win.Content()) {
		if s, ok := o.(*container.Split); ok && s.Horizontal {
			out = append(out, s)
		}
	}
	return out
}

func TestWindowReopensAsItWasLeft(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	long := longInterview(t, p, "c – lang.txt")
	open := func() *MainWindow {
		t.Helper()
		w, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}

	w := open()
	if got := w.win.Canvas().Size(); got != fyne.NewSize(1200, 760) {
		t.Errorf("first window: %v, want the default size", got)
	}
	if w.doc.ID == long.ID {
		t.Fatal("the first window already shows the long interview")
	}
	w.win.Resize(fyne.NewSize(980, 640))
	splits := windowSplits(w)
	if len(splits) < 2 {
		t.Fatalf("%d HSplits in the window, want the documents' and the codebook's", len(splits))
	}
	splits[0].SetOffset(0.3)
	splits[1].SetOffset(0.6)
	tapDocument(t, w, long.Name)
	text, _ := p.Text(context.Background(), long.ID)
	turn := len([]rune(text[:strings.Index(text, "beurt 200 ")]))
	w.transcript.ScrollTo(turn)
	scrolled := w.transcript.ScrollPosition()
	if scrolled == 0 {
		t.Fatal("the transcript did not scroll")
	}
	w.win.Close()

	w = open()
	t.Cleanup(w.win.Close)
	if got := w.win.Canvas().Size(); got != fyne.NewSize(980, 640) {
		t.Errorf("reopened window: %v, want the size it was left at, 980x640", got)
	}
	splits = windowSplits(w)
	if splits[0].Offset != 0.3 || splits[1].Offset != 0.6 {
		t.Errorf("reopened splits at %.2f and %.2f, want 0.30 and 0.60", splits[0].Offset, splits[1].Offset)
	}
	if w.doc.ID != long.ID {
		t.Errorf("reopened on %q, want the document last shown, %q", w.doc.Name, long.Name)
	}
	if got := w.transcript.ScrollPosition(); got != scrolled {
		t.Errorf("reopened scrolled to %d, want %d as left", got, scrolled)
	}
	if s, e := w.transcript.Selection(); s != e {
		t.Errorf("reopened with %d:%d selected", s, e)
	}
}

func TestWindowForgetsADocumentThatIsGone(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t)
	long := longInterview(t, p, "c – lang.txt")
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tapDocument(t, w, long.Name)
	w.win.Close()
	if _, err := p.Undo(context.Background()); err != nil { // the import
		t.Fatal(err)
	}
	w, err = NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	if w.doc.ID == 0 || w.doc.ID == long.ID {
		t.Errorf("reopened on %q (%d), want the first document", w.doc.Name, w.doc.ID)
	}
}
