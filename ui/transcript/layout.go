package transcript

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// measureFunc returns the rendered width of s in the regular or bold style.
// The layout takes it as a function so that wrapping and hit-testing can be
// tested with a fake monospace font.
type measureFunc func(s string, bold bool) float32

// para is a paragraph of the text: a run of runes without a line feed, shown
// as one or more wrapped lines. Offsets are int32 (the text limit fits):
// a transcript of 45 MB has half a million paragraphs.
type para struct {
	start, end   int32   // rune range
	bstart, bend int32   // the same range in bytes
	boldEnd      int32   // runes [start, boldEnd) are the speaker label, drawn bold
	block        int32   // index into layout.blocks, or -1 for text outside blocks
	first        int32   // its first line, set by wrap
	y            float32 // the top of its first line, set by wrap
	newBlock     bool
	header       bool // its block's speaker is drawn above it: the text does not start with the label
}

// line is one wrapped line: a rune range shown from the left edge. Every
// shown rune belongs to exactly one line; trailing spaces stay on the line
// they end.
type line struct {
	start, end   int
	bstart, bend int
	boldEnd      int
	block        int
	y            float32
}

// The layout does not keep its lines: a transcript of 45 MB has a million
// of them (more at a narrow width), and the window wraps it at several
// widths while it lays out its panels. Wrapping counts the lines, and notes
// where each paragraph starts and where every markEvery-th line starts;
// line makes the lines of one stretch of markEvery when they are asked
// for, by wrapping again from its mark (a greedy wrap starts each line
// afresh), and keeps the last few stretches.
const markEvery = 64

// mark is where line k*markEvery starts: in which paragraph, at which rune
// and byte.
type mark struct{ para, start, bstart int32 }

// stretch is the lines [k*markEvery, k*markEvery+len(lines)), made by line.
type stretch struct {
	k     int
	lines []line
}

// line returns line i, which must exist.
func (l *layout) line(i int) line {
	k := i / markEvery
	return l.stretch(k)[i-k*markEvery]
}

// numLines is the number of wrapped lines.
func (l *layout) numLines() int { return l.nLines }

// stretch returns the lines from mark k on, made again unless they are
// among the last few made.
func (l *layout) stretch(k int) []line {
	for i := range l.made {
		if st := &l.made[i]; st.k == k {
			return st.lines
		}
	}
	st := &l.made[l.nextMade]
	l.nextMade = (l.nextMade + 1) % len(l.made)
	st.k, st.lines = k, st.lines[:0]
	m := l.marks[k]
	from, bfrom := int(m.start), int(m.bstart)
	for pi := int(m.para); pi < len(l.paras) && len(st.lines) < markEvery; pi++ {
		p := &l.paras[pi]
		if pi > int(m.para) {
			from, bfrom = int(p.start), int(p.bstart)
		}
		y := p.y + float32(k*markEvery+len(st.lines)-int(p.first))*l.sp.lineH
		l.wrapPara(p, from, bfrom, func(s, e, bs, be int) bool {
			st.lines = append(st.lines, line{start: s, end: e, bstart: bs, bend: be, boldEnd: int(p.boldEnd), block: int(p.block), y: y})
			y += l.sp.lineH
			return len(st.lines) < markEvery
		})
	}
	return st.lines
}

// forgetLines forgets the lines made (keeping their room): the text or
// the width changed.
func (l *layout) forgetLines() {
	for i := range l.made {
		l.made[i].k = -1
	}
}

// lineY returns the top of line i.
func (l *layout) lineY(i int) float32 {
	j := sort.Search(len(l.paras), func(j int) bool { return int(l.paras[j].first) > i }) - 1
	p := &l.paras[j]
	return p.y + float32(i-int(p.first))*l.sp.lineH
}

// spacing holds the vertical metrics of the layout.
type spacing struct {
	textH, lineH, paraGap, blockGap, top, bottom float32
}

// layout turns a text and its blocks into wrapped lines and answers the
// geometry questions of rendering and hit-testing. Offsets are runes.
type layout struct {
	text     string
	n        int // rune count
	blocks   []Block
	labelEnd []int // per block: where the text after its speaker label starts
	paras    []para
	marks    []mark
	nLines   int
	made     [4]stretch // the lines made last
	nextMade int        // the one of made to make next
	height   float32
	width    float32 // wrap width the lines were made for
	wrapW    float32 // the width wrapping fills: width less the slack
	sp       spacing

	measure measureFunc
	runeW   [2]map[rune]float32 // cached rune advances, regular and bold
	asciiW  [2][128]float32     // the same for ASCII, 0 until measured
	spaceW  float32
}

