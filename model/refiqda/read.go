package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Limits on what an exchange file may make Verbatim read. A file beyond
// them is refused with one line; nothing is ever written outside the
// project, since nothing of the file is extracted to disk. (Variables, so
// that tests can lower them.)
var (
	maxXMLBytes    int64 = 512 << 20 // project.qde or a .qdc, uncompressed
	maxSourceBytes int64 = 64 << 20  // one file in sources/, uncompressed
	maxTotalBytes  int64 = 2 << 30   // everything read from one archive
	maxEntries           = 200000    // files in one archive
)

// ErrRefused is matched by errors.Is for a file refused as unsafe or too
// large (a path leaving the archive, a zip bomb, an endless XML).
var ErrRefused = errors.New("refused")

// ErrNotREFI is matched for a file that is not a REFI-QDA project or
// codebook at all.
var ErrNotREFI = errors.New("not a REFI-QDA project (.qdpx, .qde) or codebook (.qdc)")

// IsExchangeFile reports whether path names a REFI-QDA file by its
// extension: .qdpx, .qde or .qdc, in any case.
func IsExchangeFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qdpx", ".qde", ".qdc":
		return true
	}
	return false
}

// pkg is an opened exchange file: its XML and where its source files are.
type pkg struct {
	xml     []byte
	sources map[string]*zip.File // by lower-cased name inside the sources folder
	all     map[string]*zip.File // every entry by lower-cased full name
	dir     string               // a bare .qde's folder, whose sources/ is looked in
	read    int64                // bytes read so far
}

// openPackage reads a .qdpx (a ZIP), or a bare .qde or .qdc.
func openPackage(name string, data []byte) (*pkg, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return openZip(data)
	}
	if int64(len(data)) > maxXMLBytes {
		return nil, fmt.Errorf("%w: the XML is larger than %d MB", ErrRefused, maxXMLBytes>>20)
	}
	return &pkg{xml: data, dir: filepath.Dir(name)}, nil
}

// unsafeName reports whether a zip entry's name could point outside the
// folder it would be extracted to.
func unsafeName(name string) bool {
	n := strings.ReplaceAll(name, "\\", "/")
	if strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') || strings.ContainsRune(n, 0) {
		return true
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

func openZip(data []byte) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w (the archive is damaged: %v)", ErrNotREFI, err)
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("%w: the archive holds %d files (at most %d)", ErrRefused, len(zr.File), maxEntries)
	}
	p := &pkg{sources: map[string]*zip.File{}, all: map[string]*zip.File{}}
	var qdes []*zip.File
	for _, f := range zr.File {
		if unsafeName(f.Name) {
			return nil, fmt.Errorf("%w: the archive holds a file with an unsafe path (%q)", ErrRefused, f.Name)
		}
		name := strings.ReplaceAll(f.Name, "\\", "/")
		lower := strings.ToLower(name)
		p.all[lower] = f
		if strings.HasSuffix(lower, ".qde") && !strings.HasSuffix(name, "/") {
			qdes = append(qdes, f)
		}
		if dir, rest, ok := strings.Cut(lower, "/"); ok && dir == "sources" && rest != "" {
			p.sources[rest] = f
		}
	}
	switch {
	case len(qdes) == 0:
		return nil, fmt.Errorf("%w (the archive holds no .qde project file)", ErrNotREFI)
	case len(qdes) > 1:
		top := qdes[:0:0]
		for _, f := range qdes {
			if !strings.Contains(f.Name, "/") {
				top = append(top, f)
			}
		}
		if len(top) != 1 {
			return nil, fmt.Errorf("%w (the archive holds %d .qde project files; one was expected)", ErrNotREFI, len(qdes))
		}
		qdes = top
	}
	if p.xml, err = p.readEntry(qdes[0], maxXMLBytes); err != nil {
		return nil, err
	}
	return p, nil
}

// readEntry reads one archive entry, bounded whatever its header claims.
func (p *pkg) readEntry(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %s unpacks to more than %d MB", ErrRefused, f.Name, limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("the archive is damaged (%s: %v)", f.Name, err)
	}
	defer rc.Close()
	left := min(limit, maxTotalBytes-p.read)
	data, err := io.ReadAll(io.LimitReader(rc, left+1))
	if err != nil {
		return nil, fmt.Errorf("the archive is damaged (%s: %v)", f.Name, err)
	}
	if int64(len(data)) > left {
		return nil, fmt.Errorf("%w: %s unpacks to more than it may (a zip bomb?)", ErrRefused, f.Name)
	}
	p.read += int64(len(data))
	return data, nil
}

// source finds a source file by the path a TextSource gives it
// (internal://name, a bare name, or a path inside the archive). found is
// false when the file is not there; external paths are never followed.
func (p *pkg) source(ref string) (data []byte, found bool, err error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, false, nil
	}
	name := ref
	switch {
	case strings.HasPrefix(strings.ToLower(ref), "internal://"):
		name = ref[len("internal://"):]
	case strings.Contains(ref, "://"):
		return nil, false, nil // relative:// and absolute:// point outside the file
	}
	name = strings.TrimLeft(strings.ReplaceAll(name, "\\", "/"), "/")
	if unsafeName(name) {
		return nil, false, nil
	}
	lower := strings.ToLower(name)
	if p.sources != nil {
		f := p.sources[lower]
		if f == nil {
			f = p.all[lower]
		}
		if f == nil {
			f = p.sources[path.Base(lower)]
		}
		if f == nil {
			return nil, false, nil
		}
		data, err := p.readEntry(f, maxSourceBytes)
		return data, err == nil, err
	}
	return p.fileBeside(name)
}

// fileBeside reads a source of a bare .qde from the sources folder next
// to it (in any case), never from further away.
func (p *pkg) fileBeside(name string) ([]byte, bool, error) {
	if p.dir == "" || strings.Contains(name, "/") {
		return nil, false, nil
	}
	entries, err := os.ReadDir(p.dir)
	if err != nil {
		return nil, false, nil
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.EqualFold(e.Name(), "sources") {
			continue
		}
		files, err := os.ReadDir(filepath.Join(p.dir, e.Name()))
		if err != nil {
			return nil, false, nil
		}
		for _, f := range files {
			if f.Type().IsRegular() && strings.EqualFold(f.Name(), name) {
				fh, err := os.Open(filepath.Join(p.dir, e.Name(), f.Name()))
				if err != nil {
					return nil, false, err
				}
				defer fh.Close()
				data, err := io.ReadAll(io.LimitReader(fh, maxSourceBytes+1))
				if err != nil {
					return nil, false, err
				}
				if int64(len(data)) > maxSourceBytes {
					return nil, false, fmt.Errorf("%w: %s is larger than %d MB", ErrRefused, f.Name(), maxSourceBytes>>20)
				}
				return data, true, nil
			}
		}
	}
	return nil, false, nil
}

// rootOf names the root element of an exchange XML and says whether its
// namespace is one of REFI-QDA's (any version: tools write 1.0, 1:0, 0:4).
func rootOf(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("%w (not well-formed XML: %v)", ErrNotREFI, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			ns := strings.ToLower(se.Name.Space)
			if ns != "" && !strings.HasPrefix(ns, "urn:qda-xml:") {
				return "", fmt.Errorf("%w (its namespace is %q)", ErrNotREFI, se.Name.Space)
			}
			return se.Name.Local, nil
		}
	}
}

// decodeXML unmarshals exchange XML into v, after a byte order mark.
func decodeXML(data []byte, v any) error {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	d := xml.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%w (not well-formed XML: %v)", ErrNotREFI, err)
	}
	return nil
}
