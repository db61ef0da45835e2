package export

import (
	"context"
	"io"
	"math"
	"strconv"
	"strings"
)

func init() { writers[ODT] = writeODT }

// The ODT writer builds OpenDocument Text by hand (LIBRARIES.md, row 5d),
// sharing the package and escaping code of docx.go. The looks live in
// named styles in styles.xml (Title, Heading 1-3 with their outline levels,
// Quote, Note, ...): without a heading style and an outline level,
// LibreOffice shows a heading as plain text. What varies with the content
// (a code's colour beside a heading or quote, a cell's fill, a table's
// column widths) goes into automatic styles in content.xml, which must all
// come before the body: so the writer walks the Doc twice, once for the
// styles and once for the text.

const odtMime = "application/vnd.oasis.opendocument.text"

const odtNamespaces = ` xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"` +
	` xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"` +
	` xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"` +
	` xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"` +
	` xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"` +
	` xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"` +
	` xmlns:xlink="http://www.w3.org/1999/xlink"` +
	` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
	` xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"` +
	` xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"` +
	` office:version="1.2"`

// writeODT writes the Doc as an OpenDocument text document.
func writeODT(ctx context.Context, w io.Writer, d *Doc) error {
	pkg := newOfficeZip(w)
	images := officeImages(d)
	// The mimetype comes first and stored, so that a program can tell the
	// file's type from its first bytes.
	if err := pkg.file("mimetype", []byte(odtMime)); err != nil {
		return err
	}
	parts := []struct {
		name  string
		write func(x officeXML) error
	}{
		{"META-INF/manifest.xml", func(x officeXML) error { odtManifest(x, images); return nil }},
		{"meta.xml", func(x officeXML) error { odtMeta(x, d); return nil }},
		{"styles.xml", func(x officeXML) error { odtStyles(x, d); return nil }},
		{"content.xml", func(x officeXML) error {
			ow := odtWriter{x: x, tick: officeTicker{ctx: ctx}, page: officePageOf(d), images: images}
			return ow.content(d)
		}},
	}
	for _, p := range parts {
		if err := pkg.part(p.name, p.write); err != nil {
			return err
		}
	}
	for i, im := range images.list {
		if err := pkg.file("Pictures/"+officeImageName(i), im.PNG); err != nil {
			return err
		}
	}
	return pkg.close()
}

func odtManifest(x officeXML, images officeImageSet) {
	x.WriteString(officeXMLDecl + `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">` +
		`<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="` + odtMime + `"/>` +
		`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>` +
		`<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>` +
		`<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>`)
	for i := range images.list {
		x.WriteString(`<manifest:file-entry manifest:full-path="Pictures/` + officeImageName(i) + `" manifest:media-type="image/png"/>`)
	}
	x.WriteString(`</manifest:manifest>`)
}

// odtMeta writes the document's properties, without dates so that the
// same Doc always gives the same file.
func odtMeta(x officeXML, d *Doc) {
	x.WriteString(officeXMLDecl + `<office:document-meta` + odtNamespaces + `><office:meta>`)
	x.element("meta:generator", "Verbatim")
	x.element("dc:title", d.Title)
	x.element("dc:subject", d.Subtitle)
	x.element("dc:language", officeLang(d.Lang))
	x.WriteString(`</office:meta></office:document-meta>`)
}

