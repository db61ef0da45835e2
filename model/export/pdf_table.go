package export

// The table styles and geometry, in points.
var (
	styleCell       = textStyle{size: 9, lead: 12, color: colorText}
	styleCellRight  = textStyle{size: 9, lead: 12, color: colorText, align: alignRight}
	styleTableName  = textStyle{size: 10.5, lead: 14, color: colorText}
	colorHeaderRule = rgb{0x99, 0x99, 0x99}
)

const (
	cellPadX   = 5
	cellPadY   = 3
	fillStripe = 2 // the code's own colour at the left of a filled cell
	// headerLines bounds a column title, since the header row comes back on
	// every page the table fills.
	headerLines = 3
)

// pdfTable draws one table: a header row that comes back at the top of
// every page, rows whose cells wrap, and rows taller than what is left of a
// page split between lines, cell by cell, so that no text is lost or drawn
// over.
type pdfTable struct {
	p       *pdfWriter
	x, w    []float64 // each column's left edge and width
	right   float64
	header  [][]line
	headerH float64
	cells   [][]line // the lines of the row being drawn
}

func (p *pdfWriter) table(t *Table) error {
	n := len(t.Columns)
	if n == 0 {
		return nil
	}
	tb := &pdfTable{p: p, x: make([]float64, n), w: pdfColumnWidths(t.Columns, p.width()), cells: make([][]line, n)}
	x := p.x0
	for i, w := range tb.w {
		tb.x[i] = x
		x += w
	}
	tb.right = x
	numeric := pdfNumericColumns(t)
	tb.header = make([][]line, n)
	most := 1
	for i, c := range t.Columns {
		ts := &styleCell
		if numeric[i] {
			ts = &styleCellRight
		}
		lines := p.wrapText(c.Title, styleBold, ts, tb.w[i]-2*cellPadX)
		tb.header[i] = lines[:min(len(lines), headerLines)]
		most = max(most, len(tb.header[i]))
	}
	tb.headerH = 2*cellPadY + float64(most)*styleCell.lead

	var caption []line
	if t.Name != "" {
		caption = p.wrapText(t.Name, styleBold, &styleTableName, p.width())
	}
	start := linesHeight(caption) + 2 + tb.headerH
	if len(t.Rows) > 0 {
		start += 2*cellPadY + float64(min(tb.wrapRow(t.Rows[0]), 3))*styleCell.lead
	}
	p.gap(8)
	p.need(min(start, p.height()))
	if len(caption) > 0 {
		p.flow(caption, p.x0, p.width(), nil)
		p.y += 2
	}
	tb.drawHeader()
	for i, row := range t.Rows {
		if i%256 == 255 {
			if err := p.ctx.Err(); err != nil {
				return err
			}
		}
		tb.row(row)
		if p.err != nil {
			return p.err
		}
	}
	p.y += 10
	return nil
}

// wrapRow lays out the cells of a row into tb.cells and returns how many
// lines the tallest has.
func (tb *pdfTable) wrapRow(row []Cell) int {
	most := 1
	for i := range tb.w {
		var c Cell
		if i < len(row) {
			c = row[i]
		}
		ts := &styleCell
		if c.Numeric {
			ts = &styleCellRight
		}
		tb.cells[i] = tb.p.wrapText(c.Text, runStyle(c.Bold, false), ts, tb.w[i]-2*cellPadX)
		most = max(most, len(tb.cells[i]))
	}
	return most
}

// row draws a row, on the next page when it does not fit on this one but
// would on a fresh page; a row taller than a page is split.
func (tb *pdfTable) row(row []Cell) {
	p := tb.p
	n := tb.wrapRow(row)
	lead := styleCell.lead
	if h := 2*cellPadY + float64(n)*lead; p.y+h > p.y1 {
		if h <= p.height()-tb.headerH || p.y1-p.y < 2*cellPadY+2*lead {
			tb.nextPage()
		}
	}
	for done := 0; done < n; {
		fit := int((p.y1 - p.y - 2*cellPadY) / lead)
		k := max(1, min(n-done, fit))
		tb.fragment(row, done, done+k)
		done += k
		if done < n {
			tb.nextPage()
		}
	}
}

// fragment draws lines from to to of the row's cells, with their fills,
// and the rule under them.
func (tb *pdfTable) fragment(row []Cell, from, to int) {
	p := tb.p
	lead := styleCell.lead
	h := 2*cellPadY + float64(to-from)*lead
	for i := range tb.w {
		if i < len(row) {
			if c, ok := parseColor(row[i].Fill); ok {
				p.box(tb.x[i], p.y, tb.w[i], h, c.tint())
				p.box(tb.x[i], p.y, fillStripe, h, c)
			}
		}
		lines := tb.cells[i]
		for j := from; j < to && j < len(lines); j++ {
			p.drawLine(&lines[j], tb.x[i]+cellPadX, p.y+cellPadY+float64(j-from)*lead, tb.w[i]-2*cellPadX)
		}
	}
	p.y += h
	p.rule(p.x0, p.y, tb.right, colorBorder, 0.5)
}

func (tb *pdfTable) drawHeader() {
	p := tb.p
	p.box(p.x0, p.y, tb.right-p.x0, tb.headerH, colorHeader)
	for i, lines := range tb.header {
		for j := range lines {
			p.drawLine(&lines[j], tb.x[i]+cellPadX, p.y+cellPadY+float64(j)*styleCell.lead, tb.w[i]-2*cellPadX)
		}
	}
	p.y += tb.headerH
	p.rule(p.x0, p.y, tb.right, colorHeaderRule, 0.8)
}

func (tb *pdfTable) nextPage() {
	tb.p.newPage()
	tb.drawHeader()
}

// pdfColumnWidths divides width among the columns by their shares
// (columnShares), as every writer does.
func pdfColumnWidths(cols []Column, width float64) []float64 {
	out := columnShares(cols)
	for i := range out {
		out[i] *= width
	}
	return out
}

// pdfNumericColumns marks the columns whose filled cells are all numbers;
// their titles align right, over the numbers.
func pdfNumericColumns(t *Table) []bool {
	out := make([]bool, len(t.Columns))
	for i := range out {
		seen, all := false, true
		for _, row := range t.Rows {
			if i >= len(row) || row[i].Text == "" {
				continue
			}
			seen = true
			if !row[i].Numeric {
				all = false
				break
			}
		}
		out[i] = seen && all
	}
	return out
}
