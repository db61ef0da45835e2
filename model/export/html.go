package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

func init() { writers[HTML] = writeHTML }

// writeHTML writes the Doc as one self-contained HTML5 page: a researcher
// mails it to a supervisor, who opens it anywhere, offline, on a phone or on
// paper. Hence a style sheet of its own and nothing that leaves the file:
// no URL, no src or href, no web font, no script. Charts are inlined as SVG,
// cleaned of anything that could fetch or run (see svgInline).
//
// The page is streamed: every piece of text is escaped on its way to w, so
// a table of 20,000 quotes never exists in memory as one string.
func writeHTML(ctx context.Context, w io.Writer, d *Doc) error {
	h := &htmlWriter{w: bufio.NewWriterSize(w, 64<<10)}
	h.head(d)
	images := 0
	for _, b := range d.Blocks {
		if err := h.check(ctx); err != nil {
			return err
		}
		switch b := b.(type) {
		case *Heading:
			h.heading(b)
		case *Paragraph:
			h.paragraph(b)
		case *Quote:
			h.quote(b)
		case *Table:
			if err := h.table(ctx, b); err != nil {
				return err
			}
		case *Image:
			images++
			h.image(b, "c"+strconv.Itoa(images)+"-")
		}
	}
	h.s("</main>\n</body>\n</html>\n")
	if err := ctx.Err(); err != nil {
		return err
	}
	return h.w.Flush()
}

// htmlCSS is the page's style sheet. The colours are a neutral frame for the
// codes' own colours, which come inline from the Doc. They are written out
// rather than kept in CSS variables, which older viewers and print engines
// drop together with the whole declaration.
const htmlCSS = `:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1d2430;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif,"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji"}
main{max-width:56rem;margin:0 auto;padding:2.5rem 1.5rem 4rem}
header{border-bottom:2px solid #1d2430;padding-bottom:.8rem;margin-bottom:2rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .4rem;letter-spacing:-.01em}
.subtitle{color:#5d6877;margin:0}
h2,h3,h4{line-height:1.3;margin:2.2rem 0 .7rem}
h2{font-size:1.5rem;padding-bottom:.3rem;border-bottom:1px solid #dde2e8}
h3{font-size:1.2rem}
h4{font-size:1.05rem;color:#5d6877}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.5em;border-radius:.2em;box-shadow:inset 0 0 0 1px rgba(0,0,0,.18)}
p{margin:0 0 1rem}
.note{font-size:.875rem;color:#5d6877}
blockquote{margin:1.2rem 0;padding:.8rem 1.1rem;background:#f5f7fa;border-left:4px solid #a3adb9;border-radius:0 .4rem .4rem 0}
blockquote p{margin:0 0 .45rem;font-size:1.05rem}
blockquote footer{font-size:.875rem;color:#5d6877}
blockquote cite{font-style:normal}
.star{color:#c08400}
.table-wrap{overflow:auto;max-height:85vh;margin:1.5rem 0;border:1px solid #dde2e8;border-radius:.4rem}
table{width:100%;border-collapse:separate;border-spacing:0;font-size:.9rem;line-height:1.45}
caption{caption-side:top;text-align:left;font-weight:600;padding:.6rem .75rem;border-bottom:1px solid #dde2e8}
th,td{padding:.45rem .7rem;text-align:left;vertical-align:top;border-bottom:1px solid #dde2e8}
thead th{position:sticky;top:0;z-index:1;background:#e8edf3;font-weight:600;border-bottom:2px solid #b5bfcb}
tbody tr:nth-child(even) td{background:#f5f7fa}
tbody tr:last-child td{border-bottom:0}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.b{font-weight:600}
figure{margin:1.5rem 0}
figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{font-size:.875rem;color:#5d6877;margin-top:.4rem}
figure.missing figcaption{padding:1rem;border:1px dashed #dde2e8;border-radius:.4rem}
@media (max-width:40rem){body{font-size:15px}main{padding:1.25rem .9rem 3rem}h1{font-size:1.6rem}h2{font-size:1.3rem}th,td{padding:.4rem .5rem}table.wide{min-width:36rem}}
@media print{body{font-size:10.5pt;line-height:1.45}main{max-width:none;padding:0}
.table-wrap{overflow:visible;max-height:none;border:0;border-radius:0}thead{display:table-header-group}thead th{position:static}
tr,blockquote,figure{break-inside:avoid}h2,h3,h4{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}@page{margin:16mm}}
`

