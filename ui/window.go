package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
	"codeberg.org/verbatim/verbatim/ui/transcript"
)

// MainWindow is the project window: documents on the left, the transcript
// in the centre, the codebook on the right with the coded segments under it.
type MainWindow struct {
	win        fyne.Window
	project    *model.Project
	documents  *documentsPanel
	codebook   *codebookPanel
	segments   *segmentsPanel // a code's quotes, or the codings under a click
	transcript *transcript.View
	search     *searchPanel
	index      searchIndex
	building   *indexProgress // the index's build, beside the status line
	work       searchWork     // a search or Code all hits running, beside the status line
	title      *widget.Label
	status     *widget.Label
	centre     *fyne.Container   // the transcript
	panels     fyne.CanvasObject // documents, transcript and codebook
	body       *fyne.Container   // the panels, and the search results under them
	results    *container.Split

	opts       Options
	importing  chan struct{}     // closed when the running import ends
	lastImport []importer.Result // the report of the last import
	exchange   exchangeState     // REFI-QDA export and new project (exchange.go)
	integrity  integrityState    // read-only banner, Save a copy (integrity.go)

	doc         model.Document         // the document shown, ID 0 for none
	highlights  []transcript.Highlight // its codings as shown
	recentCodes recentCodes            // applied in this window, for the selection's menu

	analysis *analysisView // the Analysis window, once opened
	dialogs  []shownDialog // the dialogs open through showDialog
	undoMenu *undoMenu     // Edit > Undo and Redo, named for their steps

	recent *fyne.MenuItem // File > Open recent, refilled when a project opens
	memory *windowMemory  // the size, splits and place kept between runs

	memos        *memoPanel         // beside the transcript: its summary, a code's or coding's memo
	participants *participantsPanel // a tab beside the documents
}

// Options are the window's settings that package main decides.
type Options struct {
	// CacheDir is the user cache folder, for the search index and the PDF
	// reader's compiled module; empty means no search.
	CacheDir string
	// OnProjectOpened, if set, is told the path of every project opened or
	// created from the window (for the list of recent projects).
	OnProjectOpened func(path string) error
	// Recent, if set, lists the projects opened lately, newest first, for
	// File > Open recent.
	Recent func() []string
	// Version is Verbatim's version, for Help > About.
	Version string
	// Demo is the demo project's path: its first opening shows a hint for
	// a new user.
	Demo string
	// DataDir is the user data folder: every project the window shows gets
	// the command line's housekeeping there (the day's automatic backup,
	// the check for changes gone missing); empty means none.
	DataDir string
}

// NewMainWindow builds the window for a project, selects its first
// document and starts opening the search index in the background.
func NewMainWindow(a fyne.App, p *model.Project, opts Options) (*MainWindow, error) {
	useTheme(a, themePreference(a)) // before any widget, which would keep the old one's colours
	if err := useLanguage(languagePreference(a)); err != nil {
		return nil, err
	}
	w := &MainWindow{
		win:     a.NewWindow("Verbatim — " + strings.TrimSuffix(filepath.Base(p.Path()), ".verbatim")),
		project: p,
		opts:    opts,
		status:  widget.NewLabel(""),
	}
	w.memory = newWindowMemory(a.Preferences(), p.UUID())
	w.building = newIndexProgress(w.onCancelIndex)
	w.build()
	w.win.Resize(w.memory.size(fyne.NewSize(1200, 760)))
	w.addShortcuts()
	w.win.SetMainMenu(w.menu())
	w.win.SetOnDropped(w.onDropped)
	if err := w.reload(); err != nil {
		return nil, err
	}
	if docs := w.documents.docs; len(docs) > 0 {
		w.documents.list.Select(0)
	}
	w.reopenDocument()
	w.noteSkippedRows()
	w.housekeep()
	addProjectWindow(w)
	w.showFirstStartHint()
	w.win.SetOnClosed(w.close)
	if opts.CacheDir != "" {
		w.openIndex(index.ProjectDir(opts.CacheDir, p.Path()))
	} else {
		w.openIndex("")
	}
	return w, nil
}

