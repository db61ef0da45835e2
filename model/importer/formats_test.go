package importer

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

func TestDocx(t *testing.T) {
	bold := func(s string) string {
		return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + xmlEscape(s) + `</w:t></w:r>`
	}
	plain := func(s string) string { return `<w:r><w:t xml:space="preserve">` + xmlEscape(s) + `</w:t></w:r>` }
	tests := []struct {
		name  string
		body  string
		text  string
		turns []string
	}{
		{"exact characters", wp(exact), exact, []string{"|" + exact}},
		{"runs, tabs and breaks",
			`<w:p><w:r><w:t>one</w:t><w:tab/><w:t>two</w:t><w:br/><w:t>three</w:t></w:r></w:p>`,
			"one\ttwo\nthree", []string{"|one\ttwo\nthree"}},
		{"tracked changes",
			`<w:p><w:r><w:t xml:space="preserve">kept </w:t></w:r><w:ins><w:r><w:t>inserted</w:t></w:r></w:ins><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>`,
			"kept inserted", []string{"|kept inserted"}},
		{"field codes and fallbacks",
			`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve"> box</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>box again</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>`,
			"3 box", []string{"|3 box"}},
		{"table",
			`<w:tbl><w:tr><w:tc>` + wp("a") + `</w:tc><w:tc>` + wp("b") + wp("c") + `</w:tc></w:tr><w:tr><w:tc>` + wp("d") + `</w:tc><w:tc>` + wp("e") + `</w:tc></w:tr></w:tbl>` + wp("after"),
			"a\tb c\nd\te\nafter", []string{"|a\tb c", "|d\te", "|after"}},
		{"bold labels without colons",
			`<w:p>` + bold("Ana") + plain("\tHello there.") + `</w:p><w:p>` + bold("Ben") + plain("\tHi.") + `</w:p>` +
				`<w:p>` + bold("Ana") + plain(" Bye.") + `</w:p><w:p>` + bold("A heading only") + `</w:p><w:p>` + bold("Ben:") + plain(" Ok.") + `</w:p>`,
			"Ana\tHello there.\nBen\tHi.\nAna Bye.\nA heading only\nBen: Ok.",
			[]string{"Ana|Ana\tHello there.", "Ben|Ben\tHi.", "Ana|Ana Bye.\nA heading only", "Ben|Ben: Ok."}},
		{"paragraph properties are not text",
			`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr>` + plain("Researcher 1: question") + `</w:p>` + wp("Ana: answer") + wp("Researcher 1: more") + wp("Ana: yes"),
			"Researcher 1: question\nAna: answer\nResearcher 1: more\nAna: yes",
			[]string{"Researcher 1|Researcher 1: question", "Ana|Ana: answer", "Researcher 1|Researcher 1: more", "Ana|Ana: yes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes("t.docx", docxOf(t, tt.body), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Text != tt.text || doc.Format != "docx" {
				t.Errorf("text = %q (%s), want %q", doc.Text, doc.Format, tt.text)
			}
			if got := turnSummary(doc); !slices.Equal(got, tt.turns) {
				t.Errorf("turns %q, want %q", got, tt.turns)
			}
		})
	}
}

