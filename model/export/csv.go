package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
)

func init() { writers[CSV] = writeCSV }

// writeCSV writes the Doc's one table as RFC 4180 CSV: UTF-8 with a byte
// order mark (so that Excel reads accents right), CRLF between records,
// fields quoted where they hold a comma, a quote or a line break. A text
// cell that starts with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe, so that a spreadsheet shows it as text instead of
// running it as a formula (formula injection); numeric cells are written as
// they are.
func writeCSV(ctx context.Context, w io.Writer, d *Doc) error {
	tables := d.Tables()
	switch {
	case len(tables) == 0:
		return fmt.Errorf("%w: this report has no table; choose docx, odt, pdf, html or md", ErrNoContent)
	case len(tables) > 1:
		return fmt.Errorf("%w: this report has %d tables and a CSV file holds one; choose xlsx", ErrNoContent, len(tables))
	}
	t := tables[0]
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	record := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		record[i] = neutralise(c.Title)
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	for n, row := range t.Rows {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for i := range record {
			record[i] = ""
			if i < len(row) {
				record[i] = row[i].Text
				if !row[i].Numeric {
					record[i] = neutralise(record[i])
				}
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// neutralise puts an apostrophe before text a spreadsheet would take for a
// formula (OWASP's advice on CSV injection).
func neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
