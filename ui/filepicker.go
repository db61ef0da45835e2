package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model/importer"
)

// prefImportFolder is the app preference holding the folder files were
// last imported from, where the picker opens.
const prefImportFolder = "import.folder"

// filePicker is File > Import files…: a folder's sub-folders and the files
// in it that Verbatim imports (other files are counted, not listed), each
// with a tick, so that several are chosen at once, from one folder or from
// several (ticks stay while going to another folder). Fyne's own file
// dialog chooses one file at a time.
type filePicker struct {
	dialog  *dialog.CustomDialog
	dir     string
	where   *widget.Label
	list    *widget.List
	note    *widget.Label
	count   *widget.Label
	all     *widget.Button
	confirm *widget.Button

	entries []pickerEntry   // the folder shown: sub-folders, then transcripts
	chosen  map[string]bool // ticked files, in any folder
	order   []string        // the ticked files in the order ticked

	onImport func(paths []string)
}

// pickerEntry is a row of the picker: a sub-folder or a file.
type pickerEntry struct {
	name, path string
	folder     bool
}

func newFilePicker(start string, onImport func([]string), parent fyne.Window) *filePicker {
	f := &filePicker{chosen: map[string]bool{}, onImport: onImport}
	f.where = widget.NewLabel("")
	f.where.Truncation = fyne.TextTruncateEllipsis
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { f.open(filepath.Dir(f.dir)) })
	home := widget.NewButtonWithIcon("", theme.HomeIcon(), func() { f.open(homeFolder()) })
	f.list = widget.NewList(func() int { return len(f.entries) }, f.newRow, f.updateRow)
	f.list.OnSelected = f.onRowTapped
	f.note = widget.NewLabel("")
	f.note.Importance = widget.LowImportance
	f.note.Wrapping = fyne.TextWrapWord
	f.count = widget.NewLabel("")
	f.all = widget.NewButton(lang.L("Tick all here"), f.onTickAll)
	top := container.NewBorder(nil, nil, container.NewHBox(up, home), nil, f.where)
	bottom := container.NewVBox(f.note, container.NewBorder(nil, nil, f.all, nil, f.count))
	content := container.NewBorder(top, bottom, nil, nil, f.list)

	f.dialog = dialog.NewCustomWithoutButtons(lang.L("Import files"), content, parent)
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), f.dialog.Hide)
	f.confirm = widget.NewButtonWithIcon(lang.L("Import"), theme.ConfirmIcon(), f.onConfirm)
	f.confirm.Importance = widget.HighImportance
	f.dialog.SetButtons([]fyne.CanvasObject{cancel, f.confirm})
	f.dialog.Resize(fyne.NewSize(760, 560))
	f.open(start)
	return f
}

// homeFolder is the user's home folder, or the file system's root.
func homeFolder() string {
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	return string(filepath.Separator)
}

// open shows the folder dir; one that cannot be read says why.
func (f *filePicker) open(dir string) {
	f.dir = dir
	f.where.SetText(dir)
	f.entries = f.entries[:0]
	f.list.UnselectAll()
	items, err := os.ReadDir(dir)
	var folders, files []pickerEntry
	others := 0
	for _, it := range items {
		name := it.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		isDir := it.IsDir()
		if it.Type()&os.ModeSymlink != 0 {
			st, err := os.Stat(path)
			isDir = err == nil && st.IsDir()
		}
		switch {
		case isDir:
			folders = append(folders, pickerEntry{name: name, path: path, folder: true})
		case importer.Supported(name):
			files = append(files, pickerEntry{name: name, path: path})
		default:
			others++
		}
	}
	byName := func(a, b pickerEntry) int { return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)) }
	slices.SortFunc(folders, byName)
	slices.SortFunc(files, byName)
	f.entries = append(append(f.entries, folders...), files...)
	switch {
	case err != nil:
		f.note.SetText(lang.L("This folder cannot be read: {{.Err}}", args{"Err": folderError(err)}))
	case len(files) == 0 && others == 0:
		f.note.SetText(lang.L("No transcripts here."))
	case others > 0:
		f.note.SetText(plural("Not listed: {{.Count}} other files of a kind Verbatim does not import (it reads txt, md, docx, odt, html, rtf, pdf, vtt and srt).", others))
	default:
		f.note.SetText("")
	}
	f.list.Refresh()
	f.list.ScrollToTop()
	f.update()
}

