package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/verbatim/verbatim/ui/transcript"
)

// colorNameTranscriptSelection is the colour of selected text in the
// transcript, drawn over the codings' highlights. Lists keep Fyne's own
// selection colour for their rows: a lime row would shout.
const colorNameTranscriptSelection = transcript.ColorNameSelection

// themeMode is the theme chosen in Settings: follow the system, or always
// light or dark. Its value is what the preference stores.
type themeMode string

const (
	themeSystem themeMode = "system"
	themeLight  themeMode = "light"
	themeDark   themeMode = "dark"
)

// prefTheme is the app preference holding the themeMode.
const prefTheme = "theme"

// Selection colours: a highlighter lime, the colour that stays furthest
// (CIEDE2000, drawn translucent over the background as the transcript
// draws highlights) from every colour of the codebook palette in both
// variants, so that a selection is never taken for a coding. The dark
// variant is more transparent: lime glares on a dark background.
var (
	selectionLight = color.NRGBA{R: 0x77, G: 0xff, B: 0x00, A: 0xa0}
	selectionDark  = color.NRGBA{R: 0x77, G: 0xff, B: 0x00, A: 0x70}
)

// Search hits are framed in ink, in the text's own darkness: no code's
// fill or stripe, nor the selection, comes near it in either variant.
var (
	searchHitLight = color.NRGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}
	searchHitDark  = color.NRGBA{R: 0xf2, G: 0xf2, B: 0xf2, A: 0xff}
)

// verbatimTheme is Fyne's default theme with Verbatim's selection colour,
// in the variant the settings chose: forced light or dark, or the
// system's when mode is themeSystem.
type verbatimTheme struct {
	fyne.Theme
	mode themeMode
}

func newVerbatimTheme(mode themeMode) *verbatimTheme {
	switch mode {
	case themeLight, themeDark:
	default:
		mode = themeSystem
	}
	return &verbatimTheme{Theme: theme.DefaultTheme(), mode: mode}
}

// Color is part of fyne.Theme.
func (t *verbatimTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.mode {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	}
	switch n {
	case colorNameTranscriptSelection:
		if v == theme.VariantLight {
			return selectionLight
		}
		return selectionDark
	case transcript.ColorNameSearchHit:
		if v == theme.VariantLight {
			return searchHitLight
		}
		return searchHitDark
	}
	return t.Theme.Color(n, v)
}

// themePreference is the theme mode the app's preferences hold.
func themePreference(a fyne.App) themeMode {
	return themeMode(a.Preferences().StringWithFallback(prefTheme, string(themeSystem)))
}

// useTheme makes the app show Verbatim's theme in mode, unless it does
// already (setting a theme redraws every window).
func useTheme(a fyne.App, mode themeMode) {
	if t, ok := a.Settings().Theme().(*verbatimTheme); ok && t.mode == mode {
		return
	}
	a.Settings().SetTheme(newVerbatimTheme(mode))
}
