package importer

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

func TestCorpus(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		speakers []string // all speakers, sorted; nil for none
		attrs    []model.Attribute
		contains []string
	}{
		{"en/sheffield_orda/Ana.txt", "txt", []string{"Ana", "Researcher 1"},
			[]model.Attribute{{Key: "date", Value: "12-May-2023"}, {Key: "time", Value: "10:36"}, {Key: "duration", Value: "1h09m31s"}},
			[]string{"it’s relation with documents", "– Ana"}},
		{"en/sheffield_orda/Ana.docx", "docx", []string{"Ana", "Researcher 1"},
			[]model.Attribute{{Key: "date", Value: "12-May-2023"}, {Key: "time", Value: "10:36"}, {Key: "duration", Value: "1h09m31s"}},
			[]string{"it’s relation with documents"}},
		{"en/sheffield_orda/David.txt", "txt", []string{"David", "Researcher 1"}, nil, nil},
		{"en/sheffield_orda/David.docx", "docx", []string{"David", "Researcher 1"}, nil, nil},
		{"en/sheffield_orda/Kelly.docx", "docx", []string{"Kelly", "Researcher 1"},
			[]model.Attribute{{Key: "date", Value: "29-Mar-2023"}, {Key: "time", Value: "14:04"}, {Key: "duration", Value: "45m05s"}}, nil},
		{"en/sheffield_orda/Peter.txt", "txt", []string{"Peter", "Researcher 1"}, nil, nil},
		{"en/sheffield_orda/Readme - Interviews.docx", "docx", nil, nil, []string{"Fostering cultures of open qualitative research"}},
		{"en/cproctor_qc/admin-1.txt", "txt", []string{"Max Bigman", "admin-1"}, nil, []string{"[Pallis \n00:00:52]"}},
		{"en/cproctor_qc/board_2017.txt", "txt", nil, nil, nil},
		{"en/qualcoder_transcript.txt", "txt", []string{"id1", "id2", "id3"}, nil, nil},
		{"en/qualcoder_ID1.docx", "docx", nil, nil, []string{"€200"}},
		{"en/qualcoder_ID2.odt", "odt", nil, nil, []string{"€200.00"}},
		{"en/fossda/bruce-perens.vtt", "vtt", []string{"Bruce Perens", "Heather Meeker"}, nil, nil},
		{"en/fossda/roger-dannenberg.vtt", "vtt", []string{"Heather Meeker", "Roger Dannenberg"}, nil, nil},
		{"en/fossda/introduction-to-fossda.vtt", "vtt", []string{"Heather Meeker"}, nil, nil},
		{"de/noscribe/interview.txt", "txt", []string{"S00", "S01", "S02"}, nil, []string{"Körting", "Hörspiel-Königing"}},
		{"de/noscribe/interview.html", "html", []string{"S00", "S01", "S02"}, nil, []string{"Körting"}},
		{"de/noscribe/interview.vtt", "vtt", []string{"S00", "S01", "S02"}, nil, []string{"Körting"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readCorpus(t, tt.file)
			if doc.Format != tt.format {
				t.Errorf("format = %q, want %q", doc.Format, tt.format)
			}
			if len(doc.Turns) == 0 {
				t.Fatalf("no turns")
			}
			if tt.speakers != nil {
				got := sortedKeys(speakerSet(doc))
				if !slices.Equal(got, tt.speakers) {
					t.Errorf("speakers = %q, want %q", got, tt.speakers)
				}
			}
			if tt.attrs != nil && !slices.Equal(doc.Attributes, tt.attrs) {
				t.Errorf("attributes = %v, want %v", doc.Attributes, tt.attrs)
			}
			for _, s := range tt.contains {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
		})
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestCorpusTurnsIncludeLabels checks that every speaker turn of a text
// transcript starts with its own label.
func TestCorpusTurnsIncludeLabels(t *testing.T) {
	for _, name := range []string{"en/sheffield_orda/Ana.txt", "en/sheffield_orda/Ana.docx", "en/cproctor_qc/admin-1.txt", "en/fossda/bruce-perens.vtt"} {
		t.Run(name, func(t *testing.T) {
			doc := readCorpus(t, name)
			for _, tr := range doc.Turns {
				if tr.Speaker == "" {
					continue
				}
				if text := turnText(doc, tr); !strings.HasPrefix(text, tr.Speaker+":") {
					t.Fatalf("turn %q does not start with its label %q", text[:min(len(text), 40)], tr.Speaker)
				}
			}
		})
	}
}

// TestSheffieldPairs checks that a Word document and the plain text of the
// same interview import to the same text and speakers.
func TestSheffieldPairs(t *testing.T) {
	for _, name := range []string{"Ana", "David"} {
		t.Run(name, func(t *testing.T) {
			docx := readCorpus(t, "en/sheffield_orda/"+name+".docx")
			txt := readCorpus(t, "en/sheffield_orda/"+name+".txt")
			a, b := []rune(normalizeSpace(docx.Text)), []rune(normalizeSpace(txt.Text))
			if sim := similarity(a, b); sim < 0.995 {
				t.Errorf("docx and txt text are %.4f alike, want at least 0.995", sim)
			} else {
				t.Logf("docx and txt text are %.4f alike", sim)
			}
			if got, want := sortedKeys(speakerSet(docx)), sortedKeys(speakerSet(txt)); !slices.Equal(got, want) {
				t.Errorf("docx speakers %q, txt speakers %q", got, want)
			}
			if len(docx.Turns) != len(txt.Turns) {
				t.Errorf("docx has %d turns, txt %d", len(docx.Turns), len(txt.Turns))
			}
		})
	}
}

var (
	stampPattern = regexp.MustCompile(`\[\d\d:\d\d:\d\d\]`)
	wordPattern  = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// spokenWords returns the lower-cased words said in a document's speaker
// turns, without labels and time stamps.
func spokenWords(doc model.NewDocument) []string {
	var words []string
	for _, tr := range doc.Turns {
		if tr.Speaker == "" {
			continue
		}
		text := turnText(doc, tr)
		text = strings.TrimPrefix(strings.TrimPrefix(text, "//"), tr.Speaker+":")
		text = stampPattern.ReplaceAllString(text, "")
		for _, w := range wordPattern.FindAllString(text, -1) {
			words = append(words, strings.ToLower(w))
		}
	}
	return words
}

// TestNoScribeFormats checks that noScribe's txt, html and vtt output of one
// interview yield the same speakers and the same words.
func TestNoScribeFormats(t *testing.T) {
	txt := readCorpus(t, "de/noscribe/interview.txt")
	want := sortedKeys(speakerSet(txt))
	words := spokenWords(txt)
	for _, name := range []string{"de/noscribe/interview.html", "de/noscribe/interview.vtt"} {
		doc := readCorpus(t, name)
		if got := sortedKeys(speakerSet(doc)); !slices.Equal(got, want) {
			t.Errorf("%s: speakers %q, want %q as in the txt", name, got, want)
		}
		if sim := similarity(spokenWords(doc), words); sim < 0.99 {
			t.Errorf("%s: words %.4f alike to the txt, want at least 0.99", name, sim)
		} else {
			t.Logf("%s: words %.4f alike to the txt", name, sim)
		}
	}
}

// TestFOSSDATurns checks that the FOSSDA interviews come out as whole turns
// of the interviewer and the interviewee, not as cues cut mid-sentence.
func TestFOSSDATurns(t *testing.T) {
	tests := []struct{ file, interviewer, interviewee string }{
		{"en/fossda/bruce-perens.vtt", "Heather Meeker", "Bruce Perens"},
		{"en/fossda/roger-dannenberg.vtt", "Heather Meeker", "Roger Dannenberg"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readCorpus(t, tt.file)
			counts := map[string]int{}
			for i, tr := range doc.Turns {
				counts[tr.Speaker]++
				if !tr.HasTime || tr.Until < tr.Begin {
					t.Errorf("turn %d has no valid time: %v–%v", i, tr.Begin, tr.Until)
				}
				if i > 0 && doc.Turns[i-1].Speaker == tr.Speaker {
					t.Errorf("turns %d and %d are both %s: cues not merged", i-1, i, tr.Speaker)
				}
				if text := turnText(doc, tr); !endsSentence(text) {
					t.Errorf("turn %d ends mid-sentence: …%s", i, text[max(0, len(text)-60):])
				}
			}
			if counts[tt.interviewer] < 5 || counts[tt.interviewee] < 5 {
				t.Errorf("turns per speaker = %v, want several for %s and %s", counts, tt.interviewer, tt.interviewee)
			}
		})
	}
}
