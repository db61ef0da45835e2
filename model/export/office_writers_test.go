package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// officeFormats are the formats this file tests, with the part that holds
// the text.
var officeFormats = []struct {
	format Format
	body   string
}{
	{DOCX, "word/document.xml"},
	{ODT, "content.xml"},
}

// officeSample is sampleDoc with white space that ODF would collapse and
// quotes in a row in the same colour, whose bars must stay apart.
func officeSample(t testing.TB) *Doc {
	d := sampleDoc(t)
	d.Blocks = append(d.Blocks,
		Text("twee  spaties,\tdan een tab"),
		&Quote{Text: " Met een spatie ervoor", Attribution: "Tweede bron", Color: "#56B4E9", Key: true},
		&Quote{Text: "Nog een citaat bij dezelfde code", Attribution: "Derde bron", Color: "#56B4E9"},
		&Quote{Text: "Een citaat zonder bron", Color: "#56B4E9"},
		&Quote{Text: "En nog een zonder bron", Color: "#56B4E9"},
	)
	return d
}

// officeWants are pieces of officeSample's text that LibreOffice's plain
// text must hold besides sampleStrings: runs joined as they were, table
// cells, the marks before key quotes and attributions.
var officeWants = []string{
	"café, coöperatie en € 800. Vet en schuin.",
	"Nieuwe regel <b>geen tag</b> & *geen nadruk* | geen cel",
	"Derde niveau",
	"Citaten",
	"Nr.", "Code", "Citaat", "Aantal",
	"Met een komma, en \"aanhalingstekens\"", "en een regelovergang",
	"=SUM(A1:A9)", "a | b", "12", "-3",
	"★ Ik deel daar eigenlijk alles",
	"— Sanne de Vries, programmamanager, Voorbeeldinterview Sanne.txt, 00:12:45",
	"— Roelant van Zevenbergen, BZK",
	"twee  spaties,\tdan een tab",
	"★  Met een spatie ervoor",
}

func TestOfficeWritersOpenInLibreOffice(t *testing.T) {
	for _, f := range officeFormats {
		t.Run(string(f.format), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rapport"+f.format.Extension())
			if err := WriteFile(context.Background(), path, f.format, officeSample(t)); err != nil {
				t.Fatal(err)
			}
			text := officeText(t, path)
			for _, want := range append(append([]string{}, sampleStrings...), officeWants...) {
				if !strings.Contains(text, want) {
					t.Errorf("LibreOffice's text lacks %q; got:\n%s", want, text)
				}
			}
		})
	}
}

// TestOfficeWritersHeadingsInLibreOffice has LibreOffice write HTML, where a
// heading it took for one is an <h1>-<h3> (a heading without its outline
// level comes out as <p>) and the chart an <img> of 360 by 180 points; and
// ODT, where the chart keeps its alternative text as its description.
func TestOfficeWritersHeadingsInLibreOffice(t *testing.T) {
	for _, f := range officeFormats {
		t.Run(string(f.format), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "rapport"+f.format.Extension())
			if err := WriteFile(context.Background(), path, f.format, officeSample(t)); err != nil {
				t.Fatal(err)
			}
			html := string(officeConvert(t, path, "html"))
			for _, want := range []struct{ tag, text string }{
				{"h1", "Deel wat je leert"},
				{"h2", "Subcode: olievlek"},
				{"h3", "Derde niveau"},
			} {
				re := regexp.MustCompile(`(?s)<` + want.tag + `[ >](?:[^<]|<[^/]|</[^h])*` + regexp.QuoteMeta(want.text))
				if !re.MatchString(html) {
					t.Errorf("no <%s> holds %q in LibreOffice's HTML:\n%s", want.tag, want.text, html)
				}
			}
			if !regexp.MustCompile(`<img [^>]*width="480" height="240"`).MatchString(html) {
				t.Errorf("LibreOffice's HTML has no <img> of 480 by 240 pixels (the chart):\n%s", html)
			}
			odt := officeParts(t, officeConvert(t, path, "odt"))
			if want := "<svg:desc>Codes per interview (grafiek)</svg:desc>"; !strings.Contains(string(odt.data["content.xml"]), want) {
				t.Errorf("LibreOffice's ODT lacks %s", want)
			}
		})
	}
}

