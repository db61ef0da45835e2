package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// rowTexts are the texts drawn in a search result row, left to right, with
// whether each lies wholly inside the row.
type rowText struct {
	text   string
	bold   bool
	inside bool
	x      float32
}

// searchRowTexts reads the visible texts of the snippets in the search
// result rows from their rendering, one slice per row drawn, with
// positions relative to the row. The place of the hit is a label, left out.
func searchRowTexts(w *MainWindow) [][]rowText {
	var rows [][]rowText
	d := fyne.CurrentApp().Driver()
	for _, o := range allObjectsUnder(w.search.list) {
		row, ok := o.(*fyne.Container) // a row as the list's template makes it
		if !ok || !row.Visible() || len(row.Objects) != 2 {
			continue
		}
		origin := d.AbsolutePositionForObject(row)
		var texts []rowText
		for _, x := range objectsOutsideLabels(row) {
			txt, ok := x.(*canvas.Text)
			if !ok || !txt.Visible() || strings.TrimSpace(txt.Text) == "" {
				continue
			}
			at := d.AbsolutePositionForObject(txt).Subtract(origin)
			right := at.X + fyne.MeasureText(txt.Text, txt.TextSize, txt.TextStyle).Width
			texts = append(texts, rowText{text: txt.Text, bold: txt.TextStyle.Bold, x: at.X, inside: at.X >= 0 && right <= row.Size().Width+0.5})
		}
		if len(texts) > 0 {
			rows = append(rows, texts)
		}
	}
	return rows
}

// objectsOutsideLabels is o and the objects under it, but not under a label.
func objectsOutsideLabels(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch x := o.(type) {
	case *widget.Label:
		return nil
	case *fyne.Container:
		for _, ch := range x.Objects {
			out = append(out, objectsOutsideLabels(ch)...)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(x).Objects() {
			out = append(out, objectsOutsideLabels(ch)...)
		}
	}
	return out
}

func TestSearchRowsShowTheMatchWithContextAtAnyWidth(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	// A long turn, the searched word far from both of its ends.
	long := "Interviewer: Wat heb je daar gedaan?\nEva: " +
		strings.Repeat("we hebben in de wijk met heel veel mensen gepraat over hun buurt en hun plannen, ", 3) +
		"en daar heb ik veel van geleerd over hoe je samen iets opbouwt " +
		strings.Repeat("zonder dat iemand het van bovenaf regelt of er subsidie voor aanvraagt, ", 3) + "echt.\n"
	nd := model.NewDocument{Name: "e – Eva.txt", Format: "txt", Text: long}
	first := strings.Index(long, "\n") + 1
	nd.Turns = []model.NewTurn{{Start: 0, End: first - 1, Speaker: "Interviewer"}, {Start: first, End: len([]rune(long)) - 1, Speaker: "Eva"}}
	if _, err := p.ImportDocument(ctx, nd); err != nil {
		t.Fatal(err)
	}
	w.refresh()

	for _, width := range []float32{1400, 760} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			w.win.Resize(fyne.NewSize(width, 700))
			w.onSearch("opbouwt")
			<-w.search.counting // the counts touch the results too: let them finish first
			if len(w.search.hits) != 1 {
				t.Fatalf("hits: %+v", w.search.hits)
			}
			rows := searchRowTexts(w)
			if len(rows) != 1 {
				t.Fatalf("%d rows drawn, want 1", len(rows))
			}
			// Context is the letters shown beside the match: a word or two at least.
			var before, after int
			match := false
			for _, x := range rows[0] {
				n := len([]rune(strings.NewReplacer("…", "", " ", "").Replace(x.text)))
				switch {
				case x.text == "opbouwt" && x.bold:
					match = x.inside
				case !x.inside:
				case match:
					after += n
				default:
					before += n
				}
			}
			if !match || before < 8 || after < 8 {
				t.Errorf("at width %v the row draws %+v: want the whole bold match with context before and after it", width, rows[0])
			}
		})
	}
	// The row itself can shrink: a long snippet must not widen the results.
	if got := test.WidgetRenderer(w.search.list).MinSize().Width; got > 600 {
		t.Errorf("the results need %v wide", got)
	}
}

func TestCutAtWords(t *testing.T) {
	runes := func(s string) float32 { return float32(len([]rune(s))) } // one unit a rune
	for _, c := range []struct {
		s     string
		width float32
		start bool
		want  string
	}{
		{"dit werk, niet vanwege die ", 25, true, "…werk, niet vanwege die "},
		{"dit werk, niet vanwege die ", 20, true, "…niet vanwege die "},
		{"dit werk, niet vanwege die ", 99, true, "dit werk, niet vanwege die "},
		{"abcdefghij ", 5, true, "…hij "},
		{"abc", 0.5, true, ""},
		{" erbij. Maar ja, een dorp", 14, false, " erbij. Maar…"},
		{" erbij. Maar ja, een dorp", 99, false, " erbij. Maar ja, een dorp"},
		{" abcdefghij", 5, false, " abc…"},
	} {
		cut := cutEnd
		if c.start {
			cut = cutStart
		}
		got := c.s
		if runes(c.s) > c.width {
			got = cut(c.s, c.width, runes)
		}
		if got != c.want {
			t.Errorf("cut %q to %v (at its start: %v): got %q, want %q", c.s, c.width, c.start, got, c.want)
		}
		if runes(got) > c.width {
			t.Errorf("cut %q to %v: %q is wider", c.s, c.width, got)
		}
	}
}
