package transcript_test

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/ui/transcript"
)

func Example() {
	a := test.NewApp()
	defer a.Quit()

	// Offsets are runes: "Zoë:" is 4 runes, 5 bytes.
	text := "Zoë: Het kost €12 👍.\nAna: Echt?"
	v := transcript.New()
	v.SetText(text, []transcript.Block{
		{Start: 0, End: 21, Speaker: "Zoë"},
		{Start: 22, End: 32, Speaker: "Ana"},
	})
	v.SetHighlights([]transcript.Highlight{
		{Start: 14, End: 20, Color: color.NRGBA{R: 0xf0, G: 0xb0, B: 0x20, A: 0xff}, ID: 7},
	})
	v.OnSelectionChanged = func(start, end int) { fmt.Println("selected", start, end) }

	w := test.NewWindow(v)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 200))

	v.Select(14, 19)
	v.ScrollTo(14)
	fmt.Printf("%q\n", v.SelectedText())
	// Output:
	// selected 14 19
	// "€12 👍"
}