// build makes the window's panels, in the language shown, and puts them in
// the window with the search bar over them and the status line under.
func (w *MainWindow) build() {
	w.transcript = transcript.New()
	w.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.documents = newDocumentsPanel(w.onDocumentSelected)
	w.codebook = newCodebookPanel(w.onCodeClicked, w.onNewCode, w.onCodeMenu)
	w.segments = newSegmentsPanel(w.loadSegments, w.onSegmentOpened, w.onSegmentKey, w.onSegmentMenu)
	w.wireCodebook()
	w.search = newSearchPanel(w.onSearch, w.onOpenHit, w.onCodeAll, w.showQueryHelp)
	w.wireSearch()
	w.transcript.OnSelectionChanged = w.onSelectionChanged
	w.transcript.OnHighlightTapped = w.onHighlightTapped
	w.wireSelection()
	w.memos, w.participants = newMemoPanel(w), newParticipantsPanel(w)
	w.wireMemos()
	w.title.Truncation = fyne.TextTruncateEllipsis

	closeResults := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { w.showResults(false) })
	w.results = container.NewVSplit(layout.NewSpacer(), container.NewBorder(nil, nil, nil, container.NewVBox(closeResults), w.search.results))
	w.results.Offset = 0.6
	w.centre = container.NewStack(w.transcript)
	summary := widget.NewButtonWithIcon(lang.L("Summary"), theme.DocumentIcon(), w.onEditSummary)
	speakers := widget.NewButtonWithIcon(lang.L("Speakers"), theme.AccountIcon(), w.onEditSpeakers)
	header := container.NewBorder(nil, nil, nil, container.NewHBox(speakers, summary), w.title)
	right := container.NewVSplit(w.codebook.box, w.segments.box)
	right.Offset = 0.45
	reading := w.memos.beside(container.NewBorder(container.NewVBox(w.newReadOnlyBanner(), header), nil, nil, nil, w.centre))
	split := container.NewHSplit(w.participants.beside(w.documents.box), container.NewHSplit(reading, right))
	split.Offset = 0.2
	split.Trailing.(*container.Split).Offset = 0.75
	w.memory.split("documents", split)
	w.memory.split("codebook", split.Trailing.(*container.Split))
	w.memory.split("results", w.results)
	w.memory.split("memos", w.memos.split)
	w.panels, w.body = split, container.NewStack(split)
	w.building.cancel.SetText(lang.L("Cancel"))
	w.newWorkProgress()
	w.win.SetContent(container.NewBorder(w.search.bar, container.NewBorder(nil, nil, nil, container.NewHBox(w.work.box, w.building.box), w.status), nil, nil, w.body))
}

// relabel shows the window in the language chosen now: its menus, and its
// panels built again, with the document shown, where it was scrolled, the
// search typed and its results. What was typed in a memo is saved first.
func (w *MainWindow) relabel() error {
	w.win.SetMainMenu(w.menu())
	w.relabelAnalysis()
	w.cancelWork()
	doc, scroll := w.doc.ID, w.transcript.ScrollPosition()
	typed, query, open := w.search.entry.Text, w.search.query, w.search.open
	w.closeMemos()
	w.remember() // the splits' places, which the new ones start from
	w.build()
	w.doc = model.Document{}
	if err := w.reload(); err != nil {
		return err
	}
	if doc != 0 {
		if err := w.selectDocument(doc); err != nil {
			return err
		}
		w.transcript.ScrollToTop(scroll)
	}
	w.integrity.skipped = nil
	w.noteSkippedRows()
	if open && query != "" {
		w.onSearch(query)
	}
	w.search.entry.SetText(typed)
	return nil
}

// close is what closing the window does: finish, closing the Analysis
// window too, which shows the same project.
func (w *MainWindow) close() { w.finish(true) }

