package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/report"
)

// onExportTapped asks where to write, suggesting a name after the report
// and the project, and then writes there.
func (e *exportDialog) onExportTapped() {
	s, err := e.settings()
	if err != nil {
		e.w.showError(err)
		return
	}
	save := newSaveBeside(e.w.project.Path(), suggestedName(s, e.choices.project), s.format.Extension(), lang.L("Export"), e.w.savedPath(e.onExport), e.w.win)
	e.fileDialog = save
	save.Show()
}

// suggestedName is the file name first offered: the title given, or the
// report's title in its language and the project ("Principes – Studie.docx").
func suggestedName(s exportSettings, project string) string {
	name := s.opts.Title
	if name == "" {
		name = report.KindTitle(s.kind, s.opts.Lang) + " – " + project
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, name)
	return name + s.format.Extension()
}

// onExport builds the report and writes it to path in the background,
// with a progress dialog whose Cancel stops it, then says what was
// written. It is everything Export does after the file dialog.
func (e *exportDialog) onExport(path string) {
	s, err := e.settings()
	if err != nil {
		removeEmpty(path)
		e.w.showError(err)
		return
	}
	if f, ok := export.FormatOf(path); !ok || f != s.format {
		// The file dialog made an empty file under the name typed.
		removeEmpty(path)
		path += s.format.Extension()
	}
	ctx, cancel := context.WithCancel(context.Background())
	msg := widget.NewLabel(lang.L("Writing {{.File}}…", args{"File": filepath.Base(path)}))
	msg.Truncation = fyne.TextTruncateEllipsis
	progress := dialog.NewCustom(lang.L("Exporting"), lang.L("Cancel"), container.NewVBox(msg, widget.NewProgressBarInfinite()), e.w.win)
	progress.SetOnClosed(cancel)
	progress.Resize(fyne.NewSize(480, 150))
	progress.Show()
	done := make(chan struct{})
	e.writing = done
	p, ix, do := e.w.project, e.w.index.ix, onUI
	go func() {
		r, listed, err := writeExport(ctx, p, ix, s, path)
		do(func() {
			progress.Hide()
			switch {
			case err == nil:
				e.showResult(path, s, r, listed)
			case errors.Is(err, context.Canceled):
				removeEmpty(path)
				e.w.status.SetText(lang.L("Export cancelled; nothing was written."))
			default:
				removeEmpty(path)
				e.w.showError(err)
			}
			close(done)
		})
	}()
}

// writeExport builds the report the settings describe and writes it to
// path, and says how many names the pseudonym list had. On any failure
// nothing is left at path (export.WriteFile sees to that).
func writeExport(ctx context.Context, p *model.Project, ix *index.Index, s exportSettings, path string) (*report.Report, int, error) {
	if err := s.search(ctx, ix); err != nil {
		return nil, 0, err
	}
	if s.pseudonyms {
		list, err := p.Pseudonyms(ctx)
		if err != nil {
			return nil, 0, err
		}
		// An empty list still means pseudonyms on: the result says so.
		s.opts.Pseudonyms = append([]model.Pseudonym{}, list...)
	}
	r, err := report.Build(ctx, p, s.kind, s.opts)
	if err != nil {
		return nil, 0, err
	}
	err = export.WriteFile(ctx, path, s.format, r.Doc)
	if errors.Is(err, export.ErrNoContent) {
		return nil, 0, fmt.Errorf("%s, %s: %w", translated(kindInfos[s.kind].name), formatName(s.format), err)
	}
	return r, len(s.opts.Pseudonyms), err
}

// exportResult is the dialog after writing: where the file is, how the
// pseudonyms went, and where a listed name still appears.
type exportResult struct {
	dialog              *dialog.CustomDialog
	wrote, names, leaks *widget.Label
	openFile, folder    *widget.Button
}

// maxLeaksShown keeps the warning readable; the count says how many more.
const maxLeaksShown = 200

