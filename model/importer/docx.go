package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

const wordNoun = "a Word document"

// readDocx reads the main text of a Word document: paragraphs, line breaks,
// tabs and tables (a row a line, cells joined by tabs). Tracked insertions
// are kept and deletions dropped, as Word shows the text with changes
// accepted; field codes, footnotes, comments, headers and footers are left
// out. A bold run that opens a paragraph may be a speaker label.
func readDocx(data []byte, opts Options) (model.NewDocument, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return model.NewDocument{}, damaged(wordNoun, err)
	}
	f := findFile(zr, "word/document.xml")
	if f == nil {
		f = mainPart(zr)
	}
	if f == nil {
		return model.NewDocument{}, damaged(wordNoun, errors.New("no word/document.xml"))
	}
	part, err := readPart(f, opts.maxPart(), wordNoun)
	if err != nil {
		return model.NewDocument{}, err
	}
	b := newBuilder(opts)
	if err := (&docxReader{s: newXMLStream(part, wordNoun), b: b}).read(); err != nil {
		return model.NewDocument{}, err
	}
	return b.document(opts)
}

// mainPart finds the main document part through the package relationships,
// for documents that do not use the usual name.
func mainPart(zr *zip.Reader) *zip.File {
	f := findFile(zr, "_rels/.rels")
	if f == nil || f.UncompressedSize64 > 1<<20 {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&rels) != nil {
		return nil
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return findFile(zr, strings.TrimPrefix(r.Target, "/"))
		}
	}
	return nil
}

// isWordML reports whether a namespace is WordprocessingML, transitional or
// strict.
func isWordML(space string) bool {
	return strings.HasSuffix(space, "/wordprocessingml/2006/main") || strings.HasSuffix(space, "/ooxml/wordprocessingml/main")
}

// A docxPara collects one paragraph; bold holds the bold run that opens it
// until the first text that is not bold.
type docxPara struct {
	text     strings.Builder
	bold     strings.Builder
	boldOpen bool
	heading  bool // in a heading style: its text is a label candidate
}

// A docxTable collects the row being read of a (possibly nested) table.
type docxTable struct {
	cells []string
	cell  strings.Builder
}

type docxReader struct {
	s        *xmlStream
	b        *builder
	paras    []*docxPara // open paragraphs; text boxes nest them
	tables   []*docxTable
	inText   bool // inside w:t
	runBold  bool
	inRunPr  bool
	textSize int
}

func (r *docxReader) read() error {
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
			if r.inText {
				r.write(string(r.s.Text))
			}
		}
		if int64(r.textSize) > r.b.limit {
			return tooMuchText(r.b.limit)
		}
	}
}

func (r *docxReader) start(e *xmlStart) error {
	if e.Name.Local == "Fallback" && !isWordML(e.Name.Space) {
		return r.s.skip() // mc:Fallback repeats mc:Choice
	}
	if !isWordML(e.Name.Space) {
		return nil
	}
	switch e.Name.Local {
	case "del", "moveFrom", "delText", "instrText", "footnoteReference", "endnoteReference", "commentReference":
		return r.s.skip()
	case "pPr":
		return r.paragraphProperties()
	case "p":
		r.paras = append(r.paras, &docxPara{boldOpen: true})
	case "tbl":
		r.tables = append(r.tables, &docxTable{})
	case "r":
		r.runBold = false
	case "rPr":
		r.inRunPr = true
	case "b":
		if r.inRunPr {
			v := attr(e, "val")
			r.runBold = v == "" || v == "1" || v == "true" || v == "on"
		}
	case "t":
		r.inText = true
	case "tab", "ptab":
		if !r.inRunPr {
			r.write("\t")
		}
	case "br", "cr":
		r.write("\n")
	case "noBreakHyphen":
		r.write("\u2011")
	}
	return nil
}

