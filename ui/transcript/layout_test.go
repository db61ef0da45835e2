package transcript

import (
	"maps"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// mono is a fake font: every rune is 10 wide, 12 in bold.
func mono(s string, bold bool) float32 {
	w := float32(10)
	if bold {
		w = 12
	}
	return w * float32(utf8.RuneCountInString(s))
}

var monoSpacing = spacing{textH: 16, lineH: 20, paraGap: 8, blockGap: 16, top: 4, bottom: 4}

func TestWrapCoversEveryRuneOnce(t *testing.T) {
	text, blocks := transcriptText(7, 5000)
	for _, width := range []float32{35, 120, 400, 2000} {
		l := newLayout(mono, monoSpacing)
		l.setText(text, blocks)
		l.wrap(width)
		runes := []rune(text)
		prevEnd := 0
		for i := range l.numLines() {
			ln := l.line(i)
			if ln.start < prevEnd || ln.end < ln.start {
				t.Fatalf("width %v: line %d [%d,%d) after end %d", width, i, ln.start, ln.end, prevEnd)
			}
			// the runes skipped between lines are only line feeds and spaces
			if gap := strings.Trim(string(runes[prevEnd:ln.start]), "\n "); gap != "" {
				t.Fatalf("width %v: line %d skips %q", width, i, gap)
			}
			if got, want := l.lineText(i), string(runes[ln.start:ln.end]); got != want {
				t.Fatalf("width %v: line %d bytes give %q, runes give %q", width, i, got, want)
			}
			if strings.Contains(l.lineText(i), "\n") {
				t.Fatalf("width %v: line %d holds a line feed", width, i)
			}
			// leading spaces of a paragraph may overhang; a word may not
			trimmed := strings.TrimRight(l.lineText(i), " ")
			lead := utf8.RuneCountInString(trimmed) - utf8.RuneCountInString(strings.TrimLeft(trimmed, " "))
			if n := utf8.RuneCountInString(trimmed); n-lead > 1 {
				if w := l.xOf(i, ln.start+n) - l.xOf(i, ln.start+lead); w > width {
					t.Fatalf("width %v: line %d is %v wide: %q", width, i, w, trimmed)
				}
			}
			if i > 0 && ln.y <= l.line(i-1).y {
				t.Fatalf("width %v: line %d at y %v, above line %d", width, i, ln.y, i-1)
			}
			prevEnd = ln.end
		}
		if rest := strings.Trim(string(runes[prevEnd:]), "\n "); rest != "" {
			t.Fatalf("width %v: text after the last line: %q", width, rest)
		}
	}
}

func TestSpeakerLabel(t *testing.T) {
	tests := []struct {
		name, text, speaker string
		wantBold            string // the runes drawn bold
		wantHeader          string
	}{
		{"colon", "Ana: Yes, I am.", "Ana", "Ana:", ""},
		{"two words", "Researcher 1: Perfect.", "Researcher 1", "Researcher 1:", ""},
		{"case and space", "  ZOË : wel", "Zoë", "  ZOË :", ""},
		{"brackets", "[id1] hello, I like it", "id1", "[id1]", ""},
		{"not in text", "Yes, I am.", "Ana", "", "Ana"},
		{"other label", "Bob: no", "Ana", "", "Ana"},
		{"no speaker", "Just a paragraph: here", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLayout(mono, monoSpacing)
			text := "x\n" + tt.text
			l.setText(text, []Block{{Start: 2, End: utf8.RuneCountInString(text), Speaker: tt.speaker}})
			l.wrap(1000)
			ln := l.line(1)
			gotBold := ""
			if ln.boldEnd > ln.start {
				gotBold = l.slice(ln.start, ln.boldEnd)
			}
			if gotBold != tt.wantBold {
				t.Errorf("bold: got %q, want %q", gotBold, tt.wantBold)
			}
			gotHeader := ""
			for i := range l.paras {
				if l.paras[i].header {
					gotHeader = l.headerText(&l.paras[i])
				}
			}
			if gotHeader != tt.wantHeader {
				t.Errorf("header: got %q, want %q", gotHeader, tt.wantHeader)
			}
		})
	}
}

