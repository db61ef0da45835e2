package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"codeberg.org/verbatim/verbatim/model/export"
)

// The charts are drawn with gonum's plot package in Liberation Sans, which
// it embeds: every accent a Dutch code name has comes out right in the PNG
// without fonts on the machine. The SVG names the font and falls back on
// Arial, which has the same metrics, so labels keep their place in a
// browser that lacks Liberation.

// chartDPI is the PNG's resolution: twice a screen's, so that a chart stays
// sharp on a printed page and on a high-density screen.
const chartDPI = 144

var (
	chartFont     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	chartBold     = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
	chartInk      = color.RGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff}
	chartMuted    = color.RGBA{R: 0x77, G: 0x77, B: 0x77, A: 0xff}
	chartGridline = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	// chartBar is the bar colour for a code without a valid colour of its
	// own.
	chartBar = color.RGBA{R: 0x4c, G: 0x78, B: 0xa8, A: 0xff}
	// chartDiagonal fills the cells that are not pairs (a code with
	// itself), so that the palette is spent on the pairs.
	chartDiagonal = color.RGBA{R: 0xe4, G: 0xe4, B: 0xe4, A: 0xff}
)

// The sizes of a chart's parts, in points.
const (
	chartMargin  = 12
	labelSize    = 9
	titleSize    = 13
	axisSize     = 10
	barRow       = 20 // height per bar, one-line label
	barRowTall   = 30 // height per bar with a two-line label
	barPlotWidth = 380
	heatCell     = 34
	labelLine    = 30 // characters per line of a code label
	columnLabel  = 36 // characters of a column label
)

func textStyle(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(f, size), Handler: plot.DefaultTextHandler}
}

// newPlot is a plot with the house style: the title in bold, everything
// in Liberation Sans, no axis lines (the bars and cells carry the data).
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(chartBold, titleSize, chartInk)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Padding = 12
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(chartFont, axisSize, chartInk)
		a.Label.Padding = 6
		align := a.Tick.Label
		a.Tick.Label = textStyle(chartFont, labelSize, chartInk)
		a.Tick.Label.XAlign, a.Tick.Label.YAlign = align.XAlign, align.YAlign
		a.Tick.Color = chartMuted
		a.LineStyle.Width = 0
	}
	return p
}

// render draws a plot into PNG and SVG of w × h points.
func render(p *plot.Plot, w, h vg.Length, alt string) (im *export.Image, err error) {
	// gonum panics on a plot it cannot draw; a report must not take the
	// program down with it.
	defer func() {
		if r := recover(); r != nil {
			im, err = nil, fmt.Errorf("drawing the chart: %v", r)
		}
	}()
	raster := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))
	p.Draw(margins(draw.New(raster)))
	var png bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: raster}).WriteTo(&png); err != nil {
		return nil, fmt.Errorf("writing the chart as PNG: %w", err)
	}
	// Fonts are not embedded: the HTML writer inlines the SVG and keeps no
	// <style>, and the file stays small.
	vector := vgsvg.New(w, h)
	p.Draw(margins(draw.New(vector)))
	var svg bytes.Buffer
	if _, err := vector.WriteTo(&svg); err != nil {
		return nil, fmt.Errorf("writing the chart as SVG: %w", err)
	}
	return &export.Image{Alt: alt, PNG: png.Bytes(), SVG: svgFonts(svg.Bytes()), Width: w.Points(), Height: h.Points()}, nil
}

// margins keeps the chart off the image's edges; the margin is filled
// white, since an SVG has no background of its own.
func margins(c draw.Canvas) draw.Canvas {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	return draw.Crop(c, chartMargin, -chartMargin, chartMargin, -chartMargin)
}

