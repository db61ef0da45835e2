// Package transcript owns the transcript view: a read-only, virtualised text
// widget that shows a transcript's speaker turns, lets the user select any
// rune range with mouse or keyboard and shows codings as coloured highlights
// with margin stripes.
//
// The view takes plain data (a text, blocks and highlights in rune offsets)
// and knows nothing of the project model. Only the lines on screen become
// canvas objects, so a 300,000-character transcript stays fluid.
package transcript

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Block is a speaker turn or paragraph: a rune range [Start, End) over the
// text. Speaker is the label as written ("Ana"); when the text of the turn
// starts with it ("Ana: ..." or "[Ana] ...") the label is drawn bold in
// place, otherwise it is drawn bold above the turn. Color, when set, colours
// the label.
type Block struct {
	Start, End int
	Speaker    string
	Color      color.Color
}

// Margin stripes: room for maxLanes columns, each a stripe laneBar wide
// (wide enough to hit with the mouse) and a gap; more columns than that
// share the room with thinner stripes.
const (
	maxLanes = 6
	laneBar  = 6
	laneGap  = 2
	laneW    = laneBar + laneGap
)

// View is the transcript view. Create it with New; all methods must be
// called on the Fyne main goroutine.
type View struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the selection changes, with rune
	// offsets start <= end (equal when the selection is empty). During a
	// mouse drag it is called once, when the drag ends.
	OnSelectionChanged func(start, end int)
	// OnHighlightTapped is called when the user clicks coded text, or a
	// coding's stripe in the margin, with the IDs of all highlights under the
	// click and the rune offset clicked.
	OnHighlightTapped func(ids []int64, offset int)
	// OnTypedRune, if set, is told of each character typed while the view
	// has focus. The view is read-only and uses none of them itself, so the
	// window can give keys a meaning (digits apply codes).
	OnTypedRune func(r rune)
	// OnSelectionMenu is called on a right-click on the text, once the
	// selection is what the menu acts on: kept when the click was inside
	// it, otherwise the word under the pointer. at is the pointer's
	// absolute position, where a menu goes.
	OnSelectionMenu func(at fyne.Position)
	// OnSelectionDragged is called while the selection is dragged out of
	// the view (by a drag that started inside it), with the pointer's
	// absolute position; OnSelectionDropped when the button is released
	// there, with the position it was released at. Let go over the text,
	// such a drag is an ordinary one and selects from where it started.
	OnSelectionDragged func(at fyne.Position)
	OnSelectionDropped func(at fyne.Position)

	lay           *layout
	hl            highlights
	cols          columns // the margin columns of the codings in view
	hover         int     // the coding whose stripe the pointer is on, or -1
	hoverY        float32 // where the pointer entered it, on the page
	anchor, caret int     // selection [min, max) of the two; caret moves
	notified      [2]int
	scroll        *container.Scroll
	page          *page
	textSize      float32
	pendingScroll int // ScrollTo target before the first layout, or -1

	found searchHits // the hits of a search, framed over the codings
}

// New returns an empty transcript view.
func New() *View {
	v := &View{pendingScroll: -1, hover: -1}
	v.page = newPage(v)
	v.scroll = container.NewVScroll(v.page)
	v.scroll.OnScrolled = func(fyne.Position) { v.page.Refresh() }
	v.textSize = theme.TextSize()
	v.lay = newLayout(v.measure, v.spacing())
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.scroll)
}

// MinSize is small: the view scrolls.
func (v *View) MinSize() fyne.Size {
	return fyne.NewSize(v.textLeft()+100, 3*v.lay.sp.lineH)
}

// Resize rewraps the text when the width changes, keeping the line at the
// top of the view in place, before the scroll container lays out.
func (v *View) Resize(s fyne.Size) {
	v.rewrap(s.Width)
	v.BaseWidget.Resize(s)
	if v.pendingScroll >= 0 {
		v.ScrollTo(v.pendingScroll)
	}
}

// SetText shows text (UTF-8 with LF line ends) split into blocks: ordered,
// non-overlapping rune ranges. Text outside blocks shows as plain
// paragraphs. It clears the selection and the highlights and scrolls to the
// top.
func (v *View) SetText(text string, blocks []Block) {
	v.lay.setText(text, blocks)
	v.hl.set(nil, 0)
	v.found = searchHits{}
	v.hover = -1
	v.anchor, v.caret = 0, 0
	v.scroll.Offset = fyne.Position{}
	v.pendingScroll = -1
	v.rewrap(v.Size().Width)
	v.scroll.Refresh()
	v.notify()
}

// SetHighlights replaces the codings shown. Each run of text is filled
// with the colour of the shortest coding over it, and the other codings
// there are drawn as bands under it; each code in view has its own column
// of stripes in the margin.
func (v *View) SetHighlights(h []Highlight) {
	v.hl.set(h, v.lay.n)
	v.hover = -1
	v.page.Refresh()
}

