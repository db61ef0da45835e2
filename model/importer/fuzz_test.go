package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// corpusSeeds returns the corpus files with the given extension, or none
// when the corpus is absent: fuzz seeds are welcome, not required.
func corpusSeeds(ext string) [][]byte {
	var seeds [][]byte
	_ = filepath.WalkDir(corpusDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ext {
			if data, err := os.ReadFile(path); err == nil {
				seeds = append(seeds, data)
			}
		}
		return nil
	})
	return seeds
}

// checkResult checks a parser's result: a valid document, or an error that
// matches one of the sentinels.
func checkResult(t *testing.T, doc model.NewDocument, err error) {
	t.Helper()
	if err != nil {
		for _, s := range []error{ErrEmpty, ErrUnsupported, ErrDamaged, ErrEncrypted, ErrTooLarge, ErrNoText} {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("error %v matches no sentinel", err)
	}
	checkDocument(t, doc)
}

// fuzzOpts keeps fuzzing fast: small limits exercise the limit paths too.
var fuzzOpts = Options{MaxTextBytes: 1 << 20, CacheDir: pdfOptions().CacheDir}

func fuzzReader(f *testing.F, ext string, read reader, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	for _, s := range corpusSeeds(ext) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := read(data, fuzzOpts)
		checkResult(t, doc, err)
	})
}

func FuzzPlain(f *testing.F) {
	fuzzReader(f, ".txt", readPlain,
		[]byte("Ana: hi\nBen [00:01:02]: yo\nAna: bye\n//S02: x //"),
		[]byte("\xff\xfeA\x00:\x00 \x00h\x00"), []byte("[id1] a\r\n[id1] b\r"), []byte("**A:** x\n\n**A:** y"))
}

func FuzzDocx(f *testing.F) {
	fuzzReader(f, ".docx", readDocx,
		docxOf(f, wp("Ana: hi")+wp("Ana: yo")+`<w:tbl><w:tr><w:tc>`+wp("a")+`</w:tc></w:tr></w:tbl>`),
		docxOf(f, `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Ana</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p>`),
		docxOf(f, heading("Ana")+wp("x")+`<w:tbl>`+row("00:01", "Ana", "y")+row("Ben", "z")+`</w:tbl>`+`<w:p><w:pPr><w:pStyle w:val="Kop1"/>`))
}

func FuzzODT(f *testing.F) {
	fuzzReader(f, ".odt", readODT,
		odtOf(f, "", `<text:p>a<text:s text:c="2"/>b<text:tab/><text:line-break/></text:p>`))
}

func FuzzHTML(f *testing.F) {
	fuzzReader(f, ".html", readHTML,
		[]byte(`<html><meta charset="windows-1252"><p><b>Ana:</b> caf\xe9<br>x</p><table><tr><td>a<td>b</table>`),
		[]byte(`<h3>Ana</h3><p>x</p><h2><div>Ben</div> y</h2><h3>Ana</h3>z`))
}

func FuzzVTT(f *testing.F) {
	fuzzReader(f, ".vtt", readVTT,
		[]byte("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Ana>hi\nthere\n\n00:02.000 --> 00:03.000\n<v //S02:>yo //S01: x //\n"),
		[]byte("WEBVTT\n\nstray\n\n00:00:01.000 --> 00:0x:02.000\n<v Ana>bad time\n\nafter blank\n\nNOTE n\n\n7\n\n00:00:03.000 --> 00:00:04.000\nok\n"))
}

func FuzzSRT(f *testing.F) {
	fuzzReader(f, ".srt", readSRT,
		[]byte("1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Ana: hi</i>\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\n{\\an8}Ana: yo\r\n"),
		[]byte("kop\n\n1\n00:00:01,000 --> 00:00:02,000\nEen.\n\nlos\n\n2\n00:00:0x,000 --> 00:00:04,000\nTwee.\n\ntekst\n3\n00:00:05,000 --> 00:00:06,000\nDrie.\n"))
}

func FuzzRTF(f *testing.F) {
	fuzzReader(f, ".rtf", readRTF,
		[]byte(`{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset238 A;}}\f0\uc1\u8364\'80 \'9a{\*\x y}\b Ana:\b0 x\par\trowd a\cell\row\bin3 abc}`))
}

