package importer

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// corpusDir is the shared corpus, read in place and never copied.
const corpusDir = "../../../shared/corpus"

// corpusFile returns the path of a corpus file, skipping the test when the
// corpus is absent.
func corpusFile(t testing.TB, name string) string {
	t.Helper()
	path := filepath.Join(corpusDir, filepath.FromSlash(name))
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/corpus not found: " + err.Error())
	}
	return path
}

// readCorpus imports a corpus file and checks the document's invariants.
func readCorpus(t testing.TB, name string) model.NewDocument {
	t.Helper()
	doc, err := Read(corpusFile(t, name), Options{})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	checkDocument(t, doc)
	return doc
}

// checkDocument checks what every document must satisfy: valid UTF-8, LF
// only, no NUL, ordered non-empty non-overlapping turns within the text.
func checkDocument(t testing.TB, doc model.NewDocument) {
	t.Helper()
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
	if strings.ContainsAny(doc.Text, "\r\x00") {
		t.Fatalf("text holds CR or NUL")
	}
	n := utf8.RuneCountInString(doc.Text)
	prev := 0
	for i, tr := range doc.Turns {
		if tr.Start < prev || tr.End <= tr.Start || tr.End > n {
			t.Fatalf("turn %d = [%d,%d) after %d in %d runes: not ordered, empty or out of range", i, tr.Start, tr.End, prev, n)
		}
		prev = tr.End
	}
}

// turnText returns the text of each turn.
func turnText(doc model.NewDocument, tr model.NewTurn) string {
	r := []rune(doc.Text)
	return string(r[tr.Start:tr.End])
}

// speakerSet returns the distinct speakers of a document.
func speakerSet(doc model.NewDocument) map[string]bool {
	set := make(map[string]bool)
	for _, tr := range doc.Turns {
		if tr.Speaker != "" {
			set[tr.Speaker] = true
		}
	}
	return set
}

// zipOf builds a zip archive from name/content pairs.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf builds a minimal Word document around body XML.
func docxOf(t testing.TB, body string) []byte {
	t.Helper()
	return zipOf(t,
		"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`+
			body+`</w:body></w:document>`)
}

// wp writes a Word paragraph of plain runs.
func wp(runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, r := range runs {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + xmlEscape(r) + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// odtOf builds a minimal OpenDocument text around office:text XML.
func odtOf(t testing.TB, styles, body string) []byte {
	t.Helper()
	return zipOf(t,
		"mimetype", "application/vnd.oasis.opendocument.text",
		"META-INF/manifest.xml", `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
		"content.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">`+
			`<office:automatic-styles>`+styles+`</office:automatic-styles><office:body><office:text>`+body+`</office:text></office:body></office:document-content>`)
}

// normalizeSpace collapses all white space to single spaces.
func normalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// similarity returns the share of elements two sequences have in common:
// the length of their longest common subsequence over the longer length,
// found with Myers' O((N+M)D) algorithm.
func similarity[T comparable](a, b []T) float64 {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return 1
	}
	maxD := n + m
	v := make([]int, 2*maxD+2)
	off := maxD + 1
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				lcs := (n + m - d) / 2
				return float64(lcs) / float64(max(n, m))
			}
		}
	}
	return 0
}