// htmlWriter writes HTML to a buffer. bufio.Writer keeps its first error
// and does nothing after it, so the writing code need not check each
// write; check and the final Flush report it.
type htmlWriter struct {
	w *bufio.Writer
}

// check stops the writing when ctx is done or the writer failed.
func (h *htmlWriter) check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := h.w.Write(nil) // returns the writer's error, if any
	return err
}

// s writes markup as it is.
func (h *htmlWriter) s(markup string) { h.w.WriteString(markup) }

// text writes s escaped as text, with "\n" as <br>.
func (h *htmlWriter) text(s string) { h.escape(s, true) }

// attr writes s escaped for a quoted attribute value.
func (h *htmlWriter) attr(s string) { h.escape(s, false) }

// escape writes s with the five characters html.EscapeString escapes
// escaped the same way, without allocating.
func (h *htmlWriter) escape(s string, br bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '\n':
			if !br {
				continue
			}
			esc = "<br>"
		default:
			continue
		}
		h.w.WriteString(s[last:i])
		h.w.WriteString(esc)
		last = i + 1
	}
	h.w.WriteString(s[last:])
}

func (h *htmlWriter) head(d *Doc) {
	h.s("<!DOCTYPE html>\n<html")
	if d.Lang != "" {
		h.s(` lang="`)
		h.attr(strings.TrimSpace(d.Lang))
		h.s(`"`)
	}
	h.s(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Verbatim\">\n<title>")
	title := strings.Join(strings.Fields(d.Title), " ")
	if title == "" {
		title = "Verbatim"
	}
	h.attr(title)
	h.s("</title>\n<style>\n")
	h.s(htmlCSS)
	if d.Landscape {
		h.s("@media print{@page{size:landscape}}\n")
	}
	h.s("</style>\n</head>\n<body>\n<main>\n")
	if d.Title == "" && d.Subtitle == "" {
		return
	}
	h.s("<header>\n")
	if d.Title != "" {
		h.s("<h1>")
		h.text(d.Title)
		h.s("</h1>\n")
	}
	if d.Subtitle != "" {
		h.s(`<p class="subtitle">`)
		h.text(d.Subtitle)
		h.s("</p>\n")
	}
	h.s("</header>\n")
}

// heading writes chapter, section and subsection as h2, h3 and h4: the
// Doc's title is the page's h1.
func (h *htmlWriter) heading(b *Heading) {
	tag := "h" + strconv.Itoa(min(max(b.Level, 1), 3)+1)
	h.s("<" + tag + ">")
	if b.Color != "" {
		h.s(`<span class="swatch" style="background:` + b.Color + `" aria-hidden="true"></span>`)
	}
	h.text(b.Text)
	h.s("</" + tag + ">\n")
}

func (h *htmlWriter) paragraph(b *Paragraph) {
	empty := true
	for _, r := range b.Runs {
		empty = empty && r.Text == ""
	}
	if empty {
		return
	}
	if b.Style == Note {
		h.s(`<p class="note">`)
	} else {
		h.s("<p>")
	}
	for _, r := range b.Runs {
		if r.Text == "" {
			continue
		}
		if r.Bold {
			h.s("<strong>")
		}
		if r.Italic {
			h.s("<em>")
		}
		h.text(r.Text)
		if r.Italic {
			h.s("</em>")
		}
		if r.Bold {
			h.s("</strong>")
		}
	}
	h.s("</p>\n")
}

func (h *htmlWriter) quote(b *Quote) {
	h.s("<blockquote")
	if b.Color != "" {
		h.s(` style="border-left-color:` + b.Color + `"`)
	}
	h.s("><p>")
	if b.Key {
		h.s(`<span class="star">★</span> `)
	}
	h.text(b.Text)
	h.s("</p>")
	if b.Attribution != "" {
		h.s("<footer>— <cite>")
		h.text(b.Attribution)
		h.s("</cite></footer>")
	}
	h.s("</blockquote>\n")
}

