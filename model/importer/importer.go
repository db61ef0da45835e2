// Package importer reads the transcripts a researcher brings (plain text,
// Markdown, Word, OpenDocument, HTML, RTF, PDF and WebVTT or SubRip
// subtitles) and turns each file into a model.NewDocument: its text exactly
// as written, decoded to UTF-8 with LF line ends, divided into speaker turns
// (or paragraphs where there are no speakers) as rune ranges, with cue times
// and header facts such as the date where the source has them.
//
// The package reads one file at a time and knows nothing about projects:
// walking folders, duplicates and storing are up to the caller. Every
// failure is an error that matches one of the Err* sentinels with errors.Is
// and whose message a researcher can act on; no input makes it panic.
package importer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// DefaultMaxTextBytes is the largest text a document may hold when
// Options.MaxTextBytes is zero: 50 MB.
const DefaultMaxTextBytes = 50 << 20

// Options tune an import. The zero value is ready to use.
type Options struct {
	// MaxTextBytes is the largest text, in bytes of UTF-8, a document may
	// hold; 0 means DefaultMaxTextBytes. Files and archive parts are refused
	// before they are read when they are far larger than that.
	MaxTextBytes int64
	// Speakers are names already known in the project: a label with one of
	// these names counts as a speaker even if it occurs only once.
	Speakers []string
	// CacheDir is a directory where the PDF reader may keep its compiled
	// module between runs; empty means no cache (slower first PDF).
	CacheDir string
	// Exchange, when set, imports the REFI-QDA files ImportPaths meets
	// (.qdpx, .qde, .qdc, or content that is one) into the project, as
	// one step, and reports on it in lines; without it they are refused.
	// (The REFI-QDA reader, model/refiqda, uses this package: it is
	// passed in, not imported.)
	Exchange func(ctx context.Context, p *model.Project, path string) ([]string, error)
}

func (o Options) maxText() int64 {
	if o.MaxTextBytes <= 0 {
		return DefaultMaxTextBytes
	}
	return o.MaxTextBytes
}

// maxInput is the largest file accepted: markup and compression make files
// bigger than their text, but not without bound.
func (o Options) maxInput() int64 { return 4*o.maxText() + 1<<20 }

// known returns the lower-cased known speaker names.
func (o Options) known() map[string]bool {
	m := make(map[string]bool, len(o.Speakers))
	for _, s := range o.Speakers {
		m[strings.ToLower(strings.TrimSpace(s))] = true
	}
	return m
}

// Read reads the file at path and returns the document to store, named
// after the file's base name.
func Read(path string, opts Options) (model.NewDocument, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.NewDocument{}, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return model.NewDocument{}, fmt.Errorf("open: %w", err)
	}
	switch {
	case info.IsDir():
		return model.NewDocument{}, failf(ErrUnsupported, nil, "a folder, not a file")
	case info.Size() == 0:
		return model.NewDocument{}, ErrEmpty
	case info.Size() > opts.maxInput():
		return model.NewDocument{}, tooLarge(opts)
	}
	head := make([]byte, min(info.Size(), 4096))
	if _, err := io.ReadFull(f, head); err != nil {
		return model.NewDocument{}, fmt.Errorf("read: %w", err)
	}
	if info.Size() > maxPlainInput(filepath.Base(path), head, opts) {
		return model.NewDocument{}, tooLarge(opts)
	}
	data := make([]byte, len(head), info.Size()+1) // +1: to notice a file that grew
	copy(data, head)
	if data, err = readUpTo(f, data, opts); err != nil {
		return model.NewDocument{}, err
	}
	return ReadBytes(filepath.Base(path), data, opts)
}

// readUpTo appends what is left of r to data, failing with ErrTooLarge
// when data would hold more than opts.maxInput bytes (the file grew since it
// was measured).
func readUpTo(r io.Reader, data []byte, opts Options) ([]byte, error) {
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > opts.maxInput() {
			return nil, tooLarge(opts)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read: %w", err)
		}
	}
}

