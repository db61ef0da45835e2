package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

func TestXLSXSample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.xlsx")
	if err := WriteFile(context.Background(), path, XLSX, sampleDoc(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Citaten"}; !slices.Equal(got, want) {
		t.Fatalf("sheets: got %q, want %q", got, want)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if want := sampleDoc(t).Title; props.Title != want {
		t.Errorf("title property: got %q, want %q", props.Title, want)
	}
	const sheet = "Citaten"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Nr.", "Code", "Citaat", "Aantal"},
		{"1", "Deel wat je leert", "Met een komma, en \"aanhalingstekens\"\nen een regelovergang", "12"},
		{"2", "Vertrek vanuit motivatie", "=SUM(A1:A9)", "-3"},
		{"3", "a | b", "<script>alert(1)</script> & 🙂 €"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows:\ngot  %q\nwant %q", rows, want)
	}
	for _, tc := range []struct {
		cell    string
		numeric bool
	}{{"A2", true}, {"D3", true}, {"B2", false}, {"C3", false}, {"A1", false}} {
		typ, err := f.GetCellType(sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		isNumber := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
		isText := typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString
		if tc.numeric && !isNumber || !tc.numeric && !isText {
			t.Errorf("%s: got cell type %v, want a %s", tc.cell, typ, map[bool]string{true: "number", false: "string"}[tc.numeric])
		}
	}
	if formula, err := f.GetCellFormula(sheet, "C3"); err != nil || formula != "" {
		t.Errorf("C3: got formula %q (%v), want none", formula, err)
	}
	raw := zipPart(t, path, "xl/worksheets/sheet1.xml")
	if strings.Contains(raw, "<f>") || strings.Contains(raw, "<f ") {
		t.Errorf("the sheet holds a formula:\n%s", raw)
	}

	for _, tc := range []struct {
		cell, fill, font string
		bold             bool
	}{
		{"A1", xlsxHeaderFill, "", true},
		{"B2", "#56B4E9", "#1A1A1A", false},
		{"B3", "#E69F00", "#1A1A1A", true},
		{"C2", "", "", false},
	} {
		id, err := f.GetCellStyle(sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		var fill, font string
		if len(st.Fill.Color) > 0 {
			fill = "#" + strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
		}
		bold := st.Font != nil && st.Font.Bold
		if st.Font != nil && st.Font.Color != "" {
			font = "#" + strings.TrimPrefix(strings.ToUpper(st.Font.Color), "#")
		}
		if fill != tc.fill || font != tc.font || bold != tc.bold {
			t.Errorf("%s: got fill %q, text %q, bold %v; want %q, %q, %v", tc.cell, fill, font, bold, tc.fill, tc.font, tc.bold)
		}
		if tc.cell == "C2" && (st.Alignment == nil || !st.Alignment.WrapText) {
			t.Errorf("C2 (with a line break): got no wrap text, want wrap")
		}
	}
	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes: got %+v, want the first row frozen", panes)
	}
	if !strings.Contains(raw, `<autoFilter ref="$A$1:$D$4"`) {
		t.Errorf("no autofilter over A1:D4 in the sheet:\n%s", raw)
	}
	if first, last := strings.Index(raw, `<col min="1"`), strings.Index(raw, `<col min="4"`); first < 0 || last < first {
		t.Errorf("columns out of order (Excel repairs the file):\n%s", raw)
	}
	if h, err := f.GetRowHeight(sheet, 2); err != nil || h < 2*xlsxLineHeight {
		t.Errorf("row 2 (two lines): got height %v (%v), want at least %d", h, err, 2*xlsxLineHeight)
	}
	widthB, _ := f.GetColWidth(sheet, "B")
	widthC, _ := f.GetColWidth(sheet, "C")
	widthA, _ := f.GetColWidth(sheet, "A")
	if !(widthC > widthB && widthB > widthA && widthA >= xlsxMinWidth) {
		t.Errorf("column widths A, B, C: got %v, %v, %v; want growing with Column.Width", widthA, widthB, widthC)
	}
}

// zipPart returns one part of a zip file (an XLSX) as text.
func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	r, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestXLSXOffice opens the workbook in LibreOffice Calc, which exports its
// first sheet as CSV: every cell must come out as it went in.
func TestXLSXOffice(t *testing.T) {
	sample := sampleDoc(t)
	quotes := &Table{Name: "Citaten", Columns: []Column{{Title: "Citaat", Width: 4}, {Title: "Bron"}}}
	for _, b := range sample.Blocks {
		if q, ok := b.(*Quote); ok {
			quotes.Rows = append(quotes.Rows, []Cell{TextCell(q.Text), TextCell(q.Attribution)})
		}
	}
	for _, s := range sampleStrings {
		quotes.Rows = append(quotes.Rows, []Cell{TextCell(s), TextCell("—")})
	}
	for _, tc := range []struct {
		name string
		doc  *Doc
	}{
		{"quotes", &Doc{Title: sample.Title, Blocks: []Block{quotes}}},
		{"sample", sample},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name+".xlsx")
			if err := WriteFile(context.Background(), path, XLSX, tc.doc); err != nil {
				t.Fatal(err)
			}
			text := officeText(t, path)
			got, err := csv.NewReader(strings.NewReader(text)).ReadAll()
			if err != nil {
				t.Fatalf("LibreOffice's CSV: %v\n%s", err, text)
			}
			table := tc.doc.Tables()[0]
			want := [][]string{{}}
			for _, c := range table.Columns {
				want[0] = append(want[0], c.Title)
			}
			for _, row := range table.Rows {
				var r []string
				for _, c := range row {
					r = append(r, c.Text)
				}
				want = append(want, r)
			}
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("LibreOffice reads:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

func TestXLSXSheetNames(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lang  string
		names []string
		want  []string
	}{
		{"plain", "nl", []string{"Citaten", "Matrix"}, []string{"Citaten", "Matrix"}},
		{"empty", "nl", []string{"", "  ", "Citaten"}, []string{"Tabel 1", "Tabel 2", "Citaten"}},
		{"empty in English", "en", []string{""}, []string{"Table 1"}},
		{"taken", "nl", []string{"Citaten", "citaten", "Citaten"}, []string{"Citaten", "citaten (2)", "Citaten (3)"}},
		{"forbidden characters", "nl", []string{"Code: a/b\\c?*[d]", "'quoted'", "regel\neen", "Sanne's citaten"}, []string{"Code a-b-c (d)", "’quoted’", "regel een", "Sanne’s citaten"}},
		{"too long", "nl", []string{strings.Repeat("abcdefghij", 4), strings.Repeat("abcdefghij", 4)}, []string{"abcdefghijabcdefghijabcdefghija", "abcdefghijabcdefghijabcdefg (2)"}},
		{"emoji count twice", "nl", []string{strings.Repeat("😀", 20)}, []string{strings.Repeat("😀", 15)}},
		{"reserved", "en", []string{"History"}, []string{"History (2)"}},
		{"empty and taken", "nl", []string{"Tabel 2", ""}, []string{"Tabel 2", "Tabel 2 (2)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tables []*Table
			for _, n := range tc.names {
				tables = append(tables, &Table{Name: n})
			}
			got := xlsxSheetNames(tables, tc.lang)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			// excelize checks names as Excel does: every name must pass.
			f := excelize.NewFile()
			defer f.Close()
			for _, n := range got {
				if units := len(utf16.Encode([]rune(n))); units > 31 {
					t.Errorf("%q: %d UTF-16 units, want at most 31", n, units)
				}
				if _, err := f.NewSheet(n); err != nil {
					t.Errorf("%q: %v", n, err)
				}
			}
		})
	}
}

func TestXLSXSheets(t *testing.T) {
	d := &Doc{Title: "Twee tabellen", Blocks: []Block{
		Text("Alleen tabellen komen in een werkmap."),
		&Table{Name: "Frequenties", Columns: []Column{{Title: "Code"}, {Title: "Aantal"}}, Rows: [][]Cell{{TextCell("a"), NumberCell(3)}}},
		&Table{Name: "Frequenties", Columns: []Column{{Title: "Code"}}},
		&Table{Columns: nil},
	}}
	var b bytes.Buffer
	if err := Write(context.Background(), &b, XLSX, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Frequenties", "Frequenties (2)", "Table 3"}; !slices.Equal(got, want) {
		t.Errorf("sheets: got %q, want %q", got, want)
	}
	if v, _ := f.GetCellValue("Frequenties", "B2"); v != "3" {
		t.Errorf("Frequenties!B2: got %q, want 3", v)
	}
}

func TestXLSXNoTable(t *testing.T) {
	err := Write(context.Background(), io.Discard, XLSX, &Doc{Title: "Rapport", Blocks: []Block{Text("Alleen tekst.")}})
	if !errors.Is(err, ErrNoContent) || !strings.Contains(err.Error(), "html") {
		t.Errorf("got %v, want ErrNoContent that names the formats to choose", err)
	}
}

func TestXLSXHTMLCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range []Format{XLSX, HTML} {
		if err := Write(ctx, io.Discard, f, benchDoc(2000)); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: got %v, want context.Canceled", f, err)
		}
	}
}

// htmlDoc parses an HTML page and returns its tree and its text: the text
// nodes outside <head> in order, with "\n" for <br>.
func htmlDoc(t testing.TB, page []byte) (*html.Node, string) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("the HTML does not parse: %v", err)
	}
	return root, nodeText(root)
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && n.Data == "head":
			return
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteString("\n")
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// htmlElements returns the elements named tag.
func htmlElements(root *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
	}
	return out
}

