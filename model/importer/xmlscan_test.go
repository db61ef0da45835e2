package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// maxTestTokens bounds the tokens compared per input, to keep fuzzing fast.
const maxTestTokens = 1 << 16

// scanTokens reads data with xmlScanner, as encoding/xml tokens.
func scanTokens(data []byte) ([]xml.Token, error) {
	s := newXMLScanner(data)
	var toks []xml.Token
	for len(toks) < maxTestTokens {
		kind, err := s.token()
		if errors.Is(err, io.EOF) {
			return toks, nil
		}
		if err != nil {
			return toks, err
		}
		switch kind {
		case xmlStartTag:
			e := xml.StartElement{Name: s.Start.Name, Attr: []xml.Attr{}}
			for i := range s.Start.attrs {
				e.Attr = append(e.Attr, xml.Attr{Name: s.Start.attrName(i), Value: string(s.Start.value(i))})
			}
			toks = append(toks, e)
		case xmlEndTag:
			toks = append(toks, xml.EndElement{Name: s.End})
		case xmlText:
			toks = append(toks, xml.CharData(bytes.Clone(s.Text)))
		default:
			return toks, fmt.Errorf("token kind %d without an error", kind)
		}
	}
	return toks, nil
}

// stdTokens reads data with encoding/xml, leaving out comments and
// processing instructions, which xmlScanner skips. It stops at a directive
// (<!DOCTYPE ...>), which xmlScanner refuses, and reports it.
func stdTokens(data []byte) (toks []xml.Token, directive bool, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for len(toks) < maxTestTokens {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return toks, false, nil
		}
		if err != nil {
			return toks, false, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return toks, true, nil
		case xml.Comment, xml.ProcInst:
		case xml.CharData:
			toks = append(toks, t.Copy())
		default:
			toks = append(toks, xml.CopyToken(t))
		}
	}
	return toks, false, nil
}

func sameToken(a, b xml.Token) bool {
	switch a := a.(type) {
	case xml.StartElement:
		b, ok := b.(xml.StartElement)
		if !ok || a.Name != b.Name || len(a.Attr) != len(b.Attr) {
			return false
		}
		for i := range a.Attr {
			if a.Attr[i] != b.Attr[i] {
				return false
			}
		}
		return true
	case xml.EndElement:
		b, ok := b.(xml.EndElement)
		return ok && a == b
	case xml.CharData:
		b, ok := b.(xml.CharData)
		return ok && bytes.Equal(a, b)
	}
	return false
}

// checkSameTokens compares xmlScanner with encoding/xml on data: the same
// elements with the same namespaces and attributes, the same character data
// in the same pieces, and an error from one exactly when the other fails.
// The one deliberate difference: a directive such as <!DOCTYPE> is an error
// for xmlScanner, which must return what encoding/xml returned before it.
func checkSameTokens(t *testing.T, data []byte) {
	t.Helper()
	want, directive, wantErr := stdTokens(data)
	got, gotErr := scanTokens(data)
	if len(want) == maxTestTokens || len(got) == maxTestTokens {
		return
	}
	n := min(len(got), len(want))
	for i := 0; i < n; i++ {
		if !sameToken(got[i], want[i]) {
			t.Fatalf("token %d = %#v, encoding/xml reads %#v", i, got[i], want[i])
		}
	}
	switch {
	case len(got) != len(want):
		t.Fatalf("%d tokens (error %v), encoding/xml reads %d (error %v, directive %v)", len(got), gotErr, len(want), wantErr, directive)
	case directive && gotErr == nil:
		t.Fatalf("no error at a directive")
	case !directive && (gotErr == nil) != (wantErr == nil):
		t.Fatalf("error %v, encoding/xml's %v", gotErr, wantErr)
	}
	var se *xmlSyntaxError
	if gotErr != nil && !errors.As(gotErr, &se) {
		t.Fatalf("error %v is not an xmlSyntaxError", gotErr)
	}
}

