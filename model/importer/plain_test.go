package importer

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"codeberg.org/verbatim/verbatim/model"
	"golang.org/x/text/encoding/charmap"
)

// turnSummary lists each turn as "speaker|text" for comparisons.
func turnSummary(doc model.NewDocument) []string {
	var out []string
	for _, tr := range doc.Turns {
		out = append(out, tr.Speaker+"|"+turnText(doc, tr))
	}
	return out
}

func TestPlainSpeakers(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		opts  Options
		turns []string
	}{
		{"colon labels", "Ana: Hi.\nBen: Hello.\nAna: Bye.\nBen: Ok.",
			Options{}, []string{"Ana|Ana: Hi.", "Ben|Ben: Hello.", "Ana|Ana: Bye.", "Ben|Ben: Ok."}},
		{"a label once is no speaker", "Ana: Hi.\nBen: Hello.\nAna: Bye.",
			Options{}, []string{"Ana|Ana: Hi.\nBen: Hello.", "Ana|Ana: Bye."}},
		{"a known speaker once is", "Ana: Hi.\nBen: Hello.\nAna: Bye.",
			Options{Speakers: []string{"Ben"}}, []string{"Ana|Ana: Hi.", "Ben|Ben: Hello.", "Ana|Ana: Bye."}},
		{"upper case labels", "ANA: Hi.\nBEN: Hello.\nANA: Bye.\nBEN: Bye.",
			Options{}, []string{"ANA|ANA: Hi.", "BEN|BEN: Hello.", "ANA|ANA: Bye.", "BEN|BEN: Bye."}},
		{"bracket labels", "[Ana] Hi.\n\n[Ben] Hello.\n\n[Ana] Bye.\n\n[Ben] Ok.",
			Options{}, []string{"Ana|[Ana] Hi.", "Ben|[Ben] Hello.", "Ana|[Ana] Bye.", "Ben|[Ben] Ok."}},
		{"header becomes paragraphs", "Interview 3\n\nAna: Hi.\nBen: Hello.\nAna: Bye.\nBen: Ok.",
			Options{}, []string{"|Interview 3", "Ana|Ana: Hi.", "Ben|Ben: Hello.", "Ana|Ana: Bye.", "Ben|Ben: Ok."}},
		{"hard-wrapped turns", "Ana:   First line\nwraps here.\n\nBen:   Yes\nindeed.\n\nAna:   Ok.\n\nBen:   Fine.",
			Options{}, []string{"Ana|Ana:   First line\nwraps here.", "Ben|Ben:   Yes\nindeed.", "Ana|Ana:   Ok.", "Ben|Ben:   Fine."}},
		{"not a speaker once", "We have three points.\nPunt twee: dit is geen spreker.\nAnd more prose.",
			Options{}, []string{"|We have three points.\nPunt twee: dit is geen spreker.\nAnd more prose."}},
		{"points in prose stay prose",
			"Intro text that runs on for a while and is long enough to be a paragraph of its own here, really long.\nPunt een: eerste.\nPunt twee: tweede.\nPunt drie: derde.",
			Options{}, []string{
				"|Intro text that runs on for a while and is long enough to be a paragraph of its own here, really long.",
				"|Punt een: eerste.", "|Punt twee: tweede.", "|Punt drie: derde."}},
		{"known speaker once", "Some intro.\n\nJohanna: only once.",
			Options{Speakers: []string{"johanna", "Piet"}}, nil},
		{"single recurring speaker in prose is not enough",
			"Para one is here.\n\nNote: first.\n\nPara two.\n\nPara three.\n\nPara four.\n\nPara five.\n\nPara six.\n\nPara seven.\n\nPara eight.\n\nPara nine.\n\nPara ten.\n\nPara eleven.\n\nNote: second.",
			Options{}, nil},
		{"overlap split", "S01: [00:00:12] Hallo. //S02: Ja. // Weiter.\nS02: [00:00:20] Gut.",
			Options{}, []string{"S01|S01: [00:00:12] Hallo.", "S02|//S02: Ja. //", "S01|Weiter.", "S02|S02: [00:00:20] Gut."}},
		{"markdown labels", "# Interview\n\n**Ana:** Hi.\n\n**Ben:** Hello.\n\n**Ana:** Bye.\n\n**Ben:** Bye.",
			Options{}, []string{"|# Interview", "Ana|**Ana:** Hi.", "Ben|**Ben:** Hello.", "Ana|**Ana:** Bye.", "Ben|**Ben:** Bye."}},
		{"paragraphs without speakers", "First paragraph\nstill first.\n\nSecond.\n\n\nThird.",
			Options{}, []string{"|First paragraph\nstill first.", "|Second.", "|Third."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes("t.txt", []byte(tt.text), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			got := turnSummary(doc)
			switch tt.name {
			case "known speaker once":
				if s := speakerSet(doc); !s["Johanna"] {
					t.Errorf("speakers %v, want Johanna (a known speaker)", s)
				}
				return
			case "single recurring speaker in prose is not enough":
				if s := speakerSet(doc); len(s) != 0 {
					t.Errorf("speakers %v, want none", s)
				}
				return
			}
			if !slices.Equal(got, tt.turns) {
				t.Errorf("turns:\n got %q\nwant %q", got, tt.turns)
			}
		})
	}
}