// officeConvert has LibreOffice convert the file at path to the format to
// and returns the new file.
func officeConvert(t *testing.T, path, to string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), to)
	soffice(t, "--convert-to", to, "--outdir", out, path)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	data, err := os.ReadFile(filepath.Join(out, base+"."+to))
	if err != nil {
		t.Fatalf("LibreOffice did not convert %s to %s: %v", path, to, err)
	}
	return data
}

func TestDOCXStructure(t *testing.T) {
	data := writeOffice(t, DOCX, officeSample(t))
	parts := officeParts(t, data)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml", "word/media/image1.png"} {
		if _, ok := parts.data[name]; !ok {
			t.Errorf("no part %s; got %v", name, parts.names)
		}
	}
	checkOfficeXML(t, parts)
	xmllint(t, parts, "word/document.xml", "word/styles.xml")

	styles := string(parts.data["word/styles.xml"])
	for level := 1; level <= 3; level++ {
		re := regexp.MustCompile(`<w:style w:type="paragraph" w:styleId="Heading` + fmt.Sprint(level) + `">.*?</w:style>`)
		style := re.FindString(styles)
		if want := fmt.Sprintf(`<w:outlineLvl w:val="%d"/>`, level-1); !strings.Contains(style, want) {
			t.Errorf("style Heading%d is %q, want it to hold %s", level, style, want)
		}
	}
	for _, id := range []string{"Title", "Subtitle", "Quote", "Note", "QuoteAttribution", "Caption", "VerbatimTable"} {
		if !strings.Contains(styles, `w:styleId="`+id+`"`) {
			t.Errorf("styles.xml has no style %s", id)
		}
	}
	if !strings.Contains(styles, `<w:lang w:val="nl"/>`) {
		t.Errorf("styles.xml does not set the language nl")
	}

	doc := string(parts.data["word/document.xml"])
	for _, want := range []string{
		`<w:pStyle w:val="Heading1"/>`, `<w:pStyle w:val="Heading2"/>`, `<w:pStyle w:val="Heading3"/>`,
		`<w:pStyle w:val="Title"/>`, `<w:pStyle w:val="Subtitle"/>`, `<w:pStyle w:val="Note"/>`,
		`w:color="56B4E9"`, `w:color="E69F00"`, `w:fill="56B4E9"`, `<w:tblHeader/>`, `<w:jc w:val="right"/>`,
		`<w:br/>`, `<w:tab/>`, `descr="Codes per interview (grafiek)"`, `<w:pgSz w:w="11906" w:h="16838"/>`,
		`&lt;script&gt;alert(1)&lt;/script&gt; &amp; 🙂 €`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	// Column widths {0, 2, 5, 0} are ninths of the text width.
	if want := `<w:gridCol w:w="1071"/><w:gridCol w:w="2142"/><w:gridCol w:w="5354"/><w:gridCol w:w="1071"/>`; !strings.Contains(doc, want) {
		t.Errorf("document.xml lacks the grid %s", want)
	}

	embed := regexp.MustCompile(`r:embed="([^"]+)"`).FindStringSubmatch(doc)
	if embed == nil {
		t.Fatal("document.xml embeds no picture")
	}
	rels := string(parts.data["word/_rels/document.xml.rels"])
	if want := `Id="` + embed[1] + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"`; !strings.Contains(rels, want) {
		t.Errorf("document.xml.rels lacks %s:\n%s", want, rels)
	}
	if !bytes.Equal(parts.data["word/media/image1.png"], samplePNG(t)) {
		t.Error("word/media/image1.png is not the chart's PNG")
	}
	if types := string(parts.data["[Content_Types].xml"]); !strings.Contains(types, `Extension="png" ContentType="image/png"`) {
		t.Errorf("[Content_Types].xml has no type for PNG:\n%s", types)
	}
	if core := string(parts.data["docProps/core.xml"]); !strings.Contains(core, "<dc:title>Principes — “Slimmernetwerk” ’14</dc:title>") || !strings.Contains(core, "<dc:language>nl</dc:language>") {
		t.Errorf("core.xml lacks the title or the language:\n%s", core)
	}
}

