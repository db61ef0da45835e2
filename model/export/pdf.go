package export

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"

	"github.com/signintech/gopdf"
)

func init() { writers[PDF] = writePDF }

// pdfGCPercent is the garbage collector's target while a PDF is written.
const pdfGCPercent = 30

// Page geometry, in points: A4, margins of 2 cm, the page number in the
// bottom margin.
const (
	a4Width      = 595.28
	a4Height     = 841.89
	pageMargin   = 56.69
	footerOffset = 30 // from the bottom edge to the page number's baseline
)

// The colours the PDF draws with besides the codes' own.
var (
	colorText   = rgb{0x1a, 0x1a, 0x1a}
	colorGrey   = rgb{0x66, 0x66, 0x66}
	colorRule   = rgb{0xbb, 0xbb, 0xbb}
	colorQuote  = rgb{0xbb, 0xbb, 0xbb} // a quote's bar when its code has no colour
	colorHeader = rgb{0xed, 0xed, 0xed} // a table's header row
	colorBorder = rgb{0xcc, 0xcc, 0xcc} // between a table's rows
)

// The text styles, in points.
var (
	styleTitle    = textStyle{size: 20, lead: 25, color: colorText}
	styleSubtitle = textStyle{size: 11, lead: 15, color: colorGrey}
	styleBody     = textStyle{size: 10.5, lead: 14.5, color: colorText}
	styleNote     = textStyle{size: 9, lead: 12.5, color: colorGrey}
	styleQuote    = textStyle{size: 10.5, lead: 14.5, color: colorText}
	styleAttrib   = textStyle{size: 8.5, lead: 12, color: colorGrey}
	styleCaption  = textStyle{size: 8.5, lead: 12, color: colorGrey, align: alignCenter}
	styleFooter   = textStyle{size: 8, lead: 10, color: colorGrey}
	headingStyles = [3]struct {
		textStyle
		before, after float64
	}{
		{textStyle{size: 16, lead: 20, color: colorText}, 16, 6},
		{textStyle{size: 13.5, lead: 17, color: colorText}, 13, 5},
		{textStyle{size: 11.5, lead: 15, color: colorText}, 10, 4},
	}
)

// pdfWriter lays a Doc out on pages itself and draws through gopdf, which
// embeds the fonts as subsets. The layout, not gopdf, breaks lines and pages:
// text switches font wherever Liberation Sans lacks a character (emoji, rare
// symbols), which gopdf's own cells cannot do.
type pdfWriter struct {
	ctx context.Context
	gp  *gopdf.GoPdf
	fb  *fontBook

	w, h           float64 // page size
	x0, x1, y0, y1 float64 // the text area
	y              float64 // where the next thing goes
	pages          int

	// stroke is the line colour and width set on this page, so that a
	// table's thousands of rules set them once per page.
	stroke      rgb
	strokeWidth float64

	wr wrapper // reused, with its buffers, for every piece of text

	err error // the first drawing error; later drawing does nothing
}

// writePDF writes the Doc as a PDF: A4 (landscape when asked), the title
// at the top, page numbers in the footer, every character in an embedded
// font, the text extractable (copy, search, pdftotext) in reading order.
func writePDF(ctx context.Context, w io.Writer, d *Doc) (err error) {
	defer func() {
		// gopdf indexes into font and image data; a fault there must fail
		// this export, not take the application down.
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	// gopdf keeps every line drawn until it writes the file (20,000 quotes:
	// about 130 MB of live heap), and the garbage collector by default lets
	// the heap grow to twice what is live. Collecting sooner while a PDF is
	// written keeps the peak under 300 MB at the cost of CPU time, mostly on
	// the other core (the whole export of 20,000 quotes: 8.0 s and 284 MB,
	// against 7.2 s and 368 MB).
	if old := debug.SetGCPercent(pdfGCPercent); old < pdfGCPercent {
		debug.SetGCPercent(old)
	} else {
		defer debug.SetGCPercent(old)
	}
	p, err := newPDFWriter(ctx, d)
	if err != nil {
		return err
	}
	p.titleBlock(d.Title, d.Subtitle)
	for i, b := range d.Blocks {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.block(b, d.Blocks[i+1:])
		if p.err != nil {
			return p.err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return p.finish(w, d)
}

func newPDFWriter(ctx context.Context, d *Doc) (*pdfWriter, error) {
	p := &pdfWriter{ctx: ctx, gp: &gopdf.GoPdf{}, w: a4Width, h: a4Height}
	if d.Landscape {
		p.w, p.h = p.h, p.w
	}
	p.x0, p.x1, p.y0, p.y1 = pageMargin, p.w-pageMargin, pageMargin, p.h-pageMargin
	p.gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: p.w, H: p.h}})
	fb, err := newFontBook(p.gp) // before the first page, so SetFont finds the fonts first
	if err != nil {
		return nil, err
	}
	p.fb = fb
	p.newPage()
	return p, p.err
}

