package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
	"codeberg.org/verbatim/verbatim/model/refiqda"
)

// exchangeState is the window's REFI-QDA exchange (File > Export >
// REFI-QDA…, File > New project from REFI-QDA…): what tests drive.
type exchangeState struct {
	file   dialog.Dialog        // the file dialog shown last
	form   *dialog.FormDialog   // New project from REFI-QDA's language form
	done   chan struct{}        // closed when the running write or import ends
	report *dialog.CustomDialog // the report shown last
	opened *MainWindow          // the window of the project made last
}

// refiExtensions are the REFI-QDA files read: a project (.qdpx), its
// project file alone (.qde), a codebook (.qdc).
var refiExtensions = []string{".qdpx", ".qde", ".qdc"}

// importOptions are the options of the window's import: a REFI-QDA file
// met is merged into the project, as 'verbatim import' does.
func (w *MainWindow) importOptions() importer.Options {
	opts := importer.Options{CacheDir: w.opts.CacheDir}
	opts.Exchange = refiqda.ExchangeImporter(opts)
	return opts
}

// onExportREFI asks where to write the project (.qdpx) or its codebook
// (.qdc), beside the project, and writes there.
func (w *MainWindow) onExportREFI(codebook bool) {
	ext := refiExtension(codebook)
	name := strings.TrimSuffix(filepath.Base(w.project.Path()), ".verbatim") + ext
	save := newSaveBeside(w.project.Path(), name, ext, lang.L("Export"), w.savedPath(func(path string) { w.exportREFI(path, codebook) }), w.win)
	w.exchange.file = save
	w.showDialog(save)
}

func refiExtension(codebook bool) string {
	if codebook {
		return ".qdc"
	}
	return ".qdpx"
}

// exportREFI writes the REFI-QDA file in the background, with a progress
// dialog whose Cancel stops it, then says what the standard could not
// carry (a dialog), or that all was carried (the status line).
func (w *MainWindow) exportREFI(path string, codebook bool) {
	ext := refiExtension(codebook)
	if !strings.EqualFold(filepath.Ext(path), ext) {
		// The file dialog made an empty file under the name typed.
		removeEmpty(path)
		path += ext
	}
	ctx, cancel := context.WithCancel(context.Background())
	progress := w.exchangeProgress(lang.L("Exporting"), lang.L("Writing {{.File}}…", args{"File": filepath.Base(path)}), cancel)
	done := make(chan struct{})
	w.exchange.done = done
	p, do := w.project, onUI
	go func() {
		rep, err := refiqda.WriteFile(ctx, p, path, codebook)
		do(func() {
			defer close(done)
			progress.Hide()
			switch {
			case err == nil && len(rep.NotCarried) == 0:
				w.status.SetText(lang.L("Wrote {{.Path}} (REFI-QDA); everything was carried.", args{"Path": path}))
			case err == nil:
				w.status.SetText(lang.L("Wrote {{.Path}} (REFI-QDA).", args{"Path": path}))
				w.showExchangeReport(w, lang.L("Exported"), lang.L("Wrote {{.Path}}. REFI-QDA could not carry this:", args{"Path": path}), rep.NotCarried)
			case errors.Is(err, context.Canceled):
				removeEmpty(path)
				w.status.SetText(lang.L("Export cancelled; nothing was written."))
			default:
				removeEmpty(path)
				w.showError(err)
			}
		})
	}()
}

// exchangeProgress shows a progress dialog whose button calls cancel.
func (w *MainWindow) exchangeProgress(title, text string, cancel func()) dialog.Dialog {
	msg := widget.NewLabel(text)
	msg.Truncation = fyne.TextTruncateEllipsis
	progress := dialog.NewCustom(title, lang.L("Cancel"), container.NewVBox(msg, widget.NewProgressBarInfinite()), w.win)
	progress.SetOnClosed(cancel)
	progress.Resize(fyne.NewSize(480, 150))
	w.showDialog(progress)
	return progress
}