// table writes a table in a scrolling box: on a phone a wide table scrolls
// sideways instead of widening the page, and on a screen a long one keeps
// its header in sight (a sticky header needs the box to scroll both ways,
// since it sticks to the nearest scrolling ancestor).
func (h *htmlWriter) table(ctx context.Context, t *Table) error {
	h.s(`<div class="table-wrap">` + "\n")
	if len(t.Columns) >= 4 {
		// On a phone, a table of many columns scrolls sideways rather than
		// squeeze a quote to a few words a line.
		h.s(`<table class="wide">` + "\n")
	} else {
		h.s("<table>\n")
	}
	if t.Name != "" {
		h.s("<caption>")
		h.text(t.Name)
		h.s("</caption>\n")
	}
	if len(t.Columns) > 0 {
		h.s("<colgroup>")
		shares := columnShares(t.Columns)
		for i, c := range t.Columns {
			// Columns without a Width take what they need (a number, a
			// count) and leave the rest to the others.
			if c.Width > 0 {
				h.s(`<col style="width:` + strconv.FormatFloat(shares[i]*100, 'f', 1, 64) + `%">`)
			} else {
				h.s("<col>")
			}
		}
		h.s("</colgroup>\n")
	}
	h.s("<thead><tr>")
	for i, c := range t.Columns {
		if columnNumeric(t, i) {
			h.s(`<th scope="col" class="num">`)
		} else {
			h.s(`<th scope="col">`)
		}
		h.text(c.Title)
		h.s("</th>")
	}
	h.s("</tr></thead>\n<tbody>\n")
	for n, row := range t.Rows {
		if n%1000 == 0 {
			if err := h.check(ctx); err != nil {
				return err
			}
		}
		h.s("<tr>")
		for _, c := range row {
			h.cell(c)
		}
		h.s("</tr>\n")
	}
	h.s("</tbody>\n</table>\n</div>\n")
	return nil
}

func (h *htmlWriter) cell(c Cell) {
	h.s("<td")
	switch {
	case c.Numeric && c.Bold:
		h.s(` class="num b"`)
	case c.Numeric:
		h.s(` class="num"`)
	case c.Bold:
		h.s(` class="b"`)
	}
	if c.Fill != "" {
		h.s(` style="background:` + c.Fill + `;color:` + inkOn(c.Fill) + `"`)
	}
	h.s(">")
	h.text(c.Text)
	h.s("</td>")
}

// image writes a chart as inline SVG with its alternative text as caption.
// A chart with only a PNG gets its caption alone: inlining a PNG would take
// a data: URL in a src attribute, and this page has none of those.
func (h *htmlWriter) image(b *Image, idPrefix string) {
	svg, ok := svgInline(b, idPrefix)
	if !ok && b.Alt == "" {
		return
	}
	if ok {
		h.s(`<figure class="chart">` + "\n")
		h.w.Write(svg)
		h.s("\n")
	} else {
		h.s(`<figure class="chart missing">`)
	}
	if b.Alt != "" {
		h.s("<figcaption>")
		h.text(b.Alt)
		h.s("</figcaption>")
	}
	h.s("</figure>\n")
}

// svgElements are the SVG elements a chart is drawn with. Anything else
// (script, style, foreignObject, image, use, a, animation, fonts) is left
// out with its content: each can run code, fetch a file, or hold HTML.
var svgElements = map[string]bool{
	"svg": true, "g": true, "defs": true, "title": true, "desc": true,
	"path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "text": true, "tspan": true,
	"clipPath": true, "mask": true, "pattern": true, "marker": true, "symbol": true,
	"linearGradient": true, "radialGradient": true, "stop": true,
	"filter": true, "feBlend": true, "feColorMatrix": true, "feComponentTransfer": true,
	"feComposite": true, "feConvolveMatrix": true, "feDiffuseLighting": true,
	"feDisplacementMap": true, "feDistantLight": true, "feDropShadow": true,
	"feFlood": true, "feFuncA": true, "feFuncB": true, "feFuncG": true, "feFuncR": true,
	"feGaussianBlur": true, "feMerge": true, "feMergeNode": true, "feMorphology": true,
	"feOffset": true, "fePointLight": true, "feSpecularLighting": true,
	"feSpotLight": true, "feTile": true, "feTurbulence": true,
}

// errSVG says an image's SVG is not one svgInline can inline.
var errSVG = errors.New("not an inlinable SVG")

// svgInline returns the image's SVG ready to sit inside an HTML page, or
// false when it has none or it is not well-formed XML. It drops the XML
// prologue, doctype, comments and processing instructions; keeps only
// svgElements; and drops namespace declarations (an inline <svg> is SVG by
// its name, and the namespace URL is the one "http" that would be left in
// the page), every href and src, event handlers, and attributes whose value
// points outside the image (url() of anything but "#id"). Ids get idPrefix,
// and url(#id) with them, so two charts on one page do not share clip paths.
// The root gets role="img" and the alternative text as its aria-label.
func svgInline(im *Image, idPrefix string) ([]byte, bool) {
	if len(bytes.TrimSpace(im.SVG)) == 0 {
		return nil, false
	}
	var out bytes.Buffer
	h := &htmlWriter{w: bufio.NewWriter(&out)}
	if err := h.svg(im, idPrefix); err != nil {
		return nil, false
	}
	if err := h.w.Flush(); err != nil {
		return nil, false
	}
	return out.Bytes(), true
}