func (r *docxReader) end(e xml.EndElement) error {
	if !isWordML(e.Name.Space) {
		return nil
	}
	switch e.Name.Local {
	case "t":
		r.inText = false
	case "rPr":
		r.inRunPr = false
	case "p":
		if len(r.paras) == 0 {
			return nil
		}
		p := r.paras[len(r.paras)-1]
		r.paras = r.paras[:len(r.paras)-1]
		if p.heading {
			return r.emit(p.text.String(), p.text.String())
		}
		return r.emit(p.text.String(), p.bold.String())
	case "tc":
		if t := r.table(); t != nil {
			t.cells = append(t.cells, strings.TrimSpace(t.cell.String()))
			t.cell.Reset()
		}
	case "tr":
		if t := r.table(); t != nil {
			row := strings.Join(t.cells, "\t")
			lead := speakerColumn(t.cells)
			t.cells = t.cells[:0]
			if len(r.tables) > 1 {
				parent := r.tables[len(r.tables)-2]
				sep(&parent.cell)
				parent.cell.WriteString(row)
				return nil
			}
			return r.b.paragraph(row, lead)
		}
	case "tbl":
		if len(r.tables) > 0 {
			r.tables = r.tables[:len(r.tables)-1]
		}
	}
	return nil
}

func (r *docxReader) table() *docxTable {
	if len(r.tables) == 0 {
		return nil
	}
	return r.tables[len(r.tables)-1]
}

// emit hands a finished paragraph to the table cell being read or to the
// document.
func (r *docxReader) emit(text, bold string) error {
	if t := r.table(); t != nil && len(r.paras) == 0 {
		sep(&t.cell)
		t.cell.WriteString(strings.ReplaceAll(text, "\n", " "))
		return nil
	}
	// A text box's paragraphs, nested inside another, come before it.
	return r.b.paragraph(text, bold)
}

// write adds run text to the innermost open paragraph.
func (r *docxReader) write(s string) {
	if len(r.paras) == 0 {
		return
	}
	p := r.paras[len(r.paras)-1]
	p.text.WriteString(s)
	r.textSize += len(s)
	if p.boldOpen {
		if r.runBold {
			p.bold.WriteString(s)
		} else if strings.TrimSpace(s) != "" {
			p.boldOpen = false
		} else {
			p.bold.WriteString(s)
		}
	}
}

// paragraphProperties reads a paragraph's w:pPr, which holds no text,
// for its style: a heading's text may be a speaker label.
func (r *docxReader) paragraphProperties() error {
	for level := r.s.depth; r.s.depth >= level; {
		kind, err := r.s.next()
		if errors.Is(err, io.EOF) {
			return damaged(wordNoun, io.ErrUnexpectedEOF)
		}
		if err != nil {
			return err
		}
		if e := &r.s.Start; kind == xmlStartTag && r.s.depth == level+1 && e.Name.Local == "pStyle" && isWordML(e.Name.Space) && len(r.paras) > 0 {
			r.paras[len(r.paras)-1].heading = isHeadingStyle(attr(e, "val"))
		}
	}
	return nil
}

// isHeadingStyle reports whether a Word style id names a heading, in the
// languages Word writes them: Heading1, Kop1, berschrift1, Titre1, Title.
func isHeadingStyle(id string) bool {
	id = strings.ToLower(id)
	for _, p := range []string{"heading", "kop", "berschrift", "überschrift", "titre", "title", "titel"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// speakerColumn returns the cells of a table row that may name its speaker,
// as a label run: the first cell, with a time cell before or after it, when
// more cells follow. A heading row ("Speaker", "Time") names no one.
func speakerColumn(cells []string) string {
	if len(cells) < 2 || cells[0] == "" {
		return ""
	}
	n := 1
	if _, k, ok := parseClock(cells[0]); ok && k == len(cells[0]) && len(cells) > 2 {
		n = 2 // time, speaker, text
	} else if _, k, ok := parseClock(cells[1]); ok && k == len(cells[1]) && len(cells) > 2 {
		n = 2 // speaker, time, text
	}
	for _, c := range cells[:n] {
		switch strings.ToLower(strings.TrimRight(c, ": ")) {
		case "speaker", "spreker", "sprecher", "name", "naam", "wie", "who", "time", "tijd", "zeit", "timestamp", "tijdstip":
			return ""
		}
	}
	return strings.Join(cells[:n], "\t")
}

// sep writes a space before more text in a table cell.
func sep(b *strings.Builder) {
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
}

// wordNS is the WordprocessingML namespace of transitional documents.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
