package ui

import (
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/index"
)

func TestKWICRows(t *testing.T) {
	// A turn 100 runes into its document, with its speaker's label.
	const text = "Ana: Deel wat je leert,\nmet anderen. Wat je leert deel je."
	at := func(s string, nth int) int {
		i := 0
		for range nth {
			i += strings.Index(text[i:], s) + 1
		}
		return 100 + len([]rune(text[:i-1]))
	}
	word := func(s string, nth int) index.Range {
		return index.Range{Start: at(s, nth), End: at(s, nth) + len([]rune(s))}
	}
	hit := func(matches ...index.Range) index.Hit {
		return index.Hit{DocID: 1, Document: "a.txt", Speaker: "Ana", Start: 100, End: 100 + len([]rune(text)), Text: text, Matches: matches}
	}
	tests := []struct {
		name string
		hit  index.Hit
		want []kwicRow
	}{
		{"a row per match, line breaks as spaces, the label left out", hit(word("leert", 1), word("leert", 2)), []kwicRow{
			{match: word("leert", 1), left: "Deel wat je ", text: "leert", right: ", met anderen. Wat je leert deel je."},
			{match: word("leert", 2), left: "Deel wat je leert, met anderen. Wat je ", text: "leert", right: " deel je."},
		}},
		{"the words of a phrase one match", hit(word("Deel", 1), word("wat", 1), word("je", 1), word("leert", 1)), []kwicRow{
			{match: index.Range{Start: at("Deel", 1), End: at("leert", 1) + 5}, left: "", text: "Deel wat je leert", right: ", met anderen. Wat je leert deel je."},
		}},
		{"not across a sentence's end", hit(word("anderen", 1), word("Wat", 1)), []kwicRow{
			{match: word("anderen", 1), left: "Deel wat je leert, met ", text: "anderen", right: ". Wat je leert deel je."},
			{match: word("Wat", 1), left: "Deel wat je leert, met anderen. ", text: "Wat", right: " je leert deel je."},
		}},
		{"the label matched", hit(word("Ana", 1)), []kwicRow{
			{match: word("Ana", 1), left: "", text: "Ana", right: ": Deel wat je leert, met anderen. Wat je leert deel je."},
		}},
		{"no word matched (filters only): the passage", hit(), []kwicRow{
			{match: index.Range{Start: 105, End: 100 + len([]rune(text))}, right: "Deel wat je leert, met anderen. Wat je leert deel je."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kwicRows(tt.hit)
			if len(got) != len(tt.want) {
				t.Fatalf("%d rows %+v, want %d: %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// A long turn keeps 120 runes of context on each side, marked as cut.
func TestKWICRowsCutLongContext(t *testing.T) {
	text := strings.Repeat("a", 300) + " woord " + strings.Repeat("b", 300)
	h := index.Hit{Start: 0, End: len(text), Text: text, Matches: []index.Range{{Start: 301, End: 306}}}
	rows := kwicRows(h)
	if len(rows) != 1 {
		t.Fatalf("rows %+v", rows)
	}
	r := rows[0]
	if r.text != "woord" || r.left != "…"+strings.Repeat("a", 119)+" " || r.right != " "+strings.Repeat("b", 119)+"…" {
		t.Errorf("row %q | %q | %q", r.left, r.text, r.right)
	}
}