func TestHTMLSample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.html")
	if err := WriteFile(context.Background(), path, HTML, sampleDoc(t)); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	root, text := htmlDoc(t, page)
	for _, s := range sampleStrings {
		if !strings.Contains(text, s) {
			t.Errorf("the page's text lacks %q", s)
		}
	}
	// Nothing leaves the file: no URL (the SVG's namespace declaration is
	// dropped, inline SVG needs none), no src or href, no import, no
	// script.
	low := strings.ToLower(string(page))
	for _, bad := range []string{"http", "src=", "href=", "@import", "url(", "@font-face", "<script", "<link", "<img", "<iframe", "<object"} {
		if strings.Contains(low, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" {
			t.Errorf("a live <script> element")
		}
		for _, a := range n.Attr {
			if a.Key == "src" || a.Key == "href" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	}
	if got := htmlElements(root, "html")[0]; !slices.Contains(got.Attr, html.Attribute{Key: "lang", Val: "nl"}) {
		t.Errorf("<html>: got attributes %v, want lang=nl", got.Attr)
	}
	for _, want := range []string{
		`<meta charset="utf-8">`,
		`<style>`,
		`@media print`,
		`<h1>Principes — “Slimmernetwerk” ’14</h1>`,
		`<span class="swatch" style="background:#56B4E9"`,
		`<span class="swatch" style="background:#E69F00"`,
		`<blockquote style="border-left-color:#56B4E9">`,
		`<span class="star">★</span> Ik deel`,
		`<footer>— <cite>Sanne de Vries`,
		`<td style="background:#56B4E9;color:#1A1A1A">Deel wat je leert</td>`,
		`<td class="b" style="background:#E69F00;color:#1A1A1A">Vertrek vanuit motivatie</td>`,
		`<td class="num">12</td>`,
		`<th scope="col" class="num">Nr.</th>`,
		`<caption>Citaten</caption>`,
		`<thead>`,
		`&lt;script&gt;alert(1)&lt;/script&gt; &amp; 🙂 €`,
		`<p class="note">4 citaten uit 3 interviews, 3 deelnemers</p>`,
		`<strong>Vet</strong>`,
		`<em>schuin</em>`,
		"800. <strong>Vet</strong> en <em>schuin</em>.<br>Nieuwe regel &lt;b&gt;geen tag&lt;/b&gt; &amp; *geen nadruk* | geen cel",
		`<rect x="10" y="10" width="100" height="160" fill="#56B4E9">`,
		`<figcaption>Codes per interview (grafiek)</figcaption>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(low, "<?xml") || strings.Contains(low, "<!doctype svg") {
		t.Errorf("the SVG's prologue is inlined")
	}
	if svgs := htmlElements(root, "svg"); len(svgs) != 1 || svgs[0].Namespace != "svg" {
		t.Errorf("got %d inline SVGs, want 1 in the SVG namespace", len(svgs))
	}
	for _, tc := range []struct{ tag, text string }{
		{"h2", "Deel wat je leert"}, {"h3", "Subcode: olievlek"}, {"h4", "Derde niveau"},
		{"caption", "Citaten"}, {"cite", "Sanne de Vries, programmamanager, Voorbeeldinterview Sanne.txt, 00:12:45"},
	} {
		if els := htmlElements(root, tc.tag); len(els) == 0 || nodeText(els[0]) != tc.text {
			t.Errorf("<%s>: got %d elements, want one reading %q", tc.tag, len(els), tc.text)
		}
	}
	if rows := htmlElements(root, "tr"); len(rows) != 4 {
		t.Errorf("got %d table rows, want 4 (a header and 3)", len(rows))
	}
}

// TestHTMLImage checks that an inlined SVG keeps its drawing and loses
// everything that could fetch or run, and that an image without SVG leaves
// only its caption.
func TestHTMLImage(t *testing.T) {
	for _, tc := range []struct {
		name      string
		svg       string
		want      []string // in the page
		wantNoSVG bool
	}{
		{"sample", sampleSVG, []string{`<svg width="360pt" height="180pt" viewBox="0 0 360 180" role="img" aria-label="grafiek">`, `<text x="20" y="100">café</text>`}, false},
		{"doctype and comments", `<?xml version="1.0" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- made by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>`,
			[]string{`<svg viewBox="0 0 10 10" role="img" aria-label="grafiek" width="100pt" height="50pt"><rect width="5" height="5"></rect></svg>`}, false},
		{"hostile", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>` +
			`<style>@import url(https://example.com/x.css);</style>` +
			`<image href="https://example.com/x.png"/><use xlink:href="#a"/><a href="https://example.com"><rect id="a" width="1"/></a>` +
			`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x.png"/></div></foreignObject>` +
			`<rect fill="url(https://example.com/p.svg#x)" style="fill:\75rl(x.svg)" onclick="x()" width="2"/>` +
			`<clipPath id="c"><rect width="3"/></clipPath><g clip-path="url(#c)" style="fill: url( '#c' )"><rect width="4"/></g></svg>`,
			[]string{`<rect width="2"></rect>`, `<clipPath id="p-c"><rect width="3"></rect></clipPath><g clip-path="url(#p-c)" style="fill: url( &#39;#p-c&#39; )"><rect width="4"></rect></g>`}, false},
		{"entities", `<svg><text>a&nbsp;b &amp; &lt;c&gt;</text></svg>`, []string{"<text>a\u00a0b &amp; &lt;c&gt;</text>"}, false},
		{"not XML", `<svg><rect></svg>`, nil, true},
		{"not SVG", `<html><body>hallo</body></html>`, nil, true},
		{"two roots", `<svg></svg><svg></svg>`, nil, true},
		{"no SVG", ``, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := &Image{Alt: "grafiek", PNG: samplePNG(t), SVG: []byte(tc.svg), Width: 100, Height: 50}
			svg, ok := svgInline(im, "p-")
			if ok == tc.wantNoSVG {
				t.Fatalf("got ok=%v, want %v (%s)", ok, !tc.wantNoSVG, svg)
			}
			var b bytes.Buffer
			if err := Write(context.Background(), &b, HTML, &Doc{Blocks: []Block{im}}); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			low := strings.ToLower(page)
			for _, bad := range []string{"http", "src=", "href=", "url(x", "\\75", "onload", "onclick", "alert", "<img", "script", "example"} {
				if strings.Contains(low, bad) {
					t.Errorf("the page holds %q:\n%s", bad, page)
				}
			}
			for _, want := range tc.want {
				if !strings.Contains(string(svg), want) {
					t.Errorf("the page lacks %s:\n%s", want, svg)
				}
			}
			root, _ := htmlDoc(t, b.Bytes())
			if n := len(htmlElements(root, "svg")); tc.wantNoSVG && n != 0 || !tc.wantNoSVG && n != 1 {
				t.Errorf("got %d <svg>", n)
			}
			if tc.wantNoSVG && !strings.Contains(page, `<figure class="chart missing"><figcaption>grafiek</figcaption></figure>`) {
				t.Errorf("no caption in place of the chart:\n%s", page)
			}
		})
	}
}

