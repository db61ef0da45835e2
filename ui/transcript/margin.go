package transcript

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The margin left of the text holds the coding stripes, as MAXQDA and NVivo
// draw them: one bar per coding from its first line to its last, in the
// column of its code. Resting the pointer on a bar names its code and
// outlines its passage; clicking it is clicking the coded text.

// laneWidth is the width of one margin column: narrower when more codes are
// in view than the margin has columns for.
func (v *View) laneWidth() float32 {
	if n := len(v.cols.keys); n > maxLanes {
		return maxLanes * laneW / float32(n)
	}
	return laneW
}

// barWidth is the width of a stripe in its column.
func (v *View) barWidth() float32 {
	w := v.laneWidth()
	return max(w*laneBar/laneW, 1)
}

// laneAt returns the column at x in the margin, or -1.
func (v *View) laneAt(x float32) int {
	if x < v.stripeLeft() {
		return -1
	}
	lane := int((x - v.stripeLeft()) / v.laneWidth())
	if lane >= len(v.cols.keys) {
		return -1
	}
	return lane
}

// bar returns the vertical extent of highlight k's stripe on the page: from
// the top of its first line to the bottom of its last, less a pixel at each
// end so that two codings of one code that follow each other stay apart.
func (v *View) bar(k int) (y1, y2 float32) {
	l := v.lay
	h := v.hl.list[k]
	a := l.firstLineEndingAfter(h.Start)
	b := l.lineOf(h.End - 1)
	if a >= l.numLines() || a > b {
		return 0, 0
	}
	return l.lineY(a) + 1, l.lineY(b) + l.sp.lineH - 1
}

// stripesAt returns the highlights whose stripe is under pos, shortest
// first.
func (v *View) stripesAt(pos fyne.Position) []int {
	lane := v.laneAt(pos.X)
	if lane < 0 {
		return nil
	}
	var out []int
	for _, k := range v.page.inView {
		if v.cols.col(&v.hl, k) != lane {
			continue
		}
		if y1, y2 := v.bar(k); pos.Y >= y1-1 && pos.Y <= y2+1 {
			out = append(out, k)
		}
	}
	if len(out) > 1 {
		sortShortestFirst(v.hl.list, out)
	}
	return out
}

// MouseIn is part of desktop.Hoverable.
func (p *page) MouseIn(e *desktop.MouseEvent) { p.MouseMoved(e) }

// MouseMoved notes the stripe under the pointer.
func (p *page) MouseMoved(e *desktop.MouseEvent) {
	hover := -1
	if e.Position.X < p.v.textLeft() {
		if ks := p.v.stripesAt(e.Position); len(ks) > 0 {
			hover = ks[0]
		}
	}
	p.setHover(hover, e.Position.Y)
}

// MouseOut forgets the stripe.
func (p *page) MouseOut() { p.setHover(-1, 0) }

func (p *page) setHover(k int, y float32) {
	if k == p.v.hover {
		return
	}
	p.v.hover, p.v.hoverY = k, y
	p.Refresh()
}
