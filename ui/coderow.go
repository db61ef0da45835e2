package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// codeRowView is one row of the codebook list: [tick] indent [▸] swatch
// name [key] counts ⋮. The list reuses it for whichever row scrolls into
// view; show fills it in.
type codeRowView struct {
	widget.BaseWidget
	panel *codebookPanel
	row   codeListRow

	check    *widget.Check
	indent   *canvas.Rectangle
	fold     *tapIcon
	foldSlot *fyne.Container // keeps the fold's width where there is none
	swatch   *canvas.Rectangle
	add      *widget.Icon // instead of the swatch on the "Create code" row
	name     *codeName
	key      *keyCap
	count    *widget.Label
	more     *widget.Button
	left     *fyne.Container
	right    *fyne.Container
	box      *fyne.Container
}

func newCodeRowView(p *codebookPanel) *codeRowView {
	v := &codeRowView{panel: p}
	v.check = widget.NewCheck("", nil)
	v.indent = canvas.NewRectangle(color.Transparent)
	v.fold = newTapIcon(theme.MenuDropDownIcon(), func() { p.toggleCollapsed(v.row.code.ID) })
	iconSize := theme.IconInlineSize()
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSquareSize(iconSize))
	v.foldSlot = container.NewStack(spacer, v.fold)
	v.swatch = canvas.NewRectangle(color.Gray{})
	v.swatch.SetMinSize(fyne.NewSize(14, 14))
	v.swatch.CornerRadius = 3
	v.add = widget.NewIcon(theme.ContentAddIcon())
	swatchSlot := container.NewStack(container.NewCenter(v.swatch), v.add)
	v.name = newCodeName(p.tip)
	v.key = newKeyCap()
	v.count = widget.NewLabel("")
	v.more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
	v.more.Importance = widget.LowImportance
	v.left = container.NewHBox(v.check, v.indent, v.foldSlot, swatchSlot)
	v.right = container.NewHBox(v.key.box, v.count, v.more)
	v.box = container.NewBorder(nil, nil, v.left, v.right, v.name)
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer is part of fyne.Widget.
func (v *codeRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.box)
}

// show fills the row in for r. The list calls it for every row on screen
// at every keystroke in the filter, so it touches only what changed and
// lays the row out again only when a part's size or visibility did.
func (v *codeRowView) show(r codeListRow) {
	p := v.panel
	v.row = r
	if r.create != "" {
		v.showCreate(r.create)
		return
	}
	c := r.code
	moved := setVisible(v.add, false)
	moved = setVisible(v.swatch, true) || moved
	moved = setVisible(v.more, true) || moved
	moved = setVisible(v.count, true) || moved

	v.check.OnChanged = nil // SetChecked would call it
	v.check.SetChecked(p.checked[c.ID])
	v.check.OnChanged = func(on bool) { p.setChecked(c.ID, on) }
	moved = setVisible(v.check, p.selecting) || moved

	if w := float32(16 * p.depth[c.ID]); v.indent.MinSize().Width != w {
		v.indent.SetMinSize(fyne.NewSize(w, 1))
		moved = true
	}
	moved = setVisible(v.indent, p.depth[c.ID] > 0) || moved
	moved = setVisible(v.foldSlot, p.nested) || moved
	filtering := len(p.filter.Text) > 0
	setVisible(v.fold, p.children[c.ID] > 0 && !filtering)
	icon := theme.MenuDropDownIcon()
	if p.collapsed[c.ID] {
		icon = theme.MenuExpandIcon()
	}
	if v.fold.Resource.Name() != icon.Name() {
		v.fold.SetResource(icon)
	}

	if col := parseColor(c.Color); v.swatch.FillColor != col {
		v.swatch.FillColor = col
		v.swatch.Refresh()
	}
	v.name.setName(c.Name, r.match)
	moved = v.key.show(p.keyOf[c.ID]) || moved
	count := strconv.Itoa(c.Codings)
	if p.children[c.ID] > 0 {
		count = fmt.Sprintf("%d · %d", c.Codings, p.total[c.ID])
	}
	if v.count.Text != count {
		v.count.SetText(count)
		moved = true
	}
	v.more.OnTapped = func() { p.onMenu(c, v.more) }
	if moved {
		v.relayout()
	}
}