// wrapSlack is the share of the width that wrapping keeps free. Wrapping
// sums cached rune advances, while the text is drawn shaped, with kerning;
// the slack keeps a shaped line from running past the edge.
const wrapSlack = 0.02

func newLayout(measure measureFunc, sp spacing) *layout {
	l := &layout{measure: measure, sp: sp}
	l.forgetLines()
	l.resetCache()
	return l
}

func (l *layout) resetCache() {
	l.runeW = [2]map[rune]float32{{}, {}}
	l.asciiW = [2][128]float32{}
	l.spaceW = l.measure(" ", false)
}

// setText splits text into paragraphs along blocks and line feeds. It does
// not wrap; call wrap afterwards.
func (l *layout) setText(text string, blocks []Block) {
	l.text = text
	l.n = utf8.RuneCountInString(text)
	l.blocks = cleanBlocks(blocks, l.n)
	l.labelEnd = l.labelEnd[:0]
	for _, b := range l.blocks {
		l.labelEnd = append(l.labelEnd, b.Start)
	}
	l.paras = l.paras[:0]
	l.marks = l.marks[:0]
	l.nLines = 0
	l.forgetLines()
	l.width = -1

	// One pass over the text turns the block boundaries into byte offsets.
	bounds := make([]int, 0, 2*len(l.blocks)+2)
	bounds = append(bounds, 0)
	for _, b := range l.blocks {
		bounds = append(bounds, b.Start, b.End)
	}
	bounds = append(bounds, l.n)
	bytesAt := runesToBytes(text, bounds)

	// Counting the paragraphs first makes their slice once: on a long
	// transcript growing it by appending held two copies at the end.
	var count int
	l.segments(bytesAt, &count)
	if cap(l.paras) < count {
		l.paras = make([]para, 0, count)
	}
	l.segments(bytesAt, nil)
}

// segments splits the text into the segments between and inside blocks and
// hands each to addSegment, which counts their paragraphs when count is not
// nil and adds them otherwise.
func (l *layout) segments(bytesAt []int, count *int) {
	pos, bpos := 0, 0
	for i, b := range l.blocks {
		bs, be := bytesAt[1+2*i], bytesAt[2+2*i]
		if b.Start > pos {
			l.addSegment(pos, bpos, bs, -1, count)
		}
		l.addSegment(b.Start, bs, be, i, count)
		pos, bpos = b.End, be
	}
	if pos < l.n {
		l.addSegment(pos, bpos, len(l.text), -1, count)
	}
}

// cleanBlocks clamps blocks to the text, drops empty ones and trims
// overlaps, so the layout never trusts its input.
func cleanBlocks(blocks []Block, n int) []Block {
	out := make([]Block, 0, len(blocks))
	prev := 0
	for _, b := range blocks {
		b.Start = max(b.Start, prev, 0)
		b.End = min(b.End, n)
		if b.Start >= b.End {
			continue
		}
		out = append(out, b)
		prev = b.End
	}
	return out
}

// runesToBytes maps ascending rune offsets to byte offsets in one pass.
func runesToBytes(text string, runeOffsets []int) []int {
	out := make([]int, len(runeOffsets))
	r, j := 0, 0
	for b := range text {
		for j < len(runeOffsets) && runeOffsets[j] <= r {
			out[j] = b
			j++
		}
		r++
	}
	for ; j < len(runeOffsets); j++ {
		out[j] = len(text)
	}
	return out
}

// addSegment splits the segment starting at rune start, bytes [bs, be), into
// paragraphs at line feeds. Blank paragraphs are skipped: they only add space.
// With count not nil it only counts the paragraphs it would add.
func (l *layout) addSegment(start, bs, be, block int, count *int) {
	first := true
	r := start
	for bs <= be {
		nl := strings.IndexByte(l.text[bs:be], '\n')
		pe := be
		if nl >= 0 {
			pe = bs + nl
		}
		s := l.text[bs:pe]
		n := 0 // counting needs no rune offsets
		if count == nil {
			n = utf8.RuneCountInString(s)
		}
		switch {
		case strings.TrimSpace(s) == "":
		case count != nil:
			*count++
			first = false
		default:
			p := para{start: int32(r), end: int32(r + n), bstart: int32(bs), bend: int32(pe), boldEnd: int32(r), block: int32(block)}
			// Each paragraph outside blocks stands alone; inside a block only
			// the first one starts a new block.
			p.newBlock = first || block < 0
			if first && block >= 0 {
				boldEnd, header := l.speakerLabel(s, r, l.blocks[block].Speaker)
				p.boldEnd, p.header = int32(boldEnd), header
				l.labelEnd[block] = boldEnd
			}
			l.paras = append(l.paras, p)
			first = false
		}
		if nl < 0 {
			break
		}
		r += n + 1
		bs = pe + 1
	}
}

