// Package export writes what a researcher hands on (the coded quotes, the
// reports, the analysis tables) in the formats they use: CSV, XLSX, DOCX,
// ODT, Markdown, HTML, PDF, and PNG or SVG for charts.
//
// Everything to write is first built as a Doc, a small document model of
// headings, paragraphs, block quotes, tables and images; each format has one
// writer that renders every kind of block. Spreadsheet formats (CSV, XLSX)
// take a Doc's tables; PNG and SVG take its first image. WriteFile writes to
// a temporary file beside the target and renames it, so there is never half
// a file.
package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Doc is a document to write.
type Doc struct {
	// Title is the document's title; Subtitle a line under it (the project,
	// the date, what was selected).
	Title, Subtitle string
	// Lang is the language of the text ("nl", "en"), for the file's
	// metadata.
	Lang string
	// Landscape asks page formats (DOCX, ODT, PDF) for landscape pages, for
	// wide tables.
	Landscape bool
	Blocks    []Block
}

// Block is one part of a Doc: a *Heading, *Paragraph, *Quote, *Table or
// *Image.
type Block interface{ isBlock() }

// Heading starts a chapter (Level 1), a section (2) or a subsection (3).
type Heading struct {
	Level int
	Text  string
	// Color is a code's colour as "#RRGGBB", shown as a mark beside the
	// heading; "" for none.
	Color string
}

// ParagraphStyle is how a paragraph looks.
type ParagraphStyle int

// The paragraph styles: running text, and a note (smaller and grey) for
// lines such as "4 quotes from 3 interviews, 3 participants".
const (
	Normal ParagraphStyle = iota
	Note
)

// Paragraph is running text. A "\n" in a run is a line break.
type Paragraph struct {
	Runs  []Run
	Style ParagraphStyle
}

// Run is a piece of a paragraph's text with one look.
type Run struct {
	Text         string
	Bold, Italic bool
}

// Quote is a quotation set off from the text, with its attribution ("Sanne
// de Vries, beleidsmedewerker, interview 3, 00:12:45") under it.
type Quote struct {
	Text        string
	Attribution string
	// Color is the code's colour as "#RRGGBB", shown as a bar beside the
	// quote; "" for none.
	Color string
	// Key marks a key quote, shown with a mark such as "★".
	Key bool
}

// Table is a table with a header row. In XLSX each table is a sheet named
// Name; elsewhere Name is its caption (left out when empty).
type Table struct {
	Name    string
	Columns []Column
	Rows    [][]Cell
}

// Column is a table column.
type Column struct {
	Title string
	// Width is the column's share of the table's width, relative to the
	// other columns': when the widths add up to less than 1 they are
	// fractions of the width and the columns without one share what is
	// left; otherwise a column without a Width counts as 1 (see
	// columnShares).
	Width float64
}

// Cell is a table cell. Text is what every format shows; a numeric cell
// also has its Value, which spreadsheets store as a number.
type Cell struct {
	Text    string
	Value   float64
	Numeric bool
	// Fill is a background colour as "#RRGGBB" (a code's colour), "" for
	// none.
	Fill string
	Bold bool
}

// Image is a chart: PNG for the page formats, SVG for HTML (inline) and SVG
// files. Width and Height are its size in points (1/72 inch) at full size;
// a page format scales it down to fit.
type Image struct {
	Alt           string
	PNG, SVG      []byte
	Width, Height float64
}

func (*Heading) isBlock()   {}
func (*Paragraph) isBlock() {}
func (*Quote) isBlock()     {}
func (*Table) isBlock()     {}
func (*Image) isBlock()     {}

// Text is a paragraph of plain text.
func Text(s string) *Paragraph { return &Paragraph{Runs: []Run{{Text: s}}} }

// NoteText is a paragraph of plain text in the Note style.
func NoteText(s string) *Paragraph { return &Paragraph{Runs: []Run{{Text: s}}, Style: Note} }

// TextCell is a cell of text.
func TextCell(s string) Cell { return Cell{Text: s} }

// NumberCell is a cell holding a whole number.
func NumberCell(n int) Cell {
	return Cell{Text: itoa(n), Value: float64(n), Numeric: true}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Tables returns the Doc's tables in order.
func (d *Doc) Tables() []*Table {
	var out []*Table
	for _, b := range d.Blocks {
		if t, ok := b.(*Table); ok {
			out = append(out, t)
		}
	}
	return out
}

// Images returns the Doc's images in order.
func (d *Doc) Images() []*Image {
	var out []*Image
	for _, b := range d.Blocks {
		if im, ok := b.(*Image); ok {
			out = append(out, im)
		}
	}
	return out
}

// Strings calls fn with every piece of text the Doc holds (titles,
// headings, runs, quotes, attributions, cells, alt texts): everything a
// writer puts in a file. The pseudonym check reads a Doc through it.
func (d *Doc) Strings(fn func(s string)) {
	fn(d.Title)
	fn(d.Subtitle)
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *Heading:
			fn(b.Text)
		case *Paragraph:
			for _, r := range b.Runs {
				fn(r.Text)
			}
		case *Quote:
			fn(b.Text)
			fn(b.Attribution)
		case *Table:
			fn(b.Name)
			for _, c := range b.Columns {
				fn(c.Title)
			}
			for _, row := range b.Rows {
				for _, c := range row {
					fn(c.Text)
				}
			}
		case *Image:
			fn(b.Alt)
		}
	}
}