func TestODTStructure(t *testing.T) {
	data := writeOffice(t, ODT, officeSample(t))
	parts := officeParts(t, data)
	if len(parts.files) == 0 || parts.files[0].Name != "mimetype" {
		t.Fatalf("first entry is not mimetype: %v", parts.names)
	}
	if m := parts.files[0].Method; m != zip.Store {
		t.Errorf("mimetype is stored with method %d, want %d (stored)", m, zip.Store)
	}
	// Programs read the type from the first bytes: "mimetype" at 30 and
	// the type right after it, so no extra field in that header.
	if got, want := string(data[30:min(len(data), 38+len(odtMime))]), "mimetype"+odtMime; got != want {
		t.Errorf("bytes 30- are %q, want %q", got, want)
	}
	if extra := binary.LittleEndian.Uint16(data[28:30]); extra != 0 {
		t.Errorf("mimetype's header has an extra field of %d bytes, want none", extra)
	}
	for _, name := range []string{"mimetype", "META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml", "Pictures/image1.png"} {
		if _, ok := parts.data[name]; !ok {
			t.Errorf("no part %s; got %v", name, parts.names)
		}
	}
	checkOfficeXML(t, parts)
	xmllint(t, parts, "content.xml", "styles.xml")

	manifest := string(parts.data["META-INF/manifest.xml"])
	for _, name := range parts.names {
		if name != "mimetype" && name != "META-INF/manifest.xml" && !strings.Contains(manifest, `manifest:full-path="`+name+`"`) {
			t.Errorf("manifest.xml does not list %s", name)
		}
	}
	styles := string(parts.data["styles.xml"])
	for level := 1; level <= 3; level++ {
		if want := fmt.Sprintf(`style:name="Heading_20_%d" style:display-name="Heading %d" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="%d"`, level, level, level); !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	for _, want := range []string{`fo:language="nl"`, `fo:page-width="595.28pt" fo:page-height="841.89pt" style:print-orientation="portrait"`} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	content := string(parts.data["content.xml"])
	for _, want := range []string{
		`<text:h text:style-name="H1_56B4E9" text:outline-level="1">Deel wat je leert</text:h>`,
		`<text:h text:style-name="H2_E69F00" text:outline-level="2">Subcode: olievlek</text:h>`,
		`<text:h text:style-name="Heading_20_3" text:outline-level="3">Derde niveau</text:h>`,
		`fo:border-left="3pt solid #56B4E9"`, `fo:background-color="#56B4E9"`, `<table:table-header-rows>`,
		`<text:p text:style-name="PCellR">12</text:p>`, `<text:line-break/>`,
		`twee <text:s/>spaties,<text:tab/>dan een tab`, `★ <text:s/>Met een spatie ervoor`,
		`<svg:desc>Codes per interview (grafiek)</svg:desc>`,
		`&lt;script&gt;alert(1)&lt;/script&gt; &amp; 🙂 €`,
	} {
		if !strings.Contains(content, want) {
			t.Errorf("content.xml lacks %s", want)
		}
	}
	if !strings.Contains(content, `xlink:href="Pictures/image1.png"`) {
		t.Error("content.xml does not show Pictures/image1.png")
	}
	if !bytes.Equal(parts.data["Pictures/image1.png"], samplePNG(t)) {
		t.Error("Pictures/image1.png is not the chart's PNG")
	}
	if meta := string(parts.data["meta.xml"]); !strings.Contains(meta, "<dc:title>Principes — “Slimmernetwerk” ’14</dc:title>") || !strings.Contains(meta, "<dc:language>nl</dc:language>") {
		t.Errorf("meta.xml lacks the title or the language:\n%s", meta)
	}
}

func TestOfficeWritersLandscape(t *testing.T) {
	d := officeSample(t)
	d.Landscape = true
	for _, c := range []struct {
		format     Format
		part, want string
	}{
		{DOCX, "word/document.xml", `<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>`},
		{ODT, "styles.xml", `fo:page-width="841.89pt" fo:page-height="595.28pt" style:print-orientation="landscape"`},
	} {
		parts := officeParts(t, writeOffice(t, c.format, d))
		if !strings.Contains(string(parts.data[c.part]), c.want) {
			t.Errorf("%s: %s lacks %s", c.format, c.part, c.want)
		}
	}
}

// TestOfficeWritersEmpty writes a Doc with nothing in it and every block
// empty: the file must still be whole.
func TestOfficeWritersEmpty(t *testing.T) {
	docs := map[string]*Doc{
		"nothing":      {},
		"empty blocks": {Blocks: []Block{&Heading{}, &Paragraph{}, &Quote{}, &Table{}, &Table{Columns: []Column{{}}}, &Image{}, &Image{Alt: "x", PNG: []byte("no png")}}},
	}
	for name, d := range docs {
		for _, f := range officeFormats {
			t.Run(name+"/"+string(f.format), func(t *testing.T) {
				parts := officeParts(t, writeOffice(t, f.format, d))
				checkOfficeXML(t, parts)
				xmllint(t, parts, f.body)
			})
		}
	}
}

func TestOfficeColumnWidths(t *testing.T) {
	for _, c := range []struct {
		widths []float64
		want   []int
	}{
		{[]float64{0, 2, 5, 0}, []int{100, 200, 500, 100}},
		{[]float64{0, 0, 0}, []int{300, 300, 300}},
		{[]float64{1, 2}, []int{300, 600}},
		{[]float64{0.5, 0, 0}, []int{450, 225, 225}},
		{[]float64{0.2, 0.3}, []int{360, 540}},
		{[]float64{-1, 0}, []int{450, 450}},
		{[]float64{1, 1, 1, 1, 1, 1, 1}, []int{129, 129, 129, 129, 129, 129, 126}},
	} {
		cols := make([]Column, len(c.widths))
		for i, w := range c.widths {
			cols[i].Width = w
		}
		if got := officeColumnWidths(cols, 900); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("widths %v: got %v, want %v", c.widths, got, c.want)
		}
	}
}