// odtStyles writes styles.xml: the fonts, the named styles and the page.
// The style names are LibreOffice's own ("Heading_20_1" shows as "Heading
// 1"), so a document opens with the styles the researcher knows.
func odtStyles(x officeXML, d *Doc) {
	x.WriteString(officeXMLDecl + `<office:document-styles` + odtNamespaces + `>` +
		`<office:font-face-decls><style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>` +
		`<office:styles><style:default-style style:family="paragraph">` +
		`<style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="6pt" fo:line-height="115%"/>` +
		`<style:text-properties style:font-name="Arial" fo:font-size="10.5pt" style:font-size-asian="10.5pt" style:font-size-complex="10.5pt"`)
	if lang := officeLang(d.Lang); lang != "" {
		language, country, _ := strings.Cut(lang, "-")
		if len(country) != 2 && len(country) != 3 {
			country = "none"
		}
		x.WriteString(` fo:language="`)
		x.attr(language)
		x.WriteString(`" fo:country="`)
		x.attr(country)
		x.WriteString(`"`)
	}
	x.WriteString(`/></style:default-style>`)
	x.WriteString(odtStyleSheet)
	x.WriteString(`</office:styles><office:automatic-styles><style:page-layout style:name="Page">`)
	p := officePageOf(d)
	orientation := "portrait"
	if d.Landscape {
		orientation = "landscape"
	}
	m := odtLength(p.margin)
	x.WriteString(`<style:page-layout-properties fo:page-width="` + odtLength(p.width) + `" fo:page-height="` + odtLength(p.height) +
		`" style:print-orientation="` + orientation + `" fo:margin-top="` + m + `" fo:margin-bottom="` + m + `" fo:margin-left="` + m + `" fo:margin-right="` + m + `"/>`)
	x.WriteString(`</style:page-layout></office:automatic-styles>` +
		`<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page"/></office:master-styles>` +
		`</office:document-styles>`)
}

// odtStyleSheet is every named style the document uses.
const odtStyleSheet = `<style:style style:name="Standard" style:family="paragraph" style:class="text"/>` +
	`<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/>` +
	`<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Subtitle" style:class="chapter">` +
	`<style:paragraph-properties fo:margin-bottom="4pt"/>` + odtBold + `<style:text-properties fo:font-size="22pt" style:font-size-asian="22pt" style:font-size-complex="22pt"/></style:style>` +
	`<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="chapter">` +
	`<style:paragraph-properties fo:margin-bottom="18pt"/><style:text-properties fo:color="#595959" fo:font-size="13pt" style:font-size-asian="13pt" style:font-size-complex="13pt"/></style:style>` +
	`<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text">` +
	`<style:paragraph-properties fo:keep-with-next="always"/>` + odtBold + `</style:style>` +
	`<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text">` +
	`<style:paragraph-properties fo:margin-top="18pt" fo:margin-bottom="6pt"/><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt" style:font-size-complex="16pt"/></style:style>` +
	`<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text">` +
	`<style:paragraph-properties fo:margin-top="12pt" fo:margin-bottom="5pt"/><style:text-properties fo:font-size="13pt" style:font-size-asian="13pt" style:font-size-complex="13pt"/></style:style>` +
	`<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="3" style:class="text">` +
	`<style:paragraph-properties fo:margin-top="10pt" fo:margin-bottom="4pt"/><style:text-properties fo:font-size="11pt" fo:font-style="italic" style:font-size-asian="11pt" style:font-size-complex="11pt"/></style:style>` +
	`<style:style style:name="Quote" style:family="paragraph" style:parent-style-name="Text_20_body" style:next-style-name="Text_20_body" style:class="html">` +
	`<style:paragraph-properties fo:margin-left="28.35pt" fo:margin-right="28.35pt" fo:margin-top="6pt" fo:margin-bottom="10pt" fo:border-left="3pt solid #` + docxDefaultBar + `" fo:border-right="none" fo:border-top="none" fo:border-bottom="none" fo:padding-left="8pt" style:join-border="false"/>` +
	`<style:text-properties fo:color="#262626"/></style:style>` +
	`<style:style style:name="Note" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="text">` +
	`<style:text-properties fo:color="#666666" fo:font-size="8.5pt" style:font-size-asian="8.5pt" style:font-size-complex="8.5pt"/></style:style>` +
	`<style:style style:name="Quote_20_Attribution" style:display-name="Quote Attribution" style:family="paragraph" style:parent-style-name="Note" style:next-style-name="Text_20_body" style:class="text">` +
	`<style:paragraph-properties fo:margin-left="28.35pt" fo:margin-right="28.35pt" fo:margin-top="0pt" fo:margin-bottom="10pt" fo:border-left="3pt solid #` + docxDefaultBar + `" fo:border-right="none" fo:border-top="none" fo:border-bottom="none" fo:padding-left="8pt" style:join-border="false"/></style:style>` +
	`<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="extra">` +
	`<style:paragraph-properties fo:margin-top="10pt" fo:margin-bottom="4pt" fo:keep-with-next="always"/>` + odtBold + `</style:style>` +
	`<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">` +
	`<style:paragraph-properties fo:margin-bottom="0pt" fo:line-height="100%"/><style:text-properties fo:font-size="9.5pt" style:font-size-asian="9.5pt" style:font-size-complex="9.5pt"/></style:style>` +
	`<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">` + odtBold + `</style:style>`