// finish ends the window's work, as it closes or as the app stops without
// closing it (the driver's Quit on INT or TERM): it stops the searches,
// saves what was typed in the memos, remembers the window's place and
// releases the search index. The Analysis window is closed when
// closeAnalysis says so; otherwise only its work is stopped (the app has
// stopped and let go of its windows). Nothing here draws.
func (w *MainWindow) finish(closeAnalysis bool) {
	if w.integrity.closed {
		return // finished already, as the app stopped
	}
	w.integrity.closed = true
	w.closeWork()
	w.closeMemos()
	w.remember()
	if w.analysis != nil && !w.analysis.closed {
		if closeAnalysis {
			w.analysis.win.Close()
		} else {
			w.analysis.stop()
		}
	}
	w.closeIndex()
}

// showResults shows or hides the search results, under the panels and as
// wide as the window: a keyword-in-context table needs the width. Its hits
// are framed in the transcript while they are shown.
func (w *MainWindow) showResults(show bool) {
	if show {
		w.results.Leading = w.panels
		w.body.Objects = []fyne.CanvasObject{w.results}
	} else {
		w.body.Objects = []fyne.CanvasObject{w.panels}
	}
	w.body.Refresh()
	w.search.open = show
	w.markSearchHits(w.doc.ID)
}

// selectDocument shows a listed document, selecting it in the documents
// list.
func (w *MainWindow) selectDocument(id int64) error {
	if w.doc.ID == id {
		return nil
	}
	for _, d := range w.documents.docs {
		if d.ID == id {
			return w.showDocument(id)
		}
	}
	return fmt.Errorf("document %d: %w", id, model.ErrNotFound)
}

// Window is the Fyne window, for tests and for main.
func (w *MainWindow) Window() fyne.Window { return w.win }

func (w *MainWindow) menu() *fyne.MainMenu {
	w.undoMenu = newUndoMenu(w.onUndo, w.onRedo)
	w.undoMenu.name(w.project)
	w.recent = w.newRecentItem()
	quit := fyne.NewMenuItem(lang.L("Quit"), quitApp)
	exportMenu := fyne.NewMenuItem(lang.L("Export"), nil)
	exportMenu.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem(lang.L("REFI-QDA project (.qdpx)…"), func() { w.onExportREFI(false) }),
		fyne.NewMenuItem(lang.L("REFI-QDA codebook (.qdc)…"), func() { w.onExportREFI(true) }),
	)
	quit.Shortcut, quit.IsQuit = shortcutQuit, true
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"),
			fyne.NewMenuItem(lang.L("New project…"), w.onNewProject),
			fyne.NewMenuItem(lang.L("New project from REFI-QDA…"), w.onNewProjectFromREFI),
			w.withShortcut(fyne.NewMenuItem(lang.L("Open project…"), w.onOpenProject), shortcutOpen),
			w.recent,
			fyne.NewMenuItem(lang.L("Save a copy…"), w.onSaveCopy),
			fyne.NewMenuItemSeparator(),
			w.withShortcut(fyne.NewMenuItem(lang.L("Import files…"), w.onImportFile), shortcutImport),
			fyne.NewMenuItem(lang.L("Import a folder…"), w.onImportFolder),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Export quotes…"), w.onExportQuotes),
			exportMenu,
			fyne.NewMenuItem(lang.L("Reports…"), w.onReports),
			fyne.NewMenuItemSeparator(),
			quit,
		),
		fyne.NewMenu(lang.L("Edit"),
			w.undoMenu.undo,
			w.undoMenu.redo,
			fyne.NewMenuItemSeparator(),
			w.withShortcut(fyne.NewMenuItem(lang.L("Find…"), w.onFind), shortcutFind),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("New code…"), w.onNewCode),
			fyne.NewMenuItem(lang.L("Project memo…"), w.onEditProjectMemo),
			fyne.NewMenuItem(lang.L("Pseudonyms…"), w.onEditPseudonyms),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Settings…"), w.onSettings),
		),
		fyne.NewMenu(lang.L("View"),
			w.withShortcut(fyne.NewMenuItem(lang.L("Next coded passage"), w.onNextCoding), shortcutNext),
			w.withShortcut(fyne.NewMenuItem(lang.L("Previous coded passage"), w.onPreviousCoding), shortcutPrevious),
			w.withShortcut(fyne.NewMenuItem(lang.L("Next search hit"), w.onNextHit), shortcutNextHit),
			w.withShortcut(fyne.NewMenuItem(lang.L("Previous search hit"), w.onPreviousHit), shortcutPreviousHit),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Analysis…"), w.onShowAnalysis),
			fyne.NewMenuItemSeparator(),
			w.newMemosItem(),
			fyne.NewMenuItem(lang.L("Memo overview"), w.onMemoOverview),
		),
		fyne.NewMenu(lang.L("Help"),
			fyne.NewMenuItem(lang.L("Keyboard shortcuts…"), w.onShortcutsHelp),
			fyne.NewMenuItem(lang.L("Searching…"), w.showQueryHelp),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Check…"), w.onCheck),
			fyne.NewMenuItem(lang.L("Repair into a new project…"), w.onRepair),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("About Verbatim"), w.onAbout),
		),
	)
}