func TestWrapPlacesWordsAndLabel(t *testing.T) {
	// "Zoë:" is bold (4*12 = 48); every other rune is 10 wide.
	text := "Zoë: café €20 naïve 👍🙂 x"
	l := newLayout(mono, monoSpacing)
	l.setText(text, []Block{{Start: 0, End: utf8.RuneCountInString(text), Speaker: "Zoë"}})
	l.wrap(145) // 142 after the slack
	var got []string
	for i := range l.numLines() {
		got = append(got, l.lineText(i))
	}
	want := []string{"Zoë: café €20 ", "naïve 👍🙂 x"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines: got %q, want %q", got, want)
	}
	tests := []struct {
		x     float32
		caret bool
		want  int
	}{
		{0, true, 0},
		{5, true, 0},     // left half of Z
		{7, true, 1},     // right half of Z
		{47, true, 4},    // just before the bold ":" ends
		{50, true, 4},    // the space after the label starts at 48
		{54, true, 5},    // past the middle of that space
		{58, true, 5},    // start of "café"
		{95, true, 9},    // right half of "é": after it
		{95, false, 8},   // the rune under x is "é"
		{500, true, 14},  // past the end: the line's end
		{500, false, -1}, // nothing under x
	}
	for _, tt := range tests {
		if got := l.offsetAt(0, tt.x, tt.caret); got != tt.want {
			t.Errorf("offsetAt(x=%v, caret=%v): got %d, want %d", tt.x, tt.caret, got, tt.want)
		}
	}
	// second line: "naïve 👍🙂 x" starts at rune 14
	if got, want := l.offsetAt(1, 65, false), 14+6; got != want {
		t.Errorf("rune under emoji: got %d, want %d", got, want)
	}
	if got := l.slice(20, 22); got != "👍🙂" {
		t.Errorf("slice(20,22): got %q, want %q", got, "👍🙂")
	}
}

func TestLongWordIsBroken(t *testing.T) {
	text := "see https://example.org/a/very/long/path/that/does/not/fit end"
	l := newLayout(mono, monoSpacing)
	l.setText(text, nil)
	l.wrap(100) // 10 runes a line
	for i := range l.numLines() {
		if n := utf8.RuneCountInString(strings.TrimRight(l.lineText(i), " ")); n > 10 {
			t.Errorf("line %d has %d runes: %q", i, n, l.lineText(i))
		}
	}
	if got := l.slice(l.line(0).start, l.line(l.numLines()-1).end); got != text {
		t.Errorf("lines join to %q, want %q", got, text)
	}
}

func TestOffsetRoundTrip(t *testing.T) {
	text, blocks := transcriptText(3, 3000)
	l := newLayout(mono, monoSpacing)
	l.setText(text, blocks)
	l.wrap(300)
	for i := range l.numLines() {
		ln := l.line(i)
		for off := ln.start; off <= ln.end; off++ {
			x := l.xOf(i, off)
			if got := l.offsetAt(i, x, true); got != off {
				t.Fatalf("line %d: offsetAt(xOf(%d)=%v) = %d", i, off, x, got)
			}
		}
	}
}

func TestCleanBlocks(t *testing.T) {
	got := cleanBlocks([]Block{{Start: -3, End: 4}, {Start: 2, End: 8}, {Start: 8, End: 8}, {Start: 9, End: 50}}, 20)
	want := []Block{{Start: 0, End: 4}, {Start: 4, End: 8}, {Start: 9, End: 20}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Start != want[i].Start || got[i].End != want[i].End {
			t.Errorf("block %d: got [%d,%d), want [%d,%d)", i, got[i].Start, got[i].End, want[i].Start, want[i].End)
		}
	}
}

func TestColumns(t *testing.T) {
	var hs highlights
	hs.set([]Highlight{
		{Start: 0, End: 100, ID: 1, Code: 7, Rank: 2},
		{Start: 10, End: 20, ID: 2, Code: 9, Rank: 0},
		{Start: 15, End: 40, ID: 3, Code: 7, Rank: 2}, // the same code as 1: its column
		{Start: 25, End: 30, ID: 4, Code: 8, Rank: 1},
		{Start: 200, End: 150, ID: 5, Code: 8},
		{Start: 500, End: 600, ID: 6}, // no code: a column of its own, by rank too
		{Start: 550, End: 560, ID: 7},
	}, 1000)
	if len(hs.list) != 6 {
		t.Fatalf("got %d highlights, want 6 (the empty one dropped)", len(hs.list))
	}
	tests := []struct {
		name       string
		start, end int
		want       map[int64]int // ID → column; absent: not in view
	}{
		{"all", 0, 1000, map[int64]int{6: 0, 7: 1, 2: 2, 4: 3, 1: 4, 3: 4}},
		{"by rank, whatever the start", 0, 100, map[int64]int{2: 0, 4: 1, 1: 2, 3: 2}},
		{"only the codes in view", 0, 12, map[int64]int{2: 0, 1: 1, 3: 1}},
		{"without codes, in the order given", 540, 560, map[int64]int{6: 0, 7: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c columns
			c.assign(&hs, hs.overlapping(nil, tt.start, tt.end))
			got := map[int64]int{}
			for i, h := range hs.list {
				if col := c.col(&hs, i); col >= 0 {
					got[h.ID] = col
				}
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("columns: got %v, want %v", got, tt.want)
			}
		})
	}
	if got := hs.idsAt(17); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Errorf("idsAt(17): got %v, want [1 2 3]", got)
	}
	if got := hs.idsAt(20); !slices.Equal(got, []int64{1, 3}) {
		t.Errorf("idsAt(20): got %v, want [1 3]: End is exclusive", got)
	}
}