// Selection returns the selected rune range; start == end when it is empty.
func (v *View) Selection() (start, end int) {
	return min(v.anchor, v.caret), max(v.anchor, v.caret)
}

// SelectedText returns the text of the selection.
func (v *View) SelectedText() string {
	s, e := v.Selection()
	return v.lay.slice(s, e)
}

// Select selects the rune range [start, end), clamped to the text. It does
// not scroll; call ScrollTo for that.
func (v *View) Select(start, end int) {
	start, end = v.clamp(start), v.clamp(end)
	v.anchor, v.caret = min(start, end), max(start, end)
	v.page.Refresh()
	v.notify()
}

// ScrollTo scrolls so that the line holding runeOffset is in view, a third
// down from the top when it was not visible already.
func (v *View) ScrollTo(runeOffset int) {
	off := v.clamp(runeOffset)
	if v.lay.numLines() == 0 || v.scroll.Size().Height <= 0 {
		v.pendingScroll = off
		return
	}
	v.pendingScroll = -1
	ln := v.lay.line(v.lay.lineOf(off))
	top, h := v.scroll.Offset.Y, v.scroll.Size().Height
	if ln.y >= top && ln.y+v.lay.sp.lineH <= top+h {
		return
	}
	v.scrollToY(ln.y - h/3)
}

func (v *View) scrollToY(y float32) {
	maxY := max(v.lay.height-v.scroll.Size().Height, 0)
	y = min(max(y, 0), maxY)
	if y == v.scroll.Offset.Y {
		return
	}
	// ScrollToOffset does not call OnScrolled, so refresh the page here.
	v.scroll.ScrollToOffset(fyne.NewPos(0, y))
	v.page.Refresh()
}

// setCaret moves the caret, extending the selection or collapsing it.
func (v *View) setCaret(off int, extend bool) {
	v.caret = v.clamp(off)
	if !extend {
		v.anchor = v.caret
	}
}

func (v *View) clamp(off int) int {
	return min(max(off, 0), v.lay.n)
}

// notify calls OnSelectionChanged when the selection differs from the one
// last reported.
func (v *View) notify() {
	s, e := v.Selection()
	if v.notified == [2]int{s, e} {
		return
	}
	v.notified = [2]int{s, e}
	if v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// minWrap is the narrowest the text is wrapped, in text sizes (about 25
// characters): a narrower view shows the start of each line. The window
// gives the view passing widths of 80–160 points while it lays out its
// panels, each a wrap of the whole text (4.6 million lines for a transcript
// of 45 MB).
const minWrap = 12

// rewrap wraps the text for a view of the given width when needed.
func (v *View) rewrap(viewWidth float32) {
	w := max(viewWidth-v.textLeft()-v.textRight(), minWrap*v.textSize)
	if viewWidth <= 0 || w == v.lay.width {
		return
	}
	topOff := -1
	if v.lay.numLines() > 0 && v.scroll.Offset.Y > 0 {
		topOff = v.lay.line(v.lay.lineAtY(v.scroll.Offset.Y)).start
	}
	v.lay.wrap(w)
	if topOff >= 0 {
		v.scroll.Offset.Y = v.lay.lineY(v.lay.lineOf(topOff))
	}
}

// themeChanged re-measures everything when the text size changed.
func (v *View) themeChanged() {
	size := theme.SizeForWidget(theme.SizeNameText, v)
	if size == v.textSize {
		return
	}
	v.textSize = size
	v.lay.sp = v.spacing()
	v.lay.resetCache()
	v.lay.width = -1
	v.rewrap(v.Size().Width)
	v.scroll.Refresh()
}

func (v *View) measure(s string, bold bool) float32 {
	return fyne.MeasureText(s, v.textSize, fyne.TextStyle{Bold: bold}).Width
}

func (v *View) spacing() spacing {
	textH := fyne.MeasureText("Mg", v.textSize, fyne.TextStyle{}).Height
	lineH := textH + theme.LineSpacing()
	pad := theme.Padding()
	return spacing{textH: textH, lineH: lineH, paraGap: lineH * 0.4, blockGap: lineH * 0.9, top: 2 * pad, bottom: 2 * pad}
}

// textLeft is the x of the text: the margin with the stripes lies before it.
func (v *View) textLeft() float32 {
	return v.stripeLeft() + maxLanes*laneW + 2*theme.Padding()
}

func (v *View) stripeLeft() float32 { return theme.Padding() }

// textRight is the space kept free right of the text for the scroll bar.
func (v *View) textRight() float32 {
	return theme.ScrollBarSize() + 2*theme.Padding()
}