// speakerLabel finds the speaker's label at the start of a turn's first
// paragraph s (beginning at rune offset start). Importers keep the label in
// the text ("Ana: ..." or "[Ana] ..."), so it is drawn bold in place and stays
// selectable with exact offsets. When the text does not start with the label,
// the label is drawn as a header above the turn (headerText).
func (l *layout) speakerLabel(s string, start int, speaker string) (boldEnd int, header bool) {
	speaker = strings.TrimSpace(speaker)
	if speaker == "" {
		return start, false
	}
	rest := strings.TrimLeft(s, " \t")
	lead := utf8.RuneCountInString(s[:len(s)-len(rest)])
	const maxLabel = 60 // bytes: a label is short
	if i := strings.IndexAny(rest, ":]"); i > 0 && i < maxLabel {
		label := strings.TrimSpace(strings.TrimPrefix(rest[:i], "["))
		if strings.EqualFold(label, speaker) {
			return start + lead + utf8.RuneCountInString(rest[:i+1]), false
		}
	}
	return start, true
}

// headerText is the label drawn above paragraph p (p.header).
func (l *layout) headerText(p *para) string { return strings.TrimSpace(l.blocks[p.block].Speaker) }

// wrap lays the paragraphs out in lines no wider than width: it counts
// them and notes where the paragraphs and every markEvery-th line start
// (line makes the lines themselves).
func (l *layout) wrap(width float32) {
	l.width = width
	l.wrapW = width * (1 - wrapSlack)
	l.marks = l.marks[:0]
	l.forgetLines()
	n, pi := 0, 0
	count := func(s, _, bs, _ int) bool {
		if n%markEvery == 0 {
			l.marks = append(l.marks, mark{para: int32(pi), start: int32(s), bstart: int32(bs)})
		}
		n++
		return true
	}
	y := l.sp.top
	for pi = range l.paras {
		p := &l.paras[pi]
		if pi > 0 {
			if p.newBlock {
				y += l.sp.blockGap
			} else {
				y += l.sp.paraGap
			}
		}
		if p.header {
			y += l.sp.lineH
		}
		p.first, p.y = int32(n), y
		l.wrapPara(p, int(p.start), int(p.bstart), count)
		y += float32(n-int(p.first)) * l.sp.lineH
	}
	l.nLines = n
	l.height = y + l.sp.bottom
}

// wrapPara breaks paragraph p into lines no wider than wrapW, from rune
// from (byte bfrom), its start or the start of one of its lines, and hands
// each line's rune and byte range to emit until emit returns false.
func (l *layout) wrapPara(p *para, from, bfrom int, emit func(s, e, bs, be int) bool) {
	width := l.wrapW
	boldEnd, end, bend := int(p.boldEnd), int(p.end), int(p.bend)
	ls, lbs := from, bfrom // current line start
	x := float32(0)
	r, b := from, bfrom
	s := l.text
	for b < bend {
		// spaces before the next word
		spaces := 0
		for b < bend && s[b] == ' ' {
			b++
			r++
			spaces++
		}
		if b >= bend {
			break
		}
		// the word, split where the bold label ends
		ws, wbs := r, b
		for b < bend && s[b] != ' ' && (r != boldEnd || r == ws) {
			_, size := utf8.DecodeRuneInString(s[b:])
			b += size
			r++
		}
		bold := ws < boldEnd
		w := l.wordWidth(s[wbs:b], bold)
		sw := float32(spaces) * l.spaceW
		if x > 0 && x+sw+w > width {
			if !emit(ls, ws, lbs, wbs) {
				return
			}
			ls, lbs, x = ws, wbs, 0
			sw = 0
		}
		if x == 0 && w > width && r-ws > 1 {
			// A word wider than the line (a URL, a long number) is broken
			// between runes.
			var more bool
			ls, lbs, x, more = l.breakWord(ws, wbs, r, b, bold, width, emit)
			if !more {
				return
			}
			continue
		}
		x += sw + w
	}
	emit(ls, end, lbs, bend)
}

