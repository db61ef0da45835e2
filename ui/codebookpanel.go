package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// codebookPanel lists the code tree with colours and counts.
type codebookPanel struct {
	box   fyne.CanvasObject
	list  *widget.List
	codes []model.Code
	depth map[int64]int
}

func newCodebookPanel(onChoose func(model.Code), onNew func(), onMenu func(c model.Code, at fyne.CanvasObject)) *codebookPanel {
	p := &codebookPanel{depth: map[int64]int{}}
	p.list = widget.NewList(
		func() int { return len(p.codes) },
		func() fyne.CanvasObject {
			swatch := canvas.NewRectangle(color.Gray{})
			swatch.SetMinSize(fyne.NewSize(14, 14))
			swatch.CornerRadius = 3
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			count := widget.NewLabel("")
			indent := canvas.NewRectangle(color.Transparent)
			more := widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
			more.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, container.NewHBox(indent, container.NewCenter(swatch)), container.NewHBox(count, more), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := p.codes[i]
			box := o.(*fyne.Container)
			name := box.Objects[0].(*widget.Label)
			left := box.Objects[1].(*fyne.Container)
			right := box.Objects[2].(*fyne.Container)
			count := right.Objects[0].(*widget.Label)
			more := right.Objects[1].(*widget.Button)
			more.OnTapped = func() { onMenu(c, more) }
			name.SetText(c.Name)
			count.SetText(fmt.Sprint(c.Codings))
			swatch := left.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			swatch.FillColor = parseColor(c.Color)
			swatch.Refresh()
			left.Objects[0].(*canvas.Rectangle).SetMinSize(fyne.NewSize(float32(16*p.depth[c.ID]), 1))
			left.Refresh()
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.codes) {
			onChoose(p.codes[i])
		}
		p.list.UnselectAll()
	}
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), onNew)
	p.box = container.NewBorder(container.NewBorder(nil, nil, nil, add, heading("Codes")), nil, nil, nil, p.list)
	return p
}

func (p *codebookPanel) set(codes []model.Code) {
	p.codes = codes
	for _, c := range codes {
		if c.ParentID == 0 {
			p.depth[c.ID] = 0
		} else {
			p.depth[c.ID] = p.depth[c.ParentID] + 1
		}
	}
	p.list.Refresh()
}

// colors maps each code to its colour.
func (p *codebookPanel) colors() map[int64]color.NRGBA {
	m := make(map[int64]color.NRGBA, len(p.codes))
	for _, c := range p.codes {
		m[c.ID] = parseColor(c.Color)
	}
	return m
}
