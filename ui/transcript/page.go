package transcript

import (
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// page is the full-height content inside the view's scroll container. It
// takes the pointer and keyboard input; its renderer draws only the lines in
// view.
type page struct {
	widget.BaseWidget
	v *View

	focused    bool
	shiftDown  bool      // a shift key is held (tracked for the keyboard)
	pressed    bool      // a MouseDown was seen for the current click
	pressShift bool      // that MouseDown had shift: extend, do not tap
	dragging   bool      // a drag is in progress
	lastDown   time.Time // for double- and triple-click selection
	lastDownAt int
	clicks     int           // presses in quick succession at one place
	collapseAt int           // a press inside the selection: the caret it leaves on release, or -1
	moving     bool          // the drag in progress started inside the selection
	carried    [2]int        // the selection it started inside (anchor, caret)
	pressAt    int           // the caret where it started
	outside    bool          // its pointer is off the view: it carries the selection
	dropAt     fyne.Position // the pointer during that drag, absolute
	dragView   fyne.Position // pointer during a drag, relative to the viewport
	autoScroll *fyne.Animation
	inView     []int // the highlights drawn, as the renderer last found them
}

var (
	_ fyne.Focusable         = (*page)(nil)
	_ fyne.Shortcutable      = (*page)(nil)
	_ fyne.Draggable         = (*page)(nil)
	_ fyne.Tappable          = (*page)(nil)
	_ fyne.SecondaryTappable = (*page)(nil)
	_ desktop.Mouseable      = (*page)(nil)
	_ desktop.Hoverable      = (*page)(nil)
	_ desktop.Keyable        = (*page)(nil)
	_ desktop.Cursorable     = (*page)(nil)
)

func newPage(v *View) *page {
	p := &page{v: v, collapseAt: -1}
	p.ExtendBaseWidget(p)
	return p
}

// MinSize is as tall as the wrapped text; the width follows the view.
func (p *page) MinSize() fyne.Size {
	return fyne.NewSize(0, p.v.lay.height)
}

// CreateRenderer is part of fyne.Widget.
func (p *page) CreateRenderer() fyne.WidgetRenderer {
	return newPageRenderer(p)
}

// Cursor shows the text cursor over the transcript, and a pointer over a
// stripe, which is clicked rather than selected.
func (p *page) Cursor() desktop.Cursor {
	if p.v.hover >= 0 {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}

// caretAt maps a position on the page to the nearest rune boundary.
func (p *page) caretAt(pos fyne.Position) int {
	l := p.v.lay
	i := l.lineAtY(pos.Y)
	if i < 0 {
		return 0
	}
	if pos.Y < l.lineY(i) && i == 0 {
		return l.line(0).start // above the text
	}
	if pos.Y > l.lineY(i)+l.sp.lineH && i == l.numLines()-1 {
		return l.n // below the text
	}
	return l.offsetAt(i, pos.X-p.v.textLeft(), true)
}

// MouseDown starts a selection, extends it with shift, or selects a word
// on a double click and a speaker turn on a triple click.
func (p *page) MouseDown(e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	p.requestFocus()
	p.pressed = true
	p.pressShift = e.Modifier&fyne.KeyModifierShift != 0
	p.press(e.Position, p.pressShift, true)
	p.Refresh()
}

// MouseUp reports the selection made by a click. A click inside the
// selection that did not become a drag collapses it only now.
func (p *page) MouseUp(*desktop.MouseEvent) {
	if p.dragging {
		return
	}
	if p.collapseAt >= 0 {
		p.v.setCaret(p.collapseAt, false)
		p.collapseAt = -1
		p.Refresh()
	}
	p.v.notify()
}

// Tapped reports the highlights under a click. Without a MouseDown before it
// (a tap from a touch screen or a test) it also moves the caret, or counts
// as the second or third click of a series.
func (p *page) Tapped(e *fyne.PointEvent) {
	pressed, shift := p.pressed, p.pressShift
	p.pressed, p.pressShift = false, false
	if shift {
		return
	}
	if !pressed {
		p.requestFocus()
		p.press(e.Position, false, false)
		p.Refresh()
		p.v.notify()
	}
	if p.clicks > 1 {
		return // the first click of the series reported them
	}
	ids, off := p.highlightsAt(e.Position)
	if len(ids) > 0 && p.v.OnHighlightTapped != nil {
		p.v.OnHighlightTapped(ids, off)
	}
}

// highlightsAt returns the IDs of the highlights under pos and the rune
// offset there: those covering the rune under the pointer, or in the
// margin, those whose stripe is under the pointer.
func (p *page) highlightsAt(pos fyne.Position) ([]int64, int) {
	v := p.v
	if pos.X < v.textLeft() {
		var ids []int64
		off := -1
		for _, k := range v.stripesAt(pos) {
			h := v.hl.list[k]
			ids = append(ids, h.ID)
			if off < 0 {
				off = min(max(h.Start, v.lay.line(v.lay.lineAtY(pos.Y)).start), h.End-1)
			}
		}
		return ids, off
	}
	off := p.runeAt(pos)
	if off < 0 {
		return nil, -1
	}
	return v.hl.idsAt(off), off
}

// Dragged selects from where the drag started to the pointer, scrolling
// when the pointer is above or below the view. A drag that starts inside
// the selection can carry the selection away instead (onto a code, say):
// see dragSelection.
func (p *page) Dragged(e *fyne.DragEvent) {
	if !p.dragging {
		p.dragging = true
		// Position-Dragged is where the button went down, with the
		// desktop driver and with test.Drag alike.
		from := e.Position.Subtract(e.Dragged)
		p.moving = !p.pressShift && (p.collapseAt >= 0 || (!p.pressed && p.inSelection(from)))
		p.collapseAt = -1
		if p.moving {
			p.carried = [2]int{p.v.anchor, p.v.caret}
			p.pressAt = p.caretAt(from)
		} else if !p.pressShift {
			p.v.setCaret(p.caretAt(from), false)
		}
	}
	if p.moving {
		p.dragSelection(e.Position)
		return
	}
	p.v.setCaret(p.caretAt(e.Position), true)
	p.dragView = e.Position.Subtract(fyne.NewPos(0, p.v.scroll.Offset.Y))
	if p.overshoot() != 0 {
		p.startAutoScroll()
	}
	p.Refresh()
}

// DragEnd reports the selection made by dragging, or where the selection
// carried away was dropped. It takes the focus back: the driver drops it
// when the button is released outside the view, and the user will want to
// extend the selection with the keyboard.
func (p *page) DragEnd() {
	p.requestFocus()
	p.dragging = false
	p.pressed, p.pressShift = false, false
	p.stopAutoScroll()
	if p.moving {
		p.moving = false
		if !p.outside {
			p.v.notify() // let go on the text: a new selection after all
			return
		}
		p.outside = false
		if f := p.v.OnSelectionDropped; f != nil {
			f(p.dropAt)
		}
		return
	}
	p.v.notify()
}

// overshoot is how far the dragging pointer is above (<0) or below (>0) the
// view.
func (p *page) overshoot() float32 {
	h := p.v.scroll.Size().Height
	switch y := p.dragView.Y; {
	case y < 0:
		return y
	case y > h:
		return y - h
	}
	return 0
}

func (p *page) startAutoScroll() {
	if p.autoScroll != nil {
		return
	}
	p.autoScroll = &fyne.Animation{
		Duration:    time.Second,
		RepeatCount: fyne.AnimationRepeatForever,
		Tick:        func(float32) { p.autoScrollStep() },
	}
	p.autoScroll.Start()
}

func (p *page) stopAutoScroll() {
	if p.autoScroll != nil {
		p.autoScroll.Stop()
		p.autoScroll = nil
	}
}

// autoScrollStep runs once a frame while a drag is beyond the view's edge:
// it scrolls faster the further the pointer is and extends the selection.
func (p *page) autoScrollStep() {
	d := p.overshoot()
	if !p.dragging || d == 0 {
		p.stopAutoScroll()
		return
	}
	step := min(max(abs(d)/3, 2), 60)
	if d < 0 {
		step = -step
	}
	p.v.scrollToY(p.v.scroll.Offset.Y + step)
	pos := p.dragView.Add(fyne.NewPos(0, p.v.scroll.Offset.Y))
	p.v.setCaret(p.caretAt(pos), true)
	p.Refresh()
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

func (p *page) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil && c.Focused() != p {
		c.Focus(p)
	}
}

// FocusGained shows the caret.
func (p *page) FocusGained() {
	p.focused = true
	p.Refresh()
}

// FocusLost hides the caret.
func (p *page) FocusLost() {
	p.focused = false
	p.shiftDown = false
	p.Refresh()
}

// TypedRune passes typing on to OnTypedRune: the transcript is read-only.
func (p *page) TypedRune(r rune) {
	if f := p.v.OnTypedRune; f != nil {
		f(r)
	}
}

// KeyDown tracks shift for keyboard selection.
func (p *page) KeyDown(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		p.shiftDown = true
	}
}

// KeyUp tracks shift for keyboard selection.
func (p *page) KeyUp(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		p.shiftDown = false
	}
}

