package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"codeberg.org/verbatim/verbatim/model"
)

// writeJSON writes v as indented JSON. Lists are written as arrays, never
// null.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// table writes aligned columns for a person to read.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer, header ...string) *table {
	t := &table{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	if len(header) > 0 {
		t.row(anySlice(header)...)
	}
	return t
}

func (t *table) row(cells ...any) {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = visible(strings.ReplaceAll(fmt.Sprint(c), "\t", " "))
	}
	fmt.Fprintln(t.tw, strings.Join(parts, "\t"))
}

func (t *table) flush() error { return t.tw.Flush() }

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// oneLine shortens a quote for a table cell: line breaks become " / ", and
// text past max characters becomes "…".
func oneLine(s string, max int) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", " / ")
	r := []rune(s)
	if len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// visible makes a name (of a document, code, speaker or file) safe to print
// on a terminal: control characters, which include the escape sequences
// that move the cursor, retitle the window or hide text, and the characters
// that reorder text around them (bidirectional embeddings, overrides and
// isolates, as in "evil\u202Etxt.exe") are written as escapes (\n, \x1b,
// \u202e), so that a file name cannot write to the terminal or pass for
// another name.
func visible(s string) string { return escapeControls(s, false) }

// visibleText is visible for a message of several lines: line breaks and
// tabs stay.
func visibleText(s string) string { return escapeControls(s, true) }

func escapeControls(s string, keepLines bool) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return needsEscape(r, keepLines) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !needsEscape(r, keepLines) {
			b.WriteRune(r)
			continue
		}
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func needsEscape(r rune, keepLines bool) bool {
	if keepLines && (r == '\n' || r == '\t') {
		return false
	}
	return unicode.IsControl(r) || model.IsBidiControl(r) && r != '\u200E' && r != '\u200F' && r != '\u061C' ||
		r == '\u2028' || r == '\u2029'
}
