package export

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

func init() { writers[XLSX] = writeXLSX }

// The look of a sheet. Widths are in Excel's character units.
const (
	xlsxTotalWidth = 100 // what the columns of a table share
	xlsxMinWidth   = 8   // narrower and "12" no longer fits beside the filter button
	xlsxMaxWidth   = 100
	xlsxHeaderFill = "#DCE3EC"
	xlsxHeaderLine = "#8C99A8"
	// xlsxSheetName is Excel's limit on a sheet name, in UTF-16 units.
	xlsxSheetName = 31
)

// writeXLSX writes each table of the Doc as a sheet of its own, named after
// the table; the other blocks have no place in a workbook. Rows go through
// excelize's StreamWriter, which keeps the sheet XML in a temporary file
// instead of a cell map, so a sheet of 20,000 quotes stays small in memory.
//
// Text cells are inline strings and never formulas, so a quote that reads
// "=SUM(A1:A9)" stays that text; unlike CSV no apostrophe is needed, since a
// spreadsheet takes the cell's type from the file instead of guessing.
func writeXLSX(ctx context.Context, w io.Writer, d *Doc) error {
	tables := d.Tables()
	if len(tables) == 0 {
		return fmt.Errorf("%w: this report has no table; choose docx, odt, pdf, html or md", ErrNoContent)
	}
	f := excelize.NewFile()
	defer f.Close() // removes the stream writers' temporary files
	now := time.Now().UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          d.Title,
		Subject:        d.Subtitle,
		Language:       d.Lang,
		Creator:        "Verbatim",
		LastModifiedBy: "Verbatim",
		Created:        now,
		Modified:       now,
	}); err != nil {
		return fmt.Errorf("xlsx properties: %w", err)
	}
	st := &xlsxStyles{f: f, ids: map[xlsxStyleKey]int{}}
	names := xlsxSheetNames(tables, d.Lang)
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), names[0]); err != nil {
				return fmt.Errorf("xlsx sheet %q: %w", names[0], err)
			}
		} else if _, err := f.NewSheet(names[i]); err != nil {
			return fmt.Errorf("xlsx sheet %q: %w", names[i], err)
		}
		if err := writeXLSXSheet(ctx, f, st, names[i], t); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// writeXLSXSheet streams one table into the sheet named name.
func writeXLSXSheet(ctx context.Context, f *excelize.File, st *xlsxStyles, name string, t *Table) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", name, err)
	}
	ncol := len(t.Columns)
	// Widths and panes must come before the first row: the stream writer
	// writes the sheet's XML in order. Each SetColWidth puts its column
	// before those set already, and Excel wants them in order: hence last
	// to first.
	widths := xlsxWidths(t.Columns)
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return fmt.Errorf("xlsx sheet %q: %w", name, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", name, err)
	}
	if ncol == 0 {
		return sw.Flush()
	}
	row := make([]any, ncol)
	for i, c := range t.Columns {
		id, err := st.id(xlsxStyleKey{header: true, numeric: columnNumeric(t, i)})
		if err != nil {
			return err
		}
		row[i] = excelize.Cell{StyleID: id, Value: c.Title}
	}
	if err := sw.SetRow("A1", row, xlsxRowOpts(xlsxTitleCells(t.Columns), widths)...); err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", name, err)
	}
	for n, cells := range t.Rows {
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		clear(row) // so that a short row shows none of the row before's cells
		for i, c := range cells[:min(len(cells), ncol)] {
			key := xlsxStyleKey{fill: c.Fill, bold: c.Bold}
			var v any = c.Text
			if c.Text == "" {
				v = nil // a blank cell, not an empty string, so that filters list it as blank
			}
			if c.Numeric && !math.IsNaN(c.Value) && !math.IsInf(c.Value, 0) {
				key.numeric, v = true, c.Value
			}
			id, err := st.id(key)
			if err != nil {
				return err
			}
			row[i] = excelize.Cell{StyleID: id, Value: v}
		}
		if err := sw.SetRow("A"+strconv.Itoa(n+2), row, xlsxRowOpts(cells, widths)...); err != nil {
			return fmt.Errorf("xlsx sheet %q, row %d: %w", name, n+2, err)
		}
	}
	last, err := excelize.CoordinatesToCellName(ncol, len(t.Rows)+1)
	if err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", name, err)
	}
	// The stream writer keeps the worksheet's other parts (the autofilter
	// among them) until Flush, so setting the filter here lands in the
	// sheet.
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", name, err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx sheet %q: %w", name, err)
	}
	return nil
}

// Row heights, in points: Excel's default font (Calibri 11) takes 15 a
// line, and a row can be 409 high.
const (
	xlsxLineHeight   = 15
	xlsxMaxRowHeight = 409
)