func (e *exportDialog) showResult(path string, s exportSettings, r *report.Report, listed int) {
	what := "“" + translated(kindInfos[s.kind].name) + "”"
	if t := r.Doc.Tables(); s.kind == report.QuoteTable && len(t) == 1 {
		what = plural("{{.Count}} coded quotes", len(t[0].Rows))
	}
	res := &exportResult{
		wrote: widget.NewLabel(lang.L("Wrote {{.What}} to {{.Path}}", args{"What": what, "Path": path})),
		names: widget.NewLabel(""),
		leaks: widget.NewLabel(""),
	}
	res.wrote.Wrapping = fyne.TextWrapWord
	res.names.Wrapping = fyne.TextWrapWord
	res.leaks.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(res.wrote)
	if s.pseudonyms {
		res.names.SetText(pseudonymsLine(r, listed))
		res.leaks.SetText(leaksText(r.Leaks))
		if len(r.Leaks) > 0 {
			res.names.Importance = widget.DangerImportance
			scroll := container.NewVScroll(res.leaks)
			scroll.SetMinSize(fyne.NewSize(620, min(float32(len(r.Leaks))*26+16, 300)))
			box.Add(res.names)
			box.Add(scroll)
		} else {
			box.Add(res.names)
			box.Add(res.leaks)
		}
	}
	res.openFile = widget.NewButton(lang.L("Open file"), func() { e.w.openPath(path) })
	res.folder = widget.NewButton(lang.L("Show folder"), func() { e.w.openPath(filepath.Dir(path)) })
	res.dialog = dialog.NewCustomWithoutButtons(lang.L("Exported"), box, e.w.win)
	closeBtn := widget.NewButton(lang.L("Close"), func() { res.dialog.Hide() })
	res.openFile.Importance = widget.HighImportance
	res.dialog.SetButtons([]fyne.CanvasObject{closeBtn, res.folder, res.openFile})
	res.dialog.Resize(fyne.NewSize(680, 200))
	e.result = res
	e.w.status.SetText(lang.L("Wrote {{.What}} to {{.Path}}.", args{"What": what, "Path": path}))
	res.dialog.Show()
}

// pseudonymsLine says how the pseudonyms went.
func pseudonymsLine(r *report.Report, listed int) string {
	switch {
	case listed == 0:
		return lang.L("Pseudonyms were on, but the pseudonym list is empty: no name was replaced. Edit > Pseudonyms… suggests one.")
	}
	a := args{"Replacements": plural("{{.Count}} replacements", r.Replaced), "Names": plural("{{.Count}} names", listed)}
	if len(r.Leaks) == 0 {
		return lang.L("Pseudonyms: {{.Replacements}} of {{.Names}} listed.", a)
	}
	a["Times"] = plural("{{.Count}} times", len(r.Leaks))
	return lang.L("Pseudonyms: {{.Replacements}} of {{.Names}} listed. Warning: a listed name or part of one still appears {{.Times}} in what was written:", a)
}

func leaksText(leaks []report.Leak) string {
	if len(leaks) == 0 {
		return lang.L("No listed name or part of one appears in what was written.")
	}
	lines := make([]string, 0, min(len(leaks), maxLeaksShown+1))
	for i, l := range leaks {
		if i == maxLeaksShown {
			lines = append(lines, lang.L("… and {{.N}} more", args{"N": len(leaks) - maxLeaksShown}))
			break
		}
		lines = append(lines, "• "+l.String())
	}
	return strings.Join(lines, "\n")
}

// openPath opens a file or folder with the program the desktop uses for it
// (xdg-open on Linux).
func (w *MainWindow) openPath(path string) {
	abs, err := filepath.Abs(path)
	if err == nil {
		p := filepath.ToSlash(abs)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/… on Windows
		}
		err = fyne.CurrentApp().OpenURL(&url.URL{Scheme: "file", Path: p})
	}
	if err != nil {
		w.showError(fmt.Errorf("%s: %w", lang.L("open {{.Path}}", args{"Path": path}), err))
	}
}
