package export

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// textStyle is how a group of lines looks: font size, line height (lead),
// colour and alignment, in points.
type textStyle struct {
	size  float64
	lead  float64
	color rgb
	align alignment
}

type alignment uint8

const (
	alignLeft alignment = iota
	alignRight
	alignCenter
)

// baseline is how far below the top of a line its baseline sits: the font's
// ascender-to-descender band (Liberation's 0.905 and 0.212 em) centred in
// the line height.
func (ts *textStyle) baseline() float64 {
	return (ts.lead-1.117*ts.size)/2 + 0.905*ts.size
}

// A line is one line of laid-out text: its bytes, cut into pieces that are
// each drawn in one face.
type line struct {
	text []byte
	segs []lineSeg
	w    float64 // width in points
	ts   *textStyle
	// above is extra room above the line (before an attribution), left out
	// at the top of a page.
	above float64
}

type lineSeg struct {
	face face
	end  int     // the piece is text[end of the previous piece:end]
	w    float64 // width in points
}

func (l *line) empty() bool { return len(l.segs) == 0 }

func (l *line) reset() {
	l.text, l.segs, l.w = l.text[:0], l.segs[:0], 0
}

// grow records that the bytes just appended to l.text are w points drawn in f.
func (l *line) grow(f face, w float64) {
	if n := len(l.segs); n > 0 && l.segs[n-1].face == f {
		l.segs[n-1].end = len(l.text)
		l.segs[n-1].w += w
	} else {
		l.segs = append(l.segs, lineSeg{face: f, end: len(l.text), w: w})
	}
	l.w += w
}

func (l *line) addRune(f face, r rune, w float64) {
	l.text = utf8.AppendRune(l.text, r)
	l.grow(f, w)
}

func (l *line) addLine(o *line) {
	start := 0
	for _, s := range o.segs {
		l.text = append(l.text, o.text[start:s.end]...)
		l.grow(s.face, s.w)
		start = s.end
	}
}

// wrapper breaks text into lines no wider than width: at spaces, after
// hyphens, dashes and slashes inside a word, at line feeds, and between
// characters for a word longer than a line (a URL, a column of digits, or a
// fuzzer's 100,000 letters), so that nothing runs off the page. Each
// character is measured in the face that draws it.
type wrapper struct {
	fb    *fontBook
	ts    *textStyle
	width float64
	lines []line

	cur   line // the line being filled
	soft  bool // cur was begun by wrapping, so the spaces before its first word go
	space line // spaces read since the last word
	word  line // the word being read
	last  face // face of the last character read, for marks and joiners
}

// wrapper readies the pdfWriter's wrapper for text in ts, width points
// wide.
func (p *pdfWriter) wrapper(ts *textStyle, width float64) *wrapper {
	w := &p.wr
	w.fb, w.ts, w.width, w.last = p.fb, ts, max(width, 1), noFace
	w.lines, w.soft = nil, false
	w.cur.reset()
	w.space.reset()
	w.word.reset()
	return w
}

// add reads text in style s.
func (w *wrapper) add(text string, s style) {
	if !isASCII(text) {
		text = norm.NFC.String(text) // a letter and its combining accent become one glyph
	}
	size := w.ts.size / 1000
	for _, r := range text {
		switch r {
		case '\n':
			w.endWord()
			w.space.reset()
			w.endLine(false)
			continue
		case ' ', '\t':
			w.endWord()
			f := face(s) // every Liberation face has a space
			w.space.addRune(f, ' ', w.fb.advance(f, ' ')*size)
			w.last = f
			continue
		case '\u200B': // zero width space: a place to break, drawn as nothing
			w.endWord()
			continue
		}
		f, d, ok := w.fb.glyph(s, w.last, r)
		if !ok {
			continue
		}
		w.word.addRune(f, d, w.fb.advance(f, d)*size)
		w.last = f
		if breaksAfter(r) && len(w.word.text) > utf8.RuneLen(r) {
			w.endWord()
		}
	}
}

// done returns the lines read.
func (w *wrapper) done() []line {
	w.endWord()
	if !w.cur.empty() {
		w.endLine(true)
	}
	return w.lines
}

