package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model/importer"
)

// onImportFile lets the user tick transcripts, from one folder or
// several, and imports them. The picker opens in the folder last imported
// from.
func (w *MainWindow) onImportFile() {
	start := fyne.CurrentApp().Preferences().StringWithFallback(prefImportFolder, "")
	if st, err := os.Stat(start); start == "" || err != nil || !st.IsDir() {
		start = homeFolder()
	}
	w.showDialog(newFilePicker(start, w.importPaths, w.win).dialog)
}

// askFile shows the file dialog, limited to the extensions given (all
// files when none), and passes the path chosen to then. It returns the
// dialog shown.
func (w *MainWindow) askFile(extensions []string, then func(path string)) *dialog.FileDialog {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, w.win)
	if len(extensions) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(extensions))
	}
	d.Resize(fyne.NewSize(900, 600))
	w.showDialog(d)
	return d
}

// newSaveBeside is a save dialog for a file of the project at project: it
// offers name in the project's folder, where a researcher keeps the
// study's files, lists the files ending in ext (all when ""), and has
// confirm on its button (Fyne's Save when ""); cb gets the file chosen.
func newSaveBeside(project, name, ext, confirm string, cb func(fyne.URIWriteCloser, error), win fyne.Window) *dialog.FileDialog {
	save := dialog.NewFileSave(cb, win)
	if ext != "" {
		save.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	save.SetFileName(name)
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(project))); err == nil {
		save.SetLocation(dir)
	}
	if confirm != "" {
		save.SetConfirmText(confirm)
	}
	save.Resize(fyne.NewSize(900, 600))
	return save
}

// savedPath is a save dialog's callback: an error is shown, a cancel does
// nothing, and the path chosen (the file the dialog made, closed) goes to
// then.
func (w *MainWindow) savedPath(then func(path string)) func(fyne.URIWriteCloser, error) {
	return func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		then(path)
	}
}

// onImportFolder asks for a folder and imports every transcript in it.
func (w *MainWindow) onImportFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if u != nil {
			w.importPaths([]string{u.Path()})
		}
	}, w.win)
	d.Resize(fyne.NewSize(900, 600))
	w.showDialog(d)
}

// onDropped imports files and folders dropped on the window.
func (w *MainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		w.importPaths(paths)
	}
}

// importPaths imports files and folders in the background, with a progress
// bar, then reports per file.
func (w *MainWindow) importPaths(paths []string) {
	bar := widget.NewProgressBar()
	file := widget.NewLabel(lang.L("Looking for transcripts…"))
	file.Truncation = fyne.TextTruncateEllipsis
	ctx, cancel := context.WithCancel(context.Background())
	progress := dialog.NewCustom(lang.L("Importing"), lang.L("Stop"), container.NewVBox(file, bar), w.win)
	progress.SetOnClosed(cancel)
	progress.Resize(fyne.NewSize(520, 160))
	w.showDialog(progress)
	w.importing = make(chan struct{})
	done := w.importing
	go func() {
		results, err := importer.ImportPaths(ctx, w.project, paths, w.importOptions(), func(i, total int, f string) {
			onUI(func() {
				if total > 0 {
					bar.SetValue(float64(i) / float64(total))
				}
				if f != "" {
					file.SetText(lang.L("{{.N}} of {{.Of}}: {{.File}}", args{"N": i + 1, "Of": total, "File": filepath.Base(f)}))
				}
			})
		})
		onUI(func() {
			progress.Hide()
			w.lastImport = results
			if err != nil && ctx.Err() == nil {
				w.showError(err)
			}
			w.refresh()
			for _, r := range results {
				if r.Status == importer.Imported && r.Exchange == nil {
					if err := w.selectDocument(r.Document.ID); err != nil {
						w.showError(err)
					}
					break
				}
			}
			w.showImportReport(results)
			close(done)
		})
	}()
}