func (v *codeRowView) showCreate(name string) {
	moved := false
	for _, o := range []fyne.CanvasObject{v.check, v.indent, v.fold, v.swatch, v.count, v.more} {
		moved = setVisible(o, false) || moved
	}
	moved = setVisible(v.foldSlot, v.panel.nested) || moved
	moved = setVisible(v.add, true) || moved
	moved = v.key.show(0) || moved
	v.name.setName(lang.L("Create code “{{.Name}}”", args{"Name": name}), true)
	if moved {
		v.relayout()
	}
}

// relayout lays the row's parts out again, without redrawing them all.
func (v *codeRowView) relayout() {
	v.box.Layout.Layout(v.box.Objects, v.box.Size())
	for _, c := range []*fyne.Container{v.left, v.right} {
		c.Layout.Layout(c.Objects, c.Size())
	}
}

// setVisible shows or hides o and tells whether that changed anything.
func setVisible(o fyne.CanvasObject, on bool) bool {
	if o.Visible() == on {
		return false
	}
	if on {
		o.Show()
	} else {
		o.Hide()
	}
	canvas.Refresh(o)
	return true
}

// tapIcon is an icon that does something when tapped: the disclosure
// triangle of a code with sub-codes.
type tapIcon struct {
	widget.Icon
	onTapped func()
}

func newTapIcon(res fyne.Resource, onTapped func()) *tapIcon {
	t := &tapIcon{onTapped: onTapped}
	t.Resource = res
	t.ExtendBaseWidget(t)
	return t
}

// Tapped is part of fyne.Tappable.
func (t *tapIcon) Tapped(*fyne.PointEvent) {
	if t.onTapped != nil {
		t.onTapped()
	}
}

// keyCap shows a code's digit key as a small key top.
type keyCap struct {
	box   *fyne.Container
	frame *canvas.Rectangle
	digit *canvas.Text
}

func newKeyCap() *keyCap {
	k := &keyCap{frame: canvas.NewRectangle(color.Transparent), digit: canvas.NewText("", color.Black)}
	k.frame.CornerRadius = 4
	k.frame.StrokeWidth = 1
	k.frame.SetMinSize(fyne.NewSize(20, 22))
	k.digit.TextStyle = fyne.TextStyle{Bold: true}
	k.digit.Alignment = fyne.TextAlignCenter
	k.box = container.NewCenter(container.NewStack(k.frame, container.NewCenter(k.digit)))
	k.box.Hide()
	return k
}

// show shows key (1–9); 0 hides the key top. It tells whether the key top
// appeared or went.
func (k *keyCap) show(key int) bool {
	if key == 0 {
		return setVisible(k.box, false)
	}
	k.frame.StrokeColor = theme.Color(theme.ColorNameForeground)
	k.frame.FillColor = theme.Color(theme.ColorNameInputBackground)
	k.digit.Color = theme.Color(theme.ColorNameForeground)
	k.digit.TextSize = theme.CaptionTextSize() + 1
	k.digit.Text = strconv.Itoa(key)
	shown := setVisible(k.box, true)
	k.frame.Refresh()
	k.digit.Refresh()
	return shown
}

// codeName is a code's name, cut short with an ellipsis when the panel is
// narrow; hovering it shows the full name. Fyne's stock widgets have no
// tooltips, hence this.
type codeName struct {
	widget.Label
	tip *tipLayer
}

func newCodeName(tip *tipLayer) *codeName {
	n := &codeName{tip: tip}
	n.ExtendBaseWidget(n)
	return n
}

// setName shows a name; a name shown only for context is dimmed.
func (n *codeName) setName(s string, strong bool) {
	imp := widget.MediumImportance
	if !strong {
		imp = widget.LowImportance
	}
	if n.Text == s && n.Importance == imp {
		return
	}
	n.Importance = imp
	n.Text = s
	n.Truncation = n.truncation(n.Size().Width)
	n.Refresh()
}

