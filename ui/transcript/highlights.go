package transcript

import (
	"cmp"
	"image/color"
	"slices"
	"sort"
)

// Highlight is a coding shown over the text: a rune range [Start, End), the
// colour of its code and the ID reported when it is tapped.
//
// Color's alpha is how strongly the text is filled in a light theme (a key
// quote more than another coding; an opaque colour gets a light fill); a
// dark theme raises it, and the margin stripe is drawn opaque. Code identifies the code: the codings of one code
// share a margin column, and the columns go left to right by Rank (the
// code's place in the codebook). Name is shown when the pointer rests on the
// stripe. A highlight without a Code has a column of its own.
type Highlight struct {
	Start, End int
	Color      color.NRGBA
	ID         int64
	Code       int64
	Rank       int
	Name       string
}

// highlights holds the codings in the order given.
type highlights struct {
	list    []Highlight
	byStart []int // indexes into list, ordered by Start
	maxLen  int   // the longest coding, which bounds a search by start
}

// set copies h, dropping the highlights that are empty once clamped to the
// n runes of the text.
func (hs *highlights) set(h []Highlight, n int) {
	hs.list = hs.list[:0]
	hs.maxLen = 0
	for _, x := range h {
		x.Start, x.End = max(x.Start, 0), min(x.End, n)
		if x.Start < x.End {
			hs.list = append(hs.list, x)
			hs.maxLen = max(hs.maxLen, x.End-x.Start)
		}
	}
	hs.byStart = hs.byStart[:0]
	for i := range hs.list {
		hs.byStart = append(hs.byStart, i)
	}
	slices.SortStableFunc(hs.byStart, func(a, b int) int { return hs.list[a].Start - hs.list[b].Start })
}

// overlapping appends to dst the indexes of the highlights that intersect
// [start, end], in the order given. The end is included: a coding that
// starts at a line's end still marks the line break there.
func (hs *highlights) overlapping(dst []int, start, end int) []int {
	// Only a highlight starting less than maxLen before start can reach it.
	from := sort.Search(len(hs.byStart), func(i int) bool { return hs.list[hs.byStart[i]].Start > start-hs.maxLen })
	n := len(dst)
	for _, i := range hs.byStart[from:] {
		h := hs.list[i]
		if h.Start > end {
			break
		}
		if h.End > start {
			dst = append(dst, i)
		}
	}
	slices.Sort(dst[n:])
	return dst
}

// idsAt returns the IDs of the highlights that contain the rune at off, in
// the order they were given.
func (hs *highlights) idsAt(off int) []int64 {
	var ids []int64
	for _, i := range hs.overlapping(nil, off, off) {
		if h := hs.list[i]; h.Start <= off && off < h.End {
			ids = append(ids, h.ID)
		}
	}
	return ids
}

// colKey names a margin column: a code, or a highlight without one.
type colKey struct {
	code int64
	solo int // index+1 of a highlight without a code
}

func (hs *highlights) key(i int) colKey {
	if c := hs.list[i].Code; c != 0 {
		return colKey{code: c}
	}
	return colKey{solo: i + 1}
}

// columns places the codes of the codings in view in the margin: one
// column each, left to right by rank, so a code keeps its column while it
// stays in view and codes that overlap never share one.
type columns struct {
	keys []colKey
	of   map[colKey]int
}

// assign gives a column to each code of the highlights hits.
func (c *columns) assign(hs *highlights, hits []int) {
	c.keys = c.keys[:0]
	if c.of == nil {
		c.of = map[colKey]int{}
	}
	clear(c.of)
	first := map[colKey]int{} // the first highlight of each key
	for _, i := range hits {
		k := hs.key(i)
		if _, ok := first[k]; !ok {
			first[k] = i
			c.keys = append(c.keys, k)
		}
	}
	slices.SortFunc(c.keys, func(a, b colKey) int {
		ha, hb := hs.list[first[a]], hs.list[first[b]]
		return cmp.Or(cmp.Compare(ha.Rank, hb.Rank), cmp.Compare(a.code, b.code), cmp.Compare(a.solo, b.solo))
	})
	for col, k := range c.keys {
		c.of[k] = col
	}
}

// col returns the column of highlight i, or -1 when it is not in view.
func (c *columns) col(hs *highlights, i int) int {
	if col, ok := c.of[hs.key(i)]; ok {
		return col
	}
	return -1
}
