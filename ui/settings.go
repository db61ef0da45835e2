package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
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
	lang   *widget.RadioGroup
	saves  []func() error // run in order on Save
}

// themeChoice is a theme as Settings shows it.
type themeChoice struct {
	label string
	mode  themeMode
}

// themeChoices are the theme choices, in the language shown.
func themeChoices() []themeChoice {
	return []themeChoice{
		{lang.L("Follow the system"), themeSystem},
		{lang.L("Light"), themeLight},
		{lang.L("Dark"), themeDark},
	}
}

// languageChoice is an interface language as Settings shows it: a
// language by its own name, which its speakers find in any language.
type languageChoice struct {
	label string
	lang  language
}

func languageChoices() []languageChoice {
	return []languageChoice{
		{lang.L("Follow the system"), languageSystem},
		{"Nederlands", languageDutch},
		{"English", languageEnglish},
	}
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
	for _, row := range []func() (*widget.FormItem, error){s.coderRow, s.themeRow, s.languageRow} {
		it, err := row()
		if err != nil {
			return nil, err
		}
		rows = append(rows, it)
	}
	s.dialog = dialog.NewForm(lang.L("Settings"), lang.L("Save"), lang.L("Cancel"), rows, s.onClosed, w.win)
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
			return errors.New(lang.L("A name is needed."))
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
		s.w.status.SetText(lang.L("New codings in this project are attributed to {{.Name}}.", args{"Name": strings.TrimSpace(s.coder.Text)}))
		return nil
	})
	it := widget.NewFormItem(lang.L("Your name"), s.coder)
	it.HintText = lang.L("New codings in this project are attributed to this name.")
	return it, nil
}

// themeRow is the theme of every window, an app preference.
func (s *settingsDialog) themeRow() (*widget.FormItem, error) {
	a := fyne.CurrentApp()
	choices := themeChoices()
	labels := make([]string, len(choices))
	current := themePreference(a)
	s.theme = widget.NewRadioGroup(nil, nil)
	for i, c := range choices {
		labels[i] = c.label
	}
	s.theme.Options = labels
	s.theme.Horizontal = true
	s.theme.Required = true
	for _, c := range choices {
		if c.mode == current {
			s.theme.Selected = c.label
		}
	}
	if s.theme.Selected == "" {
		s.theme.Selected = choices[0].label
	}
	s.saves = append(s.saves, func() error {
		for _, c := range choices {
			if c.label == s.theme.Selected {
				a.Preferences().SetString(prefTheme, string(c.mode))
				useTheme(a, c.mode)
			}
		}
		return nil
	})
	return widget.NewFormItem(lang.L("Theme"), s.theme), nil
}

// languageRow is the language of the interface, an app preference. Every
// project window, and its Analysis window, is built again in it at once
// (relabel).
func (s *settingsDialog) languageRow() (*widget.FormItem, error) {
	a := fyne.CurrentApp()
	choices := languageChoices()
	current := languagePreference(a)
	s.lang = widget.NewRadioGroup(nil, nil)
	for _, c := range choices {
		s.lang.Options = append(s.lang.Options, c.label)
		if c.lang == current {
			s.lang.Selected = c.label
		}
	}
	if s.lang.Selected == "" {
		s.lang.Selected = choices[0].label
	}
	s.lang.Horizontal = true
	s.lang.Required = true
	s.saves = append(s.saves, func() error {
		for _, c := range choices {
			if c.label != s.lang.Selected || c.lang == current {
				continue
			}
			a.Preferences().SetString(prefLanguage, string(c.lang))
			if err := useLanguage(c.lang); err != nil {
				return err
			}
			for _, w := range projectWindows {
				if w != s.w && w.isOpen() {
					if err := w.relabel(); err != nil {
						w.showError(err)
					}
				}
			}
			if err := s.w.relabel(); err != nil {
				return err
			}
			s.w.status.SetText(lang.L("The window is in the new language now."))
		}
		return nil
	})
	it := widget.NewFormItem(lang.L("Language"), s.lang)
	it.HintText = lang.L("Every window changes at once.")
	return it, nil
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