// addShortcuts puts the window's shortcuts on its canvas. Fyne's desktop
// driver makes Ctrl+Z and Ctrl+Y (Cmd on macOS) into fyne.ShortcutUndo and
// fyne.ShortcutRedo, never into custom shortcuts, and gives a shortcut to the
// canvas only when the focused widget takes none: the transcript passes on
// what it does not handle, a list or a button takes none, and a text field
// keeps Ctrl+Z for undoing its own typing.
func (w *MainWindow) addShortcuts() {
	redoShiftZ := &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	w.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { w.onUndo() })
	w.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { w.onRedo() })
	w.win.Canvas().AddShortcut(redoShiftZ, func(fyne.Shortcut) { w.onRedo() })
	w.win.Canvas().SetOnTypedKey(w.onTypedKey) // Escape closes dialogs
}

// reload reads the document list and the codebook again, keeping the
// document shown.
func (w *MainWindow) reload() error {
	ctx := background()
	docs, err := w.project.Documents(ctx)
	if err != nil {
		return err
	}
	codes, err := w.project.Codes(ctx)
	if err != nil {
		return err
	}
	w.documents.set(docs)
	w.codebook.set(codes)
	if w.doc.ID == 0 {
		w.documents.show(0) // the rows may have moved under the old selection
		return nil
	}
	return w.showDocument(w.doc.ID)
}

func (w *MainWindow) onDocumentSelected(d model.Document) {
	if err := w.showDocument(d.ID); err != nil {
		w.documents.show(w.doc.ID) // still the document shown before
		w.showError(err)
	}
}

