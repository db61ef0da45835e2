package export

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"

	"github.com/signintech/gopdf"
)

// rgb is a colour to draw with.
type rgb struct{ r, g, b uint8 }

// parseColor reads a cleaned "#RRGGBB".
func parseColor(s string) (rgb, bool) {
	if len(s) != 7 || s[0] != '#' {
		return rgb{}, false
	}
	var v [3]uint8
	for i := range v {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return rgb{}, false
		}
		v[i] = hi<<4 | lo
	}
	return rgb{v[0], v[1], v[2]}, true
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// tint is c mixed with white, light enough under black text whatever the
// code's colour.
func (c rgb) tint() rgb {
	mix := func(v uint8) uint8 { return uint8(255 - (255-int(v))*3/10) }
	return rgb{mix(c.r), mix(c.g), mix(c.b)}
}

func headingStyle(level int) int { return min(max(level, 1), 3) - 1 }

// heading draws a heading with a square in its code's colour, kept on one
// page with the start of what follows it.
func (p *pdfWriter) heading(h *Heading, rest []Block) {
	hs := &headingStyles[headingStyle(h.Level)]
	c, marked := parseColor(h.Color)
	indent := 0.0
	if marked {
		indent = hs.size
	}
	lines := p.wrapText(h.Text, styleBold, &hs.textStyle, p.width()-indent)
	if len(lines) == 0 {
		return
	}
	p.gap(hs.before)
	p.need(min(linesHeight(lines)+p.startHeight(rest, 3), p.height()))
	if marked {
		side := 0.62 * hs.size
		top := p.y + hs.baseline() - 0.69*hs.size // level with the capitals
		p.box(p.x0, top, side, side, c)
	}
	p.flow(lines, p.x0+indent, p.width()-indent, nil)
	p.y += hs.after
}

// startHeight is about how much room the start of the first of blocks needs
// (a few lines of text, a table's header and first row, an image): a
// heading takes it along to a new page rather than stay alone at the bottom
// of one. depth bounds the headings that follow one another.
func (p *pdfWriter) startHeight(blocks []Block, depth int) float64 {
	if len(blocks) == 0 || depth == 0 {
		return 0
	}
	switch b := blocks[0].(type) {
	case *Heading:
		hs := &headingStyles[headingStyle(b.Level)]
		return hs.before + hs.lead + p.startHeight(blocks[1:], depth-1)
	case *Paragraph:
		if b.Style == Note {
			return 2 * styleNote.lead
		}
		return 2 * styleBody.lead
	case *Quote:
		return quoteGap + 2*styleQuote.lead
	case *Table:
		h := 2*(2*cellPadY+styleCell.lead) + 2*styleCell.lead
		if b.Name != "" {
			h += styleTableName.lead + 2
		}
		return h
	case *Image:
		_, h, ok := p.imageSize(b)
		if !ok {
			return styleCaption.lead
		}
		return 6 + h + 4 + styleCaption.lead
	}
	return 0
}

// paragraph draws running text or a note.
func (p *pdfWriter) paragraph(par *Paragraph) {
	ts := &styleBody
	if par.Style == Note {
		ts = &styleNote
	}
	p.flow(p.wrapRuns(par.Runs, ts, p.width()), p.x0, p.width(), nil)
	p.y += 6
}

// The quote's geometry: the text's indent, the bar's width and the room
// above and below.
const (
	quoteIndent = 16
	quoteBar    = 2.5
	quoteGap    = 4
)

// quote draws a quotation indented, with a bar in its code's colour beside
// it, a star before a key quote and the attribution under it.
func (p *pdfWriter) quote(q *Quote) {
	width := p.width() - quoteIndent
	w := p.wrapper(&styleQuote, width)
	if q.Key {
		w.add("★ ", 0)
	}
	w.add(q.Text, 0)
	lines := w.done()
	if q.Attribution != "" {
		attrib := p.wrapText("— "+q.Attribution, 0, &styleAttrib, width)
		attrib[0].above = 2
		lines = append(lines, attrib...)
	}
	if len(lines) == 0 {
		return
	}
	c, ok := parseColor(q.Color)
	if !ok {
		c = colorQuote
	}
	p.gap(quoteGap)
	p.need(float64(min(2, len(lines))) * styleQuote.lead)
	p.flow(lines, p.x0+quoteIndent, width, func(top, bottom float64) {
		p.box(p.x0+2, top+2, quoteBar, bottom-top-3, c)
	})
	p.y += quoteGap + 4
}

// imageSize is the image's size on the page: its own (or its pixels at 96
// per inch), scaled down to fit the text width and most of a page.
func (p *pdfWriter) imageSize(im *Image) (w, h float64, ok bool) {
	cfg, err := png.DecodeConfig(bytes.NewReader(im.PNG))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	w, h = im.Width, im.Height
	if !(w > 0 && h > 0) || w > 1e6 || h > 1e6 {
		w, h = float64(cfg.Width)*0.75, float64(cfg.Height)*0.75
	}
	s := min(1, p.width()/w, 0.85*p.height()/h)
	return w * s, h * s, true
}

// image draws a chart centred, with its alternative text as a caption. An
// image that does not decode leaves its caption, in brackets, in its place.
func (p *pdfWriter) image(im *Image) {
	w, h, ok := p.imageSize(im)
	alt := im.Alt
	if !ok {
		alt = "[" + alt + "]"
	}
	caption := p.wrapText(alt, styleItalic, &styleCaption, p.width())
	p.gap(6)
	if ok {
		p.need(h + 4 + linesHeight(caption[:min(len(caption), 2)]))
		x := p.x0 + (p.width()-w)/2
		if err := p.drawPNG(im.PNG, x, p.y, w, h); err != nil {
			p.fail(err)
			return
		}
		p.y += h + 4
	}
	p.flow(caption, p.x0, p.width(), nil)
	p.y += 8
}

// drawPNG places a PNG. gopdf reads fewer kinds of PNG than image/png
// (16-bit, interlaced); those are decoded and handed over again as 8-bit
// RGBA.
func (p *pdfWriter) drawPNG(data []byte, x, y, w, h float64) error {
	rect := &gopdf.Rect{W: w, H: h}
	holder, err := gopdf.ImageHolderByBytes(data)
	if err == nil {
		if err = p.gp.ImageByHolder(holder, x, y, rect); err == nil {
			return nil
		}
	}
	img, derr := png.Decode(bytes.NewReader(data))
	if derr != nil {
		return nil // DecodeConfig accepted it but the pixels are broken: keep the caption only
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, rgba); err != nil {
		return err
	}
	if holder, err = gopdf.ImageHolderByBytes(b.Bytes()); err != nil {
		return err
	}
	return p.gp.ImageByHolder(holder, x, y, rect)
}
