package transcript

import (
	"cmp"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// How codings are drawn over the text. Two translucent colours laid over
// each other blend into a third that belongs to no code, so where codings
// overlap only one fills the text: the shortest, the most specific, which
// would otherwise be lost inside the longer ones. The others show as thin
// opaque bands along the bottom of the line, and each has its stripe in
// the margin. A coding's own alpha sets the strength of its fill, so a key
// quote stands out.

const (
	defaultFill = 0x55 // alpha of a fill given an opaque colour
	bandH       = 2    // height of the band of a coding under another's fill
	maxBands    = 2    // bands drawn under one run; the margin shows the rest
)

// sortShortestFirst orders highlight indexes by which fills the text: the
// shortest first, then the one starting later (nested inside the other),
// then the one given later.
func sortShortestFirst(list []Highlight, ks []int) {
	slices.SortFunc(ks, func(a, b int) int {
		ha, hb := list[a], list[b]
		return cmp.Or(cmp.Compare(ha.End-ha.Start, hb.End-hb.Start), cmp.Compare(hb.Start, ha.Start), cmp.Compare(b, a))
	})
}

// fillColor is highlight h's colour as it fills the text.
func (pal palette) fillColor(h Highlight, hovered bool) color.NRGBA {
	c := h.Color
	a := int(c.A)
	if a == 0xff {
		a = defaultFill // an opaque colour is the code's colour as it is
	}
	if pal.dark {
		a = a * 0x70 / 0x55 // translucent colours fade more on a dark background
	}
	if hovered {
		a = a * 8 / 5
	}
	c.A = uint8(min(a, 0xe0))
	return c
}

func opaque(c color.NRGBA) color.NRGBA {
	c.A = 0xff
	return c
}

// fills draws the codings on line i: each run of text between two coding
// boundaries in the colour of the shortest coding over it (the hovered one
// wins), the other codings there as bands under it.
func (r *pageRenderer) fills(i int, pal palette) {
	v, l := r.p.v, r.p.v.lay
	ln := l.line(i)
	r.on = r.on[:0]
	for _, k := range r.hits {
		h := v.hl.list[k]
		if h.End <= ln.start || h.Start > ln.end || (h.Start == ln.end && h.End <= ln.end) {
			continue
		}
		r.on = append(r.on, k)
	}
	if len(r.on) == 0 {
		return
	}
	cuts := append(r.cuts[:0], ln.start, ln.end)
	for _, k := range r.on {
		for _, off := range [2]int{v.hl.list[k].Start, v.hl.list[k].End} {
			if off > ln.start && off < ln.end {
				cuts = append(cuts, off)
			}
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	xs := l.approxX(i, cuts, r.xs[:0])
	if l.breaksAfter(i) {
		// The line feed after a paragraph is drawn as a space's width.
		cuts = append(cuts, ln.end+1)
		xs = append(xs, xs[len(xs)-1]+l.spaceW)
	}
	r.cuts, r.xs = cuts, xs

	// What is being drawn in each slot, merged along the line.
	run := [1 + maxBands]runPart{{k: -1}, {k: -1}, {k: -1}}
	for j := 0; j+1 < len(cuts); j++ {
		top, bands := r.cover(cuts[j], cuts[j+1])
		parts := [1 + maxBands]int{top, -1, -1}
		copy(parts[1:], bands)
		for slot, k := range parts {
			if run[slot].k != k || run[slot].x2 != xs[j] {
				r.drawRun(i, slot, run[slot], pal)
				run[slot] = runPart{k: k, x1: xs[j]}
			}
			run[slot].x2 = xs[j+1]
		}
	}
	for slot := range run {
		r.drawRun(i, slot, run[slot], pal)
	}
}

// runPart is a stretch of a line filled (slot 0) or banded (slots 1 and
// on) by highlight k, -1 for none.
type runPart struct {
	k      int
	x1, x2 float32
}

func (r *pageRenderer) drawRun(i, slot int, p runPart, pal palette) {
	if p.k < 0 || p.x2 <= p.x1 {
		return
	}
	v, l := r.p.v, r.p.v.lay
	ln := l.line(i)
	h := v.hl.list[p.k]
	x := v.textLeft() + p.x1
	if slot == 0 {
		r.rect(pal.fillColor(h, p.k == v.hover), fyne.NewPos(x, ln.y), fyne.NewSize(p.x2-p.x1, l.sp.lineH))
		return
	}
	y := ln.y + l.sp.lineH - float32(slot)*bandH
	r.rect(opaque(h.Color), fyne.NewPos(x, y), fyne.NewSize(p.x2-p.x1, bandH))
}

// cover returns, for the runes [a, b) of a line, the highlight that fills
// them and those drawn as bands, in the order of their margin columns; -1
// when no highlight covers them.
func (r *pageRenderer) cover(a, b int) (top int, bands []int) {
	v := r.p.v
	var over [8]int
	ks := over[:0]
	for _, k := range r.on {
		if h := v.hl.list[k]; h.Start < b && h.End > a {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return -1, nil
	}
	sortShortestFirst(v.hl.list, ks)
	if hi := slices.Index(ks, v.hover); hi > 0 {
		ks[0], ks[hi] = ks[hi], ks[0]
	}
	top, bands = ks[0], ks[1:]
	slices.SortStableFunc(bands, func(x, y int) int {
		return v.cols.col(&v.hl, x) - v.cols.col(&v.hl, y)
	})
	return top, bands[:min(len(bands), maxBands)]
}

// stripes draws one bar in the margin per coding in view, in its code's
// column, from its first line to its last; the hovered one a little wider.
func (r *pageRenderer) stripes(first, last int) {
	v, l := r.p.v, r.p.v.lay
	lw, bw := v.laneWidth(), v.barWidth()
	top, bottom := l.lineY(first), l.lineY(last-1)+l.sp.lineH
	for _, k := range r.hits {
		y1, y2 := v.bar(k)
		y1, y2 = max(y1, top), min(y2, bottom)
		if y2 <= y1 {
			continue
		}
		x := v.stripeLeft() + float32(v.cols.col(&v.hl, k))*lw
		w := bw
		if k == v.hover {
			x, w = x-1, w+2
		}
		r.rect(opaque(v.hl.list[k].Color), fyne.NewPos(x, y1), fyne.NewSize(w, y2-y1))
	}
}

// tip names the code of the hovered stripe beside it, drawn inverted as a
// tooltip is. It is part of the page, so it takes no events from it.
func (r *pageRenderer) tip(top float32, pal palette) {
	v := r.p.v
	if v.hover < 0 || v.hl.list[v.hover].Name == "" {
		return
	}
	name := v.hl.list[v.hover].Name
	size := theme.CaptionTextSize()
	ts := fyne.MeasureText(name, size, fyne.TextStyle{})
	pad := theme.Padding()
	x := v.stripeLeft() + float32(len(v.cols.keys))*v.laneWidth() + pad // clear of every stripe
	y := v.hoverY - ts.Height - 3*pad                                   // above the pointer, clear of it
	if y < top {
		y = v.hoverY + 4*pad
	}
	bg := r.rect(pal.fg, fyne.NewPos(x, y), ts.AddWidthHeight(2*pad, pad))
	bg.CornerRadius = 3
	t := r.text(name, pal.bg, false, fyne.NewPos(x+pad, y+pad/2))
	t.TextSize = size
	t.Resize(ts)
}
