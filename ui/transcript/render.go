package transcript

import (
	"image/color"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// pageRenderer draws the lines in view from pools of canvas objects, so the
// number of objects depends on the height of the view, never on the length
// of the transcript.
type pageRenderer struct {
	p       *page
	objects []fyne.CanvasObject
	texts   []*canvas.Text
	rects   []*canvas.Rectangle
	nt, nr  int // pool entries in use

	// scratch space, reused from one rebuild to the next
	hits []int     // highlights in view
	on   []int     // highlights on one line
	cuts []int     // rune columns where something changes on a line
	xs   []float32 // their x
}

func newPageRenderer(p *page) *pageRenderer {
	return &pageRenderer{p: p}
}

func (r *pageRenderer) Destroy()                     { r.p.stopAutoScroll() }
func (r *pageRenderer) MinSize() fyne.Size           { return r.p.MinSize() }
func (r *pageRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *pageRenderer) Layout(fyne.Size)             { r.rebuild() }

func (r *pageRenderer) Refresh() {
	r.p.v.themeChanged()
	r.rebuild()
	canvas.Refresh(r.p)
}

// palette holds the theme colours of one rebuild.
type palette struct {
	fg, bg, caret color.Color
	// selection is the theme's selection colour laid over the background:
	// opaque, so that the codings under a selection do not show through
	// and mix with it into a colour that might be taken for a code's.
	selection color.NRGBA
	dark      bool // a dark background: highlights need more opacity
}

// ColorNameSelection is the theme colour of selected text in the
// transcript; a theme without it gives Fyne's selection colour instead.
const ColorNameSelection fyne.ThemeColorName = "transcriptSelection"

func (r *pageRenderer) palette() palette {
	th := theme.CurrentForWidget(r.p)
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	bg := color.NRGBAModel.Convert(th.Color(theme.ColorNameBackground, variant)).(color.NRGBA)
	// The app's theme may give selected text a colour of its own, apart
	// from the one lists use for their selected rows.
	var sel color.NRGBA
	if c := th.Color(ColorNameSelection, variant); c != nil {
		sel = color.NRGBAModel.Convert(c).(color.NRGBA)
	}
	if sel.A == 0 {
		sel = color.NRGBAModel.Convert(th.Color(theme.ColorNameSelection, variant)).(color.NRGBA)
	}
	return palette{
		fg:        th.Color(theme.ColorNameForeground, variant),
		bg:        bg,
		caret:     th.Color(theme.ColorNamePrimary, variant),
		selection: over(bg, sel),
		dark:      luminance(bg) < 0.5,
	}
}

// over is c laid over the opaque colour bg.
func over(bg, c color.NRGBA) color.NRGBA {
	mix := func(b, f uint8) uint8 { return uint8((int(b)*(255-int(c.A)) + int(f)*int(c.A) + 127) / 255) }
	return color.NRGBA{R: mix(bg.R, c.R), G: mix(bg.G, c.G), B: mix(bg.B, c.B), A: 0xff}
}

// luminance is a colour's brightness from 0 to 1, near enough to tell a dark
// theme from a light one.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// viewport returns the part of the page in view.
func (r *pageRenderer) viewport() (top, bottom float32) {
	v := r.p.v
	h := v.scroll.Size().Height
	if h <= 0 {
		h = r.p.Size().Height
	}
	return v.scroll.Offset.Y, v.scroll.Offset.Y + h
}

func (r *pageRenderer) rebuild() {
	v, l := r.p.v, r.p.v.lay
	r.objects = r.objects[:0]
	r.nt, r.nr = 0, 0
	top, bottom := r.viewport()
	first, last := l.visible(top, bottom)
	r.hits = r.hits[:0]
	if first < last {
		r.hits = v.hl.overlapping(r.hits, l.line(first).start, l.line(last-1).end)
	}
	r.p.inView = r.hits
	v.cols.assign(&v.hl, r.hits)
	if v.hover >= 0 && !slices.Contains(r.hits, v.hover) {
		v.hover = -1 // scrolled out of view
	}
	if first >= last {
		return
	}
	pal := r.palette()

	for i := first; i < last; i++ {
		r.fills(i, pal)
	}
	s, e := v.Selection()
	if s != e {
		for i := first; i < last; i++ {
			r.span(i, s, e, pal.selection)
		}
	}
	if v.hover >= 0 {
		h := v.hl.list[v.hover]
		for i := first; i < last; i++ {
			r.outline(i, h.Start, h.End, opaque(h.Color))
		}
	}
	r.searchHits(first, last)
	for i := first; i < last; i++ {
		r.line(i, pal)
	}
	r.headers(top, bottom, pal)
	r.stripes(first, last)
	if r.p.focused {
		r.caret(first, last, pal)
	}
	r.tip(top, pal)
}

// spanX returns the x range, relative to the text's left edge, of the part
// of [s, e) that lies on line i. A range that goes on past the end of the
// line also covers a space's width after it, so that a selected or coded
// line break shows.
func (r *pageRenderer) spanX(i, s, e int) (x1, x2 float32, ok bool) {
	l := r.p.v.lay
	ln := l.line(i)
	if e <= ln.start || s > ln.end || (s == ln.end && e <= ln.end) {
		return 0, 0, false
	}
	x1 = l.xOf(i, max(s, ln.start))
	x2 = l.xOf(i, min(e, ln.end))
	if e > ln.end && l.breaksAfter(i) {
		x2 += l.spaceW
	}
	return x1, x2, x2 > x1
}

// breaksAfter tells whether line i ends a paragraph: whether the rune after
// it is a line feed rather than the start of the next line.
func (l *layout) breaksAfter(i int) bool {
	return i+1 == l.numLines() || l.line(i+1).start > l.line(i).end
}

// span fills the part of [s, e) on line i with c.
func (r *pageRenderer) span(i, s, e int, c color.Color) {
	x1, x2, ok := r.spanX(i, s, e)
	if !ok {
		return
	}
	l := r.p.v.lay
	left := r.p.v.textLeft()
	r.rect(c, fyne.NewPos(left+x1, l.lineY(i)), fyne.NewSize(x2-x1, l.sp.lineH))
}

// outline draws a frame in c around the part of [s, e) on line i.
func (r *pageRenderer) outline(i, s, e int, c color.Color) {
	x1, x2, ok := r.spanX(i, s, e)
	if !ok {
		return
	}
	l := r.p.v.lay
	left := r.p.v.textLeft()
	rc := r.rect(color.Transparent, fyne.NewPos(left+x1, l.lineY(i)), fyne.NewSize(x2-x1, l.sp.lineH))
	rc.StrokeColor = c
	rc.StrokeWidth = 2
}

// line draws the text of line i: the bold speaker label, if the line holds
// part of it, then the rest.
func (r *pageRenderer) line(i int, pal palette) {
	v, l := r.p.v, r.p.v.lay
	ln := l.line(i)
	s := l.lineText(i)
	x := v.textLeft()
	y := ln.y + (l.sp.lineH-l.sp.textH)/2
	if ln.boldEnd > ln.start {
		b := l.byteOf(min(ln.boldEnd, ln.end)) - ln.bstart
		label := s[:b]
		c := pal.fg
		if ln.block >= 0 && l.blocks[ln.block].Color != nil {
			c = l.blocks[ln.block].Color
		}
		r.text(label, c, true, fyne.NewPos(x, y))
		x += l.measure(label, true)
		s = s[b:]
	}
	if s != "" {
		r.text(s, pal.fg, false, fyne.NewPos(x, y))
	}
}

// headers draws the speaker labels that stand above their turns.
func (r *pageRenderer) headers(top, bottom float32, pal palette) {
	l := r.p.v.lay
	lineH := l.sp.lineH
	// A paragraph's header is the line above its first.
	i := sort.Search(len(l.paras), func(i int) bool { return l.paras[i].y > top })
	for ; i < len(l.paras) && l.paras[i].y-lineH < bottom; i++ {
		p := &l.paras[i]
		if !p.header {
			continue
		}
		c := pal.fg
		if l.blocks[p.block].Color != nil {
			c = l.blocks[p.block].Color
		}
		r.text(l.headerText(p), c, true, fyne.NewPos(r.p.v.textLeft(), p.y-lineH+(lineH-l.sp.textH)/2))
	}
}

func (r *pageRenderer) caret(first, last int, pal palette) {
	v, l := r.p.v, r.p.v.lay
	i := l.lineOf(v.caret)
	if i < first || i >= last {
		return
	}
	x := v.textLeft() + l.xOf(i, v.caret)
	r.rect(pal.caret, fyne.NewPos(x-1, l.lineY(i)), fyne.NewSize(2, l.sp.lineH))
}

// rect adds a filled rectangle from the pool.
func (r *pageRenderer) rect(c color.Color, pos fyne.Position, size fyne.Size) *canvas.Rectangle {
	if r.nr == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(c))
	}
	rc := r.rects[r.nr]
	r.nr++
	rc.FillColor = c
	rc.StrokeWidth = 0
	rc.CornerRadius = 0
	rc.Move(pos)
	rc.Resize(size)
	r.objects = append(r.objects, rc)
	return rc
}

// text adds a text from the pool, in the view's text size.
func (r *pageRenderer) text(s string, c color.Color, bold bool, pos fyne.Position) *canvas.Text {
	if r.nt == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", c))
	}
	t := r.texts[r.nt]
	r.nt++
	t.Text = s
	t.Color = c
	t.TextSize = r.p.v.textSize
	t.TextStyle = fyne.TextStyle{Bold: bold}
	t.Move(pos)
	t.Resize(fyne.NewSize(r.p.v.lay.width, r.p.v.lay.sp.textH))
	r.objects = append(r.objects, t)
	return t
}