const odtBold = `<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/>`

// odtWriter writes content.xml.
type odtWriter struct {
	x      officeXML
	tick   officeTicker
	page   officePage
	images officeImageSet
	// styles holds the names of the automatic styles written.
	styles map[string]bool
	// cellStyles names the cell styles, for a table's every cell.
	cellStyles map[odtCell]string
	// afterChar says the last thing written in the paragraph is a
	// character other than white space; see text.
	afterChar bool
}

func (ow *odtWriter) content(d *Doc) error {
	x := ow.x
	x.WriteString(officeXMLDecl + `<office:document-content` + odtNamespaces + `><office:automatic-styles>` + odtAutomaticStyles)
	if err := ow.automaticStyles(d); err != nil {
		return err
	}
	x.WriteString(`</office:automatic-styles><office:body><office:text>`)
	if d.Title != "" {
		ow.paragraph("Title", Run{Text: d.Title})
	}
	if d.Subtitle != "" {
		ow.paragraph("Subtitle", Run{Text: d.Subtitle})
	}
	tables := 0
	for _, b := range d.Blocks {
		if err := ow.tick.tick(); err != nil {
			return err
		}
		var err error
		switch b := b.(type) {
		case *Heading:
			ow.heading(b)
		case *Paragraph:
			style := "Text_20_body"
			if b.Style == Note {
				style = "Note"
			}
			ow.paragraph(style, b.Runs...)
		case *Quote:
			ow.quote(b)
		case *Table:
			if len(b.Columns) > 0 {
				tables++
				err = ow.table(b, tables)
			}
		case *Image:
			ow.image(b)
		}
		if err != nil {
			return err
		}
	}
	x.WriteString(`</office:text></office:body></office:document-content>`)
	return nil
}

// odtAutomaticStyles are the automatic styles every document has: bold and
// italic text, the paragraphs of bold or numeric cells, the chart frame.
const odtAutomaticStyles = `<style:style style:name="TB" style:family="text">` + odtBold + `</style:style>` +
	`<style:style style:name="TI" style:family="text"><style:text-properties fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"/></style:style>` +
	`<style:style style:name="TBI" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold" fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"/></style:style>` +
	`<style:style style:name="PCellB" style:family="paragraph" style:parent-style-name="Table_20_Contents">` + odtBold + `</style:style>` +
	`<style:style style:name="PCellR" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:paragraph-properties fo:text-align="end"/></style:style>` +
	`<style:style style:name="PCellBR" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:paragraph-properties fo:text-align="end"/>` + odtBold + `</style:style>` +
	`<style:style style:name="PChart" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:margin-top="6pt" fo:margin-bottom="6pt"/></style:style>` +
	`<style:style style:name="Fr" style:family="graphic"><style:graphic-properties style:vertical-pos="top" style:vertical-rel="baseline" fo:border="none" fo:padding="0pt"/></style:style>`

const odtCellBorder = "0.5pt solid #A6A6A6"