// endWord puts the word read onto the line, or onto a new one when it does
// not fit.
func (w *wrapper) endWord() {
	if w.word.empty() {
		return
	}
	spaceW := w.space.w
	if w.cur.empty() && w.soft {
		spaceW = 0
	}
	switch {
	case w.cur.w+spaceW+w.word.w <= w.width:
		if spaceW > 0 {
			w.cur.addLine(&w.space)
		}
		w.cur.addLine(&w.word)
	case !w.cur.empty():
		w.endLine(true)
		w.placeWord()
	default:
		w.placeWord()
	}
	w.space.reset()
	w.word.reset()
}

// placeWord puts the word at the start of the (empty) line, breaking it
// between characters when it is wider than a line. Every line takes at
// least one character, so this always ends.
func (w *wrapper) placeWord() {
	if w.word.w <= w.width {
		w.cur.addLine(&w.word)
		return
	}
	size := w.ts.size / 1000
	start := 0
	for _, sg := range w.word.segs {
		seg := w.word.text[start:sg.end]
		for i := 0; i < len(seg); {
			r, n := utf8.DecodeRune(seg[i:])
			rw := w.fb.advance(sg.face, r) * size
			if !w.cur.empty() && w.cur.w+rw > w.width && !clings(r) {
				w.endLine(true)
			}
			w.cur.text = append(w.cur.text, seg[i:i+n]...)
			w.cur.grow(sg.face, rw)
			i += n
		}
		start = sg.end
	}
}

// endLine ends the current line; soft says the next one is begun by
// wrapping rather than by a line feed.
func (w *wrapper) endLine(soft bool) {
	l := line{ts: w.ts, w: w.cur.w}
	l.text = append(make([]byte, 0, len(w.cur.text)), w.cur.text...)
	l.segs = append(make([]lineSeg, 0, len(w.cur.segs)), w.cur.segs...)
	w.lines = append(w.lines, l)
	w.cur.reset()
	w.soft = soft
}

// breaksAfter reports whether a line may break after r inside a word.
func breaksAfter(r rune) bool {
	switch r {
	case '-', '/', '\u2010', '\u2013', '\u2014':
		return true
	}
	return false
}

// clings reports whether r belongs with the character before it, so that a
// line never starts with it.
func clings(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me) || invisible(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// wrapText lays out one piece of text in style s.
func (p *pdfWriter) wrapText(text string, s style, ts *textStyle, width float64) []line {
	w := p.wrapper(ts, width)
	w.add(text, s)
	return w.done()
}

// wrapRuns lays out a paragraph's runs.
func (p *pdfWriter) wrapRuns(runs []Run, ts *textStyle, width float64) []line {
	w := p.wrapper(ts, width)
	for _, r := range runs {
		w.add(r.Text, runStyle(r.Bold, r.Italic))
	}
	return w.done()
}

// drawLine draws l with the top of its line box at top, from x in a column
// width wide (which only matters for lines not aligned left).
func (p *pdfWriter) drawLine(l *line, x, top, width float64) {
	switch l.ts.align {
	case alignRight:
		x += width - l.w
	case alignCenter:
		x += (width - l.w) / 2
	}
	c := l.ts.color
	p.gp.SetTextColor(c.r, c.g, c.b)
	baseline := top + l.ts.baseline()
	start := 0
	for _, s := range l.segs {
		piece := l.text[start:s.end]
		start = s.end
		if len(piece) == 0 {
			continue
		}
		if err := p.fb.use(s.face, l.ts.size); err != nil {
			p.fail(err)
			return
		}
		p.gp.SetXY(x, baseline)
		if err := p.gp.Text(string(piece)); err != nil {
			p.fail(err)
			return
		}
		x += s.w
	}
}

// flow draws lines one under another from p.y at x, in a column width wide,
// starting a new page when the next line does not fit. beside, when set, is
// called with the top and bottom of the lines on each page, to draw what
// runs beside them (a quote's bar).
func (p *pdfWriter) flow(lines []line, x, width float64, beside func(top, bottom float64)) {
	top := p.y
	for i := range lines {
		l := &lines[i]
		if p.y > p.y0 {
			p.y += l.above
		}
		if p.y+l.ts.lead > p.y1 && p.y > p.y0 {
			if beside != nil && p.y > top {
				beside(top, p.y-l.above)
			}
			p.newPage()
			top = p.y
		}
		p.drawLine(l, x, p.y, width)
		p.y += l.ts.lead
	}
	if beside != nil && p.y > top {
		beside(top, p.y)
	}
}

// height is how tall lines are, one under another.
func linesHeight(lines []line) float64 {
	h := 0.0
	for i := range lines {
		h += lines[i].above + lines[i].ts.lead
	}
	return h
}
