package importer

import (
	"slices"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

func TestMarkdownSpeakers(t *testing.T) {
	tests := []struct {
		name  string
		md    string
		turns []string
		attrs []model.Attribute
	}{
		{"heading labels, with and without a blank line",
			"# Transcript\n\n### Interviewer\n\nDat klopt, toch?\n\n### Respondent 2\nJa, *zeker*.\n\nEn nog iets.\n\n### Interviewer\nEn verder?\n",
			[]string{"|Transcript", "Interviewer|Interviewer\nDat klopt, toch?", "Respondent 2|Respondent 2\nJa, zeker.\nEn nog iets.", "Interviewer|Interviewer\nEn verder?"},
			[]model.Attribute{{Key: "title", Value: "Transcript"}}},
		{"turns glued to heading labels",
			"## Interviewer\nHoe ziet u de toekomst?\n\n## Respondent\nGoed.\n\n### InterviewerToekomst is een groot woord.\n\n### Respondent\"Groot\", zegt u?\n",
			[]string{"Interviewer|Interviewer\nHoe ziet u de toekomst?", "Respondent|Respondent\nGoed.", "Interviewer|Interviewer\nToekomst is een groot woord.", "Respondent|Respondent\n\"Groot\", zegt u?"}, nil},
		{"glued to a name that heads other turns",
			"### Mila\nHallo.\n\n### Joost\nDag.\n\n### MilaWat doe je?\n\n### Joost\nNiets.\n",
			[]string{"Mila|Mila\nHallo.", "Joost|Joost\nDag.", "Mila|Mila\nWat doe je?", "Joost|Joost\nNiets."}, nil},
		{"bold labels without a colon",
			"**Interviewer** Dat klopt.\n**Ana** Ja, __echt__ waar.\n\n**Interviewer** Echt?\n**Ana** Ja.\n",
			[]string{"Interviewer|Interviewer Dat klopt.", "Ana|Ana Ja, echt waar.", "Interviewer|Interviewer Echt?", "Ana|Ana Ja."}, nil},
		{"bold labels with the colon inside or outside",
			"**Interviewer:** Hoe begon het?\n\n**Ana**: Met koffie.\n\n- **Interviewer:** En toen?\n- **Ana**: Toen bellen.\n",
			[]string{"Interviewer|Interviewer: Hoe begon het?", "Ana|Ana: Met koffie.", "Interviewer|Interviewer: En toen?", "Ana|Ana: Toen bellen."}, nil},
		{"front matter and a header line",
			"---\ntitle: \"Interview 3\"\ndate: 2024-03-01\nparticipant: P3\ntags: [zorg, werk]\n---\n\n**Duur:** 45 min\n\n**I:** Welkom.\n\n**P3:** Dank je.\n\n**I:** Zullen we?\n\n**P3:** Ja.\n",
			[]string{"|Duur: 45 min", "I|I: Welkom.", "P3|P3: Dank je.", "I|I: Zullen we?", "P3|P3: Ja."},
			[]model.Attribute{{Key: "title", Value: "Interview 3"}, {Key: "date", Value: "2024-03-01"}, {Key: "interviewee", Value: "P3"}, {Key: "duration", Value: "45 min"}}},
		{"headings that are not speakers",
			"# Verslag\n\n## Inleiding\n\nWe spraken over *werk*.\n\n## Slot\n\nDat was het.\n",
			[]string{"|Verslag", "|Inleiding", "|We spraken over werk.", "|Slot", "|Dat was het."},
			[]model.Attribute{{Key: "title", Value: "Verslag"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes("t.md", []byte(tt.md), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if got := turnSummary(doc); !slices.Equal(got, tt.turns) {
				t.Errorf("turns %q\nwant  %q", got, tt.turns)
			}
			if !slices.Equal(doc.Attributes, tt.attrs) {
				t.Errorf("attributes %v, want %v", doc.Attributes, tt.attrs)
			}
			for _, tr := range doc.Turns {
				if text := turnText(doc, tr); tr.Speaker != "" && !strings.HasPrefix(text, tr.Speaker) {
					t.Errorf("turn %q does not start with its label %q, so quotes would keep it", text, tr.Speaker)
				}
			}
		})
	}
}

// TestMarkdownRendered checks that markup is structure, not text: the text
// is what a reader of the rendered file sees.
func TestMarkdownRendered(t *testing.T) {
	tests := []struct{ name, md, text string }{
		{"emphasis", "Dit is *schuin*, **vet**, ***beide***, _ook_ en ~~weg~~ maar snake_case_naam en 2 * 3 * 4 blijven.", "Dit is schuin, vet, beide, ook en weg maar snake_case_naam en 2 * 3 * 4 blijven."},
		{"links, images, code and escapes", "Zie [de site](https://x.nl \"titel\") en ![een foto](a.png), `code *niet*`, \\*sterretje\\* en <https://y.nl>.", "Zie de site en een foto, code *niet*, *sterretje* en https://y.nl."},
		{"lists and quotes", "- een\n* twee\n+ [x] drie\n1. vier\n> geciteerd\n> > dubbel", "een\ntwee\ndrie\n1. vier\ngeciteerd\ndubbel"},
		{"breaks, fences, tables and definitions", "regel een  \nregel twee\\\nregel drie\n\n***\n\n```go\nx := *y*\n```\n\n| Wie | Wat |\n|-----|:---:|\n| Ana | ja |\n\n[1]: https://x.nl\n<!-- notitie -->Zichtbaar", "regel een\nregel twee\nregel drie\nx := *y*\nWie\tWat\nAna\tja\nZichtbaar"},
		{"brackets that are not links stay text", "[Ana]: Ja.\n[Ben]: Nee.\n[lacht][onverstaanbaar] (zacht) [zie][1] en [2]\n\n[1]: https://x.nl", "[Ana]: Ja.\n[Ben]: Nee.\n[lacht][onverstaanbaar] (zacht) zie en [2]"},
		{"bars outside tables are text", "Ana: ja | nee | misschien\nBen: | ook |", "Ana: ja | nee | misschien\nBen: | ook |"},
		{"setext headings", "Titel\n=====\n\nOndertitel\n---\n\ntekst", "Titel\nOndertitel\ntekst"},
		{"exact characters", exact, exact},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes("t.markdown", []byte(tt.md), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Text != tt.text || doc.Format != "md" {
				t.Errorf("text %q (%s)\nwant %q", doc.Text, doc.Format, tt.text)
			}
		})
	}
	// Only markup is no text.
	if _, err := ReadBytes("t.md", []byte("---\n\n***\n<!-- x -->\n"), Options{}); err == nil {
		t.Error("markup without text imported")
	}
}
