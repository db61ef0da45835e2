package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// codeColor is a colour of the codebook palette, with the name a user sees.
type codeColor struct {
	hex, name string
}

// codePalette is what a code can be coloured with: the Okabe–Ito palette,
// which people with any common colour-vision deficiency tell apart, first;
// then distinct colours for a codebook with more than seven top codes
// (among them those model gives new codes in turn, so a new code's colour
// shows as chosen). Black is left out: a black highlight hides the text.
var codePalette = []codeColor{
	{"#E69F00", "orange"},
	{"#56B4E9", "sky blue"},
	{"#009E73", "bluish green"},
	{"#F0E442", "yellow"},
	{"#0072B2", "blue"},
	{"#D55E00", "vermilion"},
	{"#CC79A7", "reddish purple"},
	{"#E6194B", "red"},
	{"#3CB44B", "green"},
	{"#FFB000", "amber"},
	{"#4363D8", "royal blue"},
	{"#F58231", "tangerine"},
	{"#911EB4", "purple"},
	{"#42D4F4", "cyan"},
	{"#F032E6", "magenta"},
	{"#9A6324", "brown"},
	{"#469990", "teal"},
	{"#999999", "grey"},
}

// shownName is the colour's name in the language shown.
func (c codeColor) shownName() string {
	switch c.name {
	case "orange":
		return lang.L("orange")
	case "sky blue":
		return lang.L("sky blue")
	case "bluish green":
		return lang.L("bluish green")
	case "yellow":
		return lang.L("yellow")
	case "blue":
		return lang.L("blue")
	case "vermilion":
		return lang.L("vermilion")
	case "reddish purple":
		return lang.L("reddish purple")
	case "red":
		return lang.L("red")
	case "green":
		return lang.L("green")
	case "amber":
		return lang.L("amber")
	case "royal blue":
		return lang.L("royal blue")
	case "tangerine":
		return lang.L("tangerine")
	case "purple":
		return lang.L("purple")
	case "cyan":
		return lang.L("cyan")
	case "magenta":
		return lang.L("magenta")
	case "brown":
		return lang.L("brown")
	case "teal":
		return lang.L("teal")
	case "grey":
		return lang.L("grey")
	case "current colour":
		return lang.L("current colour")
	}
	return c.name
}

// colorPicker offers the palette as swatches; the one chosen is framed and
// named under them. There are no hex strings to type.
type colorPicker struct {
	box      *fyne.Container
	swatches []*colorSwatch
	label    *widget.Label
	selected string // #RRGGBB, upper case

	// OnChanged, if set, is told of every colour chosen.
	OnChanged func(hex string)
}

// newColorPicker offers the palette with current chosen. A current colour
// outside the palette (set on the command line, say) is offered first, as
// "current colour".
func newColorPicker(current string) *colorPicker {
	current = strings.ToUpper(current)
	c := &colorPicker{label: widget.NewLabel("")}
	colors := codePalette
	inPalette := false
	for _, pc := range codePalette {
		inPalette = inPalette || pc.hex == current
	}
	if !inPalette && current != "" {
		colors = append([]codeColor{{current, "current colour"}}, codePalette...)
	}
	grid := container.NewGridWrap(fyne.NewSquareSize(30))
	for _, pc := range colors {
		s := newColorSwatch(pc, c)
		c.swatches = append(c.swatches, s)
		grid.Add(s)
	}
	c.box = container.NewVBox(grid, c.label)
	c.choose(current)
	return c
}

// choose makes hex the chosen colour.
func (c *colorPicker) choose(hex string) {
	c.selected = strings.ToUpper(hex)
	for _, s := range c.swatches {
		s.Refresh()
	}
	c.nameChosen()
	if c.OnChanged != nil {
		c.OnChanged(c.selected)
	}
}

// nameChosen names the chosen colour under the swatches.
func (c *colorPicker) nameChosen() {
	c.label.SetText("")
	for _, s := range c.swatches {
		if s.color.hex == c.selected {
			c.label.SetText(lang.L("Colour: {{.Name}}", args{"Name": s.color.shownName()}))
		}
	}
}

// colorSwatch is one colour of the picker: a tappable square.
type colorSwatch struct {
	widget.BaseWidget
	color   codeColor
	picker  *colorPicker
	hovered bool
}

func newColorSwatch(cc codeColor, p *colorPicker) *colorSwatch {
	s := &colorSwatch{color: cc, picker: p}
	s.ExtendBaseWidget(s)
	return s
}

// Tapped chooses the swatch's colour.
func (s *colorSwatch) Tapped(*fyne.PointEvent) { s.picker.choose(s.color.hex) }

// MouseIn names the colour under the pointer.
func (s *colorSwatch) MouseIn(*desktop.MouseEvent) {
	s.hovered = true
	s.picker.label.SetText(lang.L("Colour: {{.Name}}", args{"Name": s.color.shownName()}))
	s.Refresh()
}

// MouseMoved is part of desktop.Hoverable.
func (s *colorSwatch) MouseMoved(*desktop.MouseEvent) {}

// MouseOut names the chosen colour again.
func (s *colorSwatch) MouseOut() {
	s.hovered = false
	s.picker.nameChosen()
	s.Refresh()
}

// Cursor shows the swatch can be clicked.
func (s *colorSwatch) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer is part of fyne.Widget.
func (s *colorSwatch) CreateRenderer() fyne.WidgetRenderer {
	r := &colorSwatchRenderer{s: s, frame: canvas.NewRectangle(color.Transparent), fill: canvas.NewRectangle(parseColor(s.color.hex))}
	r.frame.CornerRadius = 6
	r.frame.StrokeWidth = 2
	r.fill.CornerRadius = 4
	r.Refresh()
	return r
}

type colorSwatchRenderer struct {
	s           *colorSwatch
	frame, fill *canvas.Rectangle
}

func (r *colorSwatchRenderer) Layout(size fyne.Size) {
	r.frame.Resize(size)
	inset := float32(4)
	r.fill.Move(fyne.NewPos(inset, inset))
	r.fill.Resize(size.SubtractWidthHeight(2*inset, 2*inset))
}

func (r *colorSwatchRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(26) }

// Refresh frames the chosen swatch in the foreground colour and a hovered
// one faintly.
func (r *colorSwatchRenderer) Refresh() {
	switch {
	case r.s.picker.selected == r.s.color.hex:
		r.frame.StrokeColor = theme.Color(theme.ColorNameForeground)
	case r.s.hovered:
		r.frame.StrokeColor = theme.Color(theme.ColorNameHover)
	default:
		r.frame.StrokeColor = color.Transparent
	}
	r.frame.Refresh()
	r.fill.Refresh()
}

func (r *colorSwatchRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.frame, r.fill}
}

func (r *colorSwatchRenderer) Destroy() {}
