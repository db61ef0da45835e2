package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// documentsPanel lists the project's documents with their counts. Its
// selection is the document shown: the window sets it with show whenever
// that changes, so that it never highlights one document while the
// transcript shows another.
type documentsPanel struct {
	box  fyne.CanvasObject
	list *widget.List
	docs []model.Document

	showing bool // show is selecting: the row is shown already
}

func newDocumentsPanel(onSelect func(model.Document)) *documentsPanel {
	p := &documentsPanel{}
	p.list = widget.NewList(
		func() int { return len(p.docs) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			counts := widget.NewLabel("")
			counts.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(name, counts)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := p.docs[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(d.Name)
			box.Objects[1].(*widget.Label).SetText(plural("{{.Count}} speakers", d.Speakers) + " · " + plural("{{.Count}} codings", d.Codings) + " · " + plural("{{.Count}} characters", d.Chars))
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.docs) && !p.showing {
			onSelect(p.docs[i])
		}
	}
	p.box = p.list // under the window's Documents tab, which names it
	return p
}

// set lists docs. The list keeps its selected row number, which may now be
// another document's: the window calls show after it.
func (p *documentsPanel) set(docs []model.Document) {
	p.docs = docs
	p.list.Refresh()
}

// show selects the row of document id, or none when id is 0 or not listed,
// without reporting it as the user's choice.
func (p *documentsPanel) show(id int64) {
	p.showing = true
	defer func() { p.showing = false }()
	for i, d := range p.docs {
		if d.ID == id {
			p.list.Select(i)
			return
		}
	}
	p.list.UnselectAll()
}

func heading(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}