// svgFonts gives the SVG's font a fallback with the same metrics.
func svgFonts(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"), []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// bar is one bar of a bar chart.
type bar struct {
	label string
	value float64
	color string // "#RRGGBB"; "" for the default
}

// barChart draws horizontal bars, the first at the top, each in its own
// colour with its value at its end. The chart grows with the number of
// bars; long labels are wrapped over two lines and cut with "…".
func barChart(title, valueLabel, alt string, bars []bar) (*export.Image, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("a bar chart needs bars")
	}
	p := newPlot(title)
	n := len(bars)
	labels := make([]string, n)
	tall := false
	maxValue := 0.0
	for i, b := range bars {
		l := wrapLabel(b.label, labelLine, 2)
		tall = tall || strings.Contains(l, "\n")
		labels[n-1-i] = l // the first bar at the top
		maxValue = math.Max(maxValue, b.value)
	}
	row := vg.Length(barRow)
	if tall {
		row = barRowTall
	}
	// The grid goes first, so that the bars cover it.
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = chartGridline
	grid.Vertical.Width = 0.5
	p.Add(grid)
	values := plotter.XYLabels{}
	for i, b := range bars {
		ch, err := plotter.NewBarChart(plotter.Values{b.value}, row*0.7)
		if err != nil {
			return nil, err
		}
		ch.Horizontal = true
		ch.XMin = float64(n - 1 - i)
		ch.Color = parseColor(b.color, chartBar)
		ch.LineStyle.Width = 0
		p.Add(ch)
		values.XYs = append(values.XYs, plotter.XY{X: b.value, Y: float64(n - 1 - i)})
		values.Labels = append(values.Labels, formatCount(b.value))
	}
	counts, err := plotter.NewLabels(values)
	if err != nil {
		return nil, err
	}
	for i := range counts.TextStyle {
		counts.TextStyle[i] = textStyle(chartFont, labelSize, chartInk)
		counts.TextStyle[i].YAlign = draw.YCenter
	}
	counts.Offset = vg.Point{X: 4}
	p.Add(counts)

	p.NominalY(labels...)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Y.Padding = 0
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.X.Label.Text = valueLabel
	p.X.Min = 0
	// Room at the end of the longest bar for its number.
	p.X.Max = math.Max(1, maxValue*1.12+0.5)
	p.X.Tick.Marker = countTicks{}
	p.X.Padding = 4

	labelWidth := vg.Length(0)
	for _, l := range labels {
		labelWidth = max(labelWidth, p.Y.Tick.Label.Width(l))
	}
	w := labelWidth + barPlotWidth + 40
	h := vg.Length(n)*row + 95
	return render(p, w, h, alt)
}

// heatMap draws a grid of counts: rows from the top in order, columns from
// the left, each cell coloured by its count and labelled with it. With
// square (rows and columns the same codes) the cells where they meet are
// grey: their counts are of another kind and would spend the palette; and
// when the names do not fit under the columns, the rows are numbered and
// the columns show the numbers.
func heatMap(title, xLabel, yLabel, alt string, rows, cols []string, z [][]float64, square bool) (*export.Image, error) {
	if len(rows) == 0 || len(cols) == 0 {
		return nil, fmt.Errorf("a heat map needs rows and columns")
	}
	diagonal := square
	g := heatGrid{z: z, cols: len(cols), rows: len(rows), diagonal: diagonal}
	hi := 0.0
	for r := range g.rows {
		for c := range g.cols {
			if v := g.Z(c, r); !math.IsNaN(v) {
				hi = math.Max(hi, v)
			}
		}
	}
	pal, err := sequential(64)
	if err != nil {
		return nil, err
	}
	h := plotter.NewHeatMap(g, pal)
	h.Min, h.Max = 0, math.Max(1, hi)
	h.NaN = chartDiagonal

	p := newPlot(title)
	p.Add(h, cellBorders{cols: g.cols, rows: g.rows})

	var labels plotter.XYLabels
	var styles []text.Style
	for r := range g.rows {
		for c := range g.cols {
			v := z[g.rows-1-r][c]
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(c), Y: float64(r)})
			labels.Labels = append(labels.Labels, formatCount(v))
			ink := color.Color(chartInk)
			switch z := g.Z(c, r); {
			case math.IsNaN(z):
				ink = chartMuted
			case z == 0:
				ink = color.RGBA{R: 0xaa, G: 0xaa, B: 0xaa, A: 0xff}
			case z > 0.55*h.Max:
				ink = color.White
			}
			st := textStyle(chartFont, labelSize, ink)
			st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
			styles = append(styles, st)
		}
	}
	cells, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	cells.TextStyle = styles
	p.Add(cells)

	tick := textStyle(chartFont, labelSize, chartInk)
	colLabels := make([]string, g.cols)
	colWidth := vg.Length(0)
	for i, c := range cols {
		colLabels[i] = truncateMiddle(c, columnLabel)
		colWidth = max(colWidth, tick.Width(colLabels[i]))
	}
	numbered := square && colWidth > heatCell-4
	rowLabels := make([]string, g.rows)
	for i, r := range rows {
		if numbered {
			r = itoa(i+1) + ". " + r
		}
		rowLabels[g.rows-1-i] = wrapLabel(r, labelLine, 2)
	}
	if numbered {
		colWidth = 0
		for i := range colLabels {
			colLabels[i] = itoa(i + 1)
			colWidth = max(colWidth, tick.Width(colLabels[i]))
		}
	}
	p.NominalY(rowLabels...)
	p.NominalX(colLabels...)
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	// Column labels wider than a cell are turned, so that they do not run
	// into each other.
	turned := colWidth > heatCell-4
	if turned {
		p.X.Tick.Label.Rotation = math.Pi / 4
		// Its top right corner at the tick: the label hangs below the
		// cells, never over them.
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	}
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max = -0.5, float64(g.cols)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(g.rows)-0.5
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel

	rowWidth := vg.Length(0)
	for _, l := range rowLabels {
		rowWidth = max(rowWidth, p.Y.Tick.Label.Width(l))
	}
	below := p.X.Tick.Label.Height("Ag") + 4
	if turned {
		below = colWidth*vg.Length(math.Sin(math.Pi/4)) + 12
	}
	// A turned label reaches left of its column: the first one needs room
	// beside the row labels.
	left := rowWidth + 40
	if turned {
		left = max(left, colWidth*vg.Length(math.Cos(math.Pi/4))+10)
	}
	w := left + vg.Length(g.cols)*heatCell + 24
	w = max(w, p.Title.TextStyle.Width(title)+40)
	ht := vg.Length(g.rows)*heatCell + below + 80
	return render(p, w, ht, alt)
}