// overlapping finds the same highlights as a scan of all of them, with
// short and long codings mixed.
func TestOverlappingMatchesAScan(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var in []Highlight
	for i := range 300 {
		s := r.Intn(10000)
		n := 1 + r.Intn(50)
		if i%40 == 0 {
			n = 3000
		}
		in = append(in, Highlight{Start: s, End: s + n, ID: int64(i)})
	}
	var hs highlights
	hs.set(in, 20000)
	for range 500 {
		s := r.Intn(12000)
		e := s + r.Intn(300)
		var want []int
		for i, h := range hs.list {
			if h.Start <= e && h.End > s {
				want = append(want, i)
			}
		}
		if got := hs.overlapping(nil, s, e); !slices.Equal(got, want) {
			t.Fatalf("overlapping(%d, %d): got %v, want %v", s, e, got, want)
		}
	}
}

func TestTextOutsideBlocks(t *testing.T) {
	// a header line before the first turn, a note between turns and after
	text := "Interview 3 – 12 May\n\nAna: Yes.\nNote: tape ends.\nBob: No.\n\ntrailing words"
	ana := strings.Index(text, "Ana")
	bob := strings.Index(text, "Bob")
	blocks := []Block{
		{Start: utf8.RuneCountInString(text[:ana]), End: utf8.RuneCountInString(text[:ana]) + 9, Speaker: "Ana"},
		{Start: utf8.RuneCountInString(text[:bob]), End: utf8.RuneCountInString(text[:bob]) + 8, Speaker: "Bob"},
	}
	l := newLayout(mono, monoSpacing)
	l.setText(text, blocks)
	l.wrap(1000)
	var got []string
	for i := range l.numLines() {
		ln := l.line(i)
		got = append(got, l.lineText(i))
		if want := []int{-1, 0, -1, 1, -1}[i]; ln.block != want {
			t.Errorf("line %d %q: block %d, want %d", i, l.lineText(i), ln.block, want)
		}
	}
	want := []string{"Interview 3 – 12 May", "Ana: Yes.", "Note: tape ends.", "Bob: No.", "trailing words"}
	if !slices.Equal(got, want) {
		t.Errorf("lines: got %q, want %q", got, want)
	}
	// "Note:" lies outside any block: it is not a speaker label
	if ln := l.line(2); ln.boldEnd > ln.start {
		t.Errorf("text outside blocks drawn bold: %q", l.slice(ln.start, ln.boldEnd))
	}
}

// TestLinesMadeWhenAskedAreTheWrap: the lines line makes from the marks,
// in any order, are those of wrapping every paragraph from its start in
// one go; and wrapped at a narrow width, then a wide one, the layout keeps
// no room for the narrow width's many lines.
func TestLinesMadeWhenAskedAreTheWrap(t *testing.T) {
	text, blocks := transcriptText(3, 300000)
	// Words longer than the narrow width, broken between runes.
	text = strings.Replace(text, "a", strings.Repeat("w", 40), 50)
	l := newLayout(mono, monoSpacing)
	l.setText(text, blocks)
	for _, width := range []float32{60, 600, 137} {
		l.wrap(width)
		var want []line
		for pi := range l.paras {
			p := &l.paras[pi]
			y := p.y
			l.wrapPara(p, int(p.start), int(p.bstart), func(s, e, bs, be int) bool {
				want = append(want, line{start: s, end: e, bstart: bs, bend: be, boldEnd: int(p.boldEnd), block: int(p.block), y: y})
				y += l.sp.lineH
				return true
			})
		}
		if l.numLines() != len(want) || len(want) < 2*markEvery {
			t.Fatalf("width %v: %d lines, wrapping every paragraph gives %d", width, l.numLines(), len(want))
		}
		order := rand.New(rand.NewSource(int64(width))).Perm(len(want))
		for _, i := range order[:5000] {
			if got := l.line(i); got != want[i] {
				t.Fatalf("width %v: line %d is %+v, want %+v", width, i, got, want[i])
			}
			if got := l.lineY(i); got != want[i].y {
				t.Fatalf("width %v: lineY(%d) = %v, want %v", width, i, got, want[i].y)
			}
		}
		for _, i := range order[:300] {
			off := want[i].start + (want[i].end-want[i].start)/2
			if got := l.lineOf(off); got != i {
				t.Fatalf("width %v: lineOf(%d) = %d, want %d", width, off, got, i)
			}
			if got := l.lineAtY(want[i].y + 1); got != i {
				t.Fatalf("width %v: lineAtY(%v) = %d, want %d", width, want[i].y+1, got, i)
			}
		}
		kept := len(l.marks)
		for _, st := range l.made {
			kept += cap(st.lines)
		}
		if kept > len(want)/markEvery+1+len(l.made)*2*markEvery {
			t.Errorf("width %v: room for %d marks and lines kept, for %d lines", width, kept, len(want))
		}
	}
}