func (p *page) shift() bool {
	if p.shiftDown {
		return true
	}
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}

// TypedKey moves the caret; with shift held it extends the selection.
func (p *page) TypedKey(e *fyne.KeyEvent) {
	p.moveCaret(e.Name, p.shift(), false)
}

// TypedShortcut copies, selects all, and handles the moves with Ctrl
// (Ctrl+Home/End to the ends, Ctrl+Left/Right by words). Every other
// shortcut goes on to the canvas: Fyne gives a shortcut to the focused
// widget alone, so without this the window's own shortcuts (undo, redo)
// would do nothing while the transcript has focus.
func (p *page) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		p.copySelection(s.Clipboard)
		return
	case *fyne.ShortcutSelectAll:
		p.v.anchor, p.v.caret = 0, p.v.lay.n
		p.Refresh()
		p.v.notify()
		return
	case *desktop.CustomShortcut:
		if s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper|fyne.KeyModifierAlt) != 0 && isMove(s.KeyName) {
			p.moveCaret(s.KeyName, s.Modifier&fyne.KeyModifierShift != 0, true)
			return
		}
	}
	if c, ok := fyne.CurrentApp().Driver().CanvasForObject(p).(fyne.Shortcutable); ok {
		c.TypedShortcut(s)
	}
}

