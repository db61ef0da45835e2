package transcript

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The view handles copy, select all and the Ctrl moves itself; any other
// shortcut reaches the canvas's handlers, as it would with nothing focused.
func TestOtherShortcutsGoToTheCanvas(t *testing.T) {
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	var got []string
	for _, s := range []fyne.Shortcut{
		&fyne.ShortcutUndo{},
		&fyne.ShortcutRedo{},
		&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift},
		&fyne.ShortcutSelectAll{},
		&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierControl},
	} {
		w.Canvas().AddShortcut(s, func(s fyne.Shortcut) { got = append(got, s.ShortcutName()) })
	}
	w.Canvas().Focus(v.page)
	v.page.TypedShortcut(&fyne.ShortcutUndo{})
	v.page.TypedShortcut(&fyne.ShortcutRedo{})
	v.page.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	v.page.TypedShortcut(&fyne.ShortcutSelectAll{})
	v.page.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierControl})
	want := []string{"Undo", "Redo", (&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}).ShortcutName()}
	if len(got) != len(want) {
		t.Fatalf("the canvas got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("the canvas got %v, want %v", got, want)
		}
	}
	if s, e := v.Selection(); s != e || e != v.lay.n {
		t.Errorf("Ctrl+A then Ctrl+End: selection %d:%d, want the caret at the end %d", s, e, v.lay.n)
	}
}
