package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/report"
)

// exportDialog is File > Export quotes… and File > Reports…: what to write
// (the kind of report and its format), which coded quotes (the filters),
// how (context, citations, pseudonyms), a live count of what will be
// written, and Export.
type exportDialog struct {
	w       *MainWindow
	choices *exportChoices
	dialog  *dialog.CustomDialog
	reports bool // Reports…: the kind is chosen; Export quotes… writes the quote table

	kind    *widget.Select // nil in Export quotes…
	format  *widget.Select
	formats []export.Format // the formats format lists, in its order
	lang    *widget.Select

	codes, documents, people, attributes, coders *checklist
	subCodes, keyOnly, interviewers              *widget.Check
	query                                        *widget.Entry
	queryNote                                    *widget.Label

	filterTabs *container.AppTabs // a tab per checklist the kind uses
	tabs       []*filterTab
	noFilters  *widget.Label // in place of the tabs, for a kind without filters

	maxPerCode             *widget.Entry
	keyFirst, breadth      *widget.Check
	nameAttributes         *widget.CheckGroup
	by                     *widget.Select
	sameTurn               *widget.Check
	context                *widget.RadioGroup
	citation, title        *widget.Entry
	pseudonyms             *widget.Check
	editPseudonyms         *widget.Button
	count                  *widget.Label
	exportButton, closeBtn *widget.Button

	// parts holds the widgets of each filter and option, shown for the
	// kinds of report they change.
	parts map[part][]fyne.CanvasObject

	counting    chan struct{} // closed when the count of the latest change is shown
	cancelCount context.CancelFunc
	generation  int           // counts changes; a count of an older one is dropped
	writing     chan struct{} // closed when the last export has ended
	fileDialog  *dialog.FileDialog
	result      *exportResult // what the last export wrote
}

// onExportQuotes is File > Export quotes…: the coded quotes as a table.
func (w *MainWindow) onExportQuotes() { w.openExport(false) }

// onReports is File > Reports…: the principle report and the others.
func (w *MainWindow) onReports() { w.openExport(true) }

// openExport shows the export dialog, for reports or for the quote table.
func (w *MainWindow) openExport(reports bool) *exportDialog {
	e, err := newExportDialog(w, reports)
	if err != nil {
		w.showError(err)
		return nil
	}
	e.dialog.Resize(fyne.NewSize(1040, 700))
	e.dialog.Show()
	e.recount()
	return e
}

// contextNames are the choices of context around each quote.
var contextNames = []string{textKey("none"), textKey("the sentence"), textKey("the whole turn")}

// contextUnits are what contextNames stand for, in their order.
var contextUnits = []report.ContextUnit{report.NoContext, report.SentenceContext, report.TurnContext}

var langNames = []string{"Nederlands", "English"}
var langCodes = map[string]string{"Nederlands": "nl", "English": "en"}

// newExportDialog reads what the filters offer from the project and
// builds the dialog, not shown yet.
func newExportDialog(w *MainWindow, reports bool) (*exportDialog, error) {
	ctx := background()
	choices, err := loadExportChoices(ctx, w.project)
	if err != nil {
		return nil, err
	}
	e := &exportDialog{w: w, choices: choices, reports: reports, parts: map[part][]fyne.CanvasObject{}}
	if reports {
		e.kind = widget.NewSelect(kindNames(), nil)
		e.kind.SetSelectedIndex(0)
		e.kind.OnChanged = func(string) { e.onKindChanged() }
	}
	e.format = widget.NewSelect(nil, nil)
	e.lang = widget.NewSelect(langNames, nil)
	e.lang.SetSelected(langNames[1])
	if choices.lang == "nl" {
		e.lang.SetSelected(langNames[0])
	}

	e.makeFilters()
	e.makeOptions()
	if err := e.showPseudonymCount(); err != nil {
		return nil, err
	}

	e.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.count.Wrapping = fyne.TextWrapWord
	e.exportButton = widget.NewButton(lang.L("Export…"), e.onExportTapped)
	e.exportButton.Importance = widget.HighImportance
	e.closeBtn = widget.NewButton(lang.L("Close"), e.onClose)

	title := lang.L("Export coded quotes")
	if reports {
		title = lang.L("Reports")
	}
	e.dialog = dialog.NewCustomWithoutButtons(title, e.layout(), w.win)
	e.dialog.SetButtons([]fyne.CanvasObject{e.closeBtn, e.exportButton})
	e.dialog.SetOnClosed(e.onClosed)
	e.watchIndex()
	e.showKind()
	return e, nil
}