// showImportReport lists what became of each file: imported (with the
// importer's notes on it), a duplicate, not imported, or skipped — a file
// the importer passed over in a folder (hidden, not a regular file, another
// format), with its reason. The files not imported because the import
// stopped (a full disk, Stop) share one line at the end, with the reason
// once, as the command line says it. The summary counts every file.
func (w *MainWindow) showImportReport(results []importer.Result) {
	var imported, duplicates, failed, passed int
	var lines, stopped []string
	var stoppedBy importer.Result
	for _, r := range results {
		name := filepath.Base(r.File)
		switch {
		case r.Stopped:
			failed++
			stopped, stoppedBy = append(stopped, name), r
		case r.Status == importer.Imported && r.Exchange != nil:
			imported++
			lines = append(lines, fmt.Sprintf("✓ %s: %s\n    %s", name, lang.L("REFI-QDA exchange file, merged into the project:"), strings.Join(r.Exchange, "\n    ")))
		case r.Status == importer.Imported:
			imported++
			lines = append(lines, fmt.Sprintf("✓ %s: %s, %s", name, plural("{{.Count}} characters", r.Document.Chars), plural("{{.Count}} speakers", r.Document.Speakers)))
			for _, note := range r.Notes {
				lines = append(lines, "    "+lang.L("note: {{.Note}}", args{"Note": noteText(note)}))
			}
		case r.Status == importer.Duplicate:
			duplicates++
			lines = append(lines, fmt.Sprintf("= %s: %s", name, reasonText(r)))
		case r.Passed:
			passed++
			lines = append(lines, fmt.Sprintf("– %s: %s", name, lang.L("skipped, {{.Reason}}", args{"Reason": reasonText(r)})))
		default:
			failed++
			lines = append(lines, fmt.Sprintf("✗ %s: %s", name, reasonText(r)))
		}
	}
	if len(stopped) > 0 {
		lines = append(lines, fmt.Sprintf("✗ %s: %s", reasonText(stoppedBy), plural("{{.Count}} files", len(stopped))), "    "+strings.Join(stopped, ", "))
	}
	summary := lang.L("{{.Imported}} imported, {{.Duplicates}} duplicates, {{.Failed}} not imported, {{.Passed}} skipped", args{"Imported": imported, "Duplicates": duplicates, "Failed": failed, "Passed": passed})
	w.status.SetText(lang.L("Import: {{.Summary}}", args{"Summary": summary}))
	if len(results) == 0 {
		w.showDialog(dialog.NewInformation(lang.L("Import"), lang.L("No transcripts found there (Verbatim reads txt, md, docx, odt, html, rtf, pdf, vtt and srt)."), w.win))
		return
	}
	report := widget.NewLabel(strings.Join(lines, "\n"))
	report.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(report)
	scroll.SetMinSize(fyne.NewSize(640, min(float32(len(lines))*28+20, 400)))
	w.showDialog(dialog.NewCustom(summary, lang.L("Close"), scroll, w.win))
}

// reasonText is why a file was not imported, in the language shown: the
// importer's reason where it gave its template, else the error's kind in
// the language shown (which in English is the importer's own, more
// precise message).
func reasonText(r importer.Result) string {
	if r.Why.Key != "" || r.Err == nil {
		return labelText(r.Reason, r.Why.Key, r.Why.Args)
	}
	for _, e := range errorTexts() {
		if errors.Is(r.Err, e.err) && e.text != e.err.Error() {
			return e.text
		}
	}
	return r.Reason
}

// The importer's notes on a subtitle file, as it writes them in English.
var (
	badTimeNote = regexp.MustCompile(`^(\d+) cues? whose time does not parse \(the first on line (\d+)\): the text is kept with the cue before$`)
	strayNote   = regexp.MustCompile(`^(\d+) (?:piece|pieces) of text outside any cue \(the first on line (\d+), after a blank line or between cues\): kept with the cue before$`)
)

// noteText is an importer's note on a file in the language shown.
func noteText(note string) string {
	if m := badTimeNote.FindStringSubmatch(note); m != nil {
		n, _ := strconv.Atoi(m[1])
		return plural("{{.Count}} cues whose time does not parse (the first on line {{.Line}}): the text is kept with the cue before", n, args{"Line": m[2]})
	}
	if m := strayNote.FindStringSubmatch(note); m != nil {
		n, _ := strconv.Atoi(m[1])
		return plural("{{.Count}} pieces of text outside any cue (the first on line {{.Line}}, after a blank line or between cues): kept with the cue before", n, args{"Line": m[2]})
	}
	return note
}