// automaticStyles writes the styles that depend on the content, each the
// first time it is needed: a bar in each heading and quote colour, each
// table's width and columns, and a cell style for each fill. The names are
// made from what the style does (H1_56B4E9: a level 1 heading with a bar
// in #56B4E9), so the body finds them without a table of names.
func (ow *odtWriter) automaticStyles(d *Doc) error {
	ow.styles = map[string]bool{}
	ow.cellStyles = map[odtCell]string{}
	tables := 0
	for _, b := range d.Blocks {
		if err := ow.tick.tick(); err != nil {
			return err
		}
		switch b := b.(type) {
		case *Heading:
			if b.Color != "" {
				level := officeLevel(b.Level)
				// As in DOCX, the bar sits in the margin so that the
				// text lines up with the body, and a chapter's bar is
				// heavier than a section's.
				width := 5 - level
				ow.style(odtHeadingStyle(level, b.Color), "paragraph", "Heading_20_"+strconv.Itoa(level),
					`<style:paragraph-properties fo:margin-left="-`+strconv.Itoa(width+5)+`pt" fo:border-left="`+strconv.Itoa(width)+`pt solid `+b.Color+
						`" fo:border-right="none" fo:border-top="none" fo:border-bottom="none" fo:padding-left="5pt" style:join-border="false"/>`)
			}
		case *Quote:
			color := odtBarColor(b.Color)
			// LibreOffice keeps a border and its padding together: a style
			// that sets the border must set the padding again.
			bar := ` fo:border-left="3pt solid ` + color + `" fo:border-right="none" fo:border-top="none" fo:border-bottom="none" fo:padding-left="8pt"`
			if b.Attribution == "" {
				ow.style(odtQuoteStyle("Q", color), "paragraph", "Quote", `<style:paragraph-properties`+bar+`/>`)
				continue
			}
			// The quote's text joins its border to the attribution's
			// (style:join-border), and only to it: the attribution's
			// style does not join, so two quotes keep two bars. It also
			// keeps to its attribution across a page break.
			ow.style(odtQuoteStyle("QJ", color), "paragraph", "Quote", `<style:paragraph-properties fo:margin-bottom="0pt" fo:keep-with-next="always"`+bar+` style:join-border="true"/>`)
			ow.style(odtQuoteStyle("QA", color), "paragraph", "Quote_20_Attribution", `<style:paragraph-properties`+bar+`/>`)
		case *Table:
			if len(b.Columns) == 0 {
				continue
			}
			tables++
			if err := ow.tableStyles(b, tables); err != nil {
				return err
			}
		}
	}
	return nil
}

// style writes an automatic style named name unless it is written already.
func (ow *odtWriter) style(name, family, parent, properties string) {
	if ow.styles[name] {
		return
	}
	ow.styles[name] = true
	x := ow.x
	x.WriteString(`<style:style style:name="` + name + `" style:family="` + family + `"`)
	if parent != "" {
		x.WriteString(` style:parent-style-name="` + parent + `"`)
	}
	x.WriteString(`>` + properties + `</style:style>`)
}

func odtHeadingStyle(level int, color string) string {
	return "H" + strconv.Itoa(level) + "_" + color[1:]
}

func odtQuoteStyle(kind, color string) string { return kind + "_" + color[1:] }

func odtBarColor(color string) string {
	if color == "" {
		return "#" + docxDefaultBar
	}
	return color
}

// tableStyles writes table n's width and column styles and the cell styles
// its cells need. Cells draw their bottom and right borders, the first
// column its left and the header row its top, so that neighbouring cells
// never draw a line twice.
func (ow *odtWriter) tableStyles(t *Table, n int) error {
	name := "Tbl" + strconv.Itoa(n)
	total := ow.page.textWidth()
	ow.style(name, "table", "", `<style:table-properties style:width="`+odtLength(total)+`" table:align="margins" fo:margin-top="0pt" fo:margin-bottom="8pt"/>`)
	// Widths in hundredths of a point, so that they add up exactly.
	widths := officeColumnWidths(t.Columns, int(math.Round(total*100)))
	for i, w := range widths {
		ow.style(name+".C"+strconv.Itoa(i+1), "table-column", "",
			`<style:table-column-properties style:column-width="`+odtLength(float64(w)/100)+`" style:rel-column-width="`+strconv.Itoa(w)+`*"/>`)
	}
	ow.cellStyle(true, true, "#"+docxHeaderFill)
	ow.cellStyle(true, false, "#"+docxHeaderFill)
	for _, row := range t.Rows {
		if err := ow.tick.tick(); err != nil {
			return err
		}
		for i, c := range row {
			ow.cellStyle(false, i == 0, c.Fill)
		}
	}
	return nil
}

