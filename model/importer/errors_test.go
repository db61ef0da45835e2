package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oleFile returns the start of an OLE compound file holding the given
// stream names, enough for the format checks.
func oleFile(names ...string) []byte {
	data := append([]byte{}, magicCFB...)
	data = append(data, make([]byte, 504)...)
	for _, n := range names {
		data = append(data, utf16Name(n)...)
	}
	return data
}

func TestBadInput(t *testing.T) {
	junk := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	docx := docxOf(t, wp("Ana: hello"))
	deep := strings.Repeat("<w:r>", 100000)
	var zeros bytes.Buffer
	zw := zip.NewWriter(&zeros)
	w, _ := zw.Create("word/document.xml")
	_, _ = w.Write(make([]byte, 40<<20))
	_ = zw.Close()

	tests := []struct {
		name string
		file string
		data []byte
		opts Options
		want error
		msg  string
	}{
		{"empty", "a.txt", nil, Options{}, ErrEmpty, "empty"},
		{"binary junk", "a.txt", junk, Options{}, ErrUnsupported, "binary"},
		{"binary junk without extension", "a", junk, Options{}, ErrUnsupported, "binary"},
		{"damaged zip", "a.docx", append([]byte("PK\x03\x04"), junk...), Options{}, ErrDamaged, "not a Word document (the file is damaged or is another format)"},
		{"truncated docx", "a.docx", docx[:len(docx)/2], Options{}, ErrDamaged, "not a Word document"},
		{"zip without a document", "a.docx", zipOf(t, "x.txt", "hi"), Options{}, ErrDamaged, "not a Word document"},
		{"plain zip", "a.zip", zipOf(t, "x.txt", "hi"), Options{}, ErrUnsupported, "zip archive"},
		{"text named docx", "a.docx", []byte("just some text"), Options{}, ErrDamaged, "not a Word document"},
		{"text named pdf", "a.pdf", []byte("just some text"), Options{}, ErrDamaged, "not a PDF document"},
		{"password-protected docx", "a.docx", oleFile("EncryptionInfo", "EncryptedPackage"), Options{}, ErrEncrypted, "password"},
		{"old word document", "a.doc", oleFile("WordDocument"), Options{}, ErrUnsupported, "save it as .docx"},
		{"password-protected odt", "a.odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text",
			"META-INF/manifest.xml", `<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`,
			"content.xml", "\x01\x02binary"), Options{}, ErrEncrypted, "password"},
		{"zip bomb", "a.docx", zeros.Bytes(), Options{}, ErrTooLarge, "zip bomb"},
		{"part over the limit", "a.docx", docxOf(t, wp(strings.Repeat("x", 9<<10))), Options{MaxTextBytes: 1 << 10}, ErrTooLarge, "limit"},
		{"text over the limit", "a.docx", docxOf(t, wp(strings.Repeat("word ", 400))), Options{MaxTextBytes: 1 << 10}, ErrTooLarge, "limit"},
		{"deeply nested xml", "a.docx", docxOf(t, "<w:p>"+deep+"</w:p>"), Options{}, ErrDamaged, "nested too deeply"},
		{"malformed xml", "a.docx", docxOf(t, "<w:p><w:r></w:p>"), Options{}, ErrDamaged, "not a Word document"},
		{"deeply nested rtf", "a.rtf", []byte(`{\rtf1` + strings.Repeat("{", 100000)), Options{}, ErrDamaged, "nested too deeply"},
		{"rtf that is not", "a.rtf", []byte("hello"), Options{}, ErrDamaged, "not an RTF document"},
		{"vtt without cues", "a.vtt", []byte("WEBVTT\n\nhello\n"), Options{}, ErrDamaged, "not a WebVTT"},
		{"vtt that is not", "a.vtt", []byte("hello"), Options{}, ErrDamaged, "not a WebVTT"},
		{"only markup", "a.html", []byte("<html><body>" + strings.Repeat("<div>", 100000) + "</body></html>"), Options{}, ErrNoText, "no text"},
		{"docx without text", "a.docx", docxOf(t, "<w:p/>"), Options{}, ErrNoText, "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadBytes(tt.file, tt.data, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
			for _, jargon := range []string{"zip:", "xml:", "flate", "EOF", "%!"} {
				if strings.Contains(err.Error(), jargon) {
					t.Errorf("message %q holds jargon %q", err, jargon)
				}
			}
		})
	}
}

// TestPDFUnderAnotherName checks that content decides the format.
func TestPDFUnderAnotherName(t *testing.T) {
	if testing.Short() {
		t.Skip("starting PDFium takes seconds")
	}
	_, err := ReadBytes("interview.docx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), pdfOptions())
	if err == nil || !strings.Contains(err.Error(), "PDF") {
		t.Errorf("err = %v, want an error about the PDF", err)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	doc, err := Read(write("Ana.txt", []byte("Ana: hi\nBen: yo\nAna: bye\nBen: ok")), Options{})
	if err != nil || doc.Name != "Ana.txt" || doc.Format != "txt" || len(doc.Turns) != 4 {
		t.Errorf("Read = %+v, %v; want Ana.txt with 4 turns", doc, err)
	}
	if _, err := Read(write("empty.txt", nil), Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty file: err = %v, want ErrEmpty", err)
	}
	if _, err := Read(write("big.txt", make([]byte, 2<<20)), Options{MaxTextBytes: 100}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big file: err = %v, want ErrTooLarge", err)
	}
	if _, err := Read(dir, Options{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("folder: err = %v, want ErrUnsupported", err)
	}
	if _, err := Read(filepath.Join(dir, "missing.txt"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want os.ErrNotExist", err)
	}
}

func TestSupported(t *testing.T) {
	for path, want := range map[string]bool{
		"a.txt": true, "B.DOCX": true, "c.odt": true, "d.htm": true, "e.html": true, "f.vtt": true,
		"g.srt": true, "h.rtf": true, "i.pdf": true, "j.md": true, "k.doc": true,
		"l.xlsx": false, "m.png": false, "noext": false, "n.zip": false,
	} {
		if got := Supported(path); got != want {
			t.Errorf("Supported(%q) = %v, want %v", path, got, want)
		}
	}
}