// excelizeOverlap matches two of OOXML's character escapes sharing an
// underscore.
var excelizeOverlap = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_x[0-9A-Fa-f]{4}_`)

func FuzzXLSXHTML(f *testing.F) {
	f.Add("Deel wat je leert", "Ik deel “alles” 😀", "=SUM(A1:A9)")
	f.Add("\x00\x01\x1f\x7f", "\xff\xfe\xfd", "\xed\xa0\x80 surrogate")
	f.Add("\r\n\r", "\uFFFE\uFFFF\u2028", "_x0041_ _x005F_x0041_")
	f.Add(strings.Repeat("lange kop ", 5000), strings.Repeat("lange regel zonder einde ", 3000), strings.Repeat("x", 40000))
	f.Add("</h2><script>alert(1)</script>", "<svg onload=alert(1)>", "]]><![CDATA[")
	f.Add("  spaties  ", "\t\ttab", "\n")
	f.Add("History", "'", "@SUM(1)")
	f.Add("\n\r", "\uf028", "_x0000_x0000_")
	f.Fuzz(func(t *testing.T, heading, quote, cell string) {
		d := &Doc{
			Title: heading, Subtitle: cell, Lang: heading,
			Blocks: []Block{
				&Heading{Level: 1, Text: heading, Color: cell},
				&Quote{Text: quote, Attribution: cell, Key: true, Color: quote},
				&Table{Name: heading, Columns: []Column{{Title: heading}, {Title: "b", Width: 3}}, Rows: [][]Cell{
					{TextCell(cell), {Text: quote, Fill: "#000000", Bold: true}},
					{NumberCell(len(cell)), {Text: cell, Fill: heading}},
				}},
				&Image{Alt: quote, SVG: []byte(cell)},
			},
		}
		var b bytes.Buffer
		if err := Write(context.Background(), &b, XLSX, d); err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		x, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatalf("the XLSX does not open: %v", err)
		}
		defer x.Close()
		sheets := x.GetSheetList()
		if len(sheets) != 1 {
			t.Fatalf("got sheets %q, want 1", sheets)
		}
		for ref, s := range map[string]string{"A1": heading, "A2": cell, "B2": quote} {
			want := Clean(s)
			if len(utf16.Encode([]rune(want))) > excelize.TotalCellChars {
				continue // Excel's limit: excelize cuts the text
			}
			if excelizeOverlap.MatchString(want) {
				// excelize v2.11.1 escapes "_x0041_" as "_x005F_x0041_" but
				// misses the second of two that share an underscore
				// ("_x0041_x0042_" reads back as "_x0041B"); no text of
				// an interview looks like that.
				continue
			}
			if got, err := x.GetCellValue(sheets[0], ref); err != nil || got != want {
				t.Errorf("%s: got %q (%v), want %q", ref, got, err, want)
			}
		}

		b.Reset()
		if err := Write(context.Background(), &b, HTML, d); err != nil {
			t.Fatalf("html: %v", err)
		}
		root, _ := htmlDoc(t, b.Bytes())
		if n := len(htmlElements(root, "script")); n > 0 {
			t.Errorf("got %d <script>", n)
		}
		for tag, s := range map[string]string{"h2": heading, "cite": cell} {
			els := htmlElements(root, tag)
			want := Clean(s)
			if tag == "cite" && want == "" {
				continue
			}
			if len(els) != 1 || nodeText(els[0]) != want {
				t.Errorf("<%s>: got %d elements, want one reading %q", tag, len(els), want)
			}
		}
		if cells := htmlElements(root, "td"); len(cells) != 4 || nodeText(cells[0]) != Clean(cell) {
			t.Errorf("got %d cells, want 4, the first reading %q", len(cells), Clean(cell))
		}
	})
}

// benchDoc is a coded-quotes export of n quotes of about 40 Dutch words.
func benchDoc(n int) *Doc {
	words := strings.Fields(`ik deel daar eigenlijk alles ook wat nog niet af is want we hebben het in het
		team besproken en toen bleek dat iedereen er anders naar kijkt de gemeente wil vooral weten wat het
		oplevert voor bewoners in de wijk dat vind ik lastig omdat je pas later ziet wat werkt samen leren
		vertrouwen motivatie netwerk olievlek coöperatie café ervaring “zeg maar” één keer per maand € 800`)
	codes := []struct{ name, color string }{
		{"Deel wat je leert", "#56B4E9"}, {"Vertrek vanuit motivatie", "#E69F00"},
		{"Olievlek", "#009E73"}, {"Samen leren", "#0072B2"}, {"Zonder code", ""},
	}
	r := rand.New(rand.NewPCG(1, 2))
	t := &Table{Name: "Citaten", Columns: []Column{
		{Title: "Nr."}, {Title: "Code", Width: 2}, {Title: "Citaat", Width: 6}, {Title: "Document", Width: 2}, {Title: "Spreker", Width: 1.5}, {Title: "Positie"},
	}}
	var q strings.Builder
	for i := range n {
		q.Reset()
		for j := range 35 + r.IntN(10) {
			if j > 0 {
				q.WriteByte(' ')
			}
			q.WriteString(words[r.IntN(len(words))])
		}
		q.WriteByte('.')
		c := codes[r.IntN(len(codes))]
		t.Rows = append(t.Rows, []Cell{
			NumberCell(i + 1),
			{Text: c.name, Fill: c.color},
			TextCell(q.String()),
			TextCell("Interview " + itoa(1+r.IntN(40)) + ".docx"),
			TextCell("Deelnemer " + itoa(1+r.IntN(12))),
			TextCell("00:" + itoa(10+r.IntN(50)) + ":" + itoa(10+r.IntN(50))),
		})
	}
	return &Doc{Title: "Gecodeerde citaten", Subtitle: itoa(n) + " citaten", Lang: "nl", Blocks: []Block{
		&Heading{Level: 1, Text: "Citaten"}, NoteText(itoa(n) + " citaten uit 40 interviews"), t,
	}}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func benchmarkFormat(b *testing.B, f Format) {
	d := benchDoc(20000)
	b.ReportAllocs()
	b.ResetTimer()
	var size int64
	for b.Loop() {
		var w countingWriter
		if err := Write(context.Background(), &w, f, d); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.SetBytes(size)
	b.ReportMetric(float64(size)/1e6, "MB_written")
}

// BenchmarkXLSX20000 writes 20,000 quotes as XLSX (target: under 2 s and
// 300 MB).
func BenchmarkXLSX20000(b *testing.B) { benchmarkFormat(b, XLSX) }

// BenchmarkHTML20000 writes 20,000 quotes as HTML (target: under 2 s and
// 300 MB).
func BenchmarkHTML20000(b *testing.B) { benchmarkFormat(b, HTML) }
