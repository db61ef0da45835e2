package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The columns of the keyword-in-context table, in order.
const (
	colLeft = iota
	colMatch
	colRight
	colSpeaker
	colDocument
	colPosition
	kwicCols
)

// kwicColumns decides the widths of the table's columns, for the header
// and every row alike, so that the matches line up down the table: the
// match column as wide as the widest match of the rows loaded (up to a
// quarter of the width), speaker and document as wide as their longest
// (within bounds, and narrower when the contexts would get too little),
// and the two contexts sharing the rest.
type kwicColumns struct {
	match, speaker, document float32 // the widest of each, measured
}

func (c *kwicColumns) widths(total float32) [kwicCols]float32 {
	var w [kwicCols]float32
	pad := 2 * theme.InnerPadding()
	w[colPosition] = min(72, total*0.08)
	w[colSpeaker] = min(c.speaker+pad, 160, total*0.13)
	w[colDocument] = min(c.document+pad, 320, total*0.22)
	w[colMatch] = min(max(c.match+pad/2, 72), total*0.25)
	rest := total - w[colPosition] - w[colSpeaker] - w[colDocument] - w[colMatch]
	// The contexts get half the width, and in a narrow table more, up to
	// 180 each.
	if short := max(total*0.5, min(total*0.6, 360)) - rest; short > 0 {
		// Speaker and document give up room, down to a little each.
		give := w[colSpeaker] + w[colDocument]
		keep := max(give-short, min(give, total*0.22))
		w[colSpeaker], w[colDocument] = w[colSpeaker]*keep/give, w[colDocument]*keep/give
		rest = total - w[colPosition] - w[colSpeaker] - w[colDocument] - w[colMatch]
	}
	rest = max(rest, 0)
	w[colLeft] = rest / 2
	w[colRight] = rest - w[colLeft]
	return w
}

// kwicLayout lays out a row of the table (or its header) in the columns.
type kwicLayout struct{ cols *kwicColumns }

func (l kwicLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := l.cols.widths(size.Width)
	x := float32(0)
	for i, o := range objs {
		if i >= kwicCols {
			break
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w[i], size.Height))
		x += w[i]
	}
}

// MinSize is narrow: the columns take what room the table has, and their
// texts are cut to it.
func (l kwicLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(320, h)
}

// kwicText is one cell of the table: a line of text, cut to the cell's
// width with "…": the context before the match at its start, so that the
// words next to the match stay, a document's name first where it is like
// the other names (see cutName), any other at its end.
// No stock widget cuts text but at its end, hence a renderer of its own.
//
// The context before the match has no padding at its right, nor the match
// and the context after it at their left: the three read as one line of
// the text, spaced as the text is.
type kwicText struct {
	widget.BaseWidget
	text  string
	right bool // aligned right
	cut   cutAt
	style fyne.TextStyle
	faint bool // drawn in the placeholder colour (an interviewer)
	flush bool // no padding on the side that faces the match
	alike alike
}

// cutAt is where a cell cuts a text too long for it.
type cutAt int

const (
	cutAtEnd cutAt = iota
	cutAtStart
	cutAsName
)

func newKWICText(right bool, cut cutAt, style fyne.TextStyle) *kwicText {
	t := &kwicText{right: right, cut: cut, style: style}
	t.ExtendBaseWidget(t)
	return t
}

// newContextText is a cell of the keyword in context, flush with the
// match: the context before it aligned right and cut at its start.
func newContextText(before bool, style fyne.TextStyle) *kwicText {
	t := newKWICText(before, cutAtEnd, style)
	if before {
		t.cut = cutAtStart
	}
	t.flush = true
	return t
}

// set shows text, faint or not.
func (t *kwicText) set(text string, faint bool) {
	if t.text == text && t.faint == faint {
		return
	}
	t.text, t.faint = text, faint
	t.Refresh()
}

// setName shows a name with what it has alike with the other names.
func (t *kwicText) setName(name string, a alike) {
	if t.text == name && t.alike == a {
		return
	}
	t.text, t.alike = name, a
	t.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (t *kwicText) CreateRenderer() fyne.WidgetRenderer {
	r := &kwicTextRenderer{t: t, line: &canvas.Text{}}
	r.Refresh()
	return r
}

type kwicTextRenderer struct {
	t    *kwicText
	line *canvas.Text
}

func (r *kwicTextRenderer) Destroy()                     {}
func (r *kwicTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.line} }

func (r *kwicTextRenderer) textSize() float32 {
	return theme.SizeForWidget(theme.SizeNameText, r.t)
}

// MinSize is one line high and narrow: the row gives the cell its width.
func (r *kwicTextRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Mg", r.textSize(), r.t.style).Height
	return fyne.NewSize(2*theme.InnerPadding(), h+2*theme.InnerPadding())
}