// heatGrid is a table of counts as gonum's heat map reads it: column c,
// row r counted from the bottom.
type heatGrid struct {
	z          [][]float64 // [row from the top][column]
	cols, rows int
	diagonal   bool
}

func (g heatGrid) Dims() (c, r int) { return g.cols, g.rows }
func (g heatGrid) X(c int) float64  { return float64(c) }
func (g heatGrid) Y(r int) float64  { return float64(r) }
func (g heatGrid) Z(c, r int) float64 {
	top := g.rows - 1 - r
	if g.diagonal && top == c {
		return math.NaN()
	}
	return g.z[top][c]
}

// cellBorders draws thin white lines between the cells of a heat map, so
// that cells of the same colour read as separate counts.
type cellBorders struct{ cols, rows int }

func (b cellBorders) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	line := draw.LineStyle{Color: color.White, Width: 1.5}
	for i := 0; i <= b.cols; i++ {
		x := trX(float64(i) - 0.5)
		c.StrokeLine2(line, x, trY(-0.5), x, trY(float64(b.rows)-0.5))
	}
	for j := 0; j <= b.rows; j++ {
		y := trY(float64(j) - 0.5)
		c.StrokeLine2(line, trX(-0.5), y, trX(float64(b.cols)-0.5), y)
	}
}

// sequential is a palette from near white to dark blue: light for few,
// dark for many, evenly spaced in lightness (moreland's luminance map).
func sequential(n int) (palette.Palette, error) {
	cm, err := moreland.NewLuminance([]color.Color{
		color.RGBA{R: 0x08, G: 0x30, B: 0x6b, A: 0xff},
		color.RGBA{R: 0x21, G: 0x71, B: 0xb5, A: 0xff},
		color.RGBA{R: 0x6b, G: 0xae, B: 0xd6, A: 0xff},
		color.RGBA{R: 0xf4, G: 0xf8, B: 0xfc, A: 0xff},
	})
	if err != nil {
		return nil, err
	}
	cm.SetMin(0)
	cm.SetMax(1)
	return palette.Reverse(cm).Palette(n), nil
}

// countTicks marks whole numbers only, at a step that gives about six
// marks: counts have no halves.
type countTicks struct{}

func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	step := niceStep(hi - lo)
	var out []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		out = append(out, plot.Tick{Value: v, Label: formatCount(v)})
	}
	return out
}

// niceStep is 1, 2 or 5 times a power of ten, giving at most six steps
// over span.
func niceStep(span float64) float64 {
	for mag := 1.0; ; mag *= 10 {
		for _, s := range []float64{1, 2, 5} {
			if span/(s*mag) <= 6 {
				return s * mag
			}
		}
	}
}

func formatCount(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// parseColor reads "#RRGGBB", or gives def.
func parseColor(s string, def color.RGBA) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		return def
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return def
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// wrapLabel breaks s at spaces into lines of at most width characters, at
// most lines of them; what does not fit is cut with "…".
func wrapLabel(s string, width, lines int) string {
	var out []string
	cur := ""
	words := strings.Fields(s)
	for i, w := range words {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			out = append(out, truncate(cur, width))
			cur = w
		}
		if len(out) == lines-1 {
			// The last line takes the rest.
			cur = strings.Join(append([]string{cur}, words[i+1:]...), " ")
			break
		}
	}
	out = append(out, truncate(cur, width))
	return strings.Join(out, "\n")
}

// truncateMiddle cuts s to at most n characters by putting "…" in its
// middle: names of interviews often differ only at their end ("Interview
// 12 Karin.docx", "Interview 12 Sanne.docx").
func truncateMiddle(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head := (n - 1) / 2
	tail := n - 1 - head
	return strings.TrimRight(string(r[:head]), " ") + "…" + strings.TrimLeft(string(r[len(r)-tail:]), " ")
}

// truncate cuts s to at most n characters, the last being "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}
