package ui

import (
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"codeberg.org/verbatim/verbatim/model"
)

// codebookPanel lists the code tree: colour, name, digit key, counts and a
// menu per code. Parents fold and unfold; the filter above the list narrows
// it while coding, applies the first match on Enter and offers to create a
// code that does not exist yet; in select mode several codes are ticked to
// move or merge them at once.
type codebookPanel struct {
	box          fyne.CanvasObject
	list         *widget.List
	filter       *filterEntry
	selectButton *widget.Button
	selectBar    *fyne.Container // shown in select mode
	picked       *widget.Label
	moveButton   *widget.Button
	mergeButton  *widget.Button
	tip          *tipLayer
	rowViews     []*codeRowView // every row the list made, to find one by position

	codes     []model.Code   // the whole codebook, in tree order
	rows      []codeListRow  // what the list shows
	depth     map[int64]int  // 0 for a top-level code
	total     map[int64]int  // codings of a code and all its sub-codes
	children  map[int64]int  // number of direct sub-codes
	folded    []string       // codes[i].Name folded for the filter
	nested    bool           // some code has sub-codes
	collapsed map[int64]bool // remembered while the window is open
	keyOf     map[int64]int  // a code's digit key
	codeOfKey map[int]int64
	selecting bool
	checked   map[int64]bool

	onChoose func(model.Code)
	onMenu   func(c model.Code, at fyne.CanvasObject)
	// Set by the window (wireCodebook) once it can act on them.
	onCreate func(name string)        // the filter's "Create code" row
	onMove   func(codes []model.Code) // select mode's Move under…
	onMerge  func(codes []model.Code) // select mode's Merge into…
	loadKeys func() map[int]int64     // the digit keys, key → code ID
}

// codeListRow is one row of the list: a code, or the offer to create one.
type codeListRow struct {
	code   model.Code
	match  bool   // false for a parent shown only as the context of a match
	create string // for the "Create code" row: the name offered
}

func newCodebookPanel(onChoose func(model.Code), onNew func(), onMenu func(c model.Code, at fyne.CanvasObject)) *codebookPanel {
	p := &codebookPanel{
		onChoose:  onChoose,
		onMenu:    onMenu,
		collapsed: map[int64]bool{},
		checked:   map[int64]bool{},
		keyOf:     map[int64]int{},
		codeOfKey: map[int]int64{},
		tip:       newTipLayer(),
	}
	p.list = widget.NewList(
		func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			v := newCodeRowView(p)
			p.rowViews = append(p.rowViews, v)
			return v
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*codeRowView).show(p.rows[i]) })
	p.list.OnSelected = p.onRowSelected
	p.filter = newFilterEntry()
	p.filter.PlaceHolder = lang.L("Find or create a code…")
	p.filter.OnChanged = func(string) { p.onFilterChanged() }
	p.filter.OnSubmitted = func(string) { p.onFilterSubmitted() }
	p.filter.onEscape = p.clearFilter

	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), onNew)
	p.selectButton = widget.NewButton(lang.L("Select"), func() { p.setSelecting(!p.selecting) })
	p.selectButton.Importance = widget.LowImportance
	p.picked = widget.NewLabel("")
	p.moveButton = widget.NewButton(lang.L("Move under…"), func() { p.onMove(p.checkedCodes()) })
	p.mergeButton = widget.NewButton(lang.L("Merge into…"), func() { p.onMerge(p.checkedCodes()) })
	p.selectBar = container.NewVBox(p.picked, container.NewGridWithColumns(2, p.moveButton, p.mergeButton))
	p.selectBar.Hide()

	header := container.NewBorder(nil, nil, nil, container.NewHBox(p.selectButton, add), heading(lang.L("Codes")))
	body := container.NewBorder(container.NewVBox(header, p.filter), p.selectBar, nil, nil, p.list)
	p.box = container.NewStack(body, p.tip.layer)
	p.updateSelectBar()
	return p
}

// set shows the codebook as read from the project (in tree order).
func (p *codebookPanel) set(codes []model.Code) {
	p.codes = codes
	p.depth = make(map[int64]int, len(codes))
	p.total = make(map[int64]int, len(codes))
	p.children = make(map[int64]int, len(codes))
	p.folded = make([]string, len(codes))
	p.nested = false
	for i, c := range codes {
		p.folded[i] = foldName(c.Name)
		if c.ParentID != 0 {
			p.depth[c.ID] = p.depth[c.ParentID] + 1
			p.children[c.ParentID]++
			p.nested = true
		}
	}
	// Children come after their parents: summing backwards rolls every
	// count up the tree in one pass.
	for i := len(codes) - 1; i >= 0; i-- {
		c := codes[i]
		p.total[c.ID] += c.Codings
		if c.ParentID != 0 {
			p.total[c.ParentID] += p.total[c.ID]
		}
	}
	for id := range p.checked {
		if _, ok := p.depth[id]; !ok {
			delete(p.checked, id) // merged or deleted
		}
	}
	if p.loadKeys != nil {
		p.setKeys(p.loadKeys())
	}
	p.update()
	p.updateSelectBar()
	p.list.Refresh()
}

// setKeys shows which digit key applies which code.
func (p *codebookPanel) setKeys(keys map[int]int64) {
	p.codeOfKey = keys
	p.keyOf = make(map[int64]int, len(keys))
	for k, id := range keys {
		p.keyOf[id] = k
	}
}

// code finds a code of the codebook by its ID.
func (p *codebookPanel) code(id int64) (model.Code, bool) {
	for _, c := range p.codes {
		if c.ID == id {
			return c, true
		}
	}
	return model.Code{}, false
}

