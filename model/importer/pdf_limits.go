package importer

import (
	"bytes"
	"compress/zlib"
	"io"
)

// PDFium holds a page's content streams inflated, and about five times as
// much again while it reads the page's text: a PDF of 408 KB whose one page
// inflates to 400 MB took 2.3 GB. checkPDFStreams refuses such a file before
// PDFium sees it, by inflating (and throwing away) every compressed stream
// that is not an image, counting the bytes.
const (
	// pdfStreamLimit is the most one stream may inflate to: 32 MB of
	// page content holds some 10 MB of text, more than any page has.
	pdfStreamLimit = 32 << 20
)

// pdfInflateLimit is the most all of a PDF's streams together may inflate
// to: a few times the text limit, as content streams position every line.
func (o Options) pdfInflateLimit() int64 { return 4 * o.maxText() }

// checkPDFStreams returns ErrTooLarge when a Flate stream of data (other
// than an image, which PDFium does not decode to read text) inflates to more
// than pdfStreamLimit, or all of them together to more than
// opts.pdfInflateLimit. It reads the file's bytes as they lie, without
// parsing the PDF: what it cannot make out (a damaged stream, another
// filter) is left to PDFium.
func checkPDFStreams(data []byte, opts Options) error {
	total, budget := int64(0), opts.pdfInflateLimit()
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("stream"))
		if k < 0 {
			return nil
		}
		k += i
		i = k + len("stream")
		if k >= 3 && string(data[k-3:k]) == "end" {
			continue
		}
		start, ok := streamStart(data, i)
		if !ok || !flateStream(streamDict(data, k)) {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[start:]))
		if err != nil {
			continue
		}
		limit := min(int64(pdfStreamLimit), budget-total)
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, limit+1))
		zr.Close()
		total += n
		switch {
		case n > pdfStreamLimit:
			return failf(ErrTooLarge, nil, "the PDF is too large to read: one of its pages unpacks to more than "+megabytes(pdfStreamLimit))
		case total > budget:
			return failf(ErrTooLarge, nil, "the PDF is too large to read: its pages unpack to more than "+megabytes(budget))
		}
		if e := bytes.Index(data[start:], []byte("endstream")); e >= 0 {
			i = start + e + len("endstream")
		}
	}
}

// streamStart returns where a stream's data begins after the keyword
// "stream" that ends at i: after CR LF or LF.
func streamStart(data []byte, i int) (int, bool) {
	switch {
	case bytes.HasPrefix(data[i:], []byte("\r\n")):
		return i + 2, true
	case bytes.HasPrefix(data[i:], []byte("\n")), bytes.HasPrefix(data[i:], []byte("\r")):
		return i + 1, true
	}
	return 0, false
}

// streamDict returns the bytes before the keyword "stream" at k back to the
// "obj" that opens its object (at most 4 KB): the stream's dictionary.
func streamDict(data []byte, k int) []byte {
	from := max(0, k-4096)
	dict := data[from:k]
	if o := bytes.LastIndex(dict, []byte("obj")); o >= 0 {
		dict = dict[o:]
	}
	return dict
}

// flateStream reports whether a stream dictionary names the Flate filter
// and is not an image.
func flateStream(dict []byte) bool {
	compact := bytes.Join(bytes.Fields(dict), nil)
	return bytes.Contains(compact, []byte("/FlateDecode")) && !bytes.Contains(compact, []byte("/Subtype/Image"))
}