func TestOfficeLang(t *testing.T) {
	for in, want := range map[string]string{"nl": "nl", "nl-BE": "nl-BE", "en-GB": "en-GB", "": "", "n": "", "nl_NL": "", "nl-": "", "<nl>": "", "nl\"x": "", "zh-Hant-TW": "zh-Hant-TW"} {
		if got := officeLang(in); got != want {
			t.Errorf("officeLang(%q) = %q, want %q", in, got, want)
		}
	}
}

// officeQuotes is a Doc with one table of n rows of about forty words each,
// the size of a large coded-quotes export.
func officeQuotes(n int) *Doc {
	words := strings.Fields("ik deel daar eigenlijk alles ook wat nog niet af is en dan zie je dat " +
		"collega’s in het netwerk er weer op voortbouwen café coöperatie € reünie “zo” gaat dat " +
		"bij ons de olievlek werkt alleen als je vertrekt vanuit motivatie 😀 niet vanuit een opdracht")
	colors := []string{"#56B4E9", "#E69F00", "#009E73", ""}
	d := &Doc{Title: "Gecodeerde citaten", Lang: "nl", Landscape: true}
	t := &Table{Name: "Citaten", Columns: []Column{{Title: "Nr."}, {Title: "Code", Width: 2}, {Title: "Citaat", Width: 6}, {Title: "Document", Width: 2}}}
	// Words drawn at random (with a fixed seed) compress about as well as
	// real quotes do; a repeating pattern would compress far better.
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		var q strings.Builder
		for j := range 40 {
			if j > 0 {
				q.WriteByte(' ')
			}
			q.WriteString(words[rnd.IntN(len(words))])
		}
		t.Rows = append(t.Rows, []Cell{
			NumberCell(i + 1),
			{Text: "Deel wat je leert", Fill: colors[i%len(colors)]},
			TextCell(q.String()),
			TextCell(fmt.Sprintf("Interview %d.txt\n00:%02d:%02d", i%40+1, i%60, i*7%60)),
		})
	}
	d.Blocks = []Block{&Heading{Level: 1, Text: "Alle citaten"}, t}
	return d
}

