package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"codeberg.org/verbatim/verbatim/model"
)

// Format is a file format to write.
type Format string

// The formats Verbatim writes.
const (
	CSV      Format = "csv"
	XLSX     Format = "xlsx"
	DOCX     Format = "docx"
	ODT      Format = "odt"
	Markdown Format = "md"
	HTML     Format = "html"
	PDF      Format = "pdf"
	PNG      Format = "png"
	SVG      Format = "svg"
)

// Formats lists every format, in the order a menu shows them.
var Formats = []Format{DOCX, ODT, PDF, HTML, Markdown, XLSX, CSV, PNG, SVG}

// ParseFormat reads a format's name as the command line takes it ("md" and
// "markdown", "html" and "htm", upper or lower case, with or without a
// leading dot).
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), ".")))
	switch f {
	case "markdown":
		return Markdown, nil
	case "htm":
		return HTML, nil
	}
	for _, known := range Formats {
		if f == known {
			return f, nil
		}
	}
	return "", fmt.Errorf("format %q: %w (use docx, odt, pdf, html, md, xlsx, csv, png or svg)", s, model.ErrInvalid)
}

// FormatOf is the format a file name's extension names, if any.
func FormatOf(path string) (Format, bool) {
	ext := filepath.Ext(path)
	if ext == "" {
		return "", false
	}
	f, err := ParseFormat(ext)
	return f, err == nil
}

// Extension is the file name extension of the format, with its dot.
func (f Format) Extension() string { return "." + string(f) }

// IsText reports whether the format is text, which can go to standard
// output.
func (f Format) IsText() bool { return f == CSV || f == Markdown || f == HTML || f == SVG }

// writer renders a cleaned Doc in one format.
type writer func(ctx context.Context, w io.Writer, d *Doc) error

// writers holds each format's writer; every writer's file registers it.
var writers = map[Format]writer{}

// ErrNoContent says a Doc holds nothing the format can write: a text
// report as a spreadsheet, a report without a chart as PNG.
var ErrNoContent = errors.New("nothing to write in this format")

// Write renders d in format f to w.
func Write(ctx context.Context, w io.Writer, f Format, d *Doc) error {
	wr, ok := writers[f]
	if !ok {
		return fmt.Errorf("format %q: %w", f, model.ErrInvalid)
	}
	return wr(ctx, w, d.cleaned())
}

// createTemp makes the temporary file WriteFile writes to; tests replace it
// to simulate a full disk.
var createTemp = func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }

type tempFile interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

// WriteFile writes d in format f to the file path, as WriteAtomic writes.
func WriteFile(ctx context.Context, path string, f Format, d *Doc) error {
	if _, ok := writers[f]; !ok {
		return fmt.Errorf("format %q: %w", f, model.ErrInvalid)
	}
	return WriteAtomic(ctx, path, func(w io.Writer) error { return Write(ctx, w, f, d) })
}

// WriteAtomic writes the file path with write. It writes to a temporary
// file beside path and renames it when everything is written, so that path
// is either the whole file or (on any failure, or when ctx is cancelled)
// untouched, with no file left behind. Errors say what went wrong in words
// a researcher understands.
func WriteAtomic(ctx context.Context, path string, write func(w io.Writer) error) (err error) {
	if err := model.NameFits(path, 0); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		return fmt.Errorf("%s is a folder: %w (name a file to write)", path, model.ErrInvalid)
	}
	tmp, err := createTemp(dir, "."+tempBase(path)+".*.tmp")
	if err != nil {
		return writeError(path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		return writeError(path, err)
	}
	if err := bw.Flush(); err != nil {
		return writeError(path, err)
	}
	if err := tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return writeError(path, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return writeError(path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return writeError(path, err)
	}
	return nil
}

// tempBase is the target's name as its temporary file's name holds it: cut
// (between characters) so that the dot, the random number CreateTemp puts
// in place of "*" (up to 10 digits) and ".tmp" around it still fit in
// MaxName, whatever name the target has.
func tempBase(path string) string {
	return model.CutName(filepath.Base(path), model.MaxName-len(".")-len(".4294967295.tmp"))
}

// writeError turns a file system error into a message for the user.
func writeError(path string, err error) error {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, ErrNoContent), errors.Is(err, model.ErrInvalid):
		return err
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%s: the disk is full; nothing was written (free some space and export again)", path)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%s: cannot write there (permission denied or read-only); choose another folder", path)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: the folder %s does not exist", path, filepath.Dir(path))
	}
	return fmt.Errorf("%s: %w", path, err)
}