// folderError is why a folder cannot be read, without Go's wording.
func folderError(err error) string {
	var pe *os.PathError
	switch {
	case errors.Is(err, os.ErrPermission):
		return lang.L("you have no permission to read it")
	case errors.Is(err, os.ErrNotExist):
		return lang.L("it does not exist")
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

func (f *filePicker) newRow() fyne.CanvasObject {
	icon := widget.NewIcon(theme.FolderIcon())
	check := newDialogCheck()
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, icon, nil, container.NewStack(check, name))
}

func (f *filePicker) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	e := f.entries[i]
	row := o.(*fyne.Container)
	stack := row.Objects[0].(*fyne.Container)
	icon := row.Objects[1].(*widget.Icon)
	check, name := stack.Objects[0].(*dialogCheck), stack.Objects[1].(*widget.Label)
	if e.folder {
		icon.SetResource(theme.FolderIcon())
		check.OnChanged = nil
		check.Hide()
		name.SetText(e.name)
		name.Show()
		return
	}
	icon.SetResource(theme.FileTextIcon())
	name.Hide()
	check.OnChanged = nil
	check.Text = e.name
	check.SetChecked(f.chosen[e.path])
	check.OnChanged = func(on bool) { f.tick(e.path, on) }
	check.Show()
	check.Refresh()
}

// onRowTapped goes into a folder, or ticks or unticks a file.
func (f *filePicker) onRowTapped(i widget.ListItemID) {
	f.list.Unselect(i)
	// A focused list keeps Escape from the window, which closes dialogs
	// with it.
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.list); c != nil {
		c.Unfocus()
	}
	if i >= len(f.entries) {
		return
	}
	e := f.entries[i]
	if e.folder {
		f.open(e.path)
		return
	}
	f.tick(e.path, !f.chosen[e.path])
	f.list.RefreshItem(i)
}

func (f *filePicker) tick(path string, on bool) {
	if f.chosen[path] == on {
		return
	}
	f.chosen[path] = on
	if on {
		f.order = append(f.order, path)
	} else {
		f.order = slices.DeleteFunc(f.order, func(s string) bool { return s == path })
	}
	f.update()
}

// onTickAll ticks every file of the folder shown, or unticks them when
// all are ticked.
func (f *filePicker) onTickAll() {
	all := true
	for _, e := range f.entries {
		all = all && (e.folder || f.chosen[e.path])
	}
	for _, e := range f.entries {
		if !e.folder {
			f.tick(e.path, !all)
		}
	}
	f.list.Refresh()
}

// update counts the files ticked and names the buttons for them.
func (f *filePicker) update() {
	n := len(f.order)
	files, all := 0, true
	for _, e := range f.entries {
		if !e.folder {
			files++
			all = all && f.chosen[e.path]
		}
	}
	f.all.SetText(lang.L("Tick all here"))
	if files > 0 && all {
		f.all.SetText(lang.L("Untick all here"))
	}
	if files == 0 {
		f.all.Disable()
	} else {
		f.all.Enable()
	}
	switch n {
	case 0:
		f.count.SetText(lang.L("Tick the transcripts to import."))
		f.confirm.SetText(lang.L("Import"))
		f.confirm.Disable()
	default:
		f.count.SetText(plural("{{.Count}} files ticked", n))
		f.confirm.SetText(plural("Import {{.Count}} files", n))
		f.confirm.Enable()
	}
}

func (f *filePicker) onConfirm() {
	if len(f.order) == 0 {
		return
	}
	fyne.CurrentApp().Preferences().SetString(prefImportFolder, f.dir)
	f.dialog.Hide()
	f.onImport(slices.Clone(f.order))
}

// dialogCheck is a tick for dialogs: like dialogEntry, it passes Escape on
// to the canvas, which closes the dialog, where a focused Check would
// ignore it.
type dialogCheck struct {
	widget.Check
}

func newDialogCheck() *dialogCheck {
	c := &dialogCheck{}
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey passes Escape on to the canvas.
func (c *dialogCheck) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeyEscape {
		c.Check.TypedKey(k)
		return
	}
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil && cv.OnTypedKey() != nil {
		cv.OnTypedKey()(k)
	}
}
