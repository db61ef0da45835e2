package export

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"strings"
)

func init() { writers[Markdown] = writeMarkdown }

// writeMarkdown writes CommonMark with GitHub's tables: headings, block
// quotes with their attribution, pipe tables (a "|" in a cell escaped, line
// breaks as <br>), and charts as PNG images inside the file (data: URIs),
// so that the file stands alone. Text is escaped where Markdown would read
// it as markup, and nothing else, so the file stays pleasant to read raw.
func writeMarkdown(ctx context.Context, w io.Writer, d *Doc) error {
	bw := bufio.NewWriter(w)
	if d.Title != "" {
		bw.WriteString("# " + mdInline(d.Title) + "\n\n")
	}
	if d.Subtitle != "" {
		bw.WriteString("*" + mdInline(d.Subtitle) + "*\n\n")
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *Heading:
			level := min(max(b.Level, 1), 5) + 1
			bw.WriteString(strings.Repeat("#", level) + " " + mdInline(b.Text) + "\n\n")
		case *Paragraph:
			text := mdRuns(b.Runs)
			if b.Style == Note {
				text = "<small>" + text + "</small>"
			}
			bw.WriteString(text + "\n\n")
		case *Quote:
			text := b.Text
			if b.Key {
				text = "★ " + text
			}
			for _, line := range strings.Split(text, "\n") {
				bw.WriteString(strings.TrimRight("> "+mdLine(mdInline(line)), " ") + "\n")
			}
			if b.Attribution != "" {
				bw.WriteString(">\n> — " + mdInline(b.Attribution) + "\n")
			}
			bw.WriteString("\n")
		case *Table:
			if err := mdTable(ctx, bw, b); err != nil {
				return err
			}
		case *Image:
			if len(b.PNG) > 0 {
				bw.WriteString("![" + mdInline(b.Alt) + "](data:image/png;base64," + base64.StdEncoding.EncodeToString(b.PNG) + ")\n\n")
			} else if b.Alt != "" {
				bw.WriteString("*" + mdInline(b.Alt) + "*\n\n")
			}
		}
	}
	return bw.Flush()
}

func mdTable(ctx context.Context, bw *bufio.Writer, t *Table) error {
	if len(t.Columns) == 0 {
		return nil
	}
	if t.Name != "" {
		bw.WriteString("**" + mdInline(t.Name) + "**\n\n")
	}
	bw.WriteString("|")
	for _, c := range t.Columns {
		bw.WriteString(" " + mdCell(c.Title) + " |")
	}
	bw.WriteString("\n|")
	for i := range t.Columns {
		align := " --- |"
		if columnNumeric(t, i) {
			align = " ---: |"
		}
		bw.WriteString(align)
	}
	bw.WriteString("\n")
	for n, row := range t.Rows {
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		bw.WriteString("|")
		for i := range t.Columns {
			cell := ""
			if i < len(row) {
				cell = mdCell(row[i].Text)
				if row[i].Bold && cell != "" {
					cell = "**" + cell + "**"
				}
			}
			bw.WriteString(" " + cell + " |")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("\n")
	return nil
}

// columnNumeric reports whether every non-empty cell of column i is a
// number, so the column is right-aligned.
func columnNumeric(t *Table, i int) bool {
	seen := false
	for _, row := range t.Rows {
		if i < len(row) && row[i].Text != "" {
			if !row[i].Numeric {
				return false
			}
			seen = true
		}
	}
	return seen
}

func mdRuns(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		lines := strings.Split(r.Text, "\n")
		for i, line := range lines {
			if i > 0 {
				b.WriteString("  \n") // a hard line break
			}
			text := mdInline(line)
			if strings.TrimSpace(text) == "" {
				b.WriteString(text)
				continue
			}
			// Emphasis markers must hug the text: move surrounding spaces out.
			lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
			trail := text[len(strings.TrimRight(text, " ")):]
			core := strings.TrimSpace(text)
			switch {
			case r.Bold && r.Italic:
				core = "***" + core + "***"
			case r.Bold:
				core = "**" + core + "**"
			case r.Italic:
				core = "*" + core + "*"
			}
			b.WriteString(lead + core + trail)
		}
	}
	lines := strings.Split(b.String(), "  \n")
	for i, l := range lines {
		lines[i] = mdLine(l)
	}
	return strings.Join(lines, "  \n")
}

// mdInline escapes the characters that are markup anywhere in a line (and
// "&" where it could start an entity such as &amp;).
func mdInline(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '*', '_', '`', '[', ']', '<', '>', '|', '~':
			b.WriteByte('\\')
		case '&':
			if i+1 < len(s) && (s[i+1] == '#' || s[i+1] >= 'a' && s[i+1] <= 'z' || s[i+1] >= 'A' && s[i+1] <= 'Z') {
				b.WriteByte('\\')
			}
		case '\n':
			b.WriteString(" ")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdLine escapes what is markup at the start of a line (a heading, a list
// item, a block quote, a numbered item) after inline escaping.
func mdLine(s string) string {
	trimmed := strings.TrimLeft(s, " ")
	if trimmed == "" {
		return s
	}
	lead := s[:len(s)-len(trimmed)]
	switch trimmed[0] {
	case '#', '-', '+', '=':
		return lead + "\\" + trimmed
	}
	if i := strings.IndexFunc(trimmed, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (trimmed[i] == '.' || trimmed[i] == ')') {
		return lead + trimmed[:i] + "\\" + trimmed[i:]
	}
	return s
}

// mdCell writes text for a table cell: escaped, line breaks as <br>.
func mdCell(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdInline(l)
	}
	return strings.Join(lines, "<br>")
}