// xlsxRowOpts gives a row whose text wraps the height of its lines. Neither
// LibreOffice nor Numbers fits a row to wrapped text on opening a file, so
// the height is written in, estimated: a width unit holds about 1.2
// characters of text, less a couple for the words that wrap whole.
func xlsxRowOpts(cells []Cell, widths []float64) []excelize.RowOpts {
	lines := 1
	for i, c := range cells[:min(len(cells), len(widths))] {
		if c.Numeric || c.Text == "" {
			continue
		}
		perLine := max(1, int(widths[i]*1.2)-2)
		n := 0
		for part := range strings.SplitSeq(c.Text, "\n") {
			n += max(1, (utf8.RuneCountInString(part)+perLine-1)/perLine)
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return nil // the default height, which Excel and LibreOffice fit
	}
	return []excelize.RowOpts{{Height: min(float64(lines*xlsxLineHeight), xlsxMaxRowHeight)}}
}

// xlsxTitleCells is the columns' titles as the cells of a header row.
func xlsxTitleCells(cols []Column) []Cell {
	out := make([]Cell, len(cols))
	for i, c := range cols {
		out[i] = Cell{Text: c.Title}
	}
	return out
}

// xlsxWidths turns the columns' shares into widths in characters, each at
// least room for its title and filter button (up to a point).
func xlsxWidths(cols []Column) []float64 {
	out := columnShares(cols)
	for i, c := range cols {
		title := float64(len(utf16.Encode([]rune(c.Title)))) + 4
		out[i] = min(max(math.Round(out[i]*xlsxTotalWidth), xlsxMinWidth, min(title, 30)), xlsxMaxWidth)
	}
	return out
}

// xlsxSheetNames names a sheet after each table, as Excel allows: at most
// 31 characters, none of : \ / ? * [ ], unique regardless of case. A table
// without a name is numbered ("Tabel 2"), and a name already taken gets a
// number after it ("Citaten (2)").
func xlsxSheetNames(tables []*Table, lang string) []string {
	word := "Table"
	if strings.HasPrefix(strings.ToLower(lang), "nl") {
		word = "Tabel"
	}
	// Excel keeps "History" for its change tracking.
	taken := map[string]bool{"history": true}
	out := make([]string, len(tables))
	for i, t := range tables {
		base := xlsxSheetBase(t.Name)
		if base == "" {
			base = word + " " + strconv.Itoa(i+1)
		}
		name := base
		for n := 2; taken[strings.ToLower(name)]; n++ {
			suffix := " (" + strconv.Itoa(n) + ")"
			name = xlsxTruncate(base, xlsxSheetName-len(suffix)) + suffix
		}
		taken[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// xlsxSheetBase makes a table's name a valid sheet name, or "".
func xlsxSheetBase(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\':
			return '-'
		case '\'':
			// Excel forbids it at either end, and excelize does not double
			// it where a formula names the sheet (the autofilter's range),
			// which Excel then repairs; the typographic one is better Dutch
			// anyway ("foto’s").
			return '’'
		case '[':
			return '('
		case ']':
			return ')'
		case ':', '?', '*', '\n', '\t':
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSpace(xlsxTruncate(s, xlsxSheetName))
}

// xlsxTruncate cuts s to at most n UTF-16 units (Excel counts those), on a
// character boundary.
func xlsxTruncate(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}

// xlsxStyleKey is what sets one cell's look apart from another's.
type xlsxStyleKey struct {
	fill          string
	bold, numeric bool
	header        bool
}

// xlsxStyles makes each look a workbook style once; a workbook holds at
// most 64,000 styles, and the looks of a Doc are few (one per code colour).
type xlsxStyles struct {
	f   *excelize.File
	ids map[xlsxStyleKey]int
}

func (s *xlsxStyles) id(k xlsxStyleKey) (int, error) {
	if id, ok := s.ids[k]; ok {
		return id, nil
	}
	style := &excelize.Style{
		Font:      &excelize.Font{Bold: k.bold || k.header},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: !k.numeric},
	}
	if k.numeric {
		style.Alignment.Horizontal = "right"
	}
	if k.header {
		style.Alignment.Vertical = "center"
		style.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{xlsxHeaderFill}}
		style.Border = []excelize.Border{{Type: "bottom", Color: xlsxHeaderLine, Style: 2}}
	}
	if k.fill != "" {
		style.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{k.fill}}
		style.Font.Color = inkOn(k.fill)
	}
	id, err := s.f.NewStyle(style)
	if err != nil {
		return 0, fmt.Errorf("xlsx style: %w", err)
	}
	s.ids[k] = id
	return id, nil
}

// inkOn is the colour of text that reads well on the background fill
// ("#RRGGBB"): white on dark colours, near-black on light ones. The
// threshold is where black and white text have the same WCAG contrast.
func inkOn(fill string) string {
	if len(fill) != 7 {
		return "#1A1A1A"
	}
	v, err := strconv.ParseUint(fill[1:], 16, 32)
	if err != nil {
		return "#1A1A1A"
	}
	lin := func(c uint64) float64 {
		x := float64(c) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
	if l < 0.179 {
		return "#FFFFFF"
	}
	return "#1A1A1A"
}