// makeFilters makes the filters' widgets; each change counts again.
func (e *exportDialog) makeFilters() {
	choices := e.choices
	changed := func() {
		e.showTicked()
		e.recount()
	}
	hint := lang.L("None ticked takes all; tick to take only these.")
	e.codes = newChecklist(hint, lang.L("The codebook is empty."), choices.codeItems(), changed)
	e.subCodes = widget.NewCheck(lang.L("include sub-codes"), func(bool) { e.recount() })
	e.documents = newChecklist(hint, lang.L("No documents yet."), choices.documentItems(), changed)
	e.people = newChecklist(lang.L("Participants and speaker labels; none ticked takes all."), lang.L("No speakers yet."), choices.peopleItems(), changed)
	e.attributes = newChecklist(lang.L("Several values of one attribute take any of them."), lang.L("No participant or document attributes yet."), choices.attributeItems(), changed)
	e.coders = newChecklist(hint, "", stringItems(choices.coders), changed)
	e.keyOnly = widget.NewCheck(lang.L("key quotes only"), func(bool) { e.recount() })
	interviewers := lang.L("leave out interviewers")
	if e.reports {
		// Reports count and quote the interviewees unless asked, as the
		// command line does.
		interviewers = lang.L("with interviewers")
	}
	e.interviewers = widget.NewCheck(interviewers, func(bool) { e.recount() })
	e.query = widget.NewEntry()
	e.query.SetPlaceHolder(`only what a search finds, e.g. leren OR delen`)
	e.query.OnChanged = func(string) { e.recount() }
	e.queryNote = widget.NewLabel("")
	e.queryNote.Importance = widget.LowImportance
	e.queryNote.Wrapping = fyne.TextWrapWord
}

// makeOptions makes the widgets of the options; those that change what
// can be written count again.
func (e *exportDialog) makeOptions() {
	choices := e.choices
	e.maxPerCode = widget.NewEntry()
	e.maxPerCode.SetPlaceHolder(lang.L("all"))
	e.maxPerCode.OnChanged = func(string) { e.recount() }
	e.keyFirst = widget.NewCheck(lang.L("key quotes first"), nil)
	e.breadth = widget.NewCheck(lang.L("one per participant first"), nil)
	e.nameAttributes = widget.NewCheckGroup(choices.caseKeys, nil)
	e.nameAttributes.Horizontal = true
	e.nameAttributes.SetSelected(choices.caseKeys)
	e.by = widget.NewSelect(e.byOptions(), nil)
	e.by.SetSelectedIndex(0)
	e.sameTurn = widget.NewCheck(lang.L("same turn instead of overlapping codings"), nil)
	contexts := make([]string, len(contextNames))
	for i, n := range contextNames {
		contexts[i] = translated(n)
	}
	e.context = widget.NewRadioGroup(contexts, nil)
	e.context.Horizontal = true
	e.context.SetSelected(contexts[0])
	e.context.Required = true
	e.citation = widget.NewEntry()
	e.citation.SetPlaceHolder(report.DefaultCitation + "  " + lang.L("(the default)"))
	e.title = widget.NewEntry()
	e.title.SetPlaceHolder(lang.L("the report's own title"))
	e.pseudonyms = widget.NewCheck("", nil)
	e.editPseudonyms = widget.NewButton(lang.L("Edit pseudonyms…"), e.onEditPseudonyms)
}

// currentFormat is the format chosen.
func (e *exportDialog) currentFormat() export.Format {
	if i := e.format.SelectedIndex(); i >= 0 && i < len(e.formats) {
		return e.formats[i]
	}
	return ""
}

// showPseudonymCount says on the pseudonyms switch how many names are
// listed.
func (e *exportDialog) showPseudonymCount() error {
	list, err := e.w.project.Pseudonyms(background())
	if err != nil {
		return err
	}
	e.pseudonyms.Text = plural("on ({{.Count}} names listed)", len(list))
	e.pseudonyms.Refresh()
	return nil
}

// onEditPseudonyms opens Edit > Pseudonyms… over the export dialog.
func (e *exportDialog) onEditPseudonyms() {
	e.w.openPseudonyms(func() {
		if err := e.showPseudonymCount(); err != nil {
			e.w.showError(err)
		}
	})
}

func (e *exportDialog) onCitationHelp() {
	text := widget.NewLabel(report.CitationHelp)
	dialog.ShowCustom(lang.L("Citation styles"), lang.L("Close"), text, e.w.win)
}

// watchIndex disables the search filter, with a note, until the search
// index is ready.
func (e *exportDialog) watchIndex() {
	ready := e.w.index.ready
	if ready != nil {
		select {
		case <-ready:
		default:
			e.query.Disable()
			e.queryNote.SetText(lang.L("The search index is being prepared; the search filter becomes available when it is ready."))
			go func() {
				<-ready
				onUI(e.onIndexReady)
			}()
			return
		}
	}
	e.onIndexReady()
}

func (e *exportDialog) onIndexReady() {
	if e.w.index.ix == nil {
		e.query.Disable()
		msg := lang.L("Search is not available.")
		if e.w.index.err != nil {
			msg = lang.L("Search is not available: {{.Err}}", args{"Err": errorText(e.w.index.err)})
		}
		e.queryNote.SetText(msg)
		return
	}
	// Ready: the placeholder says enough, and the space goes to the
	// options.
	e.query.Enable()
	e.queryNote.Hide()
}

func (e *exportDialog) onClose() { e.dialog.Hide() }

// onClosed stops a count still running.
func (e *exportDialog) onClosed() {
	if e.cancelCount != nil {
		e.cancelCount()
	}
}
