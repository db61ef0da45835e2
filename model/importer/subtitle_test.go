package importer

import (
	"slices"
	"strings"
	"testing"
)

// TestSubtitlesKeepAllText checks that odd cues never lose words: the text
// is kept with the nearest turn and a note says what was odd.
func TestSubtitlesKeepAllText(t *testing.T) {
	tests := []struct {
		name, file, data string
		turns            []string
		notes            []string
	}{
		{"a cue time that does not parse", "a.srt",
			"1\n00:00:01,000 --> 00:00:02,000\nAna: Eerste zin.\n\n2\n00:00:02,500 --> 00:0x:04,000\nAna: Tweede zin.\n\n3\n00:00:05,000 --> 00:00:06,000\nBen: Derde.\n\n4\n00:00:07,000 --> 00:00:08,000\nBen: Vierde.\n",
			[]string{"Ana|Ana: Eerste zin. Tweede zin.", "Ben|Ben: Derde. Vierde."},
			[]string{"1 cue whose time does not parse (the first on line 6)"}},
		{"text after a blank line inside a voiced cue", "a.vtt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>Eerste regel\n\ntweede regel na een lege regel.\n\n00:00:04.000 --> 00:00:05.000\n<v Ben>Ja.\n",
			[]string{"Ana|Ana: Eerste regel tweede regel na een lege regel.", "Ben|Ben: Ja."},
			[]string{"1 piece of text outside any cue (the first on line 6"}},
		{"stray text between cues and before the first", "a.srt",
			"Losse kop\n\n1\n00:00:01,000 --> 00:00:02,000\nEen.\n\nverdwaald\n\n2\n00:00:03,000 --> 00:00:04,000\nTwee.\n\n3\n\n00:00:05,000 --> 00:00:06,000\nDrie.\n",
			[]string{"|Losse kop Een. verdwaald Twee. Drie."},
			[]string{"2 pieces of text outside any cue (the first on line 1"}},
		{"notes and styles are not text", "a.vtt",
			"WEBVTT\nKind: captions\n\nSTYLE\n::cue { color: red }\n\nNOTE this is a note\n\n00:00:01.000 --> 00:00:02.000\nHallo.\n",
			[]string{"|Hallo."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(tt.file, []byte(tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if got := turnSummary(doc); !slices.Equal(got, tt.turns) {
				t.Errorf("turns %q\nwant  %q", got, tt.turns)
			}
			if len(doc.Notes) != len(tt.notes) {
				t.Fatalf("notes %q, want %q", doc.Notes, tt.notes)
			}
			for i, n := range tt.notes {
				if !strings.HasPrefix(doc.Notes[i], n) || strings.Contains(doc.Notes[i], "\n") {
					t.Errorf("note %q, want one line starting %q", doc.Notes[i], n)
				}
			}
		})
	}
	// Every word of the file is in the document.
	for _, tt := range tests {
		doc, _ := ReadBytes(tt.file, []byte(tt.data), Options{})
		for _, w := range []string{"tweede", "verdwaald", "Losse", "Tweede"} {
			if strings.Contains(tt.data, w) && !strings.Contains(doc.Text, w) {
				t.Errorf("%s: %q lost", tt.name, w)
			}
		}
	}
}
