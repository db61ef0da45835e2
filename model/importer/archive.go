package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on what an archive (docx, odt) may unpack to, so that a zip bomb
// is refused instead of filling memory.
const (
	// maxRatio is the largest compression ratio accepted for a big part:
	// real documents compress 5 to 50 times, bombs a thousand times.
	maxRatio = 200
	// ratioFloor is the unpacked size below which the ratio is not checked.
	ratioFloor = 32 << 20
)

// zipFormat tells a Word document from an OpenDocument text in a zip file.
func zipFormat(data []byte, ext string) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		what := formatNoun[ext]
		if what == "" {
			what = "a document"
		}
		return "", damaged(what, err)
	}
	if findFile(zr, "word/document.xml") != nil || findFile(zr, "_rels/.rels") != nil && ext == "docx" {
		return "docx", nil
	}
	if findFile(zr, "content.xml") != nil || findFile(zr, "META-INF/manifest.xml") != nil {
		return "odt", nil
	}
	if what, ok := formatNoun[ext]; ok && (ext == "docx" || ext == "odt") {
		return "", damaged(what, nil)
	}
	return "", failf(ErrUnsupported, nil, "a zip archive, not a document (unpack it and import the files inside)")
}

// findFile returns the archive member with the given name, or nil.
func findFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name || strings.TrimPrefix(f.Name, "/") == name {
			return f
		}
	}
	return nil
}

// openPart opens an archive member for reading with its unpacked size
// bounded by limit. what names the document type for messages.
func openPart(f *zip.File, limit int64, what string) (io.ReadCloser, error) {
	if f.Flags&1 != 0 {
		return nil, failf(ErrEncrypted, nil, "the file is password-protected (remove the password and import it again)")
	}
	size := int64(f.UncompressedSize64)
	if size > limit || size < 0 {
		return nil, failf(ErrTooLarge, nil, fmt.Sprintf("the file unpacks to more than %s of data, over the limit", megabytes(limit)))
	}
	if size > ratioFloor && size > maxRatio*int64(f.CompressedSize64) {
		return nil, failf(ErrTooLarge, nil, "the file unpacks to far more data than a document holds (a zip bomb?)")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, damaged(what, err)
	}
	return &boundedReader{r: rc, left: limit, c: rc, what: what}, nil
}

// readPart reads an archive member whole, with its unpacked size bounded by
// limit. what names the document type for messages.
func readPart(f *zip.File, limit int64, what string) ([]byte, error) {
	rc, err := openPart(f, limit, what)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// The size the archive announces is a hint only; it was checked against
	// the limit, and the buffer grows if the archive lies.
	data := make([]byte, 0, min(f.UncompressedSize64, 64<<20)+1)
	for {
		n, err := rc.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// boundedReader fails once more than left bytes have been read, whatever
// the archive's header promised.
type boundedReader struct {
	r    io.Reader
	c    io.Closer
	left int64
	what string
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte
		if n, _ := b.r.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, failf(ErrTooLarge, nil, "the file unpacks to more data than the limit (a zip bomb?)")
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		return n, damaged(b.what, err)
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.c.Close() }

// maxPart is the largest unpacked archive member read: XML markup takes
// several times the bytes of the text it holds.
func (o Options) maxPart() int64 { return 8 * o.maxText() }
