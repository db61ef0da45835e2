package ui

import (
	"errors"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// errorTexts are the errors from model, index, importer and export that a
// researcher meets, each in the language shown. Their keys are the errors'
// own English texts, so English shows them as the command line does.
func errorTexts() []struct {
	err  error
	text string
} {
	return []struct {
		err  error
		text string
	}{
		{model.ErrLocked, lang.L("it is open elsewhere (in another Verbatim window or command); close it there first")},
		{model.ErrNewerVersion, lang.L("it was saved by a newer version of Verbatim; update Verbatim to open it")},
		{model.ErrNotProject, lang.L("not a Verbatim project (the file is damaged or is another kind of file)")},
		{model.ErrExists, lang.L("a file with that name exists already")},
		{model.ErrNotFound, lang.L("not found")},
		{model.ErrDuplicate, lang.L("exists already")},
		{model.ErrInvalid, lang.L("invalid")},
		{model.ErrNothingToUndo, lang.L("nothing to undo")},
		{model.ErrNothingToRedo, lang.L("nothing to redo")},
		{model.ErrInAction, lang.L("not while a change is being made (undo and redo come between changes)")},
		{model.ErrDiskFull, lang.L("the disk is full: Verbatim could not save; free some space and try again")},
		{model.ErrNameTooLong, lang.L("the name or path is longer than the system allows; use a shorter name or folder")},
		{model.ErrPathTooLong, lang.L("the path is longer than Verbatim can keep a project at; use a shorter folder or name")},
		{model.ErrNeedsUpgrade, lang.L("it was saved by an older version of Verbatim and needs upgrading, which cannot be done while it is read-only; open it where it can be written to")},
		{model.ErrSettingsUnreadable, lang.L("the project's own settings (its language and identity) could not be read")},
		{index.ErrClosed, lang.L("the search index is closed")},
		{index.ErrInUse, lang.L("the search index is in use by another Verbatim window or command (perhaps on a copy of this project); close it there first")},
		{importer.ErrEmpty, lang.L("the file is empty")},
		{importer.ErrUnsupported, lang.L("not a format Verbatim imports")},
		{importer.ErrDamaged, lang.L("the file is damaged")},
		{importer.ErrEncrypted, lang.L("the file is password-protected (remove the password and import it again)")},
		{importer.ErrTooLarge, lang.L("the file is too large")},
		{importer.ErrNoText, lang.L("the file contains no text")},
		{export.ErrNoContent, lang.L("nothing to write in this format")},
	}
}

// errorText is err as the window says it: the known errors in the
// language shown, within the English context the packages wrapped them
// in (a file's name, what was being done).
func errorText(err error) string {
	err = model.Plain(err)
	msg := err.Error()
	for _, e := range errorTexts() {
		if errors.Is(err, e.err) {
			msg = strings.Replace(msg, e.err.Error(), e.text, 1)
		}
	}
	var qe *index.QueryError
	if errors.As(err, &qe) {
		msg = strings.Replace(msg, qe.Error(), lang.L("search: {{.Err}}", args{"Err": queryErrorText(qe)}), 1)
	}
	if errors.Is(err, model.ErrDamaged) {
		// The window names its menu items where the command line names
		// its commands, as readOnlyText does.
		msg = strings.Replace(msg, model.ErrDamaged.Error(), lang.L("this part of the project file is damaged and cannot be read; Help > Check… lists the damage, and Help > Repair into a new project… saves what can be read into a new project"), 1)
	}
	var ro *model.ReadOnlyError
	if errors.As(err, &ro) {
		msg = strings.Replace(msg, ro.Error(), readOnlyText(ro), 1)
	}
	return contextText(msg)
}

// errorContexts are the words model, index and importer put before an
// error to say where it happened ("document 3: …", "search index: …"),
// each as the pattern of the English words with the parts it names, and
// the template of the words in the language shown. A part named Table is
// a table of the project file ("saving codings: …"), said as tableLabel
// says it.
var errorContexts = []struct {
	pattern *regexp.Regexp
	parts   []string
	key     string
}{
	{regexp.MustCompile(`^document (\d+): `), []string{"ID"}, textKey("document {{.ID}}: {{.Err}}")},
	{regexp.MustCompile(`^coding (\d+): `), []string{"ID"}, textKey("coding {{.ID}}: {{.Err}}")},
	{regexp.MustCompile(`^speaker (\d+): `), []string{"ID"}, textKey("speaker {{.ID}}: {{.Err}}")},
	{regexp.MustCompile(`^participant (\d+): `), []string{"ID"}, textKey("participant {{.ID}}: {{.Err}}")},
	{regexp.MustCompile(`^code (\d+): `), []string{"ID"}, textKey("code {{.ID}}: {{.Err}}")},
	{regexp.MustCompile(`^code key (\d+): `), []string{"Key"}, textKey("code key {{.Key}}: {{.Err}}")},
	{regexp.MustCompile(`^code keys: `), nil, textKey("code keys: {{.Err}}")},
	{regexp.MustCompile(`^search index: `), nil, textKey("search index: {{.Err}}")},
	{regexp.MustCompile(`^search: `), nil, textKey("search: {{.Err}}")},
	{regexp.MustCompile(`^open: `), nil, textKey("open: {{.Err}}")},
	{regexp.MustCompile(`^read: `), nil, textKey("read: {{.Err}}")},
	{regexp.MustCompile(`^the change was given up: `), nil, textKey("the change was given up: {{.Err}}")},
	{regexp.MustCompile(`^could not save the change: `), nil, textKey("could not save the change: {{.Err}}")},
	{regexp.MustCompile(`^integrity check: `), nil, textKey("integrity check: {{.Err}}")},
	{regexp.MustCompile(`^checking the texts: `), nil, textKey("checking the texts: {{.Err}}")},
	{regexp.MustCompile(`^checking the ranges: `), nil, textKey("checking the ranges: {{.Err}}")},
	{regexp.MustCompile(`^checking the links between rows: `), nil, textKey("checking the links between rows: {{.Err}}")},
	{regexp.MustCompile(`^saving ([a-z_]+): `), []string{"Table"}, textKey("{{.Table}} could not be saved: {{.Err}}")},
	{regexp.MustCompile(`^saving a copy to (.+?\.verbatim): `), []string{"File"}, textKey("saving a copy to {{.File}}: {{.Err}}")},
	{regexp.MustCompile(`^the repaired project: `), nil, textKey("the repaired project: {{.Err}}")},
}

// contextText is msg with the English words of errorContexts at its start
// in the language shown.
func contextText(msg string) string {
	for _, c := range errorContexts {
		m := c.pattern.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		data := args{"Err": contextText(msg[len(m[0]):])}
		for i, name := range c.parts {
			data[name] = m[i+1]
			if name == "Table" { // a table of the project file, named as the window names it
				data[name] = tableLabel(m[i+1])
			}
		}
		return translatedWith(c.key, data)
	}
	return msg
}

// newErrorDialog is the dialog that shows err, in the language shown.
func newErrorDialog(err error, win fyne.Window) dialog.Dialog {
	if d := readOnlyDialog(err, win); d != nil {
		return d
	}
	return dialog.NewError(errors.New(lang.L("This did not work: {{.Err}}", args{"Err": errorText(err)})), win)
}

// showError shows err in a dialog.
func (w *MainWindow) showError(err error) { w.showDialog(newErrorDialog(err, w.win)) }
