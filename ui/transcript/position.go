package transcript

// A window reopens a transcript where the reader left it: ScrollPosition
// reads the place, ScrollToTop brings it back. The place is the line at the
// top of the view, which stays at the top while the view is laid out
// again at other sizes (a window's first layouts are not its last).

// ScrollPosition is the rune offset of the start of the line at the top of
// the view, the first that shows for the most part: 0 at the top, and the pending offset when ScrollTo was called
// before the view was laid out.
func (v *View) ScrollPosition() int {
	if v.pendingScroll >= 0 {
		return v.pendingScroll
	}
	if v.lay.numLines() == 0 || v.scroll.Offset.Y <= 0 {
		return 0
	}
	// The line most of which is in view: a sliver at the top is not the
	// place the reader left.
	return v.lay.line(v.lay.lineAtY(v.scroll.Offset.Y + v.lay.sp.lineH/2)).start
}

// ScrollToTop scrolls so that the first line starting at or after
// runeOffset is at the top of the view, or as near as the end of the text
// allows. Laid out narrower than it will be, that line's start lies in the
// wider line that starts at runeOffset, so a later layout keeps the place.
// Before the view is laid out it does what ScrollTo does.
func (v *View) ScrollToTop(runeOffset int) {
	off := v.clamp(runeOffset)
	l := v.lay
	if l.numLines() == 0 || v.scroll.Size().Height <= 0 {
		v.ScrollTo(off)
		return
	}
	v.pendingScroll = -1
	i := min(l.firstLineStartingAt(off), l.numLines()-1)
	if i == 0 {
		v.scrollToY(0) // the page's top margin too
		return
	}
	v.scrollToY(l.lineY(i))
}