func TestOfficeWritersLargeTable(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20,000 rows")
	}
	d := officeQuotes(20000)
	for _, c := range []struct {
		format Format
		body   string
		row    string
	}{
		{DOCX, "word/document.xml", "tr"},
		{ODT, "content.xml", "table-row"},
	} {
		t.Run(string(c.format), func(t *testing.T) {
			parts := officeParts(t, writeOffice(t, c.format, d))
			rows := 0
			dec := xml.NewDecoder(bytes.NewReader(parts.data[c.body]))
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", c.body, err)
				}
				if se, ok := tok.(xml.StartElement); ok && se.Name.Local == c.row {
					rows++
				}
			}
			if rows != 20001 {
				t.Errorf("%s has %d rows, want 20001 (the header and 20,000)", c.body, rows)
			}
		})
	}
}

func TestOfficeWritersCancel(t *testing.T) {
	d := officeQuotes(5000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range officeFormats {
		t.Run(string(f.format), func(t *testing.T) {
			if err := Write(ctx, io.Discard, f.format, d); !errors.Is(err, context.Canceled) {
				t.Errorf("Write with a cancelled context: got %v, want context.Canceled", err)
			}
			dir := t.TempDir()
			err := WriteFile(ctx, filepath.Join(dir, "citaten"+f.format.Extension()), f.format, d)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("WriteFile with a cancelled context: got %v, want context.Canceled", err)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("WriteFile left %v behind", left)
			}
		})
	}
}

func BenchmarkDOCX20000(b *testing.B) { benchmarkOffice(b, DOCX) }
func BenchmarkODT20000(b *testing.B)  { benchmarkOffice(b, ODT) }

func benchmarkOffice(b *testing.B, f Format) {
	d := officeQuotes(20000)
	b.ReportAllocs()
	var n officeByteCount
	for b.Loop() {
		n = 0
		if err := Write(context.Background(), &n, f, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/1e6, "MB")
}

type officeByteCount int64

func (c *officeByteCount) Write(p []byte) (int, error) {
	*c += officeByteCount(len(p))
	return len(p), nil
}

// FuzzOfficeWriters puts arbitrary text into every kind of block and checks
// that both formats still give a zip whose every XML part parses: the file
// still opens.
func FuzzOfficeWriters(f *testing.F) {
	f.Add("Deel wat je leert", "Ik deel daar alles 😀", "#56B4E9")
	f.Add("\x00\x01\x08\x0b\x0c\x1f\x7f", "\xff\xfe\xed\xa0\x80 bad", "\uFFFE\uFFFF\uFDD0")
	f.Add("]]><!-- <w:t>", "&amp; \"'<", "</text:p>")
	f.Add("\r\n\r", "  twee  spaties \t\t", "\n")
	f.Add(strings.Repeat("een lange regel ", 10000), strings.Repeat("x", 70000), strings.Repeat("\n", 500))
	f.Fuzz(func(t *testing.T, a, b, c string) {
		d := &Doc{
			Title: a, Subtitle: b, Lang: c,
			Blocks: []Block{
				&Heading{Level: len(a) % 5, Text: a, Color: c},
				&Paragraph{Runs: []Run{{Text: a, Bold: true}, {Text: b, Italic: true}, {Text: c, Bold: true, Italic: true}}},
				&Quote{Text: b, Attribution: c, Color: a, Key: len(b)%2 == 0},
				&Table{Name: c, Columns: []Column{{Title: a}, {Title: b, Width: float64(len(c))}}, Rows: [][]Cell{
					{{Text: c, Fill: b, Bold: true}, {Text: a, Numeric: true}},
					{{Text: b}},
				}},
				&Image{Alt: a, PNG: []byte(b)},
			},
		}
		for _, f := range officeFormats {
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, f.format, d); err != nil {
				t.Fatalf("%s: %v", f.format, err)
			}
			parts := officeParts(t, buf.Bytes())
			checkOfficeXML(t, parts)
		}
	})
}

