package importer

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"testing"
	"time"
)

// inflatingPDF builds a PDF with a page per entry of pages, whose content
// stream (Flate-compressed) shows a line of text followed by that many MB of
// spaces, and with an image of imageMB MB of zeros, Flate-compressed, when
// imageMB > 0.
func inflatingPDF(t testing.TB, imageMB int, pages ...int) []byte {
	t.Helper()
	deflate := func(head string, mb int) []byte { return runZlib(head, ' ', mb<<20) }
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	image := runZlib("", 0, imageMB<<20)
	objects = append(objects, fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 1024 /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", max(imageMB, 1)*1024, len(image), image))
	for i, mb := range pages {
		content := deflate(fmt.Sprintf("BT /F1 12 Tf 72 720 Td (Page %d) Tj ET\n", i+1), mb)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>", 6+2*i),
			fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(content), content))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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
	return b.Bytes()
}

// runZlib returns the zlib stream of head followed by n bytes c, written
// by hand (a fixed-Huffman block of copies of 258 bytes) so that a stream of
// hundreds of MB costs milliseconds to make, not the seconds of compressing.
func runZlib(head string, c byte, n int) []byte {
	out := []byte{0x78, 0x01}
	var acc uint64
	var nbits uint
	bits := func(v uint64, n uint) { // least significant bit first
		acc |= v << nbits
		nbits += n
		for nbits >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			nbits -= 8
		}
	}
	code := func(v uint64, n uint) { // a Huffman code: most significant bit first
		var r uint64
		for i := range n {
			r |= (v >> i & 1) << (n - 1 - i)
		}
		bits(r, n)
	}
	literal := func(b byte) {
		if b < 144 {
			code(0x30+uint64(b), 8)
		} else {
			code(0x190+uint64(b-144), 9)
		}
	}
	bits(1, 1) // the final block
	bits(1, 2) // fixed Huffman codes
	for i := range len(head) {
		literal(head[i])
	}
	if n > 0 {
		literal(c)
	}
	left := n - 1
	for ; left >= 258; left -= 258 {
		code(0xC5, 8) // length 258 (symbol 285)
		code(0, 5)    // distance 1
	}
	for ; left > 0; left-- {
		literal(c)
	}
	code(0, 7) // end of block
	if nbits > 0 {
		bits(0, 8-nbits)
	}
	// Adler-32 of head and the run, the run's part by formula.
	const mod = 65521
	a, b := uint64(1), uint64(0)
	for i := range len(head) {
		a = (a + uint64(head[i])) % mod
		b = (b + a) % mod
	}
	m := uint64(n)
	// after m more bytes c: a' = a + m·c, b' = b + m·a + c·m(m+1)/2
	half := new(big.Int).Mul(big.NewInt(int64(m)), big.NewInt(int64(m+1)))
	half.Rsh(half, 1).Mul(half, big.NewInt(int64(c))).Mod(half, big.NewInt(mod))
	b = (b + (m%mod)*a + half.Uint64()) % mod
	a = (a + (m%mod)*uint64(c)) % mod
	return binary.BigEndian.AppendUint32(out, uint32(b<<16|a))
}

func TestRunZlib(t *testing.T) {
	for _, n := range []int{0, 1, 257, 258, 259, 1000, 70000} {
		for _, c := range []byte{' ', 0, 200} {
			zr, err := zlib.NewReader(bytes.NewReader(runZlib("BT (é) Tj ET\n", c, n)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			want := "BT (é) Tj ET\n" + strings.Repeat(string([]byte{c}), n)
			if err != nil || string(got) != want {
				t.Errorf("run of %d × %d: %d bytes, %v; want %d", n, c, len(got), err, len(want))
			}
		}
	}
}

func TestCheckPDFStreams(t *testing.T) {
	small := Options{MaxTextBytes: 1 << 20} // all streams together: at most 4 MB
	for _, c := range []struct {
		name    string
		pdf     []byte
		opts    Options
		tooBig  bool
		message string
	}{
		{"a page of 400 MB", inflatingPDF(t, 0, 400), Options{}, true, "one of its pages unpacks to more than 32 MB"},
		{"a page of 33 MB", inflatingPDF(t, 0, 1, 33), Options{}, true, "more than 32 MB"},
		{"pages of 31 MB", inflatingPDF(t, 0, 31, 31), Options{}, false, ""},
		{"a 100 MB image", inflatingPDF(t, 100, 1), Options{}, false, ""},
		{"pages over the budget", inflatingPDF(t, 0, 2, 2, 2), small, true, "its pages unpack to more than 4 MB"},
		{"pages within the budget", inflatingPDF(t, 0, 1, 1, 1), small, false, ""},
		{"uncompressed", pdfOf(t, "Ana: Hello."), Options{}, false, ""},
		{"a damaged stream", []byte("%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\nx\x9cnot deflate\nendstream\nendobj\n"), Options{}, false, ""},
	} {
		start := time.Now()
		err := checkPDFStreams(c.pdf, c.opts)
		if c.tooBig != errors.Is(err, ErrTooLarge) || c.tooBig && !strings.Contains(err.Error(), c.message) {
			t.Errorf("%s: err = %v, want too large %v (%q)", c.name, err, c.tooBig, c.message)
		}
		if !c.tooBig && err != nil {
			t.Errorf("%s: err = %v", c.name, err)
		}
		t.Logf("%s (%d KB): %v", c.name, len(c.pdf)>>10, time.Since(start))
	}
}

// TestPDFTooLarge: the inflating PDF is refused as too large before PDFium
// reads it, and a PDF below the limits is still read.
func TestPDFTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("starting PDFium takes seconds")
	}
	if _, err := ReadBytes("bomb.pdf", inflatingPDF(t, 0, 1, 400), pdfOptions()); !errors.Is(err, ErrTooLarge) {
		t.Errorf("PDF of 400 MB pages: err = %v, want ErrTooLarge", err)
	}
	doc, err := ReadBytes("fine.pdf", inflatingPDF(t, 2, 1, 1), pdfOptions())
	if err != nil || !strings.Contains(doc.Text, "Page 2") {
		t.Errorf("PDF of 1 MB pages: %q, %v; want its text", doc.Text, err)
	}
}
