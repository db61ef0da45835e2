package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// encryptPDF adds, as an incremental update, a standard security handler
// whose user password is not empty (the /U entry matches no password), so
// a reader must ask for a password before it can show anything.
func encryptPDF(t *testing.T, pdf []byte) []byte {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(pdf)
	size := regexp.MustCompile(`/Size (\d+)`).FindSubmatch(pdf)
	if m == nil || size == nil {
		t.Fatal("not a PDF from pdfPages")
	}
	n, _ := strconv.Atoi(string(size[1]))
	hex32 := strings.Repeat("5a", 32)
	var b strings.Builder
	b.Write(pdf)
	obj := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>\nendobj\n", n, hex32, hex32)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n", n, obj)
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<%s> <%s>] /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		n+1, n, strings.Repeat("ab", 16), strings.Repeat("ab", 16), m[1], xref)
	return []byte(b.String())
}

func TestPasswordProtectedPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("PDF tests start PDFium")
	}
	plain := pdfOf(t, "Interviewer: Wat heb je geleerd?", "Ana: Dat je deelt wat je leert.")
	if _, err := ReadBytes("open.pdf", plain, pdfOptions()); err != nil {
		t.Fatalf("the unencrypted PDF does not read: %v", err)
	}
	_, err := ReadBytes("locked.pdf", encryptPDF(t, plain), pdfOptions())
	if !errors.Is(err, ErrEncrypted) {
		t.Fatalf("got %v, want ErrEncrypted", err)
	}
	if !strings.Contains(err.Error(), "password") {
		t.Errorf("message %q does not mention the password", err)
	}
}