// breakWord emits the parts of the word [ws, we) (bytes [wbs, wbe)) that fill
// whole lines and returns the start and width of the part that remains, and
// whether emit wants more lines.
func (l *layout) breakWord(ws, wbs, we, wbe int, bold bool, width float32, emit func(s, e, bs, be int) bool) (int, int, float32, bool) {
	for {
		word := l.text[wbs:wbe]
		w := l.measure(word, bold)
		if w <= width {
			return ws, wbs, w, true
		}
		idx := byteIndexes(word)
		// the longest prefix that fits, at least one rune
		k := sort.Search(len(idx)-1, func(k int) bool { return l.measure(word[:idx[k+1]], bold) > width })
		k = max(k, 1)
		if !emit(ws, ws+k, wbs, wbs+idx[k]) {
			return 0, 0, 0, false
		}
		ws, wbs = ws+k, wbs+idx[k]
		if ws >= we {
			return ws, wbs, 0, true
		}
	}
}

// wordWidth returns the width of a word for wrapping: the sum of its runes'
// advances. Measuring every distinct word instead costs a text shaping each
// (about 50 µs), seconds for a long transcript; there are only a few hundred
// distinct runes.
func (l *layout) wordWidth(w string, bold bool) float32 {
	i := 0
	if bold {
		i = 1
	}
	x := float32(0)
	for _, r := range w {
		if r < 128 {
			if l.asciiW[i][r] == 0 {
				l.asciiW[i][r] = l.measure(string(r), bold)
			}
			x += l.asciiW[i][r]
			continue
		}
		rw, ok := l.runeW[i][r]
		if !ok {
			rw = l.measure(string(r), bold)
			l.runeW[i][r] = rw
		}
		x += rw
	}
	return x
}

// byteIndexes returns the byte offset of every rune of s, plus len(s).
func byteIndexes(s string) []int {
	idx := make([]int, 0, len(s)+1)
	for b := range s {
		idx = append(idx, b)
	}
	return append(idx, len(s))
}

// lineAtY returns the line nearest to y (content coordinates), or -1 when
// there are no lines.
func (l *layout) lineAtY(y float32) int {
	n := l.nLines
	if n == 0 {
		return -1
	}
	i := sort.Search(n, func(i int) bool { return l.lineY(i)+l.sp.lineH > y })
	if i >= n {
		return n - 1
	}
	// In the gap above line i, take whichever line is nearer.
	if yi := l.lineY(i); i > 0 && y < yi {
		above := l.lineY(i-1) + l.sp.lineH
		if y-above < yi-y {
			return i - 1
		}
	}
	return i
}

// lineOf returns the line that shows the caret at offset off: the last line
// starting at or before it (the first line when none does).
func (l *layout) lineOf(off int) int {
	// Line k*markEvery starts at marks[k]: the line is among those from
	// the last mark at or before off.
	k := sort.Search(len(l.marks), func(k int) bool { return int(l.marks[k].start) > off }) - 1
	if k < 0 {
		return 0
	}
	lines := l.stretch(k)
	j := sort.Search(len(lines), func(j int) bool { return lines[j].start > off })
	return max(k*markEvery+j-1, 0)
}

// shown reports whether a caret at off sits on a line.
func (l *layout) shown(off int) bool {
	if l.nLines == 0 {
		return false
	}
	ln := l.line(l.lineOf(off))
	return ln.start <= off && off <= ln.end
}

// firstLineEndingAfter returns the first line whose end is after off, or
// numLines when none is. The lines before lineOf(off) end at or before
// its start.
func (l *layout) firstLineEndingAfter(off int) int {
	if l.nLines == 0 {
		return 0
	}
	i := l.lineOf(off)
	for i < l.nLines && l.line(i).end <= off {
		i++
	}
	return i
}

// firstLineStartingAt returns the first line that starts at or after off,
// or numLines when none does.
func (l *layout) firstLineStartingAt(off int) int {
	if l.nLines == 0 {
		return 0
	}
	i := l.lineOf(off)
	if l.line(i).start < off {
		i++
	}
	return i
}