// update works out the rows: without a filter, the tree less the sub-codes
// of collapsed codes; with one, the matching codes with their parents for
// context (collapsing set aside), and the offer to create the name typed
// unless a code has exactly that name.
func (p *codebookPanel) update() {
	p.tip.hide() // the row under it may show another code now
	p.rows = p.rows[:0]
	typed := strings.Join(strings.Fields(p.filter.Text), " ")
	q := foldName(typed)
	if q == "" {
		hideBelow := -1 // rows deeper than this are inside a collapsed code
		for _, c := range p.codes {
			d := p.depth[c.ID]
			if hideBelow >= 0 && d > hideBelow {
				continue
			}
			hideBelow = -1
			p.rows = append(p.rows, codeListRow{code: c, match: true})
			if p.collapsed[c.ID] && p.children[c.ID] > 0 {
				hideBelow = d
			}
		}
		return
	}
	const (
		hidden = iota
		asContext
		match
	)
	state := make([]uint8, len(p.codes))
	var path []int // indexes of the current code's ancestors, by depth
	exact := false
	for i, c := range p.codes {
		d := p.depth[c.ID]
		path = append(path[:min(d, len(path))], i)
		if !strings.Contains(p.folded[i], q) {
			continue
		}
		exact = exact || p.folded[i] == q
		state[i] = match
		for j := len(path) - 2; j >= 0 && state[path[j]] == hidden; j-- {
			state[path[j]] = asContext
		}
	}
	for i, c := range p.codes {
		if state[i] != hidden {
			p.rows = append(p.rows, codeListRow{code: c, match: state[i] == match})
		}
	}
	if !exact {
		p.rows = append(p.rows, codeListRow{create: typed})
	}
}

// foldName is a name as the filter compares it: lower case, without
// accents ("Coöperatie" is found by "coop").
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func (p *codebookPanel) onFilterChanged() {
	p.update()
	p.list.Refresh()
	p.list.ScrollToTop()
}

// onFilterSubmitted applies the first code that matches the filter, or,
// when none does, creates the code typed.
func (p *codebookPanel) onFilterSubmitted() {
	if strings.TrimSpace(p.filter.Text) == "" {
		return
	}
	for _, r := range p.rows {
		switch {
		case r.create != "":
			p.onCreate(r.create)
			return
		case r.match:
			p.onChoose(r.code)
			return
		}
	}
}

// clearFilter empties the filter and gives the keys back to the window, so
// that digits apply codes again.
func (p *codebookPanel) clearFilter() {
	p.filter.SetText("")
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.filter); c != nil && c.Focused() == p.filter {
		c.Unfocus()
	}
}

// onRowSelected acts on a tapped row: applies the code, ticks it in select
// mode, or creates the code offered.
func (p *codebookPanel) onRowSelected(i widget.ListItemID) {
	p.list.UnselectAll()
	// A tapped list takes the keyboard focus, and a list swallows typed
	// characters: let them go to the window so that digits apply codes.
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.list); c != nil && c.Focused() == p.list {
		c.Unfocus()
	}
	if i < 0 || i >= len(p.rows) {
		return
	}
	switch r := p.rows[i]; {
	case r.create != "":
		p.onCreate(r.create)
	case p.selecting:
		p.setChecked(r.code.ID, !p.checked[r.code.ID])
		p.list.RefreshItem(i)
	default:
		p.onChoose(r.code)
	}
}

// toggleCollapsed folds or unfolds a code's sub-codes.
func (p *codebookPanel) toggleCollapsed(id int64) {
	if p.collapsed[id] {
		delete(p.collapsed, id)
	} else {
		p.collapsed[id] = true
	}
	p.update()
	p.list.Refresh()
}

// setSelecting switches select mode, where tapping a row ticks it.
func (p *codebookPanel) setSelecting(on bool) {
	p.selecting = on
	clear(p.checked)
	if on {
		p.selectButton.SetText(lang.L("Done"))
		p.selectBar.Show()
	} else {
		p.selectButton.SetText(lang.L("Select"))
		p.selectBar.Hide()
	}
	p.updateSelectBar()
	p.list.Refresh()
}

func (p *codebookPanel) setChecked(id int64, on bool) {
	if on {
		p.checked[id] = true
	} else {
		delete(p.checked, id)
	}
	p.updateSelectBar()
}

func (p *codebookPanel) updateSelectBar() {
	n := len(p.checked)
	switch n {
	case 0:
		p.picked.SetText(lang.L("Tick the codes to move or merge."))
	default:
		p.picked.SetText(plural("{{.Count}} codes ticked.", n))
	}
	for _, b := range []*widget.Button{p.moveButton, p.mergeButton} {
		if n == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// checkedCodes are the ticked codes in tree order.
func (p *codebookPanel) checkedCodes() []model.Code {
	var out []model.Code
	for _, c := range p.codes {
		if p.checked[c.ID] {
			out = append(out, c)
		}
	}
	return out
}

// colors maps each code to its colour.
func (p *codebookPanel) colors() map[int64]color.NRGBA {
	m := make(map[int64]color.NRGBA, len(p.codes))
	for _, c := range p.codes {
		m[c.ID] = parseColor(c.Color)
	}
	return m
}

// filterEntry is the filter box: an entry that Escape empties.
type filterEntry struct {
	widget.Entry
	onEscape func()
}

func newFilterEntry() *filterEntry {
	e := &filterEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey empties the filter on Escape.
func (e *filterEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
