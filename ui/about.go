package ui

import (
	"cmp"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/assets"
)

// aboutBox is Help > About Verbatim: the version, and the licence of
// everything Verbatim is built from, a row each; a row shows its text.
type aboutBox struct {
	dialog   *dialog.CustomDialog
	version  *widget.Label
	licenses *widget.List
	rows     []assets.License
}

func (w *MainWindow) onAbout() {
	w.showDialog(w.newAboutBox().dialog)
}

func (w *MainWindow) newAboutBox() *aboutBox {
	b := &aboutBox{rows: assets.Licenses()}
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	name := widget.NewLabelWithStyle("Verbatim", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	b.version = widget.NewLabel(lang.L("Version {{.Version}} · built with {{.Go}} for {{.OS}}/{{.Arch}}", args{"Version": cmp.Or(w.opts.Version, "dev"), "Go": runtime.Version(), "OS": runtime.GOOS, "Arch": runtime.GOARCH}))
	blurb := widget.NewLabel(lang.L("Codes interview transcripts on this computer: nothing leaves it."))
	head := container.NewBorder(nil, nil, icon, nil, container.NewVBox(name, b.version, blurb))

	intro := widget.NewLabel(plural("Verbatim is built with the work of others, under these licences ({{.Count}} parts). Choose one to read its licence.", len(b.rows)))
	intro.Wrapping = fyne.TextWrapWord
	b.licenses = widget.NewList(
		func() int { return len(b.rows) },
		func() fyne.CanvasObject {
			module := widget.NewLabel("")
			module.Truncation = fyne.TextTruncateEllipsis
			kind := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, kind, module)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			module, kind := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Label)
			module.SetText(licenseName(b.rows[i]))
			kind.SetText(b.rows[i].License)
		})
	b.licenses.OnSelected = func(i widget.ListItemID) {
		b.licenses.Unselect(i)
		// A focused list keeps Escape from the window, which closes
		// dialogs with it.
		w.win.Canvas().Unfocus()
		w.showLicense(b.rows[i])
	}
	body := container.NewBorder(container.NewVBox(head, widget.NewSeparator(), intro), nil, nil, nil, b.licenses)
	b.dialog = dialog.NewCustom(lang.L("About Verbatim"), lang.L("Close"), container.New(layout.NewGridWrapLayout(fyne.NewSize(720, 520)), body), w.win)
	return b
}

// licenseName is a licence row's part: a module with its version, Go, or
// what the repository embeds.
func licenseName(l assets.License) string {
	switch {
	case l.Module == "go":
		return lang.L("Go, its standard library and runtime")
	case l.Version != "":
		return l.Module + " " + l.Version
	}
	return l.Module
}

// showLicense shows one licence's full text.
func (w *MainWindow) showLicense(l assets.License) {
	text := widget.NewLabel(l.Text)
	text.Wrapping = fyne.TextWrapWord
	text.TextStyle = fyne.TextStyle{Monospace: true}
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(680, 460))
	w.showDialog(dialog.NewCustom(licenseName(l)+" — "+l.License, lang.L("Close"), scroll, w.win))
}