// showDocument puts a document's text, turns and codings in the transcript
// view and selects it in the documents list. Every change of the document
// shown goes through here, so the list always highlights that document.
func (w *MainWindow) showDocument(id int64) error {
	ctx := background()
	d, err := w.project.Document(ctx, id)
	if errors.Is(err, model.ErrNotFound) { // undone import
		w.doc = model.Document{}
		w.transcript.SetText("", nil)
		w.highlights = nil
		w.title.SetText("")
		w.documents.show(0)
		w.memos.follow(w.doc)
		return nil
	}
	if err != nil {
		return err
	}
	text, err := w.project.Text(ctx, id)
	if err != nil {
		return err
	}
	turns, err := w.project.Turns(ctx, id)
	if err != nil {
		return err
	}
	codings, err := w.project.Codings(ctx, model.CodingFilter{DocID: id})
	if err != nil {
		return err
	}
	blocks := make([]transcript.Block, len(turns))
	for i, t := range turns {
		blocks[i] = transcript.Block{Start: t.Start, End: t.End, Speaker: t.Speaker}
	}
	colors := w.codebook.colors()
	rank := make(map[int64]int, len(w.codebook.codes)) // stripes go left to right as the codebook
	for i, c := range w.codebook.codes {
		rank[c.ID] = i
	}
	names := map[int64]string{}
	hl := make([]transcript.Highlight, len(codings))
	for i, c := range codings {
		col := translucent(colors[c.CodeID])
		if c.Key {
			col.A = 0x99 // key quotes stand out
		}
		name, ok := names[c.CodeID]
		if !ok {
			name = model.CodePath(w.codebook.codes, c.CodeID)
			names[c.CodeID] = name
		}
		hl[i] = transcript.Highlight{Start: c.Start, End: c.End, Color: col, ID: c.ID, Code: c.CodeID, Rank: rank[c.CodeID], Name: name}
	}
	if w.doc.ID != id {
		w.transcript.SetText(text, blocks)
		w.markSearchHits(id)
	}
	w.transcript.SetHighlights(hl)
	w.highlights = hl
	w.doc = d
	w.title.SetText(d.Name + " — " + plural("{{.Count}} speakers", d.Speakers) + ", " + plural("{{.Count}} codings", d.Codings))
	w.documents.show(d.ID)
	w.memos.follow(d)
	return nil
}

func (w *MainWindow) onSelectionChanged(start, end int) {
	if start == end {
		w.status.SetText("")
		return
	}
	w.status.SetText(plural("Selected {{.Count}} characters. Click a code to apply it.", end-start))
}

// onCodeChosen applies a code to the selected text.
func (w *MainWindow) onCodeChosen(c model.Code) {
	start, end := w.transcript.Selection()
	if w.doc.ID == 0 || start == end {
		w.status.SetText(lang.L(`Select text in the transcript first, then click "{{.Code}}".`, args{"Code": c.Name}))
		return
	}
	if _, err := w.project.ApplyCode(background(), c.ID, model.Span{DocID: w.doc.ID, Start: start, End: end}); err != nil {
		w.showError(err)
		return
	}
	w.recentCodes.add(c.ID)
	w.status.SetText(plural(`Coded {{.Count}} characters with "{{.Code}}". Ctrl+Z undoes it.`, end-start, args{"Code": c.Name}))
	w.refresh()
}

func (w *MainWindow) onUndo() {
	w.replay(w.project.Undo, func(step string) string { return lang.L("Undone: {{.Step}}", args{"Step": step}) })
}

func (w *MainWindow) onRedo() {
	w.replay(w.project.Redo, func(step string) string { return lang.L("Redone: {{.Step}}", args{"Step": step}) })
}

// replay undoes or redoes a step, saying so with done.
func (w *MainWindow) replay(fn func(ctx context.Context) (model.Step, error), done func(step string) string) {
	w.flushMemos() // what was typed is part of the step to undo
	s, err := fn(background())
	switch {
	case errors.Is(err, model.ErrNothingToUndo), errors.Is(err, model.ErrNothingToRedo):
		w.status.SetText(errorText(err))
		w.updateUndoMenu()
		return
	case err != nil:
		w.showError(err)
		w.updateUndoMenu()
		return
	}
	w.status.SetText(done(stepLabel(s)))
	w.refresh()
}

// refresh shows the project as it is after a change, and brings the search
// index up to date in the background.
func (w *MainWindow) refresh() {
	if err := w.reload(); err != nil {
		w.showError(err)
	}
	w.loadSegments()
	w.refreshMemos()
	w.updateUndoMenu()
	if ix := w.index.ix; ix != nil {
		go func() {
			if err := ix.Update(background()); err != nil && !errors.Is(err, index.ErrClosed) {
				onUI(func() {
					w.status.SetText(lang.L("The search index could not be updated: {{.Err}}", args{"Err": errorText(err)}))
				})
			}
		}()
	}
}
