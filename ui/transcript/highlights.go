package transcript

import (
	"image/color"
	"slices"
)

// Highlight is a coding shown over the text: a rune range [Start, End), the
// colour of its code and the ID reported when it is tapped.
type Highlight struct {
	Start, End int
	Color      color.NRGBA
	ID         int64
}

// highlights holds the codings in the order given, each with the margin lane
// its stripe is drawn in.
type highlights struct {
	list  []Highlight
	lane  []int // lane of list[i]
	lanes int   // number of lanes in use
}

// set copies h and assigns lanes greedily by start, so that codings which
// overlap never share a lane and a coding keeps its lane along its length.
func (hs *highlights) set(h []Highlight, n int) {
	hs.list = hs.list[:0]
	for _, x := range h {
		x.Start, x.End = max(x.Start, 0), min(x.End, n)
		if x.Start < x.End {
			hs.list = append(hs.list, x)
		}
	}
	order := make([]int, len(hs.list))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ha, hb := hs.list[a], hs.list[b]
		if ha.Start != hb.Start {
			return ha.Start - hb.Start
		}
		return hb.End - ha.End // longer first: it keeps the outer lane
	})
	hs.lane = make([]int, len(hs.list))
	var laneEnd []int
	for _, i := range order {
		h := hs.list[i]
		lane := slices.IndexFunc(laneEnd, func(end int) bool { return end <= h.Start })
		if lane < 0 {
			lane = len(laneEnd)
			laneEnd = append(laneEnd, 0)
		}
		laneEnd[lane] = h.End
		hs.lane[i] = lane
	}
	hs.lanes = len(laneEnd)
}

// overlapping appends to dst the indexes of the highlights that intersect
// [start, end).
func (hs *highlights) overlapping(dst []int, start, end int) []int {
	for i, h := range hs.list {
		if h.Start < end && h.End > start {
			dst = append(dst, i)
		}
	}
	return dst
}

// idsAt returns the IDs of the highlights that contain the rune at off, in
// the order they were given.
func (hs *highlights) idsAt(off int) []int64 {
	var ids []int64
	for _, h := range hs.list {
		if h.Start <= off && off < h.End {
			ids = append(ids, h.ID)
		}
	}
	return ids
}