// maxPlainInput returns the largest file that can hold no more than the
// text limit, judged by its first bytes: a plain-text or Markdown file holds
// its text as it is (UTF-16: two bytes a character), give or take its
// carriage returns, so one much larger is refused before it is read and
// decoded. For other formats it is the general limit on files.
func maxPlainInput(name string, head []byte, opts Options) int64 {
	if bytes.HasPrefix(head, magicZip) || bytes.HasPrefix(head, []byte("PK\x05\x06")) || bytes.HasPrefix(head, magicCFB) {
		return opts.maxInput()
	}
	format, err := detectFormat(name, head)
	if err != nil || format != "txt" && format != "md" {
		return opts.maxInput()
	}
	limit := opts.maxText() + opts.maxText()/4 // line ends of CR LF: a byte more a line
	if _, utf16 := looksUTF16(head); utf16 || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		limit *= 2
	}
	return min(limit+4096, opts.maxInput())
}

// ReadBytes reads a file's content already in memory. The name gives the
// document its name and its extension a hint, but the content decides the
// format: a PDF named .docx is read as a PDF.
func ReadBytes(name string, data []byte, opts Options) (model.NewDocument, error) {
	if len(data) == 0 {
		return model.NewDocument{}, ErrEmpty
	}
	if int64(len(data)) > opts.maxInput() {
		return model.NewDocument{}, tooLarge(opts)
	}
	format, err := detectFormat(strings.TrimSpace(name), data)
	if err != nil {
		return model.NewDocument{}, err
	}
	read := readers[format]
	doc, err := read(data, opts)
	if err != nil {
		return model.NewDocument{}, err
	}
	doc.Name = documentName(name)
	doc.Format = format
	return doc, nil
}

// documentName is a file's base name without the spaces around it and
// around the part before its extension: " Ana .txt" is "Ana.txt".
func documentName(name string) string {
	name = strings.TrimSpace(name)
	ext := filepath.Ext(name)
	if stem := strings.TrimSpace(strings.TrimSuffix(name, ext)); stem != "" {
		return stem + strings.TrimSpace(ext)
	}
	return name
}

// A reader turns a file's bytes into a document without name and format.
type reader func(data []byte, opts Options) (model.NewDocument, error)

var readers map[string]reader

func init() {
	readers = map[string]reader{
		"txt":  readPlain,
		"md":   readMarkdown,
		"docx": readDocx,
		"odt":  readODT,
		"html": readHTML,
		"vtt":  readVTT,
		"srt":  readSRT,
		"rtf":  readRTF,
		"pdf":  readPDF,
	}
}

// extensions maps the file extensions Verbatim imports to the format they
// announce.
var extensions = map[string]string{
	".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
	".docx": "docx", ".doc": "doc", ".odt": "odt",
	".html": "html", ".htm": "html", ".xhtml": "html",
	".vtt": "vtt", ".srt": "srt", ".rtf": "rtf", ".pdf": "pdf",
	".qdpx": "refi", ".qde": "refi", ".qdc": "refi", // not transcripts: handed to Options.Exchange, or refused with a reason (refuse.go)
}

// Supported reports whether path has an extension Verbatim imports, for
// choosing files while walking a folder. Old .doc files count: they get a
// clear message, and many of them are really RTF or HTML; so do REFI-QDA
// files, which get a reason of their own.
func Supported(path string) bool {
	_, ok := extensions[strings.ToLower(filepath.Ext(strings.TrimSpace(path)))]
	return ok
}

func tooLarge(opts Options) error {
	return failf(ErrTooLarge, nil, fmt.Sprintf("the file is too large (the limit is %s of text)", megabytes(opts.maxText())))
}

func tooMuchText(limit int64) error {
	return failf(ErrTooLarge, nil, fmt.Sprintf("the document holds more than %s of text, the limit", megabytes(limit)))
}

func megabytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