// isMove tells the keys that move the caret.
func isMove(key fyne.KeyName) bool {
	switch key {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyHome, fyne.KeyEnd:
		return true
	}
	return false
}

func (p *page) copySelection(cb fyne.Clipboard) {
	text := p.v.SelectedText()
	if text == "" {
		return
	}
	if cb == nil {
		cb = fyne.CurrentApp().Clipboard()
	}
	cb.SetContent(text)
}

// moveCaret handles a navigation key; big moves by words or to the ends of
// the text.
func (p *page) moveCaret(key fyne.KeyName, extend, big bool) {
	v, l := p.v, p.v.lay
	if l.numLines() == 0 {
		return
	}
	s, e := v.Selection()
	off := v.caret
	i := l.lineOf(off)
	switch key {
	case fyne.KeyLeft:
		switch {
		case big:
			off = wordStartBefore(l, off)
		case !extend && s != e:
			off = s
		default:
			off = p.stepBack(off)
		}
	case fyne.KeyRight:
		switch {
		case big:
			off = wordEndAfter(l, off)
		case !extend && s != e:
			off = e
		default:
			off = p.stepForward(off)
		}
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown:
		off = p.vertical(key, i, off)
	case fyne.KeyHome:
		off = l.line(i).start
		if big {
			off = 0
		}
	case fyne.KeyEnd:
		off = l.line(i).end
		if big {
			off = l.n
		}
	default:
		return
	}
	v.setCaret(off, extend)
	v.ScrollTo(v.caret)
	p.Refresh()
	v.notify()
}

// stepForward moves one rune on, jumping over runes that are not shown
// (the line feeds between paragraphs) to the next line's start.
func (p *page) stepForward(off int) int {
	l := p.v.lay
	next := min(off+1, l.n)
	if l.shown(next) {
		return next
	}
	if i := l.firstLineEndingAfter(off); i < l.numLines() {
		return max(l.line(i).start, next)
	}
	return l.n
}

// stepBack moves one rune back, jumping over runes that are not shown to the
// end of the previous line.
func (p *page) stepBack(off int) int {
	l := p.v.lay
	prev := max(off-1, 0)
	if l.shown(prev) {
		return prev
	}
	if i := l.lineOf(prev); l.line(i).start <= prev {
		return l.line(i).end
	}
	return 0
}

// vertical moves the caret a line or a page up or down, keeping its x.
func (p *page) vertical(key fyne.KeyName, i, off int) int {
	l := p.v.lay
	x := l.xOf(i, off)
	y := l.lineY(i) + l.sp.lineH/2
	page := max(p.v.scroll.Size().Height-l.sp.lineH, l.sp.lineH)
	var j int
	switch key {
	case fyne.KeyUp:
		j = i - 1
	case fyne.KeyDown:
		j = i + 1
	case fyne.KeyPageUp:
		j = l.lineAtY(y - page)
	case fyne.KeyPageDown:
		j = l.lineAtY(y + page)
	}
	if j < 0 {
		return 0
	}
	if j >= l.numLines() {
		return l.n
	}
	return l.offsetAt(j, x, true)
}

// wordAround returns the word (or run of spaces or punctuation) holding off.
func wordAround(l *layout, off int) (int, int) {
	i := l.lineOf(off)
	ln := l.line(i)
	runes := []rune(l.lineText(i))
	col := min(max(off-ln.start, 0), len(runes))
	if col == len(runes) && col > 0 {
		col--
	}
	if len(runes) == 0 {
		return off, off
	}
	kind := charKind(runes[col])
	s, e := col, col
	for s > 0 && charKind(runes[s-1]) == kind {
		s--
	}
	for e < len(runes) && charKind(runes[e]) == kind {
		e++
	}
	return ln.start + s, ln.start + e
}

func charKind(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-':
		return 0
	case unicode.IsSpace(r):
		return 1
	}
	return 2
}

// wordStartBefore returns the start of the word before off.
func wordStartBefore(l *layout, off int) int {
	b := l.byteOf(off)
	t := l.text[:b]
	for t != "" { // skip what is not a word
		r, size := utf8.DecodeLastRuneInString(t)
		if charKind(r) == 0 {
			break
		}
		t = t[:len(t)-size]
		off--
	}
	for t != "" {
		r, size := utf8.DecodeLastRuneInString(t)
		if charKind(r) != 0 {
			break
		}
		t = t[:len(t)-size]
		off--
	}
	return off
}

// wordEndAfter returns the end of the word after off.
func wordEndAfter(l *layout, off int) int {
	t := l.text[l.byteOf(off):]
	for t != "" {
		r, size := utf8.DecodeRuneInString(t)
		if charKind(r) == 0 {
			break
		}
		t = t[size:]
		off++
	}
	for t != "" {
		r, size := utf8.DecodeRuneInString(t)
		if charKind(r) != 0 {
			break
		}
		t = t[size:]
		off++
	}
	return off
}
