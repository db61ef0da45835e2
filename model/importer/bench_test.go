package importer

import (
	"os"
	"strings"
	"testing"
)

// benchRead reports import throughput in bytes of text per second.
func benchRead(b *testing.B, name string, data []byte) {
	b.Helper()
	benchReadOpts(b, name, data, Options{})
}

func benchReadOpts(b *testing.B, name string, data []byte, opts Options) {
	b.Helper()
	doc, err := ReadBytes(name, data, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadBytes(name, data, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func corpusBytes(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(corpusFile(b, name))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkReadTxt(b *testing.B) {
	benchRead(b, "Ana.txt", corpusBytes(b, "en/sheffield_orda/Ana.txt"))
}

// BenchmarkReadTxtLarge reads a 5 MB transcript made of a real one.
func BenchmarkReadTxtLarge(b *testing.B) {
	data := corpusBytes(b, "en/sheffield_orda/Ana.txt")
	benchRead(b, "big.txt", []byte(strings.Repeat(string(data)+"\n", 5<<20/len(data))))
}

func BenchmarkReadDocx(b *testing.B) {
	benchRead(b, "Ana.docx", corpusBytes(b, "en/sheffield_orda/Ana.docx"))
}

// BenchmarkReadDocx300K reads a Word document of about 300,000 characters
// made of a real transcript's paragraphs.
func BenchmarkReadDocx300K(b *testing.B) {
	lines := strings.Split(string(corpusBytes(b, "en/sheffield_orda/Ana.txt")), "\n")
	var body strings.Builder
	for n := 0; n < 300000; {
		for _, l := range lines {
			body.WriteString(wp(l))
			n += len(l)
		}
	}
	benchRead(b, "big.docx", docxOf(b, body.String()))
}

func BenchmarkReadVTT(b *testing.B) {
	benchRead(b, "bruce-perens.vtt", corpusBytes(b, "en/fossda/bruce-perens.vtt"))
}

func BenchmarkReadHTML(b *testing.B) {
	benchRead(b, "interview.html", corpusBytes(b, "de/noscribe/interview.html"))
}

// BenchmarkReadPDF25 reads a 25-page PDF made of a real transcript, after
// PDFium has started (the first PDF of a process pays for that).
func BenchmarkReadPDF25(b *testing.B) {
	lines := strings.Split(string(corpusBytes(b, "en/cproctor_qc/admin-1.txt")), "\n")
	pages := make([][]string, 25)
	for i := range pages {
		pages[i] = lines[(i*50)%len(lines) : min(len(lines), (i*50)%len(lines)+50)]
	}
	data := pdfPages(b, pages...)
	if _, err := ReadBytes("big.pdf", data, pdfOptions()); err != nil {
		b.Fatal(err)
	}
	benchReadOpts(b, "big.pdf", data, pdfOptions())
}
