package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// pdfOf builds a one-page PDF showing each line in Helvetica with
// WinAnsiEncoding; no lines gives a page without text, like a scan.
func pdfOf(t testing.TB, lines ...string) []byte {
	t.Helper()
	return pdfPages(t, lines)
}

// pdfPages builds a PDF with one page per list of lines.
func pdfPages(t testing.TB, pages ...[]string) []byte {
	t.Helper()
	n := len(pages)
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	for i, lines := range pages {
		var content strings.Builder
		for j, l := range lines {
			enc, err := charmap.Windows1252.NewEncoder().String(l)
			if err != nil {
				t.Fatal(err)
			}
			enc = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(enc)
			fmt.Fprintf(&content, "BT /F1 10 Tf 72 %d Td (%s) Tj ET\n", 760-14*j, enc)
		}
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()))
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return []byte(b.String())
}

// pdfOptions shares PDFium's compiled module between test runs.
func pdfOptions() Options {
	return Options{CacheDir: filepath.Join(os.TempDir(), "verbatim-test-pdfium-cache")}
}

func TestPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("starting PDFium takes seconds")
	}
	start := time.Now()
	doc, err := ReadBytes("interview.docx", pdfOf(t, "Ana: "+exact, "Ben: Hello.", "Ana: Bye.", "Ben: Ok."), pdfOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first PDF read in %v", time.Since(start))
	checkDocument(t, doc)
	if doc.Format != "pdf" || !strings.Contains(doc.Text, exact) {
		t.Errorf("got %s text %q, want pdf holding %q", doc.Format, doc.Text, exact)
	}
	if got := sortedKeys(speakerSet(doc)); len(got) != 2 {
		t.Errorf("speakers = %q, want Ana and Ben", got)
	}

	start = time.Now()
	if _, err := ReadBytes("scan.pdf", pdfOf(t), pdfOptions()); !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "scan") {
		t.Errorf("PDF without text: err = %v, want ErrNoText about a scan", err)
	}
	t.Logf("second PDF read in %v", time.Since(start))
	if _, err := ReadBytes("broken.pdf", []byte("%PDF-1.4\nthis is not really a PDF"), pdfOptions()); !errors.Is(err, ErrDamaged) {
		t.Errorf("broken PDF: err = %v, want ErrDamaged", err)
	}
}
