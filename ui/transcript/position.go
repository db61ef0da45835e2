package transcript

// ScrollPosition is the rune offset that ScrollTo takes to bring the view
// back to where it is scrolled now: the start of the line a third down the
// view, where ScrollTo puts a line. It is 0 at the top, and the pending
// offset when ScrollTo was called before the view was laid out. A window
// keeps it to reopen a transcript where the reader left it.
func (v *View) ScrollPosition() int {
	if v.pendingScroll >= 0 {
		return v.pendingScroll
	}
	if len(v.lay.lines) == 0 || v.scroll.Offset.Y <= 0 {
		return 0
	}
	return v.lay.lines[v.lay.lineAtY(v.scroll.Offset.Y+v.scroll.Size().Height/3)].start
}