func (p *pdfWriter) fail(err error) {
	if p.err == nil && err != nil {
		p.err = err
	}
}

func (p *pdfWriter) width() float64  { return p.x1 - p.x0 }
func (p *pdfWriter) height() float64 { return p.y1 - p.y0 }

// newPage starts a page with a place for its number, which finish fills in
// once the number of pages is known.
func (p *pdfWriter) newPage() {
	p.gp.AddPage()
	p.pages++
	p.y = p.y0
	p.strokeWidth = 0
	if err := p.fb.use(faceRegular, styleFooter.size); err != nil {
		p.fail(err)
		return
	}
	c := styleFooter.color
	p.gp.SetTextColor(c.r, c.g, c.b)
	p.gp.SetXY(p.x0, p.h-footerOffset)
	p.fail(p.gp.PlaceHolderText(pageLabel(p.pages), p.width()))
}

func pageLabel(n int) string { return "page" + strconv.Itoa(n) }

// need starts a new page unless h points fit below p.y (or p.y is at the top
// already, where nothing would gain from a new page).
func (p *pdfWriter) need(h float64) {
	if p.y+h > p.y1 && p.y > p.y0 {
		p.newPage()
	}
}

// gap leaves room before a block, except at the top of a page.
func (p *pdfWriter) gap(h float64) {
	if p.y > p.y0 {
		p.y += h
	}
}

func (p *pdfWriter) block(b Block, rest []Block) {
	switch b := b.(type) {
	case *Heading:
		p.heading(b, rest)
	case *Paragraph:
		p.paragraph(b)
	case *Quote:
		p.quote(b)
	case *Table:
		p.fail(p.table(b))
	case *Image:
		p.image(b)
	}
}

// titleBlock draws the title, the subtitle under it and a rule.
func (p *pdfWriter) titleBlock(title, subtitle string) {
	if title == "" && subtitle == "" {
		return
	}
	p.flow(p.wrapText(title, styleBold, &styleTitle, p.width()), p.x0, p.width(), nil)
	if subtitle != "" {
		p.y += 3
		p.flow(p.wrapText(subtitle, 0, &styleSubtitle, p.width()), p.x0, p.width(), nil)
	}
	p.y += 8
	p.rule(p.x0, p.y, p.x1, colorRule, 0.6)
	p.y += 14
}

// rule draws a horizontal line.
func (p *pdfWriter) rule(x0, y, x1 float64, c rgb, width float64) {
	if c != p.stroke || width != p.strokeWidth {
		p.gp.SetStrokeColor(c.r, c.g, c.b)
		p.gp.SetLineWidth(width)
		p.stroke, p.strokeWidth = c, width
	}
	p.gp.Line(x0, y, x1, y)
}

// box fills a rectangle.
func (p *pdfWriter) box(x, y, w, h float64, c rgb) {
	if w <= 0 || h <= 0 {
		return
	}
	p.gp.SetFillColor(c.r, c.g, c.b)
	p.gp.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

// finish numbers the pages and writes the file: gopdf's output, then an
// update section that corrects what gopdf writes wrong (see pdfUpdate).
func (p *pdfWriter) finish(w io.Writer, d *Doc) error {
	if err := p.fb.use(faceRegular, styleFooter.size); err != nil {
		return err
	}
	total := strconv.Itoa(p.pages)
	for n := 1; n <= p.pages; n++ {
		if err := p.gp.FillInPlaceHoldText(pageLabel(n), strconv.Itoa(n)+" / "+total, gopdf.Center); err != nil {
			return fmt.Errorf("pdf: page numbers: %w", err)
		}
	}
	sink := newPDFSink(w)
	if _, err := p.gp.WriteTo(sink); err != nil {
		return err
	}
	if sink.err != nil {
		return sink.err
	}
	return p.update(sink, d)
}
