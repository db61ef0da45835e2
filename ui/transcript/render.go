package transcript

import (
	"image/color"
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
	nt, nr  int   // pool entries in use
	hits    []int // scratch: highlights in view
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
	fg, selection, caret color.Color
	fillAlpha            uint8
}

func (r *pageRenderer) palette() palette {
	th := theme.CurrentForWidget(r.p)
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	pal := palette{
		fg:        th.Color(theme.ColorNameForeground, variant),
		selection: th.Color(theme.ColorNameSelection, variant),
		caret:     th.Color(theme.ColorNamePrimary, variant),
		fillAlpha: 0x55,
	}
	if variant == theme.VariantDark {
		pal.fillAlpha = 0x70 // translucent colours fade more on a dark background
	}
	return pal
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
	if first >= last {
		return
	}
	pal := r.palette()
	r.hits = v.hl.overlapping(r.hits[:0], l.lines[first].start, l.lines[last-1].end+1)

	for i := first; i < last; i++ {
		for _, k := range r.hits {
			h := v.hl.list[k]
			c := h.Color
			c.A = pal.fillAlpha
			r.span(i, h.Start, h.End, c)
		}
	}
	if s, e := v.Selection(); s != e {
		for i := first; i < last; i++ {
			r.span(i, s, e, pal.selection)
		}
	}
	for i := first; i < last; i++ {
		r.line(i, pal)
	}
	r.headers(top, bottom, pal)
	r.stripes(first, last)
	if r.p.focused {
		r.caret(first, last, pal)
	}
}

// span draws the part of [s, e) that lies on line i. A range that goes on
// past the end of the line also covers a space's width after it, so that a
// selected line break shows.
func (r *pageRenderer) span(i, s, e int, c color.Color) {
	l := r.p.v.lay
	ln := l.lines[i]
	if e <= ln.start || s > ln.end || (s == ln.end && e <= ln.end) {
		return
	}
	x1 := l.xOf(i, max(s, ln.start))
	x2 := l.xOf(i, min(e, ln.end))
	if e > ln.end && (i+1 == len(l.lines) || l.lines[i+1].start > ln.end) {
		x2 += l.spaceW
	}
	if x2 <= x1 {
		return
	}
	left := r.p.v.textLeft()
	r.rect(c, fyne.NewPos(left+x1, ln.y), fyne.NewSize(x2-x1, l.sp.lineH))
}

// line draws the text of line i: the bold speaker label, if the line holds
// part of it, then the rest.
func (r *pageRenderer) line(i int, pal palette) {
	v, l := r.p.v, r.p.v.lay
	ln := l.lines[i]
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
	i := sort.Search(len(l.headers), func(i int) bool { return l.headers[i].y+lineH > top })
	for ; i < len(l.headers) && l.headers[i].y < bottom; i++ {
		h := l.headers[i]
		c := pal.fg
		if h.block >= 0 && l.blocks[h.block].Color != nil {
			c = l.blocks[h.block].Color
		}
		r.text(h.text, c, true, fyne.NewPos(r.p.v.textLeft(), h.y+(lineH-l.sp.textH)/2))
	}
}

// stripes draws one bar in the margin per coding in view, in the coding's
// lane, from its first line to its last, so that overlapping codings stay
// apart however many there are.
func (r *pageRenderer) stripes(first, last int) {
	v, l := r.p.v, r.p.v.lay
	w := v.laneWidth()
	for _, k := range r.hits {
		h := v.hl.list[k]
		a := max(l.firstLineEndingAfter(h.Start), first)
		b := min(l.lineOf(h.End-1), last-1)
		if a > b {
			continue
		}
		x := v.stripeLeft() + float32(v.hl.lane[k])*w
		y1, y2 := l.lines[a].y, l.lines[b].y+l.sp.lineH
		r.rect(h.Color, fyne.NewPos(x, y1), fyne.NewSize(max(w-1, 1), y2-y1))
	}
}

func (r *pageRenderer) caret(first, last int, pal palette) {
	v, l := r.p.v, r.p.v.lay
	i := l.lineOf(v.caret)
	if i < first || i >= last {
		return
	}
	x := v.textLeft() + l.xOf(i, v.caret)
	r.rect(pal.caret, fyne.NewPos(x-1, l.lines[i].y), fyne.NewSize(2, l.sp.lineH))
}

func (r *pageRenderer) rect(c color.Color, pos fyne.Position, size fyne.Size) {
	if r.nr == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(c))
	}
	rc := r.rects[r.nr]
	r.nr++
	rc.FillColor = c
	rc.Move(pos)
	rc.Resize(size)
	r.objects = append(r.objects, rc)
}

func (r *pageRenderer) text(s string, c color.Color, bold bool, pos fyne.Position) {
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
}

// laneWidth is the width of one margin lane: narrower when more codings
// overlap than the margin has lanes for.
func (v *View) laneWidth() float32 {
	if v.hl.lanes <= maxLanes {
		return laneW
	}
	return maxLanes * laneW / float32(v.hl.lanes)
}

// laneAt returns the lane at x in the margin, or -1.
func (v *View) laneAt(x float32) int {
	if x < v.stripeLeft() {
		return -1
	}
	return int((x - v.stripeLeft()) / v.laneWidth())
}