func FuzzPDF(f *testing.F) {
	if testing.Short() {
		f.Skip("starting PDFium takes seconds")
	}
	fuzzReader(f, ".pdf", readPDF, pdfOf(f, "Ana: hi", "Ben: yo"), pdfOf(f))
}

func FuzzReadBytes(f *testing.F) {
	f.Add("a.docx", []byte("%PDF-1.4\n"))
	f.Add("a.vtt", []byte("1\n00:00:01,000 --> 00:00:02,000\nhi\n"))
	f.Add("a.doc", oleFile("EncryptedPackage"))
	f.Add("a", []byte("<!DOCTYPE html><p>x"))
	f.Add(" a .json", []byte(`{"a": [1]}`))
	f.Add("p.qdpx", []byte("PK\x03\x04"))
	f.Add("c", []byte(`<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`))
	f.Add("t.md", []byte("# T\n\n### Ana\nx\n\n### Ben\ny\n"))
	for _, ext := range []string{".txt", ".docx", ".odt", ".html", ".vtt"} {
		for _, s := range corpusSeeds(ext) {
			f.Add("seed"+ext, s)
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, err := ReadBytes(name, data, fuzzOpts)
		checkResult(t, doc, err)
	})
}

func FuzzParseLabel(f *testing.F) {
	for _, s := range []string{"Ana: hi", "[id1] x", "Ana [00:01:02]: x", "S01: [00:00:12] x", "**A:** x", "Jan  0:02", "[00:01] B: c",
		"Ana Jansen 1:02:03  ", "Ana  00:00:03.120 --> 00:00:05.400", "00:00:05 Ana: x", "Speaker 1 (00:00):", "[Ana] 00:00:05", "10:30 begon"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		l, ok := parseLabel(line)
		if !ok {
			return
		}
		if l.start > l.content || l.content > len(line) || l.name == "" || !utf8.ValidString(l.name) && utf8.ValidString(line) {
			t.Fatalf("parseLabel(%q) = %+v", line, l)
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	fuzzReader(f, ".md", readMarkdown,
		[]byte("---\ntitle: x\n---\n# T\n\n### Interviewer\n\nDat *klopt*.\n\n### InterviewerToekomst\n"),
		[]byte("**Ana** hoi\n**Ben**: dag\n- **Ana:** [x](y) `z` \\* ~~q~~\n> | a | b |\n|---|---|\n```\ncode\n"),
		[]byte("Titel\n===\n\n***\n[1]: u\n<!-- c -->x  \ny\\\nz ![a](b) <http://u> <br>"))
}

func FuzzRenderInline(f *testing.F) {
	for _, s := range []string{"**Ana** x", "*a **b** c*", "_a_b_", "[a](b) ![c][d]", "`a``b`", "\\*x\\", "***x** y*", "<!--", "~~a~~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, lead := renderInline(s, map[string]bool{"d": true})
		if lead < 0 || lead > len(text) || len(text) > len(s)+1 {
			t.Fatalf("renderInline(%q) = %q, %d", s, text, lead)
		}
	})
}

func FuzzBoldLabel(f *testing.F) {
	f.Add("Ana\tHello", 3)
	f.Add("00:00:01\tAna\tEerste.", 12)
	f.Add("Ana 0:02", 8)
	f.Add("Interviewer", 11)
	f.Fuzz(func(t *testing.T, line string, n int) {
		l, ok := boldLabel(line, n)
		if ok && (l.name == "" || l.start > l.content || l.content > len(line)) {
			t.Fatalf("boldLabel(%q, %d) = %+v", line, n, l)
		}
	})
}

func FuzzServiceLayouts(f *testing.F) {
	f.Add([]byte("Ana  0:02\nHallo.\n\nBen 0:15\nDag.\n\nTranscribed by https://otter.ai\n"))
	f.Add([]byte("00:00:05 Ana: x\n[Ben] 00:00:09\ny\nSpeaker 1 (00:00):\nz\n"))
	f.Add([]byte("0:0:0.0 --> 0:0:3.540\nAna\nx\n0:0:4.1 --> 0:0:5\nBen\ny\n0:1:2.0 --> 0:1:4.500\nAna\nz"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readPlain(data, fuzzOpts)
		checkResult(t, doc, err)
	})
}
