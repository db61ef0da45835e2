package ui

import (
	"context"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// openSettings opens Edit > Settings… and returns the dialog's overlay.
func openSettings(t *testing.T, w *MainWindow) fyne.CanvasObject {
	t.Helper()
	menuAction(t, w, "Edit", "Settings…")()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Edit > Settings… showed no dialog")
	}
	return top
}

// chooseRadio taps the option of the radio group under o.
func chooseRadio(t *testing.T, o fyne.CanvasObject, option string) {
	t.Helper()
	for _, x := range allObjectsUnder(o) {
		if r, ok := x.(*widget.RadioGroup); ok {
			for _, it := range allObjectsUnder(r) {
				if f, ok := it.(fyne.Tappable); ok && it != fyne.CanvasObject(r) && labelTexts(it) == option {
					f.Tapped(&fyne.PointEvent{})
					if r.Selected != option {
						t.Fatalf("tapped %q, the radio group shows %q", option, r.Selected)
					}
					return
				}
			}
		}
	}
	t.Fatalf("no option %q in:\n%s", option, labelTexts(o))
}

// backgroundPixel is the colour the window draws where nothing is: the
// empty status line at its bottom.
func backgroundPixel(w *MainWindow) color.NRGBA {
	img := w.win.Canvas().Capture()
	b := img.Bounds()
	return color.NRGBAModel.Convert(img.At(b.Dx()/2, b.Dy()-4)).(color.NRGBA)
}

func TestSettingsSwitchTheTheme(t *testing.T) {
	w, _ := newTestWindow(t)
	w.status.SetText("")
	want := map[string]color.Color{
		"Light": theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight),
		"Dark":  theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark),
	}
	for _, choice := range []string{"Light", "Dark", "Light"} {
		top := openSettings(t, w)
		chooseRadio(t, top, choice)
		tapButton(t, top, "Save")
		if got, want := backgroundPixel(w), color.NRGBAModel.Convert(want[choice]); got != want {
			t.Errorf("after choosing %s: the window's background is %v, want %v", choice, got, want)
		}
		if got := fyne.CurrentApp().Preferences().String(prefTheme); got != choice && got != map[string]string{"Light": "light", "Dark": "dark"}[choice] {
			t.Errorf("after choosing %s: the preference holds %q", choice, got)
		}
	}
	// The selection differs from the default theme's and from every
	// colour of the codebook, in both variants.
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		sel := color.NRGBAModel.Convert(newVerbatimTheme(themeSystem).Color(colorNameTranscriptSelection, v)).(color.NRGBA)
		sel.A = 0xff
		for _, c := range codePalette {
			if parseColor(c.hex) == sel {
				t.Errorf("variant %d: the selection colour is the codebook's %s", v, c.name)
			}
		}
		// Lists keep Fyne's quiet selection: the lime is for selected text.
		if got, want := newVerbatimTheme(themeSystem).Color(theme.ColorNameSelection, v), theme.DefaultTheme().Color(theme.ColorNameSelection, v); got != want {
			t.Errorf("variant %d: a list's selected row is %v, want Fyne's %v", v, got, want)
		}
	}
}

func TestSettingsSetTheCoder(t *testing.T) {
	w, p := newTestWindow(t)
	top := openSettings(t, w)
	var entry *dialogEntry
	for _, x := range allObjectsUnder(top) {
		if e, ok := x.(*dialogEntry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatalf("no text field in the settings:\n%s", labelTexts(top))
	}
	entry.SetText("")
	test.Type(entry, "Mirjam de Boer")
	tapButton(t, top, "Save")
	if got, err := p.Coder(context.Background()); err != nil || got != "Mirjam de Boer" {
		t.Errorf("coder after Save: %q, %v; want %q", got, err, "Mirjam de Boer")
	}

	// Cancel keeps it; an empty name cannot be saved.
	top = openSettings(t, w)
	for _, x := range allObjectsUnder(top) {
		if e, ok := x.(*dialogEntry); ok {
			entry = e
		}
	}
	if entry.Text != "Mirjam de Boer" {
		t.Errorf("the settings show the coder %q, want the one saved", entry.Text)
	}
	entry.SetText("Iemand anders")
	tapButton(t, top, "Cancel")
	entry.SetText("")
	if got, _ := p.Coder(context.Background()); got != "Mirjam de Boer" {
		t.Errorf("coder after Cancel: %q", got)
	}
}

// TestThemeFromThePreferencesAtStart checks that a window opens in the
// theme chosen before. (Fyne's test app redraws everything when the theme
// is set, so it cannot show what the real one did when the theme came after
// the widgets: inputs kept the dark theme's colours. NewMainWindow sets it
// first.)
func TestThemeFromThePreferencesAtStart(t *testing.T) {
	test.NewTempApp(t)
	fyne.CurrentApp().Preferences().SetString(prefTheme, string(themeLight))
	w, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.win.Close)
	img := w.win.Canvas().Capture()
	// The middle of the search field, right of its placeholder text.
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.search.entry).Add(fyne.NewPos(w.search.entry.Size().Width-20, w.search.entry.Size().Height/2))
	got := color.NRGBAModel.Convert(img.At(int(at.X), int(at.Y))).(color.NRGBA)
	want := color.NRGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameInputBackground, theme.VariantLight)).(color.NRGBA)
	bg := color.NRGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)).(color.NRGBA)
	if got != overOpaque(bg, want) && got != want {
		t.Errorf("with the light theme chosen, the search field is drawn %v, want the light input background %v", got, want)
	}
}

// overOpaque is c laid over the opaque colour bg.
func overOpaque(bg, c color.NRGBA) color.NRGBA {
	mix := func(b, f uint8) uint8 { return uint8((int(b)*(255-int(c.A)) + int(f)*int(c.A) + 127) / 255) }
	return color.NRGBA{R: mix(bg.R, c.R), G: mix(bg.G, c.G), B: mix(bg.B, c.B), A: 0xff}
}