func TestPlainTimes(t *testing.T) {
	doc, err := ReadBytes("t.txt", []byte("Ana [00:01:02]: Hi.\nBen [00:01:10]: Hello.\nAna [00:02:00]: Bye.\nBen: Ok."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.NewTurn{
		{Start: 0, End: 19, Speaker: "Ana", Begin: 62 * time.Second, Until: 70 * time.Second, HasTime: true},
		{Start: 20, End: 42, Speaker: "Ben", Begin: 70 * time.Second, Until: 120 * time.Second, HasTime: true},
		{Start: 43, End: 63, Speaker: "Ana", Begin: 120 * time.Second, Until: 120 * time.Second, HasTime: true},
		{Start: 64, End: 72, Speaker: "Ben"},
	}
	if !slices.Equal(doc.Turns, want) {
		t.Errorf("turns = %+v\nwant %+v", doc.Turns, want)
	}
}

// TestRuneOffsets checks that turn positions count runes, not bytes.
func TestRuneOffsets(t *testing.T) {
	text := "Zoë: Één café € “ja” 🙂.\nBen: Oké.\nZoë: Dág.\nBen: Ja."
	doc, err := ReadBytes("t.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Zoë|Zoë: Één café € “ja” 🙂.", "Ben|Ben: Oké.", "Zoë|Zoë: Dág.", "Ben|Ben: Ja."}
	if got := turnSummary(doc); !slices.Equal(got, want) {
		t.Errorf("turns %q, want %q", got, want)
	}
	if doc.Turns[1].Start != 24 {
		t.Errorf("second turn starts at %d, want rune 24", doc.Turns[1].Start)
	}
}

// exact holds the characters that must survive every format exactly.
const exact = "Café Noël: ‘coöperatie’ – “quote” € 200 naïve"

func TestPlainEncodings(t *testing.T) {
	cp1252, err := charmap.Windows1252.NewEncoder().String(exact)
	if err != nil {
		t.Fatal(err)
	}
	latin1 := "Café Noël, naïve, über"
	latin1Bytes, err := charmap.ISO8859_1.NewEncoder().String(latin1)
	if err != nil {
		t.Fatal(err)
	}
	utf16le, utf16be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	bare16be := []byte{}
	for _, u := range utf16.Encode([]rune(exact)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
		utf16be = append(utf16be, byte(u>>8), byte(u))
		bare16be = append(bare16be, byte(u>>8), byte(u))
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte(exact), exact},
		{"utf-8 with bom", append([]byte("\xEF\xBB\xBF"), exact...), exact},
		{"utf-16le with bom", utf16le, exact},
		{"utf-16be with bom", utf16be, exact},
		{"utf-16be without bom", bare16be, exact},
		{"windows-1252", []byte(cp1252), exact},
		{"latin-1", []byte(latin1Bytes), latin1},
		{"crlf", []byte("one\r\ntwo\rthree\n"), "one\ntwo\nthree\n"},
		{"nul and controls dropped", []byte("a\x00bc\x01 and a longer line of text\tafter a tab"), "abc and a longer line of text\tafter a tab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes("t.txt", tt.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Text != tt.want {
				t.Errorf("text = %q, want %q", doc.Text, tt.want)
			}
		})
	}
}

func TestPlainLimits(t *testing.T) {
	_, err := ReadBytes("big.txt", []byte(strings.Repeat("word ", 1000)), Options{MaxTextBytes: 1000})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
	_, err = ReadBytes("blank.txt", []byte(" \n\t\n"), Options{})
	if !errors.Is(err, ErrNoText) {
		t.Errorf("err = %v, want ErrNoText", err)
	}
}