func (h *htmlWriter) svg(im *Image, idPrefix string) error {
	dec := xml.NewDecoder(bytes.NewReader(im.SVG))
	dec.Entity = xml.HTMLEntity // &nbsp; and the like, which hand-made SVG has
	// Names are matched as written: RawToken leaves prefixes alone, and an
	// element with a prefix (svg:rect, xhtml:div) is not in svgElements.
	var open []string // the elements written and not yet closed
	skip := 0         // depth inside an element left out
	root := true
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			if !root && len(open) == 0 && skip == 0 {
				return errSVG // a second root: not XML
			}
			if tok.Name.Space != "" || !svgElements[name] || skip > 0 || (root && name != "svg") {
				if root {
					return errSVG
				}
				skip++
				continue
			}
			h.s("<" + name)
			for _, a := range tok.Attr {
				if root && (a.Name.Local == "role" || a.Name.Local == "aria-label") {
					continue
				}
				if v, ok := svgAttr(a, idPrefix); ok {
					h.s(" " + a.Name.Local + `="`)
					h.attr(v)
					h.s(`"`)
				}
			}
			if root {
				h.s(` role="img"`)
				if im.Alt != "" {
					h.s(` aria-label="`)
					h.attr(im.Alt)
					h.s(`"`)
				}
				if !hasAttr(tok, "width") && im.Width > 0 && im.Height > 0 {
					h.s(` width="` + strconv.FormatFloat(im.Width, 'f', -1, 64) + `pt" height="` + strconv.FormatFloat(im.Height, 'f', -1, 64) + `pt"`)
				}
			}
			h.s(">")
			open = append(open, name)
			root = false
		case xml.EndElement:
			// RawToken does not pair start and end tags: the stack does.
			switch {
			case skip > 0:
				skip--
			case len(open) == 0:
				return errSVG
			default:
				h.s("</" + open[len(open)-1] + ">")
				open = open[:len(open)-1]
			}
		case xml.CharData:
			if skip == 0 && len(open) > 0 {
				h.attr(string(tok)) // escaped; a line break in a label stays one
			}
		}
		// Comments, processing instructions (<?xml ...?>) and directives
		// (<!DOCTYPE ...>) are left out.
	}
	if root || len(open) > 0 || skip > 0 {
		return errSVG
	}
	return nil
}

func hasAttr(e xml.StartElement, local string) bool {
	for _, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return true
		}
	}
	return false
}

// svgAttr returns the value to write for an SVG attribute, or false to
// leave the attribute out (see svgInline).
func svgAttr(a xml.Attr, idPrefix string) (string, bool) {
	name := strings.ToLower(a.Name.Local)
	// Prefixed attributes go too: xlink:href is a reference, xmlns:* a
	// namespace URL, and the rest (xml:space, sodipodi:*) change nothing a
	// browser draws.
	if a.Name.Space != "" || name == "xmlns" || name == "href" || name == "src" ||
		strings.HasPrefix(name, "on") || !svgAttrName(a.Name.Local) {
		return "", false
	}
	v := a.Value
	if name == "id" {
		return idPrefix + v, true
	}
	low := strings.ToLower(v)
	// A backslash is a CSS escape ("\75 rl(" is url(), and so on); the
	// schemes and "//" are references no matter where they stand.
	for _, bad := range []string{"\\", "http:", "https:", "//", "data:", "javascript:", "file:", "image-set(", "element(", "@import"} {
		if strings.Contains(low, bad) {
			return "", false
		}
	}
	var b strings.Builder
	for {
		i := strings.Index(low, "url(")
		if i < 0 {
			break
		}
		j := i + len("url(")
		for j < len(low) && (low[j] == ' ' || low[j] == '\t' || low[j] == '\n' || low[j] == '\'' || low[j] == '"') {
			j++
		}
		if j >= len(low) || low[j] != '#' {
			return "", false
		}
		b.WriteString(v[:j+1])
		b.WriteString(idPrefix)
		v, low = v[j+1:], low[j+1:]
	}
	b.WriteString(v)
	return b.String(), true
}

// svgAttrName reports whether name is a plain attribute name, one HTML's
// parser reads as the SVG attribute it is.
func svgAttrName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
