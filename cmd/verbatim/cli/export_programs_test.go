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

// TestReportsOpenInRealPrograms writes every other kind of report in each
// of its formats that a program opens (office documents, spreadsheets,
// PDF) and checks what a reader would look for in it.
func TestReportsOpenInRealPrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("opens about twenty files with LibreOffice")
	}
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "Slimmernetwerk.verbatim")
	if err := CreateDemo(context.Background(), proj, "nl"); err != nil {
		t.Fatal(err)
	}
	p, err := model.Open(context.Background(), proj)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	codes, _ := p.Codes(ctx)
	codings, _ := p.Codings(ctx, model.CodingFilter{})
	sums, _ := p.Summaries(ctx, model.SummaryFilter{})
	p.Close()
	var codeNames, keyQuotes, summaries []string
	for _, c := range codes {
		codeNames = append(codeNames, c.Name)
	}
	for _, c := range codings {
		if c.Key {
			keyQuotes = append(keyQuotes, c.Text)
		}
	}
	for _, s := range sums {
		summaries = append(summaries, s.Text)
	}
	for _, c := range []struct {
		kind    string
		formats []string
		want    []string
	}{
		{"summaries", []string{"docx", "odt", "pdf"}, append(append([]string{"Samenvattingen per interview", "Karin Wolters"}, keyQuotes...), summaries...)},
		{"summary-table", []string{"xlsx", "docx", "odt", "pdf"}, summaries},
		{"frequencies", []string{"xlsx", "docx", "pdf"}, codeNames},
		{"matrix", []string{"xlsx", "odt"}, append([]string{"Voorbeeldinterview Karin (fictief).txt"}, codeNames...)},
		{"cooccurrence", []string{"xlsx", "docx"}, codeNames},
		{"presence", []string{"xlsx"}, append([]string{"Voorbeeldinterview Sanne (fictief).txt", "Sanne de Vries"}, codeNames...)},
		{"codebook", []string{"xlsx", "docx", "odt", "pdf"}, codeNames},
		{"memos", []string{"docx", "odt", "pdf"}, append([]string{"Projectmemo", "Demoproject van Verbatim"}, summaries...)},
	} {
		for _, format := range c.formats {
			t.Run(c.kind+"."+format, func(t *testing.T) {
				out := filepath.Join(dir, c.kind+"."+format)
				mustRun(t, env, "report", proj, "--kind", c.kind, "-o", out)
				text := exporttest.Words(textOf(t, out))
				for _, w := range c.want {
					if !strings.Contains(text, exporttest.Words(w)) {
						t.Errorf("the %s report as %s lacks %q", c.kind, format, w)
					}
				}
			})
		}
	}
}

// TestPseudonymLeakInEveryFormat lists a participant under her full name
// while the transcripts also call her by her first name: in every format
// the export replaces the full name, and the warning finds the first name
// that is still in the file.
func TestPseudonymLeakInEveryFormat(t *testing.T) {
	env, dir := testEnv(t)
	proj := filepath.Join(dir, "Slimmernetwerk.verbatim")
	if err := CreateDemo(context.Background(), proj, "nl"); err != nil {
		t.Fatal(err)
	}
	mustRun(t, env, "pseudonyms", proj, "set", "Sanne de Vries", "Deelnemer A")
	// A quote that names Sanne by her first name only.
	mustRun(t, env, "code", "apply", proj, "--code", "Deel wat je leert", "--doc", "Voorbeeldinterview Sanne (fictief).txt", "--match", "Ik ben Sanne de Vries en ik werk nu zes jaar bij de gemeente Lindewaard")
	for _, format := range []string{"csv", "xlsx", "docx", "odt", "md", "html", "pdf"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "pseudo."+format)
			code, _, errOut := run(t, env, "export", proj, "-o", out, "--pseudonyms", "--context", "turn")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			text := textOf(t, out)
			if strings.Contains(text, "Sanne de Vries") {
				t.Errorf("the full name is still in the %s file", format)
			}
			if !strings.Contains(text, "Deelnemer A") {
				t.Errorf("the pseudonym is not in the %s file", format)
			}
			if !strings.Contains(errOut, `"Sanne" (of "Sanne de Vries")`) {
				t.Errorf("no warning about the first name:\n%s", errOut)
			}
			if !strings.Contains(text, "Sanne") {
				t.Errorf("the warning names a leak the %s file does not have", format)
			}
		})
	}
}