func (r *kwicTextRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	name := theme.ColorNameForeground
	if r.t.faint {
		name = theme.ColorNamePlaceHolder
	}
	r.line.Color = th.Color(name, v)
	r.line.TextSize = r.textSize()
	r.line.TextStyle = r.t.style
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

// Layout cuts the text to the cell and puts it at its side.
func (r *kwicTextRenderer) Layout(size fyne.Size) {
	pad := theme.InnerPadding()
	padL, padR := pad, pad
	if r.t.flush && r.t.right {
		padR = 0
	} else if r.t.flush {
		padL = 0
	}
	avail := size.Width - padL - padR
	measure := func(s string) float32 { return fyne.MeasureText(s, r.textSize(), r.t.style).Width }
	text := r.t.text
	if measure(text) > avail {
		switch r.t.cut {
		case cutAtStart:
			text = cutStart(text, avail, measure)
		case cutAsName:
			text = cutName(text, r.t.alike, avail, measure)
		default:
			text = cutEnd(text, avail, measure)
		}
	}
	r.line.Text = text
	ts := fyne.MeasureText(text, r.textSize(), r.t.style)
	x := padL
	if r.t.right {
		x = padL + avail - ts.Width
	}
	r.line.Move(fyne.NewPos(x, (size.Height-ts.Height)/2))
	r.line.Resize(ts)
}

// cutEnd shortens s at its end, with "…", to at most width, at a word's end
// when a word remains; "" when not even "…" fits.
func cutEnd(s string, width float32, measure func(string) float32) string {
	r := []rune(strings.TrimRight(s, " "))
	n := longest(len(r), func(n int) bool { return measure(string(r[:n])+"…") <= width })
	if n == 0 {
		return ""
	}
	kept := string(r[:n])
	if n < len(r) && r[n] != ' ' { // in a word: drop its start
		if i := strings.LastIndexByte(kept, ' '); strings.TrimSpace(kept[:max(i, 0)]) != "" {
			kept = kept[:i]
		}
	}
	return strings.TrimRight(kept, " ") + "…"
}

// cutStart shortens s at its start, with "…", to at most width, at a word's
// start when a word remains; "" when not even "…" fits.
func cutStart(s string, width float32, measure func(string) float32) string {
	r := []rune(strings.TrimLeft(s, " "))
	n := longest(len(r), func(n int) bool { return measure("…"+string(r[len(r)-n:])) <= width })
	if n == 0 {
		return ""
	}
	kept := string(r[len(r)-n:])
	if n < len(r) && r[len(r)-n-1] != ' ' { // in a word: drop its end
		if i := strings.IndexByte(kept, ' '); i >= 0 && strings.TrimSpace(kept[i:]) != "" {
			kept = kept[i+1:]
		}
	}
	return "…" + strings.TrimLeft(kept, " ")
}

// alike is how many runes a name shares with the other names shown, at
// its start and at its end, each up to a word's boundary: "Interview " and
// " (anonymised).docx" of "Interview Ana (anonymised).docx".
type alike struct{ start, end int }

// alikeNames returns what the names have alike; nothing for one name.
func alikeNames(names []string) alike {
	if len(names) < 2 {
		return alike{}
	}
	first := []rune(names[0])
	start, end := len(first), len(first)
	for _, n := range names[1:] {
		r := []rune(n)
		i := 0
		for i < min(start, len(r)) && r[i] == first[i] {
			i++
		}
		start = i
		j := 0
		for j < min(end, len(r)) && r[len(r)-1-j] == first[len(first)-1-j] {
			j++
		}
		end = j
	}
	// Up to a word's boundary: "An" of Ana and Anouk is no part to drop.
	for start > 0 && !isNameSeparator(first[start-1]) {
		start--
	}
	for end > 0 && !isNameSeparator(first[len(first)-end]) {
		end--
	}
	return alike{start, end}
}

func isNameSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("_-–.()[]", r)
}

// cutName shortens a document's name to width: first by the start it has
// alike with the other names, then by the end too, so that what tells it
// apart stays; then in the middle of what is left. "" when not even "…"
// fits.
func cutName(s string, a alike, width float32, measure func(string) float32) string {
	r := []rune(s)
	if a.start+a.end < len(r) {
		if t := "…" + string(r[a.start:]); a.start > 0 && measure(t) <= width {
			return t
		}
		core := string(r[a.start : len(r)-a.end])
		if a.start > 0 {
			core = "…" + core
		}
		if a.end > 0 {
			core += "…"
		}
		if measure(core) <= width {
			return core
		}
		s, r = string(r[a.start:len(r)-a.end]), r[a.start:len(r)-a.end]
	}
	n := longest(len(r), func(n int) bool {
		head, tail := (n+1)/2, n/2
		return measure(string(r[:head])+"…"+string(r[len(r)-tail:])) <= width
	})
	if n == 0 {
		return ""
	}
	if n == len(r) {
		return s
	}
	head, tail := (n+1)/2, n/2
	return strings.TrimRight(string(r[:head]), " ") + "…" + strings.TrimLeft(string(r[len(r)-tail:]), " ")
}

// longest is the largest n in [0, upto] for which fits holds, fits being
// true up to some n and false after it.
func longest(upto int, fits func(int) bool) int {
	lo, hi := 0, upto
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