// visible returns the range [first, last) of lines that intersect [top, bottom).
func (l *layout) visible(top, bottom float32) (int, int) {
	first := sort.Search(l.nLines, func(i int) bool { return l.lineY(i)+l.sp.lineH > top })
	last := sort.Search(l.nLines, func(i int) bool { return l.lineY(i) >= bottom })
	return first, max(first, last)
}

// prefixWidth returns the width of the first col runes of line ln, whose
// byte offsets are idx (see byteIndexes).
func (l *layout) prefixWidth(ln line, idx []int, col int) float32 {
	s := l.text[ln.bstart:ln.bend]
	nb := min(max(ln.boldEnd-ln.start, 0), len(idx)-1)
	if col <= nb {
		return l.measure(s[:idx[col]], true)
	}
	w := float32(0)
	if nb > 0 {
		w = l.measure(s[:idx[nb]], true)
	}
	return w + l.measure(s[idx[nb]:idx[col]], false)
}

// approxX appends to dst the x of each rune offset of offs (ascending,
// on line i), relative to the text's left edge, from the cached rune
// advances scaled to the line's shaped width. Shaping a prefix for each
// offset, as xOf does, costs tens of microseconds a time: too much for
// every coding boundary of every line in view. Kerning makes the result
// differ from xOf by a fraction of a pixel.
func (l *layout) approxX(i int, offs []int, dst []float32) []float32 {
	ln := l.line(i)
	s := l.text[ln.bstart:ln.bend]
	var sum float32
	n := len(dst)
	j := 0
	r := ln.start
	for _, c := range s {
		for j < len(offs) && offs[j] <= r {
			dst = append(dst, sum)
			j++
		}
		sum += l.wordWidth(string(c), r < ln.boldEnd)
		r++
	}
	for ; j < len(offs); j++ {
		dst = append(dst, sum)
	}
	if sum > 0 {
		idx := byteIndexes(s)
		scale := l.prefixWidth(ln, idx, len(idx)-1) / sum
		for k := n; k < len(dst); k++ {
			dst[k] *= scale
		}
	}
	return dst
}

// xOf returns the x of the caret at offset off on line i, relative to the
// text's left edge. Offsets past the line's end give its end.
func (l *layout) xOf(i, off int) float32 {
	ln := l.line(i)
	col := min(max(off, ln.start), ln.end) - ln.start
	if col == 0 {
		return 0
	}
	return l.prefixWidth(ln, byteIndexes(l.text[ln.bstart:ln.bend]), col)
}

// offsetAt maps x on line i (relative to the text's left edge) to a rune
// offset: the nearest rune boundary when caret is true, otherwise the rune
// under x, or -1 when x is past the line's end.
func (l *layout) offsetAt(i int, x float32, caret bool) int {
	ln := l.line(i)
	idx := byteIndexes(l.text[ln.bstart:ln.bend])
	n := len(idx) - 1
	// first column whose prefix is wider than x
	k := sort.Search(n+1, func(k int) bool { return l.prefixWidth(ln, idx, k) > x })
	if !caret {
		if k == 0 || k > n {
			return -1
		}
		return ln.start + k - 1
	}
	if k > n {
		return ln.end
	}
	if k > 0 && x-l.prefixWidth(ln, idx, k-1) < l.prefixWidth(ln, idx, k)-x {
		k--
	}
	return ln.start + k
}

// lineText returns the text shown on line i.
func (l *layout) lineText(i int) string {
	return l.text[l.line(i).bstart:l.line(i).bend]
}

// slice returns the text between rune offsets start and end.
func (l *layout) slice(start, end int) string {
	return l.text[l.byteOf(start):l.byteOf(end)]
}

// byteOf converts a rune offset to a byte offset, walking from the nearest
// line start before it.
func (l *layout) byteOf(off int) int {
	off = min(max(off, 0), l.n)
	r, b := 0, 0
	if l.nLines > 0 {
		if ln := l.line(l.lineOf(off)); ln.start <= off {
			r, b = ln.start, ln.bstart
		}
	} else if len(l.paras) > 0 {
		i := sort.Search(len(l.paras), func(i int) bool { return int(l.paras[i].start) > off }) - 1
		if i >= 0 {
			r, b = int(l.paras[i].start), int(l.paras[i].bstart)
		}
	}
	for r < off && b < len(l.text) {
		_, size := utf8.DecodeRuneInString(l.text[b:])
		b += size
		r++
	}
	return b
}
