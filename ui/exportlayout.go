package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model/report"
)

// filterTab is one tab of the export dialog's filters: a checklist, and
// the part of a report it is.
type filterTab struct {
	part  part
	title string
	list  *checklist
	item  *container.TabItem
}

// layout puts the dialog together: what to write at the top; the filters
// on the left, a tab per list so that each can be long; the options on
// the right; the count at the bottom. It fits a dialog in a 1200×760
// window without scrolling, except within a list.
func (e *exportDialog) layout() fyne.CanvasObject {
	top := container.New(layout.NewFormLayout())
	if e.kind != nil {
		top.Add(widget.NewLabel(lang.L("Report")))
		top.Add(e.kind)
	}
	top.Add(widget.NewLabel(lang.L("Format")))
	top.Add(container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.L("Headings in")), e.lang), e.format))

	tab := func(p part, title string, list *checklist, content fyne.CanvasObject) {
		t := &filterTab{part: p, title: title, list: list, item: container.NewTabItem(title, content)}
		e.tabs = append(e.tabs, t)
	}
	tab(partCodes, lang.L("Codes"), e.codes, container.NewBorder(nil, e.subCodes, nil, nil, e.codes.view))
	tab(partDocuments, lang.L("Documents"), e.documents, e.documents.view)
	tab(partPeople, lang.L("Participants"), e.people, e.people.view)
	tab(partAttributes, lang.L("Attributes"), e.attributes, e.attributes.view)
	if len(e.choices.coders) > 1 { // one coder: nothing to choose
		tab(partCoders, lang.L("Coders"), e.coders, e.coders.view)
	}
	e.filterTabs = container.NewAppTabs()
	e.noFilters = widget.NewLabel(lang.L("This report takes no filters: it writes everything of its kind."))
	e.noFilters.Wrapping = fyne.TextWrapWord
	e.noFilters.Importance = widget.LowImportance
	filters := container.NewBorder(heading(lang.L("Filters")), nil, nil, nil, container.NewStack(e.filterTabs, e.noFilters))

	opts := container.New(layout.NewFormLayout())
	row := func(p part, label string, obj fyne.CanvasObject) {
		l := widget.NewLabel(label)
		opts.Add(l)
		opts.Add(obj)
		e.register(p, l, obj)
	}
	row(partQuery, lang.L("Search"), container.NewBorder(nil, e.queryNote, nil, nil, e.query))
	row(partKeyOnly, lang.L("Key quotes"), e.keyOnly)
	row(partInterviewers, lang.L("Interviewers"), e.interviewers)
	maxBox := container.NewGridWrap(fyne.NewSize(80, e.maxPerCode.MinSize().Height), e.maxPerCode)
	row(partMaxPerCode, lang.L("Quotes per code"), container.NewHBox(widget.NewLabel(lang.L("at most")), maxBox))
	row(partKeyFirst, lang.L("Order"), container.NewVBox(e.keyFirst, e.breadth))
	if len(e.choices.caseKeys) > 0 {
		row(partNameAttributes, lang.L("Attributions name"), e.nameAttributes)
	}
	row(partBy, lang.L("Codes by"), e.by)
	row(partSameTurn, lang.L("Co-occurrence"), e.sameTurn)
	row(partContext, lang.L("Context"), e.context)
	help := widget.NewButton("?", e.onCitationHelp)
	row(partCitation, lang.L("Citation style"), container.NewBorder(nil, nil, nil, help, e.citation))
	opts.Add(widget.NewLabel(lang.L("Title")))
	opts.Add(e.title)
	opts.Add(widget.NewLabel(lang.L("Pseudonyms")))
	opts.Add(container.NewBorder(nil, nil, nil, e.editPseudonyms, e.pseudonyms))
	options := container.NewBorder(heading(lang.L("Options")), nil, nil, nil, container.NewVScroll(opts))

	return container.NewBorder(top, e.count, nil, nil, container.NewGridWithColumns(2, filters, options))
}

// register files objects under a part, to be shown for the kinds that use
// it.
func (e *exportDialog) register(p part, objs ...fyne.CanvasObject) {
	e.parts[p] = append(e.parts[p], objs...)
}

func (e *exportDialog) onKindChanged() {
	e.showKind()
	e.recount()
}

// showKind offers the kind's formats (keeping the one chosen where the
// kind has it), and shows the filters and options it uses.
func (e *exportDialog) showKind() {
	kind := e.currentKind()
	was := e.currentFormat()
	e.formats = report.Formats(kind)
	names := make([]string, len(e.formats))
	at := 0
	for i, f := range e.formats {
		names[i] = formatName(f)
		if f == was {
			at = i
		}
	}
	e.format.SetOptions(names)
	e.format.SetSelectedIndex(at)

	parts := kindInfos[kind].parts
	for p, objs := range e.parts {
		for _, o := range objs {
			if parts&p != 0 {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	selected := e.filterTabs.Selected()
	var items []*container.TabItem
	for _, t := range e.tabs {
		if parts&t.part != 0 {
			items = append(items, t.item)
		}
	}
	e.filterTabs.SetItems(items)
	if slices.Contains(items, selected) {
		e.filterTabs.Select(selected)
	}
	if len(items) == 0 {
		e.filterTabs.Hide()
		e.noFilters.Show()
	} else {
		e.noFilters.Hide()
		e.filterTabs.Show()
	}
}

// showTicked puts in each tab's title how many of its rows are ticked, so
// that filters in other tabs are not forgotten.
func (e *exportDialog) showTicked() {
	for _, t := range e.tabs {
		title := t.title
		if n := len(t.list.selected()); n > 0 {
			title = fmt.Sprintf("%s (%d)", t.title, n)
		}
		t.item.Text = title
	}
	e.filterTabs.Refresh()
}

// byOptions are what a matrix crosses the codes with: the documents, the
// participants, or an attribute's values.
func (e *exportDialog) byOptions() []string {
	opts := []string{lang.L("document"), lang.L("participant")}
	for _, k := range e.choices.allKeys {
		opts = append(opts, lang.L("attribute: {{.Name}}", args{"Name": k}))
	}
	return opts
}

func (e *exportDialog) currentKind() report.Kind {
	if e.kind == nil {
		return report.QuoteTable
	}
	if k, ok := kindNamed(e.kind.Selected); ok {
		return k
	}
	return report.Kinds[0]
}