// xmlSeeds are small documents for the edge cases of XML that the scanner
// has to read as encoding/xml does.
var xmlSeeds = []string{
	``,
	`<a/>`,
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a b="1" c='2'>x</a>`,
	`<?xml version="1.1"?><a/>`,
	`<?xml version='1.0' encoding='ISO-8859-1'?><a/>`,
	`<?xml encoding="utf-8"?><a/>`,
	`<?xml-stylesheet href="x"?><a/><?pi ?>`,
	"\ufeff<a/>",
	`<w:document xmlns:w="urn:w" xmlns:mc="urn:mc"><w:body><w:p w:rsidR="00AB"><w:r><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p></w:body></w:document>`,
	`<a xmlns="urn:d"><b/><c xmlns=""><d/></c><p:e xmlns:p="urn:p" p:x="1" y="2"/><p:f/></a>`,
	`<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b><p:d/></p:a>`,
	`<xmlns/><xmlns:a/><xml:a xml:lang="en"/><a xmlns:xml="urn:x" xml:b="1"/>`,
	`<a xmlns:p=""><p:b/></a>`,
	`<:a/><a:/><a b:="1" :c="2"/>`,
	`<a:b:c/>`,
	`<a b:c:d="1"/>`,
	`<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#X43;</a>`,
	`<a>&#0;</a>`, `<a>&#xD800;</a>`, `<a>&#xFFFE;</a>`, `<a>&#x110000;</a>`, `<a>&#99999999999999999999;</a>`,
	`<a>&#;</a>`, `<a>&#x;</a>`, `<a>&#12a;</a>`, `<a>&nbsp;</a>`, `<a>&amp</a>`, `<a>&</a>`, `<a>&amp.;</a>`,
	`<a b="&#13;&#10;x&#9;">&#13;` + "\n</a>",
	"<a b=\"x\r\ny\rz\">1\r\n2\r3\r\r\n</a>",
	`<a>]]></a>`, `<a>]]&gt;</a>`, `<a>]] ></a>`, `<a b="]]>"/>`,
	`<a><![CDATA[<b>&amp;]]]]><![CDATA[>]]></a>`, `<a><![CDATA[]]></a>`, "<a><![CDATA[x\r\ny\r]]></a>", `<a><![CDATA[x</a>`, `<a><![CDAT[x]]></a>`,
	`<a><!-- c --><!----><!--- x --->b<!-- a -- b --></a>`, `<a><!-x--></a>`, `<a><!-- x </a>`,
	`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, `<a><!ELEMENT b ANY></a>`,
	`<a><b></a></b>`, `<a>`, `</a>`, `<a></b>`, `<a></a >`, `<a></a x>`, `<a/><b/>text`, `text<a/>`,
	`<a b="1"c="2"/>`, `<a b=1/>`, `<a b/>`, `<a b = "1" / >`, `<a b="<"/>`, `<a b="1`, `<a b='"'/>`, `<a/ >`,
	"<a>\xff</a>", "<a b=\"\xc3\"/>", "<a>\xef\xbf\xbe</a>", "<a>\x01</a>", "<a>\x00</a>", "<a b=\"\x00\"/>", "\x00", "<a>\xef\xbf\xbd</a>",
	`<é/><aé:b/><a·/><·a/><a` + "\u0300" + `/>`, "<a\xff/>",
	`<1a/>`, `<-a/>`, `<_a.b-c/>`, `< a/>`, `<a`, `<`, `<?`, `<?xml`, `<!`, `<!-`, `<![`,
	`<a><?p x?></a>`, `<??>`, `<? p?>`, `<?a:b:c?><a/>`,
}