func TestODT(t *testing.T) {
	styles := `<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>`
	body := `<text:h text:outline-level="1">Interview</text:h>` +
		`<text:p><text:span text:style-name="T1">Ana</text:span> ` + xmlEscape(exact) + `</text:p>` +
		`<text:p><text:span text:style-name="T1">Ben</text:span> two<text:s text:c="3"/>spaces<text:tab/>tab<text:line-break/>line<text:note><text:note-body><text:p>footnote</text:p></text:note-body></text:note></text:p>` +
		`<text:p><text:span text:style-name="T1">Ana</text:span> again</text:p>` +
		`<text:p><text:span text:style-name="T1">Ben</text:span> too</text:p>` +
		`<table:table><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell><table:table-cell><text:p>y</text:p></table:table-cell></table:table-row></table:table>`
	doc, err := ReadBytes("t.odt", odtOf(t, styles, body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	want := "Interview\nAna " + exact + "\nBen two   spaces\ttab\nline\nAna again\nBen too\nx\ty"
	if doc.Text != want {
		t.Errorf("text = %q\nwant %q", doc.Text, want)
	}
	if got := sortedKeys(speakerSet(doc)); !slices.Equal(got, []string{"Ana", "Ben"}) {
		t.Errorf("speakers = %q, want Ana and Ben from bold labels", got)
	}
}

func TestHTML(t *testing.T) {
	cp1252, _ := charmap.Windows1252.NewEncoder().String(exact)
	tests := []struct {
		name, data, want string
	}{
		{"utf-8", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title><style>p{}</style></head><body><p>` + exact + `</p><script>var x = 1;</script></body></html>`, exact},
		{"windows-1252 by meta", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>` + cp1252 + `</p></body></html>`, exact},
		{"entities, breaks and blocks", `<html><body><h1>Title</h1><p>one&nbsp;&amp;
  two<br>three</p><ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table></body></html>`, "Title\none & two\nthree\na\nb\nc\td"},
		{"old Word html", `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]--></head>
<body lang=NL><div class=WordSection1><p class=MsoNormal><b><span style='font-size:12.0pt'>Ana:</span></b><span> Hallo<o:p></o:p></span></p>
<p class=MsoNormal><b>Ben:</b> Dag</p><p class=MsoNormal><b>Ana:</b> Tot ziens</p><p class=MsoNormal><b>Ben:</b> Doei</p></div></body></html>`, "Ana: Hallo\nBen: Dag\nAna: Tot ziens\nBen: Doei"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes("t.html", []byte(tt.data), Options{})
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

func TestRTF(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"LibreOffice unicode", `{\rtf1\ansi\deff0\adeflang1025{\fonttbl{\f0\froman\fprq2\fcharset0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}{\info{\title Nope}}` +
			`\pard\plain Caf\u233\'e9 No\u235\'ebl: \u8216\'91co\u246\'f6peratie\u8217\'92 \u8211\'96 \u8220\'93quote\u8221\'94 \u8364\'80 200 na\u239\'efve\par}`, exact},
		{"WordPad cp1252", `{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Calibri;}}\viewkind4\uc1\pard\f0\fs22 Caf\'e9 No\'ebl: \'91co\'f6peratie\'92 \'96 \'93quote\'94 \'80 200 na\'efve\par}`, exact},
		{"code page of a font", `{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}{\f1\fcharset238 Arial CE;}}\f1 \'9alo\'9e\f0  caf\'e9\par}`, "šlož café"},
		{"paragraphs, tabs, tables, skipped groups", `{\rtf1\ansi{\*\generator X;}one\tab two\line three\par{\header skipped}\trowd\intbl a\cell b\cell\row after\par}`, "one\ttwo\nthree\na\tb\nafter"},
		{"bold labels", `{\rtf1\ansi{\b Ana:}\b0  hi\par{\b Ben:} yo\par{\b Ana:} bye\par{\b Ben:} ok\par}`, "Ana: hi\nBen: yo\nAna: bye\nBen: ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes("t.rtf", []byte(tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Text != tt.want || doc.Format != "rtf" {
				t.Errorf("text = %q (%s), want %q", doc.Text, doc.Format, tt.want)
			}
		})
	}
}

func TestSubtitles(t *testing.T) {
	vtt := "WEBVTT\n\nNOTE a comment\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Ana>Hello, this is\na sentence\n\n2\n00:00:03.000 --> 00:00:05.000 align:start\n<v Ana>that goes on.</v>\n\n" +
		"3\n00:00:06.000 --> 00:00:07.500\n<v.loud Ben:><i>Yes</i> &amp; " + exact + "\n\n4\n00:00:08.000 --> 00:00:09.000\n<v Ana>Okay.\n"
	srt := "\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nAna: Hello\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\n<i>Ben: Hi</i>\r\n\r\n3\r\n00:00:05,000 --> 00:00:06,000\r\nAna: Bye\r\n\r\n4\r\n00:00:06,000 --> 00:00:07,000\r\nBen: Ok\r\n"
	srt1252, _ := charmap.Windows1252.NewEncoder().String("1\n00:00:01,000 --> 00:00:02,000\n" + exact + "\n")
	tests := []struct {
		name, file, data string
		turns            []string
		times            []time.Duration
	}{
		{"webvtt voices", "t.vtt", vtt,
			[]string{"Ana|Ana: Hello, this is a sentence that goes on.", "Ben|Ben: Yes & " + exact, "Ana|Ana: Okay."},
			[]time.Duration{1 * time.Second, 5 * time.Second, 6 * time.Second, 7500 * time.Millisecond, 8 * time.Second, 9 * time.Second}},
		{"srt name prefixes", "t.srt", srt,
			[]string{"Ana|Ana: Hello", "Ben|Ben: Hi", "Ana|Ana: Bye", "Ben|Ben: Ok"},
			[]time.Duration{1 * time.Second, 2 * time.Second, 2500 * time.Millisecond, 4 * time.Second, 5 * time.Second, 6 * time.Second, 6 * time.Second, 7 * time.Second}},
		{"srt in windows-1252", "t.srt", srt1252, []string{"|" + exact}, nil},
		{"srt sniffed without extension", "captions", srt,
			[]string{"Ana|Ana: Hello", "Ben|Ben: Hi", "Ana|Ana: Bye", "Ben|Ben: Ok"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(tt.file, []byte(tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if got := turnSummary(doc); !slices.Equal(got, tt.turns) {
				t.Errorf("turns %q\nwant %q", got, tt.turns)
			}
			var times []time.Duration
			for _, tr := range doc.Turns {
				if !tr.HasTime {
					t.Errorf("turn %+v has no time", tr)
				}
				times = append(times, tr.Begin, tr.Until)
			}
			if tt.times != nil && !slices.Equal(times, tt.times) {
				t.Errorf("times %v, want %v", times, tt.times)
			}
		})
	}
}

// TestExactCharactersCorpus checks typographic characters in real files.
func TestExactCharactersCorpus(t *testing.T) {
	tests := []struct{ file, want string }{
		{"en/sheffield_orda/Ana.docx", "’"},
		{"en/sheffield_orda/Ana.txt", "’"},
		{"en/qualcoder_ID1.docx", "€"},
		{"en/qualcoder_ID2.odt", "€"},
		{"de/noscribe/interview.vtt", "Gespräch"},
		{"de/noscribe/interview.html", "Gespräch"},
	}
	for _, tt := range tests {
		if doc := readCorpus(t, tt.file); !strings.Contains(doc.Text, tt.want) {
			t.Errorf("%s: text lacks %q", tt.file, tt.want)
		}
	}
}
