package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

const (
	odtNoun      = "an OpenDocument text"
	nsODFText    = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsODFTable   = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsODFStyle   = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsODFFO      = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
	nsODFOffice  = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	maxSpaceRuns = 1000
)

// readODT reads an OpenDocument text (LibreOffice Writer): paragraphs and
// headings, spaces, tabs, line breaks and tables, without footnotes,
// annotations or the deleted text of tracked changes. A bold span that
// opens a paragraph may be a speaker label.
func readODT(data []byte, opts Options) (model.NewDocument, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return model.NewDocument{}, damaged(odtNoun, err)
	}
	if m := findFile(zr, "META-INF/manifest.xml"); m != nil && m.UncompressedSize64 < 1<<20 {
		if rc, err := m.Open(); err == nil {
			manifest, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
			rc.Close()
			if bytes.Contains(manifest, []byte("encryption-data")) {
				return model.NewDocument{}, failf(ErrEncrypted, nil, "the document is password-protected (remove the password in LibreOffice and import it again)")
			}
		}
	}
	f := findFile(zr, "content.xml")
	if f == nil {
		return model.NewDocument{}, damaged(odtNoun, errors.New("no content.xml"))
	}
	part, err := readPart(f, opts.maxPart(), odtNoun)
	if err != nil {
		return model.NewDocument{}, err
	}
	r := &odtReader{docxReader: docxReader{s: newXMLStream(part, odtNoun), b: newBuilder(opts)}, boldStyles: map[string]bool{}}
	if err := r.read(); err != nil {
		return model.NewDocument{}, err
	}
	return r.b.document(opts)
}

// odtReader reuses the paragraph and table bookkeeping of the Word reader.
type odtReader struct {
	docxReader
	boldStyles map[string]bool
	style      string // automatic style being read
	spans      []bool // bold state of open spans
}

func (r *odtReader) read() error {
	for {
		kind, err := r.s.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch kind {
		case xmlStartTag:
			if err := r.start(&r.s.Start); err != nil {
				return err
			}
		case xmlEndTag:
			if err := r.end(xml.EndElement{Name: r.s.End}); err != nil {
				return err
			}
		case xmlText:
			if len(r.paras) > 0 {
				r.write(string(r.s.Text))
			}
		}
		if int64(r.textSize) > r.b.limit {
			return tooMuchText(r.b.limit)
		}
	}
}

func (r *odtReader) start(e *xmlStart) error {
	switch e.Name.Space {
	case nsODFStyle:
		switch e.Name.Local {
		case "style":
			r.style = attr(e, "name")
		case "text-properties":
			for i := range e.attrs {
				if string(e.local(i)) != "font-weight" || e.attrName(i).Space != nsODFFO {
					continue
				}
				switch string(e.value(i)) {
				case "bold", "700", "800", "900":
					r.boldStyles[r.style] = true
				}
			}
		}
	case nsODFOffice:
		if e.Name.Local == "annotation" {
			return r.s.skip()
		}
	case nsODFTable:
		switch e.Name.Local {
		case "table":
			r.tables = append(r.tables, &docxTable{})
		}
	case nsODFText:
		switch e.Name.Local {
		case "tracked-changes", "note", "bookmark-ref", "sequence-decls", "variable-decls":
			return r.s.skip()
		case "p", "h":
			// A heading's text is a label candidate, as a bold run is.
			heading := e.Name.Local == "h"
			r.paras = append(r.paras, &docxPara{boldOpen: true})
			r.spans = append(r.spans[:0], heading || r.boldStyles[attr(e, "style-name")])
			r.runBold = heading
		case "span":
			bold := r.boldStyles[attr(e, "style-name")] || len(r.spans) > 0 && r.spans[len(r.spans)-1]
			r.spans = append(r.spans, bold)
			r.runBold = bold
		case "s":
			n, err := strconv.Atoi(attr(e, "c"))
			if err != nil || n < 1 {
				n = 1
			}
			r.write(strings.Repeat(" ", min(n, maxSpaceRuns)))
		case "tab":
			r.write("\t")
		case "line-break":
			r.write("\n")
		}
	}
	return nil
}

func (r *odtReader) end(e xml.EndElement) error {
	switch e.Name.Space {
	case nsODFStyle:
		if e.Name.Local == "style" {
			r.style = ""
		}
	case nsODFText:
		switch e.Name.Local {
		case "span":
			if len(r.spans) > 0 {
				r.spans = r.spans[:len(r.spans)-1]
			}
			r.runBold = len(r.spans) > 0 && r.spans[len(r.spans)-1]
		case "p", "h":
			if len(r.paras) == 0 {
				return nil
			}
			p := r.paras[len(r.paras)-1]
			r.paras = r.paras[:len(r.paras)-1]
			r.runBold = false
			return r.emit(p.text.String(), p.bold.String())
		}
	case nsODFTable:
		switch e.Name.Local {
		case "table-cell":
			return r.docxReader.end(xml.EndElement{Name: xml.Name{Space: wordNS, Local: "tc"}})
		case "table-row":
			return r.docxReader.end(xml.EndElement{Name: xml.Name{Space: wordNS, Local: "tr"}})
		case "table":
			return r.docxReader.end(xml.EndElement{Name: xml.Name{Space: wordNS, Local: "tbl"}})
		}
	}
	return nil
}
