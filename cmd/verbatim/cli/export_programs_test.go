package cli

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export/exporttest"
)

// textOf opens an exported file as a user's program would and returns its
// text: LibreOffice for DOCX, ODT and XLSX (as CSV), pdftotext for PDF, an
// HTML parser for HTML (the text a browser shows), the file itself for
// Markdown; a CSV file's cells, one per line.
func textOf(t *testing.T, path string) string {
	t.Helper()
	switch filepath.Ext(path) {
	case ".docx", ".odt":
		return exporttest.OfficeText(t, path)
	case ".xlsx":
		return cells(t, exporttest.OfficeText(t, path))
	case ".pdf":
		return exporttest.PDFText(t, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch filepath.Ext(path) {
	case ".csv":
		return cells(t, strings.TrimPrefix(string(data), "\uFEFF"))
	case ".html":
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && (n.Data == "style" || n.Data == "svg") {
				return
			}
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			if n.Type == html.ElementNode && (n.Data == "br" || n.Data == "p" || n.Data == "td") {
				b.WriteString(" ")
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		return b.String()
	}
	return string(data)
}

// cells reads CSV and returns its cells, one per line.
func cells(t *testing.T, s string) string {
	records, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read: %v", err)
	}
	var b strings.Builder
	for _, r := range records {
		for _, c := range r {
			b.WriteString(c + "\n")
		}
	}
	return b.String()
}

// TestExportsOpenInRealPrograms exports the demo project's coded quotes and
// its principle report in every format, opens each file with the program a
// user would, and checks that every quote comes out exactly (accents and
// typographic quotes included) and, in the report, with its attribution.
func TestExportsOpenInRealPrograms(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "Slimmernetwerk.verbatim")
	if err := CreateDemo(context.Background(), proj, "nl"); err != nil {
		t.Fatal(err)
	}
	p, err := model.Open(context.Background(), proj)
	if err != nil {
		t.Fatal(err)
	}
	codings, err := p.Codings(context.Background(), model.CodingFilter{})
	p.Close()
	if err != nil || len(codings) < 20 {
		t.Fatalf("the demo project has %d codings (%v)", len(codings), err)
	}
	for _, format := range []string{"csv", "xlsx", "docx", "odt", "md", "html", "pdf"} {
		t.Run("quotes."+format, func(t *testing.T) {
			out := filepath.Join(dir, "quotes."+format)
			mustRun(t, env, "export", proj, "-o", out)
			text := exporttest.Words(unescapeMarkdown(textOf(t, out), format))
			for _, c := range codings {
				if !strings.Contains(text, exporttest.Words(c.Text)) {
					t.Errorf("quote %d is not in the %s file exactly: %q", c.ID, format, c.Text)
				}
			}
		})
	}
	for _, format := range []string{"docx", "odt", "md", "html", "pdf"} {
		t.Run("principles."+format, func(t *testing.T) {
			out := filepath.Join(dir, "principles."+format)
			mustRun(t, env, "report", proj, "--kind", "principles", "-o", out, "--attrs", "rol")
			text := exporttest.Words(unescapeMarkdown(textOf(t, out), format))
			for _, want := range []string{"Deel wat je leert", "citaten uit 3 interviews, 3 deelnemers", "— Sanne de Vries, Programmamanager sociaal domein, Voorbeeldinterview Sanne (fictief).txt"} {
				if !strings.Contains(text, want) {
					t.Errorf("the %s report lacks %q", format, want)
				}
			}
			for _, c := range codings {
				if !strings.Contains(text, exporttest.Words(c.Text)) {
					t.Errorf("quote %d is not in the %s report exactly: %q", c.ID, format, c.Text)
				}
			}
		})
	}
}

// unescapeMarkdown undoes the Markdown writer's backslash escapes, as a
// Markdown viewer shows the text.
func unescapeMarkdown(s, format string) string {
	if format != "md" {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\*_`[]<>|~#-+=.&)!", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.ReplaceAll(b.String(), "<br>", " ")
}