func (ow *odtWriter) cellStyle(header, first bool, fill string) {
	if _, ok := ow.cellStyles[odtCell{header, first, fill}]; ok {
		return
	}
	name := odtCellStyle(header, first, fill)
	ow.cellStyles[odtCell{header, first, fill}] = name
	props := `<style:table-cell-properties fo:padding-top="2.85pt" fo:padding-bottom="2.85pt" fo:padding-left="4.25pt" fo:padding-right="4.25pt"` +
		` fo:border-right="` + odtCellBorder + `" fo:border-bottom="` + odtCellBorder + `"`
	if first {
		props += ` fo:border-left="` + odtCellBorder + `"`
	} else {
		props += ` fo:border-left="none"`
	}
	if header {
		props += ` fo:border-top="` + odtCellBorder + `"`
	} else {
		props += ` fo:border-top="none"`
	}
	if fill != "" {
		props += ` fo:background-color="` + fill + `"`
	}
	ow.style(name, "table-cell", "", props+`/>`)
}

// odtCell is what a cell's style depends on.
type odtCell struct {
	header, first bool
	fill          string
}

// odtCellStyle names the style of a cell: C, then H for the header row or
// B for the body, 1 for the first column or 2 for the others, and the
// fill.
func odtCellStyle(header, first bool, fill string) string {
	b := []byte("CB2")
	if header {
		b[1] = 'H'
	}
	if first {
		b[2] = '1'
	}
	if fill != "" {
		b = append(b, '_')
		b = append(b, fill[1:]...)
	}
	return string(b)
}

// paragraph writes a text:p in the style with the runs.
func (ow *odtWriter) paragraph(style string, runs ...Run) {
	x := ow.x
	x.WriteString(`<text:p text:style-name="`)
	x.WriteString(style)
	x.WriteString(`">`)
	ow.runs(runs...)
	x.WriteString(`</text:p>`)
}

func (ow *odtWriter) runs(runs ...Run) {
	ow.afterChar = false
	for _, r := range runs {
		style := ""
		switch {
		case r.Bold && r.Italic:
			style = "TBI"
		case r.Bold:
			style = "TB"
		case r.Italic:
			style = "TI"
		}
		if style == "" || r.Text == "" {
			ow.text(r.Text)
			continue
		}
		ow.x.WriteString(`<text:span text:style-name="` + style + `">`)
		ow.text(r.Text)
		ow.x.WriteString(`</text:span>`)
	}
}

// text writes s as paragraph content. ODF collapses white space the way
// HTML does, so a line break, a tab and every space that does not follow
// a character become elements (text:line-break, text:tab, text:s); only a
// single space between words stays a space.
func (ow *odtWriter) text(s string) {
	x := ow.x
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ' ' && c != '\n' && c != '\t' {
			continue
		}
		if i > start {
			x.text(s[start:i])
			ow.afterChar = true
		}
		switch c {
		case '\n':
			x.WriteString(`<text:line-break/>`)
			ow.afterChar = false
		case '\t':
			x.WriteString(`<text:tab/>`)
			ow.afterChar = false
		default:
			j := i
			for j < len(s) && s[j] == ' ' {
				j++
			}
			n := j - i
			if ow.afterChar {
				x.WriteString(" ")
				n--
			}
			switch {
			case n == 1:
				x.WriteString(`<text:s/>`)
			case n > 1:
				x.WriteString(`<text:s text:c="` + strconv.Itoa(n) + `"/>`)
			}
			ow.afterChar = false
			i = j - 1
		}
		start = i + 1
	}
	if start < len(s) {
		x.text(s[start:])
		ow.afterChar = true
	}
}