// writeOffice writes d in format f through Write.
func writeOffice(t testing.TB, f Format, d *Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, f, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type officePackage struct {
	files []*zip.File
	names []string
	data  map[string][]byte
}

// officeParts opens the zip and reads every part.
func officeParts(t testing.TB, data []byte) officePackage {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	p := officePackage{files: zr.File, data: map[string][]byte{}}
	for _, f := range zr.File {
		if _, dup := p.data[f.Name]; dup {
			t.Errorf("part %s twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		p.names = append(p.names, f.Name)
		p.data[f.Name] = b
	}
	return p
}

// checkOfficeXML parses every XML part with encoding/xml, and checks that
// every element is in a declared namespace (encoding/xml leaves the prefix
// of an undeclared one in place of the namespace, without an error).
func checkOfficeXML(t testing.TB, p officePackage) {
	t.Helper()
	for _, name := range p.names {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(p.data[name]))
		roots := 0
		depth := 0
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed: %v", name, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if depth == 0 {
					roots++
				}
				depth++
				if !strings.Contains(tok.Name.Space, ":") {
					t.Fatalf("%s: element %s:%s is in no declared namespace", name, tok.Name.Space, tok.Name.Local)
				}
				for _, a := range tok.Attr {
					if a.Name.Space != "" && a.Name.Space != "xmlns" && !strings.Contains(a.Name.Space, ":") {
						t.Fatalf("%s: attribute %s:%s of %s is in no declared namespace", name, a.Name.Space, a.Name.Local, tok.Name.Local)
					}
				}
			case xml.EndElement:
				depth--
			case xml.CharData:
				if depth == 0 && len(bytes.TrimSpace(tok)) > 0 {
					t.Fatalf("%s: text outside the root element", name)
				}
			}
		}
		if roots != 1 {
			t.Fatalf("%s has %d root elements, want 1", name, roots)
		}
	}
}

// xmllint has libxml2 check the parts, namespaces included; it skips when
// xmllint is not installed.
func xmllint(t *testing.T, p officePackage, names ...string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint is not installed (apt-get install libxml2-utils); skipping its check")
		return
	}
	dir := t.TempDir()
	for _, name := range names {
		path := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(path, p.data[name], 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "--noout", "--nonet", path).CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("xmllint %s: %v\n%s", name, err, out)
		}
	}
}

// TestOfficeWritersSamples writes the sample DOCX and ODT, and a table of
// 20,000 quotes in both, into the folder $VERBATIM_OFFICE_SAMPLES, for a
// person to open and look at.
func TestOfficeWritersSamples(t *testing.T) {
	dir := os.Getenv("VERBATIM_OFFICE_SAMPLES")
	if dir == "" {
		t.Skip("set VERBATIM_OFFICE_SAMPLES to a folder to write the samples there")
	}
	for _, f := range officeFormats {
		if err := WriteFile(context.Background(), filepath.Join(dir, "sample"+f.format.Extension()), f.format, officeSample(t)); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(context.Background(), filepath.Join(dir, "quotes-20000"+f.format.Extension()), f.format, officeQuotes(20000)); err != nil {
			t.Fatal(err)
		}
	}
}