// showExchangeReport shows, in on's window, a translated heading over
// report lines, which are English as refiqda writes them.
func (w *MainWindow) showExchangeReport(on *MainWindow, title, heading string, lines []string) {
	head := widget.NewLabel(heading)
	head.Wrapping = fyne.TextWrapWord
	body := widget.NewLabel("• " + strings.Join(lines, "\n• "))
	body.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(640, min(float32(len(lines))*28+20, 400)))
	d := dialog.NewCustom(title, lang.L("Close"), container.NewBorder(head, nil, nil, nil, scroll), on.win)
	w.exchange.report = d
	on.showDialog(d)
}

// onNewProjectFromREFI asks for a REFI-QDA file, then for the new
// project's language and where to save it, and makes the project of it.
func (w *MainWindow) onNewProjectFromREFI() {
	w.exchange.file = w.askFile(refiExtensions, w.askNewProjectFromREFI)
}

// askNewProjectFromREFI asks, as New project does, the transcripts'
// language and where to save the project to be made of in.
func (w *MainWindow) askNewProjectFromREFI(in string) {
	langs := map[string]string{"Nederlands": "nl", "English": "en"}
	language := widget.NewRadioGroup([]string{"Nederlands", "English"}, nil)
	language.SetSelected("Nederlands")
	if l, err := w.project.Language(background()); err == nil && l == "en" {
		language.SetSelected("English")
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Transcripts in"), language)}
	form := dialog.NewForm(lang.L("New project from {{.File}}", args{"File": filepath.Base(in)}), lang.L("Choose where…"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		save := dialog.NewFileSave(w.savedPath(func(path string) {
			w.newProjectFromREFI(in, path, langs[language.Selected])
		}), w.win)
		save.SetFileName(strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + ".verbatim")
		save.Resize(fyne.NewSize(900, 600))
		w.exchange.file = save
		w.showDialog(save)
	}, w.win)
	w.exchange.form = form
	w.showDialog(form)
}

// newProjectFromREFI makes a project at path of the REFI-QDA file in, in
// the background: on any error the new file is removed again. Then it
// shows the import's report and opens the project in a window.
func (w *MainWindow) newProjectFromREFI(in, path, language string) {
	path = projectFileChosen(path)
	ctx, cancel := context.WithCancel(context.Background())
	progress := w.exchangeProgress(lang.L("Importing"), lang.L("Making {{.File}} of {{.From}}…", args{"File": filepath.Base(path), "From": filepath.Base(in)}), cancel)
	done := make(chan struct{})
	w.exchange.done = done
	cacheDir, do := w.opts.CacheDir, onUI
	go func() {
		p, rep, err := createFromREFI(ctx, in, path, language, cacheDir)
		do(func() {
			defer close(done)
			progress.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				w.status.SetText(lang.L("Cancelled; no project was made."))
				return
			case err != nil:
				w.showError(err)
				return
			}
			nw := w.openProjectWindow(path, func(context.Context) (*model.Project, error) { return p, nil })
			w.exchange.opened = nw
			on := w
			if nw != nil {
				on = nw
			}
			heading := lang.L("Made {{.File}} of {{.From}} (from {{.Origin}}):", args{"File": filepath.Base(path), "From": filepath.Base(in), "Origin": refiqda.OriginName(rep.Origin)})
			w.showExchangeReport(on, lang.L("New project from REFI-QDA"), heading, rep.Lines())
		})
	}()
}

// createFromREFI creates the project and imports in into it; on any error
// nothing is left at path.
func createFromREFI(ctx context.Context, in, path, language, cacheDir string) (*model.Project, *refiqda.Report, error) {
	if _, err := os.Stat(in); err != nil {
		return nil, nil, err
	}
	p, err := model.Create(ctx, path, language)
	if err != nil {
		return nil, nil, err
	}
	rep, err := refiqda.ImportFile(ctx, p, in, refiqda.Options{Importer: importer.Options{CacheDir: cacheDir}})
	if err != nil {
		p.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		return nil, nil, err
	}
	return p, rep, nil
}
