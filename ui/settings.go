package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// settingsDialog is Edit > Settings…: who this project's codings are
// attributed to, and the theme of every window. Each row is a form item
// and what Save does with it; a row for another setting joins the list in
// newSettingsDialog.
type settingsDialog struct {
	w      *MainWindow
	dialog *dialog.FormDialog
	coder  *dialogEntry
	theme  *widget.RadioGroup
	saves  []func() error // run in order on Save
}

// The theme choices as Settings shows them.
var themeChoices = []struct {
	label string
	mode  themeMode
}{
	{"Follow the system", themeSystem},
	{"Light", themeLight},
	{"Dark", themeDark},
}

func (w *MainWindow) onSettings() {
	s, err := newSettingsDialog(w)
	if err != nil {
		w.showError(err)
		return
	}
	w.showDialog(s.dialog)
	w.win.Canvas().Focus(s.coder)
}

func newSettingsDialog(w *MainWindow) (*settingsDialog, error) {
	s := &settingsDialog{w: w}
	rows := []*widget.FormItem{}
	for _, row := range []func() (*widget.FormItem, error){s.coderRow, s.themeRow} {
		it, err := row()
		if err != nil {
			return nil, err
		}
		rows = append(rows, it)
	}
	s.dialog = dialog.NewForm("Settings", "Save", "Cancel", rows, s.onClosed, w.win)
	s.dialog.Resize(fyne.NewSize(560, s.dialog.MinSize().Height))
	s.coder.OnSubmitted = func(string) { s.dialog.Submit() }
	return s, nil
}

// coderRow is the name new codings in this project are attributed to.
func (s *settingsDialog) coderRow() (*widget.FormItem, error) {
	p := s.w.project
	name, err := p.Coder(background())
	if err != nil {
		return nil, err
	}
	s.coder = newDialogEntry()
	s.coder.SetText(name)
	s.coder.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errors.New("a name is needed")
		}
		return nil
	}
	s.saves = append(s.saves, func() error {
		if strings.TrimSpace(s.coder.Text) == name {
			return nil
		}
		if err := p.SetCoder(background(), s.coder.Text); err != nil {
			return err
		}
		s.w.status.SetText("New codings in this project are attributed to " + strings.TrimSpace(s.coder.Text) + ".")
		return nil
	})
	it := widget.NewFormItem("Your name", s.coder)
	it.HintText = "New codings in this project are attributed to this name."
	return it, nil
}

// themeRow is the theme of every window, an app preference.
func (s *settingsDialog) themeRow() (*widget.FormItem, error) {
	a := fyne.CurrentApp()
	labels := make([]string, len(themeChoices))
	current := themePreference(a)
	s.theme = widget.NewRadioGroup(nil, nil)
	for i, c := range themeChoices {
		labels[i] = c.label
	}
	s.theme.Options = labels
	s.theme.Horizontal = true
	s.theme.Required = true
	for _, c := range themeChoices {
		if c.mode == current {
			s.theme.Selected = c.label
		}
	}
	if s.theme.Selected == "" {
		s.theme.Selected = themeChoices[0].label
	}
	s.saves = append(s.saves, func() error {
		for _, c := range themeChoices {
			if c.label == s.theme.Selected {
				a.Preferences().SetString(prefTheme, string(c.mode))
				useTheme(a, c.mode)
			}
		}
		return nil
	})
	return widget.NewFormItem("Theme", s.theme), nil
}

func (s *settingsDialog) onClosed(save bool) {
	if !save {
		return
	}
	for _, fn := range s.saves {
		if err := fn(); err != nil {
			s.w.showError(err)
			return
		}
	}
}