// Resize cuts the name short, or no longer, for the new width.
func (n *codeName) Resize(size fyne.Size) {
	if t := n.truncation(size.Width); t != n.Truncation {
		n.Truncation = t
		n.Label.Resize(size)
		n.Refresh()
		return
	}
	n.Label.Resize(size)
}

// truncation is the ellipsis when the name does not fit width, and none
// when it does: a label that truncates shapes its text again at every
// refresh, which a list refreshing every row at every keystroke feels.
func (n *codeName) truncation(width float32) fyne.TextTruncation {
	if width > 0 && !n.wider(width) {
		return fyne.TextTruncateOff
	}
	return fyne.TextTruncateEllipsis
}

// wider tells whether the whole name is wider than width.
func (n *codeName) wider(width float32) bool {
	w := fyne.MeasureText(n.Text, theme.TextSize(), n.TextStyle).Width
	return w+2*theme.InnerPadding() > width
}

// truncated tells whether the name is cut short.
func (n *codeName) truncated() bool { return n.wider(n.Size().Width) }

// MouseIn shows the full name of a name cut short.
func (n *codeName) MouseIn(*desktop.MouseEvent) {
	if n.truncated() {
		n.tip.showSoon(n.Text, n)
	}
}

// MouseMoved is part of desktop.Hoverable.
func (n *codeName) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the full name.
func (n *codeName) MouseOut() { n.tip.hide() }

// tipDelay is how long the pointer rests on a name before its tip shows.
var tipDelay = 400 * time.Millisecond

// tipLayer draws a tooltip over the codebook panel. It lies in the panel's
// own stack rather than in a pop-up: a Fyne pop-up takes every tap and
// hover of the window while it shows, and a tooltip must take none. Its
// objects are neither tappable nor hoverable, so events pass through. It is
// drawn inverted (foreground colour behind background-coloured text), as
// tooltips are, so that it is not taken for an entry.
type tipLayer struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	text  *widget.RichText
	gen   int // counts shows and hides, so a late timer knows it is stale
}

func newTipLayer() *tipLayer {
	t := &tipLayer{bg: canvas.NewRectangle(color.Transparent), text: widget.NewRichText()}
	t.bg.CornerRadius = 4
	t.text.Wrapping = fyne.TextWrapWord
	t.layer = container.NewWithoutLayout(t.bg, t.text)
	t.bg.Hide()
	t.text.Hide()
	return t
}

// showSoon shows text under obj once the pointer has rested there.
func (t *tipLayer) showSoon(text string, obj fyne.CanvasObject) {
	t.gen++
	gen := t.gen
	if tipDelay <= 0 {
		t.show(text, obj)
		return
	}
	time.AfterFunc(tipDelay, func() {
		onUI(func() {
			if t.gen == gen {
				t.show(text, obj)
			}
		})
	})
}

// show puts the tip under obj (over it when there is no room below), as
// wide as the panel, wrapped.
func (t *tipLayer) show(text string, obj fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(t.layer))
	pad := theme.Padding()
	width := t.layer.Size().Width - 2*pad
	if width <= 0 {
		return
	}
	t.text.Segments = []widget.RichTextSegment{&widget.TextSegment{
		Text:  text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNameBackground, Inline: true},
	}}
	t.text.Refresh()
	t.text.Resize(fyne.NewSize(width, 1))
	h := t.text.MinSize().Height
	y := at.Y + obj.Size().Height
	if y+h > t.layer.Size().Height {
		y = max(at.Y-h, 0)
	}
	t.bg.FillColor = theme.Color(theme.ColorNameForeground)
	t.bg.Move(fyne.NewPos(pad, y))
	t.bg.Resize(fyne.NewSize(width, h))
	t.text.Move(fyne.NewPos(pad, y))
	t.text.Resize(fyne.NewSize(width, h))
	t.bg.Show()
	t.text.Show()
	t.layer.Refresh()
}

// hide hides the tip, and one about to show.
func (t *tipLayer) hide() {
	t.gen++
	t.bg.Hide()
	t.text.Hide()
}

// shown is the text of the tip on screen, "" for none.
func (t *tipLayer) shown() string {
	if !t.text.Visible() {
		return ""
	}
	return t.text.String()
}