func (ow *odtWriter) heading(h *Heading) {
	level := strconv.Itoa(officeLevel(h.Level))
	style := "Heading_20_" + level
	if h.Color != "" {
		style = odtHeadingStyle(officeLevel(h.Level), h.Color)
	}
	ow.x.WriteString(`<text:h text:style-name="` + style + `" text:outline-level="` + level + `">`)
	ow.runs(Run{Text: h.Text})
	ow.x.WriteString(`</text:h>`)
}

func (ow *odtWriter) quote(q *Quote) {
	color := odtBarColor(q.Color)
	text := q.Text
	if q.Key {
		text = "★ " + text
	}
	if q.Attribution == "" {
		ow.paragraph(odtQuoteStyle("Q", color), Run{Text: text})
		return
	}
	ow.paragraph(odtQuoteStyle("QJ", color), Run{Text: text})
	ow.paragraph(odtQuoteStyle("QA", color), Run{Text: "— " + q.Attribution})
}

// table writes table n; the header row repeats on every page
// (table:table-header-rows).
func (ow *odtWriter) table(t *Table, n int) error {
	x := ow.x
	if t.Name != "" {
		ow.paragraph("Caption", Run{Text: t.Name})
	}
	name := "Tbl" + strconv.Itoa(n)
	x.WriteString(`<table:table table:name="Table` + strconv.Itoa(n) + `" table:style-name="` + name + `">`)
	for i := range t.Columns {
		x.WriteString(`<table:table-column table:style-name="` + name + ".C" + strconv.Itoa(i+1) + `"/>`)
	}
	x.WriteString(`<table:table-header-rows><table:table-row>`)
	for i, c := range t.Columns {
		ow.cell(ow.cellStyles[odtCell{true, i == 0, "#" + docxHeaderFill}], "Table_20_Heading", c.Title)
	}
	x.WriteString(`</table:table-row></table:table-header-rows>`)
	for _, row := range t.Rows {
		if err := ow.tick.tick(); err != nil {
			return err
		}
		x.WriteString(`<table:table-row>`)
		for i := range t.Columns {
			var c Cell
			if i < len(row) {
				c = row[i]
			}
			para := "Table_20_Contents"
			switch {
			case c.Bold && c.Numeric:
				para = "PCellBR"
			case c.Bold:
				para = "PCellB"
			case c.Numeric:
				para = "PCellR"
			}
			ow.cell(ow.cellStyles[odtCell{false, i == 0, c.Fill}], para, c.Text)
		}
		x.WriteString(`</table:table-row>`)
	}
	x.WriteString(`</table:table>`)
	return nil
}

func (ow *odtWriter) cell(style, para, text string) {
	x := ow.x
	x.WriteString(`<table:table-cell table:style-name="`)
	x.WriteString(style)
	x.WriteString(`" office:value-type="string">`)
	ow.paragraph(para, Run{Text: text})
	x.WriteString(`</table:table-cell>`)
}

// image writes a chart as a picture anchored as a character, scaled down
// to fit the page; without a PNG its alternative text stands in for it.
func (ow *odtWriter) image(im *Image) {
	n, ok := ow.images.index[im]
	if !ok {
		if im.Alt != "" {
			ow.paragraph("Note", Run{Text: "[" + im.Alt + "]"})
		}
		return
	}
	w, h := officeFit(im, ow.page)
	x := ow.x
	x.WriteString(`<text:p text:style-name="PChart"><draw:frame draw:style-name="Fr" draw:name="Chart` + strconv.Itoa(n+1) +
		`" text:anchor-type="as-char" svg:width="` + odtLength(w) + `" svg:height="` + odtLength(h) + `" draw:z-index="0">` +
		`<draw:image xlink:href="Pictures/` + officeImageName(n) + `" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>`)
	if im.Alt != "" {
		x.element("svg:title", im.Alt)
		x.element("svg:desc", im.Alt)
	}
	x.WriteString(`</draw:frame></text:p>`)
}

// odtLength is a length in points as ODF writes it.
func odtLength(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) + "pt" }
