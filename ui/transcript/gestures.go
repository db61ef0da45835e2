package transcript

import (
	"sort"
	"time"

	"fyne.io/fyne/v2"
)

// multiClick is how soon a press must follow the one before, at the same
// place, to make a double or triple click.
const multiClick = 400 * time.Millisecond

// now is the clock the click series is timed with.
var now = time.Now

// press handles the button going down at pos: with shift it extends the
// selection; the second press of a series selects the word, the third the
// speaker turn. A press inside the selection leaves it until the button
// comes up (deferCollapse), since it may start dragging the selection
// away; without that, it collapses the selection at once.
func (p *page) press(pos fyne.Position, shift, deferCollapse bool) {
	v := p.v
	if pos.X < v.textLeft() && len(v.stripesAt(pos)) > 0 {
		// A click on a stripe is a click on its coding; it selects nothing
		// and starts no series, however quickly stripes are clicked.
		p.clicks, p.lastDown, p.collapseAt = 1, time.Time{}, -1
		return
	}
	off := p.caretAt(pos)
	t := now()
	if t.Sub(p.lastDown) < multiClick && off == p.lastDownAt {
		p.clicks++
	} else {
		p.clicks = 1
	}
	p.lastDown, p.lastDownAt = t, off
	p.collapseAt = -1
	switch {
	case shift:
		v.setCaret(off, true)
	case p.clicks == 2:
		v.anchor, v.caret = wordAround(v.lay, off)
	case p.clicks >= 3:
		v.anchor, v.caret = turnAround(v.lay, off)
	case deferCollapse && p.inSelection(pos):
		p.collapseAt = off
	default:
		v.setCaret(off, false)
	}
}

// inSelection tells whether the rune under pos is selected.
func (p *page) inSelection(pos fyne.Position) bool {
	s, e := p.v.Selection()
	if s == e {
		return false
	}
	r := p.runeAt(pos)
	return r >= s && r < e
}

// runeAt returns the rune under pos on the text, or -1.
func (p *page) runeAt(pos fyne.Position) int {
	l := p.v.lay
	i := l.lineAtY(pos.Y)
	if i < 0 {
		return -1
	}
	if y := l.lineY(i); pos.Y < y || pos.Y > y+l.sp.lineH || pos.X < p.v.textLeft() {
		return -1
	}
	return l.offsetAt(i, pos.X-p.v.textLeft(), false)
}

// turnAround returns the speaker turn holding off without its label (and
// the spaces after it): the text a coder means by "this turn". Outside the
// turns it is the paragraph.
func turnAround(l *layout, off int) (int, int) {
	i := sort.Search(len(l.paras), func(i int) bool { return int(l.paras[i].start) > off }) - 1
	if i < 0 {
		return off, off
	}
	p := l.paras[i]
	if p.block < 0 {
		return int(p.start), int(p.end)
	}
	b := l.blocks[p.block]
	start := l.labelEnd[p.block]
	for start < b.End && isBlank(l.text[l.byteOf(start)]) {
		start++
	}
	return start, b.End
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// TappedSecondary opens the selection's menu. A right-click outside the
// selection first selects the word under the pointer, so the menu always
// acts on what is highlighted.
func (p *page) TappedSecondary(e *fyne.PointEvent) {
	p.requestFocus()
	if !p.inSelection(e.Position) {
		r := p.runeAt(e.Position)
		if r < 0 {
			return // the margin or the space around the text
		}
		p.v.anchor, p.v.caret = wordAround(p.v.lay, r)
		p.Refresh()
		p.v.notify()
	}
	if f := p.v.OnSelectionMenu; f != nil {
		f(p.absolute(e.Position))
	}
}

// dragSelection follows a drag that started inside the selection. Over
// the view it selects from where it started, as any drag does: a coder
// often means to select part of a selected turn. Once the pointer leaves
// the view the selection it started in is back and goes with it, to be
// dropped (on a code); there is no auto-scroll then.
func (p *page) dragSelection(pos fyne.Position) {
	v := p.v
	inView := pos.Subtract(fyne.NewPos(0, v.scroll.Offset.Y))
	size := v.scroll.Size()
	p.outside = inView.X < 0 || inView.Y < 0 || inView.X >= size.Width || inView.Y >= size.Height
	if p.outside {
		v.anchor, v.caret = p.carried[0], p.carried[1]
		p.dropAt = p.absolute(pos)
		if f := v.OnSelectionDragged; f != nil {
			f(p.dropAt)
		}
	} else {
		v.anchor = p.pressAt
		v.setCaret(p.caretAt(pos), true)
	}
	p.Refresh()
}

// absolute converts a position on the page to one on the canvas, as the
// driver reports positions of the other objects there.
func (p *page) absolute(pos fyne.Position) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(p).Add(pos)
}