// cleaned returns a copy of the Doc whose every string is safe for every
// format: valid UTF-8 (bad bytes become U+FFFD), line ends as "\n", and no
// control characters other than tab and line feed, nor the non-characters
// XML forbids. Writers can rely on it: Write cleans before it writes.
func (d *Doc) cleaned() *Doc {
	c := *d
	c.Title, c.Subtitle, c.Lang = Clean(d.Title), Clean(d.Subtitle), Clean(d.Lang)
	c.Blocks = make([]Block, len(d.Blocks))
	for i, b := range d.Blocks {
		switch b := b.(type) {
		case *Heading:
			h := *b
			h.Text, h.Color = Clean(h.Text), cleanColor(h.Color)
			c.Blocks[i] = &h
		case *Paragraph:
			p := *b
			p.Runs = make([]Run, len(b.Runs))
			for j, r := range b.Runs {
				r.Text = Clean(r.Text)
				p.Runs[j] = r
			}
			c.Blocks[i] = &p
		case *Quote:
			q := *b
			q.Text, q.Attribution, q.Color = Clean(q.Text), Clean(q.Attribution), cleanColor(q.Color)
			c.Blocks[i] = &q
		case *Table:
			t := *b
			t.Name = Clean(t.Name)
			t.Columns = make([]Column, len(b.Columns))
			for j, col := range b.Columns {
				col.Title = Clean(col.Title)
				t.Columns[j] = col
			}
			// Rows that are clean already are shared, not copied: a quote
			// table of 20,000 rows is written without a second copy.
			t.Rows = make([][]Cell, len(b.Rows))
			for j, row := range b.Rows {
				if len(row) == len(t.Columns) && cleanRow(row) {
					t.Rows[j] = row
					continue
				}
				r := make([]Cell, len(t.Columns))
				for k := range r {
					if k < len(row) {
						r[k] = row[k]
						r[k].Text, r[k].Fill = Clean(r[k].Text), cleanColor(r[k].Fill)
					}
				}
				t.Rows[j] = r
			}
			c.Blocks[i] = &t
		case *Image:
			im := *b
			im.Alt = Clean(im.Alt)
			c.Blocks[i] = &im
		default:
			c.Blocks[i] = b
		}
	}
	return &c
}

// cleanRow reports whether cleaning would leave a row as it is.
func cleanRow(row []Cell) bool {
	for _, c := range row {
		if Clean(c.Text) != c.Text || cleanColor(c.Fill) != c.Fill {
			return false
		}
	}
	return true
}

// Clean makes s safe for every format (see Doc.cleaned).
func Clean(s string) string {
	ok := utf8.ValidString(s)
	for i := 0; ok && i < len(s); i++ {
		if b := s[i]; b < 0x20 && b != '\t' && b != '\n' || b == 0x7f || b == 0xef {
			ok = false // 0xef: perhaps U+FFFE or U+FFFF; look closer
		}
	}
	if ok {
		return s
	}
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\t' || r == '\n':
			return r
		case r == 0xFFFE || r == 0xFFFF, r < 0x20, r == 0x7f:
			return -1
		case unicode.Is(unicode.Cs, r):
			return '\uFFFD'
		}
		return r
	}, s)
}

// cleanColor keeps a colour written as "#RRGGBB" (upper-cased) and drops
// anything else.
func cleanColor(s string) string {
	if len(s) != 7 || s[0] != '#' {
		return ""
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return ""
		}
	}
	return strings.ToUpper(s)
}

// columnShares is each column's share of the table's width, from the
// columns' relative Widths, adding up to 1. When those add up to less than 1
// they are fractions, and the columns without one share what is left;
// otherwise a column without a Width counts as 1, as the narrow columns (a
// number, a count) usually go without. Every writer lays tables out by it.
func columnShares(cols []Column) []float64 {
	width := func(c Column) float64 {
		if c.Width > 0 {
			return min(c.Width, 1e6) // no sum of widths overflows
		}
		return 0 // also NaN
	}
	sum, zeros := 0.0, 0
	for _, c := range cols {
		sum += width(c)
		if width(c) == 0 {
			zeros++
		}
	}
	zero := 1.0
	if sum > 0 && sum < 1 && zeros > 0 {
		zero = (1 - sum) / float64(zeros)
	}
	all := sum + zero*float64(zeros)
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = zero / all
		if w := width(c); w > 0 {
			out[i] = w / all
		}
	}
	return out
}