// xmlCorpusSeeds returns the main XML part of each Word document and
// OpenDocument text of the corpus, read in place; none if it is absent.
func xmlCorpusSeeds() [][]byte {
	var seeds [][]byte
	for _, ext := range []string{".docx", ".odt"} {
		for _, data := range corpusSeeds(ext) {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				continue
			}
			for _, name := range []string{"word/document.xml", "content.xml", "styles.xml"} {
				if f := findFile(zr, name); f != nil {
					if part, err := readPart(f, 64<<20, "a document"); err == nil {
						seeds = append(seeds, part)
					}
				}
			}
		}
	}
	return seeds
}

func TestXMLTokenizerSeeds(t *testing.T) {
	for i, seed := range xmlSeeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkSameTokens(t, []byte(seed)) })
	}
	seeds := xmlCorpusSeeds()
	if len(seeds) == 0 {
		t.Log("../shared/corpus not found: only the hand-written seeds were compared")
	}
	for i, seed := range seeds {
		t.Run(fmt.Sprint("corpus", i), func(t *testing.T) { checkSameTokens(t, seed) })
	}
}

// FuzzXMLTokenizer checks that xmlScanner reads any input as encoding/xml
// does (see checkSameTokens).
func FuzzXMLTokenizer(f *testing.F) {
	for _, s := range xmlSeeds {
		f.Add([]byte(s))
	}
	for _, s := range xmlCorpusSeeds() {
		f.Add(s)
	}
	f.Fuzz(checkSameTokens)
}

// TestXMLDirective checks the deliberate difference from encoding/xml: a
// Word document with a DOCTYPE (the way to custom entities) is damaged.
func TestXMLDirective(t *testing.T) {
	data := zipOf(t, "word/document.xml", `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "x">]>`+
		`<w:document xmlns:w="`+wordNS+`"><w:body>`+wp("Ana: hi")+`</w:body></w:document>`)
	if _, err := ReadBytes("a.docx", data, Options{}); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "not a Word document") {
		t.Errorf("err = %v, want a damaged Word document", err)
	}
}

// TestXMLScannerReuse checks that a token's attributes and text stay right
// when values that had to be decoded share the scanner's buffers.
func TestXMLScannerReuse(t *testing.T) {
	s := newXMLScanner([]byte(`<a x="1&amp;2" y="3" z="&lt;4&#x263a;"><b w="&quot;"/>t&amp;u</a>`))
	want := []string{`a x=1&2 y=3 z=<4☺`, `b w="`, `/b`, `t&u`, `/a`}
	for i, w := range want {
		kind, err := s.token()
		if err != nil {
			t.Fatal(err)
		}
		var got string
		switch kind {
		case xmlStartTag:
			got = s.Start.Name.Local
			for j := range s.Start.attrs {
				got += " " + string(s.Start.local(j)) + "=" + string(s.Start.value(j))
			}
		case xmlEndTag:
			got = "/" + s.End.Local
		case xmlText:
			got = string(s.Text)
		}
		if got != w {
			t.Errorf("token %d = %q, want %q", i, got, w)
		}
	}
}

// BenchmarkXMLScan compares the scanner with encoding/xml on the main part
// of a real Word document, in bytes of XML per second.
func BenchmarkXMLScan(b *testing.B) {
	zr, err := zip.OpenReader(corpusFile(b, "en/sheffield_orda/Ana.docx"))
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	part, err := readPart(findFile(&zr.Reader, "word/document.xml"), 64<<20, wordNoun)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("scanner", func(b *testing.B) {
		b.SetBytes(int64(len(part)))
		b.ReportAllocs()
		for b.Loop() {
			s := newXMLScanner(part)
			for {
				if _, err := s.token(); err != nil {
					break
				}
			}
		}
	})
	b.Run("encoding-xml", func(b *testing.B) {
		b.SetBytes(int64(len(part)))
		b.ReportAllocs()
		for b.Loop() {
			d := xml.NewDecoder(bytes.NewReader(part))
			for {
				if _, err := d.Token(); err != nil {
					break
				}
			}
		}
	})
}
