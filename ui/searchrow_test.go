package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

func TestResultRowsShowTheMatchWithContextAtAnyWidth(t *testing.T) {
	w, p := newSearchWindow(t)
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
			search(t, w, "opbouwt")
			rows := drawnRows(w)
			if len(rows) != 1 {
				t.Fatalf("%d rows drawn, want 1", len(rows))
			}
			r := rows[0]
			letters := func(s string) int { return len([]rune(strings.NewReplacer("…", "", " ", "").Replace(s))) }
			if r.cells[colMatch] != "opbouwt" || !r.bold[colMatch] {
				t.Errorf("at width %v the match is drawn as %q", width, r.cells[colMatch])
			}
			// Cut where the cells end: the context before at its start,
			// the one after at its end, each keeping the words next to
			// the match.
			if !strings.HasPrefix(r.cells[colLeft], "…") || !strings.HasSuffix(r.cells[colLeft], "hoe je samen iets ") || letters(r.cells[colLeft]) < 12 {
				t.Errorf("at width %v the context before is %q", width, r.cells[colLeft])
			}
			if !strings.HasSuffix(r.cells[colRight], "…") || !strings.HasPrefix(r.cells[colRight], " zonder dat") || letters(r.cells[colRight]) < 12 {
				t.Errorf("at width %v the context after is %q", width, r.cells[colRight])
			}
			// A narrow table cuts a document's name in its middle.
			doc := r.cells[colDocument]
			if r.cells[colSpeaker] != "Eva" || !strings.HasPrefix(doc, "e –") || !strings.HasSuffix(doc, ".txt") || width == 1400 && doc != "e – Eva.txt" {
				t.Errorf("at width %v speaker and document %q, %q", width, r.cells[colSpeaker], r.cells[colDocument])
			}
		})
	}
	// The rows themselves can shrink: a long snippet must not widen the results.
	if got := test.WidgetRenderer(w.search.table.list).MinSize().Width; got > 600 {
		t.Errorf("the results need %v wide", got)
	}
}

func TestCutNamesWhereTheyAreAlike(t *testing.T) {
	runes := func(s string) float32 { return float32(len([]rune(s))) } // one unit a rune
	demo := []string{"Voorbeeldinterview Karin (fictief).txt", "Voorbeeldinterview Sanne (fictief).txt", "Voorbeeldinterview Yasmina (fictief).txt"}
	for _, c := range []struct {
		names []string
		want  alike
	}{
		{demo, alike{19, 14}},
		{[]string{"Ana.docx", "Anouk.docx"}, alike{0, 5}}, // "An" is no word of its own
		{[]string{"Ana.docx"}, alike{}},
		{[]string{"2 – Bo.txt", "2 – Bo.txt", "2 – Bob.txt"}, alike{4, 4}},
	} {
		if got := alikeNames(c.names); got != c.want {
			t.Errorf("names %q have %+v alike, want %+v", c.names, got, c.want)
		}
	}
	a := alikeNames(demo)
	for _, c := range []struct {
		s     string
		width float32
		want  string
	}{
		{demo[1], 99, demo[1]},
		{demo[1], 25, "…Sanne (fictief).txt"},
		{demo[1], 8, "…Sanne…"},
		{demo[2], 6, "Yas…na"},
		{demo[1], 0.5, ""},
	} {
		got := c.s
		if runes(c.s) > c.width {
			got = cutName(c.s, a, c.width, runes)
		}
		if got != c.want || runes(got) > c.width {
			t.Errorf("cut %q to %v: got %q, want %q", c.s, c.width, got, c.want)
		}
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
