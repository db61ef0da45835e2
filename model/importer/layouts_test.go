package importer

import (
	"slices"
	"testing"
	"time"
)

// TestServiceLayouts checks the layouts transcription services and meeting
// tools write, on fixtures written for the test: speakers and turn times
// must come out, and a service's footer stays out of the last turn.
func TestServiceLayouts(t *testing.T) {
	s := time.Second
	tests := []struct {
		name, file string
		data       []byte
		turns      []string
		begins     []time.Duration // of the speaker turns; nil: not checked
	}{
		{"Otter, one space or two, trailing spaces, and its footer", "otter.txt",
			[]byte("Ana Jansen  0:02  \nHallo, welkom.\n\nBen 0:15\nDank je.\nGraag.\n\nAna Jansen 1:02:03\nTot ziens.\n\nTranscribed by https://otter.ai\n"),
			[]string{"Ana Jansen|Ana Jansen  0:02  \nHallo, welkom.", "Ben|Ben 0:15\nDank je.\nGraag.", "Ana Jansen|Ana Jansen 1:02:03\nTot ziens.", "|Transcribed by https://otter.ai"},
			[]time.Duration{2 * s, 15 * s, time.Hour + 2*time.Minute + 3*s}},
		{"Otter with unknown speakers", "otter2.txt",
			[]byte("Speaker 1  0:00\nGoedemorgen.\n\nUnknown Speaker  0:04\nMorgen.\n\nSpeaker 1  0:09\nZullen we?\n"),
			[]string{"Speaker 1|Speaker 1  0:00\nGoedemorgen.", "Unknown Speaker|Unknown Speaker  0:04\nMorgen.", "Speaker 1|Speaker 1  0:09\nZullen we?"},
			[]time.Duration{0, 4 * s, 9 * s}},
		{"time in brackets before the name", "a.txt",
			[]byte("[00:01:02] Ana: Eerste.\n[00:01:10] Ben: Tweede.\n[00:01:20] Ana: Derde.\n"),
			[]string{"Ana|[00:01:02] Ana: Eerste.", "Ben|[00:01:10] Ben: Tweede.", "Ana|[00:01:20] Ana: Derde."},
			[]time.Duration{62 * s, 70 * s, 80 * s}},
		{"time in parentheses after the name (Rev)", "a.txt",
			[]byte("Speaker 1 (00:00):\nEerste.\n\nSpeaker 2 (00:07):\nTweede.\n\nAna (01:02:03): Derde.\nBen (1:02:09): Vierde.\n"),
			[]string{"Speaker 1|Speaker 1 (00:00):\nEerste.", "Speaker 2|Speaker 2 (00:07):\nTweede.", "Ana|Ana (01:02:03): Derde.", "Ben|Ben (1:02:09): Vierde."},
			[]time.Duration{0, 7 * s, time.Hour + 2*time.Minute + 3*s, time.Hour + 2*time.Minute + 9*s}},
		{"bare time before the name", "a.txt",
			[]byte("00:00:05 Ana: Eerste.\n00:00:09 Ben: Tweede.\n00:01:00 Ana: Derde.\nOm 10:30 begon het.\n"),
			[]string{"Ana|00:00:05 Ana: Eerste.", "Ben|00:00:09 Ben: Tweede.", "Ana|00:01:00 Ana: Derde.\nOm 10:30 begon het."},
			[]time.Duration{5 * s, 9 * s, 60 * s}},
		{"bracketed name before the time", "a.txt",
			[]byte("[Ana Jansen] 00:00:05\nEerste.\n[Ben] 00:00:09\nTweede.\n[Ana Jansen] 00:00:15\nDerde.\n"),
			[]string{"Ana Jansen|[Ana Jansen] 00:00:05\nEerste.", "Ben|[Ben] 00:00:09\nTweede.", "Ana Jansen|[Ana Jansen] 00:00:15\nDerde."},
			[]time.Duration{5 * s, 9 * s, 15 * s}},
		{"Teams Word transcript", "teams.docx",
			docxOf(t, wp("Werkoverleg")+wp("1 december 2026, 10:00")+wp("Ana Jansen   0:03")+wp("Hallo allemaal.")+wp("Ben de Vries   0:09")+wp("Hoi.")+wp("Ana Jansen   1:02")+wp("Zullen we beginnen?")),
			[]string{"|Werkoverleg", "|1 december 2026, 10:00", "Ana Jansen|Ana Jansen   0:03\nHallo allemaal.", "Ben de Vries|Ben de Vries   0:09\nHoi.", "Ana Jansen|Ana Jansen   1:02\nZullen we beginnen?"},
			[]time.Duration{3 * s, 9 * s, 62 * s}},
		{"Teams Word transcript with cue times", "teams.docx",
			docxOf(t, wp("Ana Jansen   00:00:03.120 --> 00:00:05.400")+wp("Hallo allemaal.")+wp("Ben de Vries   00:00:06.000 --> 00:00:07.000")+wp("Hoi.")+wp("Ana Jansen   00:01:02.000 --> 00:01:04.500")+wp("Zullen we beginnen?")),
			[]string{"Ana Jansen|Ana Jansen   00:00:03.120 --> 00:00:05.400\nHallo allemaal.", "Ben de Vries|Ben de Vries   00:00:06.000 --> 00:00:07.000\nHoi.", "Ana Jansen|Ana Jansen   00:01:02.000 --> 00:01:04.500\nZullen we beginnen?"},
			[]time.Duration{3120 * time.Millisecond, 6 * s, 62 * s}},
		{"Stream Word transcript: time range, then the name", "stream.docx",
			docxOf(t, wp("0:0:0.0 --> 0:0:3.540")+wp("Ana Jansen")+wp("Hallo allemaal.")+wp("0:0:4.10 --> 0:0:5.0")+wp("Ben de Vries")+wp("Hoi.")+wp("0:1:2.0 --> 0:1:4.500")+wp("Ana Jansen")+wp("Zullen we beginnen?")),
			[]string{"Ana Jansen|0:0:0.0 --> 0:0:3.540\nAna Jansen\nHallo allemaal.", "Ben de Vries|0:0:4.10 --> 0:0:5.0\nBen de Vries\nHoi.", "Ana Jansen|0:1:2.0 --> 0:1:4.500\nAna Jansen\nZullen we beginnen?"},
			[]time.Duration{0, 4100 * time.Millisecond, 62 * s}},
		{"an agenda is not a transcript", "agenda.txt",
			[]byte("Opening 09:00\nWelkom door de voorzitter.\nPresentatie 09:15\nDe cijfers.\nPauze 10:00\nKoffie.\n"),
			[]string{"|Opening 09:00\nWelkom door de voorzitter.\nPresentatie 09:15\nDe cijfers.\nPauze 10:00\nKoffie."}, nil},
		{"Word table with a speaker column", "tabel.docx",
			docxOf(t, `<w:tbl>`+row("Spreker", "Tekst")+row("Interviewer", "Hoe begon het?")+row("Ana", "Met koffie.")+row("Interviewer", "En toen?")+row("Ana", "Toen bellen.")+`</w:tbl>`),
			[]string{"|Spreker\tTekst", "Interviewer|Interviewer\tHoe begon het?", "Ana|Ana\tMet koffie.", "Interviewer|Interviewer\tEn toen?", "Ana|Ana\tToen bellen."}, nil},
		{"Word table with time and speaker columns", "tabel.docx",
			docxOf(t, `<w:tbl>`+row("Tijd", "Spreker", "Tekst")+row("00:00:01", "Ana", "Eerste.")+row("00:00:04", "Ben", "Tweede.")+row("00:00:09", "Ana", "Derde.")+`</w:tbl>`),
			[]string{"|Tijd\tSpreker\tTekst", "Ana|00:00:01\tAna\tEerste.", "Ben|00:00:04\tBen\tTweede.", "Ana|00:00:09\tAna\tDerde."},
			[]time.Duration{s, 4 * s, 9 * s}},
		{"Word heading labels", "koppen.docx",
			docxOf(t, heading("Interview 4")+heading("Interviewer")+wp("Hoe begon het?")+heading("Respondent")+wp("Met koffie.")+wp("En veel praten.")+heading("Interviewer")+wp("En toen?")),
			[]string{"|Interview 4", "Interviewer|Interviewer\nHoe begon het?", "Respondent|Respondent\nMet koffie.\nEn veel praten.", "Interviewer|Interviewer\nEn toen?"}, nil},
		{"OpenDocument heading labels", "koppen.odt",
			odtOf(t, "", `<text:h text:outline-level="1">Interview 4</text:h><text:h text:outline-level="3">Interviewer</text:h><text:p>Hoe begon het?</text:p>`+
				`<text:h text:outline-level="3">Respondent</text:h><text:p>Met koffie.</text:p><text:h text:outline-level="3">Interviewer</text:h><text:p>En toen?</text:p>`),
			[]string{"|Interview 4", "Interviewer|Interviewer\nHoe begon het?", "Respondent|Respondent\nMet koffie.", "Interviewer|Interviewer\nEn toen?"}, nil},
		{"HTML heading labels", "koppen.html",
			[]byte("<html><body><h1>Interview 4</h1><h3>Interviewer</h3><p>Hoe begon het?</p><h3>Respondent</h3><p>Met koffie.</p><h3>Interviewer</h3><p>En toen?</p></body></html>"),
			[]string{"|Interview 4", "Interviewer|Interviewer\nHoe begon het?", "Respondent|Respondent\nMet koffie.", "Interviewer|Interviewer\nEn toen?"}, nil},
		{"Teams WebVTT with voices and cue ids", "teams.vtt",
			[]byte("WEBVTT\n\n6f1d3b2c-8a4e-4c1f-9d2a-1b2c3d4e5f60/12-0\n00:00:01.200 --> 00:00:03.400\n<v Ana Jansen>Hallo allemaal.</v>\n\n6f1d3b2c-8a4e-4c1f-9d2a-1b2c3d4e5f60/15-0\n00:00:04.000 --> 00:00:05.000\n<v Ben de Vries>Hoi.</v>\n"),
			[]string{"Ana Jansen|Ana Jansen: Hallo allemaal.", "Ben de Vries|Ben de Vries: Hoi."},
			[]time.Duration{1200 * time.Millisecond, 4 * s}},
		{"Zoom WebVTT with name prefixes", "zoom.vtt",
			[]byte("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAna Jansen: Hallo allemaal.\n\n2\n00:00:04.000 --> 00:00:05.000\nBen de Vries: Hoi.\n\n3\n00:00:06.000 --> 00:00:07.000\nAna Jansen: Beginnen?\n\n4\n00:00:08.000 --> 00:00:09.000\nBen de Vries: Ja.\n\n5\n00:00:10.000 --> 00:00:11.000\nCor: Mag ik ook?\n"),
			[]string{"Ana Jansen|Ana Jansen: Hallo allemaal.", "Ben de Vries|Ben de Vries: Hoi.", "Ana Jansen|Ana Jansen: Beginnen?", "Ben de Vries|Ben de Vries: Ja.", "Cor|Cor: Mag ik ook?"},
			[]time.Duration{s, 4 * s, 6 * s, 8 * s, 10 * s}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(tt.file, tt.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if got := turnSummary(doc); !slices.Equal(got, tt.turns) {
				t.Errorf("turns %q\nwant  %q", got, tt.turns)
			}
			if tt.begins == nil {
				return
			}
			var begins []time.Duration
			for _, tr := range doc.Turns {
				if tr.Speaker == "" {
					continue
				}
				if !tr.HasTime {
					t.Errorf("turn of %s has no time", tr.Speaker)
				}
				begins = append(begins, tr.Begin)
			}
			if !slices.Equal(begins, tt.begins) {
				t.Errorf("turn times %v, want %v", begins, tt.begins)
			}
		})
	}
}

// row writes a Word table row of plain cells.
func row(cells ...string) string {
	s := "<w:tr>"
	for _, c := range cells {
		s += "<w:tc>" + wp(c) + "</w:tc>"
	}
	return s + "</w:tr>"
}

// heading writes a Word paragraph in the Heading 3 style.
func heading(text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="Heading3"/><w:rPr><w:b/></w:rPr></w:pPr>` + wp(text)[len("<w:p>"):]
}
