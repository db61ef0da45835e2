package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// checkItem is one row of a checklist; Depth indents it under the row
// before (a sub-code under its code).
type checkItem struct {
	Label string
	Depth int
}

// checklist is a scrolling list of ticks: the codes, documents,
// participants or coders an export takes, none ticked meaning all. Where
// a whole project is too long to show, the list scrolls instead of
// growing the dialog.
type checklist struct {
	view   fyne.CanvasObject
	checks []*widget.Check
	clear  *widget.Button

	onChanged func()
	quiet     bool // while setAll ticks many rows: one change, told once
}

func newChecklist(hint, empty string, items []checkItem, onChanged func()) *checklist {
	c := &checklist{onChanged: onChanged}
	rows := container.NewVBox()
	indent := theme.Padding() * 5
	for _, it := range items {
		check := widget.NewCheck(it.Label, func(bool) { c.changed() })
		c.checks = append(c.checks, check)
		rows.Add(container.New(layout.NewCustomPaddedLayout(0, 0, float32(it.Depth)*indent, 0), check))
	}
	if len(items) == 0 {
		note := widget.NewLabel(empty)
		note.Importance = widget.LowImportance
		note.Wrapping = fyne.TextWrapWord
		rows.Add(note)
	}
	// Both directions, so that a long name scrolls rather than widening
	// the dialog.
	scroll := container.NewScroll(rows)
	scroll.SetMinSize(fyne.NewSize(200, 160))
	c.clear = widget.NewButton(lang.L("Clear"), c.onClear)
	c.clear.Importance = widget.LowImportance
	c.clear.Disable()
	note := widget.NewLabel(hint)
	note.Importance = widget.LowImportance
	note.Truncation = fyne.TextTruncateEllipsis
	c.view = container.NewBorder(container.NewBorder(nil, nil, nil, c.clear, note), nil, nil, nil, scroll)
	return c
}

// selected returns the indexes of the rows ticked, in order.
func (c *checklist) selected() []int {
	var out []int
	for i, ch := range c.checks {
		if ch.Checked {
			out = append(out, i)
		}
	}
	return out
}

// setAll ticks or unticks every row.
func (c *checklist) setAll(on bool) {
	c.quiet = true
	for _, ch := range c.checks {
		ch.SetChecked(on)
	}
	c.quiet = false
	c.changed()
}

func (c *checklist) onClear() { c.setAll(false) }

// changed enables Clear while something is ticked, and passes the change on.
func (c *checklist) changed() {
	if c.quiet {
		return
	}
	if len(c.selected()) > 0 {
		c.clear.Enable()
	} else {
		c.clear.Disable()
	}
	if c.onChanged != nil {
		c.onChanged()
	}
}
