package ui

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/assets"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/ui/internal/golden"
)

// TestMain runs the window's tests in English whatever the machine's
// language: they find widgets by their texts. The tests of the language
// switch to Dutch themselves and back.
func TestMain(m *testing.M) {
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		os.Unsetenv(v)
	}
	os.Setenv("LANG", "en_US.UTF-8")
	os.Exit(m.Run())
}

// inDutch shows the texts in Dutch until the test ends.
func inDutch(t *testing.T) {
	t.Helper()
	if err := useLanguage(languageDutch); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { useLanguage(languageEnglish) })
}

// fyneKeys are the texts of Fyne's own widgets and dialogs that Verbatim
// translates into Dutch, which Fyne does not: its file dialogs, the
// buttons of its dialogs, a text field's menu.
var fyneKeys = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut",
	"Enter filename", "Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste",
	"Quit", "Redo", "Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent"}

// keyPassers are the functions that hand a key on to lang: the keys are
// their callers'.
var keyPassers = []string{"plural", "translated", "translatedWith", "stepLabel", "labelText", "Phrase", "PhraseN", "fill", "queryError", "what"}

// outsideKeyFiles are the sources outside ui and model whose texts the
// window shows translated, and outsideKeyMakers the functions there that
// make a text from a key, each as the call of ui or model it is like.
var (
	outsideKeyFiles  = []string{"../index/query.go", "../model/importer/batch.go", "../model/importer/refuse.go", "../model/refiqda/import.go"}
	outsideKeyMakers = map[string]string{"queryError": "model.Phrase", "what": "textKey"}
)

// textKeys reads the keys of lang.L, lang.N, lang.X, plural and textKey calls in
// the package's and its subpackages' sources, each with whether it is
// counted (has plural forms). A key that is not a literal string is an
// error: no test could tell whether the files hold it.
func textKeys(t *testing.T) map[string]bool {
	keys, _ := allTextKeys(t)
	return keys
}

// allTextKeys is textKeys with the English forms of the undo labels that
// model.Phrase and model.PhraseN make, in model and here, by key: the
// form for one and the other, which en.json must give as they are, so
// that the window's English is the command line's.
func allTextKeys(t *testing.T) (map[string]bool, map[string][2]string) {
	t.Helper()
	keys := map[string]bool{}
	labels := map[string][2]string{}
	fset := token.NewFileSet()
	files, _ := filepath.Glob("*.go")
	sub, _ := filepath.Glob("transcript/*.go")
	models, _ := filepath.Glob("../model/*.go")
	files = append(append(append(files, sub...), models...), outsideKeyFiles...)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FuncDecl); ok && slices.Contains(keyPassers, fn.Name.Name) {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			counted, name := false, ""
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				x, ok := fn.X.(*ast.Ident)
				if !ok || (x.Name != "lang" && x.Name != "model") {
					return true
				}
				name = x.Name + "." + fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
				if strings.HasPrefix(f, "../model/") && !strings.HasPrefix(f, "../model/importer/") {
					name = "model." + name
				}
				if slices.Contains(outsideKeyFiles, f) {
					if as, ok := outsideKeyMakers[fn.Name]; ok {
						name = as
					}
				}
			default:
				return true
			}
			switch name {
			case "lang.L", "lang.X", "textKey", "model.Phrase":
			case "lang.N", "lang.XN", "plural":
				counted = true
			case "model.PhraseN":
				if len(call.Args) < 2 {
					return true
				}
				one, ok1 := call.Args[0].(*ast.BasicLit)
				other, ok2 := call.Args[1].(*ast.BasicLit)
				if !ok1 || !ok2 {
					t.Errorf("%s: an undo label whose forms are not literal strings", fset.Position(call.Pos()))
					return true
				}
				o, _ := strconv.Unquote(one.Value)
				k, _ := strconv.Unquote(other.Value)
				keys[k], labels[k] = true, [2]string{o, k}
				return true
			default:
				return true
			}
			if name == "model.Phrase" {
				if lit, ok := call.Args[0].(*ast.BasicLit); ok {
					k, _ := strconv.Unquote(lit.Value)
					labels[k] = [2]string{"", k}
				}
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: a text whose key is not a literal string", fset.Position(call.Pos()))
				return true
			}
			key, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			keys[key] = counted
			return true
		})
	}
	if len(keys) < 50 || len(labels) < 20 {
		t.Fatalf("found only %d text keys and %d undo labels in the sources", len(keys), len(labels))
	}
	return keys, labels
}

// TestUndoLabelsInEnglishAsTheModelWrites checks that en.json gives each
// undo label as model writes it for the command line.
func TestUndoLabelsInEnglishAsTheModelWrites(t *testing.T) {
	_, labels := allTextKeys(t)
	en := translations(t, "en")
	for key, forms := range labels {
		raw := en[key]
		if forms[0] == "" {
			var text string
			if json.Unmarshal(raw, &text) != nil || text != key {
				t.Errorf("en.json gives the undo label %q as %s", key, raw)
			}
			continue
		}
		var got map[string]string
		if json.Unmarshal(raw, &got) != nil || got["one"] != forms[0] || got["other"] != forms[1] {
			t.Errorf("en.json gives the undo label %q as %s, want one %q, other %q", key, raw, forms[0], forms[1])
		}
	}
}

// TestUndoMenuInDutch codes passages and reads Edit > Undo in Dutch, the
// label's count in its plural form, and the status after undoing.
func TestUndoMenuInDutch(t *testing.T) {
	w, p := newTestWindow(t)
	inDutch(t)
	ctx := context.Background()
	codes, _ := p.Codes(ctx)
	docs, _ := p.Documents(ctx)
	spans := []model.Span{{DocID: docs[0].ID, Start: 0, End: 5}, {DocID: docs[1].ID, Start: 0, End: 5}}
	for n, want := range map[int]string{1: "Ongedaan maken: Een passage coderen met “Deel wat je leert”", 2: "Ongedaan maken: 2 passages coderen met “Deel wat je leert”"} {
		if _, err := p.ApplyCodes(ctx, codes[0].ID, spans[:n]); err != nil {
			t.Fatal(err)
		}
		w.updateUndoMenu()
		if got := w.undoMenu.undo.Label; got != want {
			t.Errorf("Edit menu after coding %d passages: %q, want %q", n, got, want)
		}
		w.onUndo()
		if !strings.HasPrefix(w.status.Text, "Ongedaan gemaakt: ") || !strings.Contains(w.status.Text, "coderen met") {
			t.Errorf("status after undo: %q", w.status.Text)
		}
	}
}

// translations reads assets/lang/name.json.
func translations(t *testing.T, name string) map[string]json.RawMessage {
	t.Helper()
	data, err := assets.Lang.ReadFile("lang/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	return m
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders are the named parts a text fills in, sorted.
func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

func TestEveryTextIsInBothLanguages(t *testing.T) {
	keys := textKeys(t)
	for _, k := range fyneKeys {
		if _, ok := keys[k]; !ok {
			keys[k] = false
		}
	}
	for _, name := range []string{"en", "nl"} {
		file := translations(t, name)
		for key, counted := range keys {
			raw, ok := file[key]
			if !ok {
				t.Errorf("%s.json has no text for %q", name, key)
				continue
			}
			var forms map[string]string
			var text string
			switch {
			case counted && json.Unmarshal(raw, &forms) == nil && forms["one"] != "" && forms["other"] != "":
				text = forms["other"]
				for _, p := range placeholders(forms["one"]) {
					if !slices.Contains(placeholders(key), p) {
						t.Errorf("%s.json, %q: the form for one fills in {{.%s}}, which the key does not name", name, key, p)
					}
				}
			case counted:
				t.Errorf("%s.json, %q: a counted text needs its forms for one and other, has %s", name, key, raw)
				continue
			case json.Unmarshal(raw, &text) != nil:
				t.Errorf("%s.json, %q: want a plain text, have %s", name, key, raw)
				continue
			}
			if got, want := placeholders(text), placeholders(key); !slices.Equal(got, want) && key != "This did not work: {{.Err}}" {
				t.Errorf("%s.json, %q fills in %v, want %v", name, key, got, want)
			}
		}
		for key := range file {
			if _, ok := keys[key]; !ok {
				t.Errorf("%s.json has %q, which no source uses", name, key)
			}
		}
	}
}

func TestTheLanguagesHaveTheSameKeys(t *testing.T) {
	en, nl := translations(t, "en"), translations(t, "nl")
	for k := range en {
		if _, ok := nl[k]; !ok {
			t.Errorf("nl.json lacks %q", k)
		}
	}
	for k := range nl {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		lang language
		n    int
		want string
	}{
		{languageEnglish, 0, "0 codings"},
		{languageEnglish, 1, "1 coding"},
		{languageEnglish, 3, "3 codings"},
		{languageDutch, 0, "0 coderingen"},
		{languageDutch, 1, "1 codering"},
		{languageDutch, 3, "3 coderingen"},
	}
	t.Cleanup(func() { useLanguage(languageEnglish) })
	for _, tt := range tests {
		if err := useLanguage(tt.lang); err != nil {
			t.Fatal(err)
		}
		if got := plural("{{.Count}} codings", tt.n); got != tt.want {
			t.Errorf("%s, %d: %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestKnownErrorsInDutch(t *testing.T) {
	for _, e := range errorTexts() {
		if e.text != e.err.Error() {
			t.Errorf("in English, %q reads %q: the window would say it otherwise than the command line", e.err, e.text)
		}
	}
	inDutch(t)
	err := errorText(model.ErrNothingToUndo)
	if err != "niets om ongedaan te maken" {
		t.Errorf("nothing to undo, in Dutch: %q", err)
	}
}

// menuTitles are the titles of the window's menus.
func menuTitles(w *MainWindow) []string {
	var out []string
	for _, m := range w.win.MainMenu().Items {
		out = append(out, m.Label)
	}
	return out
}

func TestSettingsSwitchTheLanguage(t *testing.T) {
	w, p := newTestWindow(t)
	t.Cleanup(func() { useLanguage(languageEnglish) })
	tapText(t, w.documents.box, "b – Sanne.txt")
	w.win.Canvas().Focus(w.search.entry)
	test.Type(w.search.entry, "geleerd")
	if got := w.codebook.filter.PlaceHolder; got != "Find or create a code…" {
		t.Fatalf("the codebook's filter says %q before the switch", got)
	}
	top := openSettings(t, w)
	if !strings.Contains(labelTexts(top), "Every window changes at once") {
		t.Errorf("the dialog's hint does not say the window changes at once:\n%s", labelTexts(top))
	}
	chooseRadio(t, top, "Nederlands")
	tapButton(t, top, "Save")
	if got, want := menuTitles(w), []string{"Bestand", "Bewerken", "Beeld", "Help"}; !slices.Equal(got, want) {
		t.Errorf("after choosing Nederlands, the menus are %v, want %v", got, want)
	}
	if got := fyne.CurrentApp().Preferences().String(prefLanguage); got != "nl" {
		t.Errorf("the preference holds %q, want nl", got)
	}
	if got, want := w.status.Text, "Het venster is nu in de nieuwe taal."; got != want {
		t.Errorf("the status line says %q, want %q", got, want)
	}
	// The panels of this window are Dutch at once, on the same document,
	// with the search typed.
	if got, want := w.codebook.filter.PlaceHolder, "Zoek of maak een code…"; got != want {
		t.Errorf("the codebook's filter says %q, want %q", got, want)
	}
	var shown []string
	for _, x := range allObjectsUnder(w.win.Content()) {
		if b, ok := x.(*widget.Button); ok && b.Text != "" && b.Visible() {
			shown = append(shown, b.Text)
		}
	}
	for _, want := range []string{"Sprekers", "Samenvatting"} {
		if !slices.Contains(shown, want) {
			t.Errorf("after the switch the window has no button %q; its buttons: %q", want, shown)
		}
	}
	if w.doc.Name != "b – Sanne.txt" || !strings.Contains(w.title.Text, "b – Sanne.txt") || !strings.Contains(w.title.Text, "sprekers") {
		t.Errorf("after the switch the window shows %q, titled %q", w.doc.Name, w.title.Text)
	}
	if got := w.search.entry.Text; got != "geleerd" {
		t.Errorf("after the switch the search bar holds %q", got)
	}
	tapText(t, w.documents.box, "a – Ana.txt")
	if w.doc.Name != "a – Ana.txt" {
		t.Errorf("the rebuilt documents list does not open a document: %q shown", w.doc.Name)
	}

	// A window opened now, as at the next start, is Dutch throughout.
	codes, err := p.Codes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := p.Documents(context.Background())
	for _, d := range docs { // one coding in each: the new window may open either
		if _, err := p.ApplyCode(context.Background(), codes[0].ID, model.Span{DocID: d.ID, Start: 0, End: 5}); err != nil {
			t.Fatal(err)
		}
	}
	w2, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w2.win.Close)
	if !strings.Contains(w2.title.Text, "2 sprekers, 1 codering") {
		t.Errorf("the document's title: %q, want its speakers and codings counted in Dutch", w2.title.Text)
	}
	var buttons []string
	for _, x := range allObjectsUnder(w2.win.Content()) {
		if b, ok := x.(*widget.Button); ok && b.Text != "" {
			buttons = append(buttons, b.Text)
		}
	}
	for _, want := range []string{"Sprekers", "Samenvatting"} {
		if !slices.Contains(buttons, want) {
			t.Errorf("the Dutch window has no button %q; its buttons: %q", want, buttons)
		}
	}

	// And back, through the Dutch dialog.
	menuAction(t, w2, "Bewerken", "Instellingen…")()
	top = w2.win.Canvas().Overlays().Top()
	chooseRadio(t, top, "English")
	tapButton(t, top, "Opslaan")
	if got, want := menuTitles(w2), []string{"File", "Edit", "View", "Help"}; !slices.Equal(got, want) {
		t.Errorf("after choosing English, the menus are %v, want %v", got, want)
	}
}

// TestGoldenWindow draws the window in both languages and both themes
// and compares it with testdata/window-*.png; go test -run GoldenWindow
// -update draws them anew.
func TestGoldenWindow(t *testing.T) {
	for _, l := range []language{languageEnglish, languageDutch} {
		for _, th := range []themeMode{themeLight, themeDark} {
			name := "window-" + string(l) + "-" + string(th) + ".png"
			t.Run(name, func(t *testing.T) {
				test.NewTempApp(t)
				t.Cleanup(func() { useLanguage(languageEnglish) })
				prefs := fyne.CurrentApp().Preferences()
				prefs.SetString(prefLanguage, string(l))
				prefs.SetString(prefTheme, string(th))
				w, err := NewMainWindow(fyne.CurrentApp(), testProject(t), Options{})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(w.win.Close)
				w.win.Resize(fyne.NewSize(1000, 600))
				bg := w.win.Canvas().Capture().At(4, 590)
				if want := theme.DefaultTheme().Color(theme.ColorNameBackground, map[themeMode]fyne.ThemeVariant{themeLight: theme.VariantLight, themeDark: theme.VariantDark}[th]); golden.ChannelDiff(bg, want) > 8 {
					t.Errorf("the window's background is %v, want %v", bg, want)
				}
				golden.Assert(t, name, w.win.Canvas().Capture())
			})
		}
	}
}

// An open Analysis window changes language with its project window, showing
// the same table, as large as it was.
func TestSettingsSwitchTheAnalysisWindow(t *testing.T) {
	w, p := newTestWindow(t)
	t.Cleanup(func() { useLanguage(languageEnglish) })
	analysisProject(t, w, p)
	runOnTestGoroutine(t)
	menuAction(t, w, "View", "Analysis…")()
	v := w.analysis
	if v == nil {
		t.Fatal("View > Analysis… opened no Analysis window")
	}
	t.Cleanup(func() { closeAnalysis(t, w.analysis) })
	waitForAnalysis(t, v)
	selectAnalysis(t, v, "Codes by document")
	v.win.Resize(fyne.NewSize(900, 640))

	top := openSettings(t, w)
	chooseRadio(t, top, "Nederlands")
	tapButton(t, top, "Save")
	nv := w.analysis
	if nv == v || !v.closed || nv.closed {
		t.Fatalf("after the switch: a new Analysis window %v, the old one closed %v, the new one closed %v", nv != v, v.closed, nv.closed)
	}
	waitForAnalysis(t, nv)
	if got, want := nv.win.Title(), "Analyse — ui"; got != want {
		t.Errorf("the Analysis window is titled %q, want %q", got, want)
	}
	if got, want := nv.selector.Selected, "Codes per document"; got != want {
		t.Errorf("the Analysis window shows %q, want %q", got, want)
	}
	if got := nv.refresh.Text; got != "Vernieuwen" {
		t.Errorf("its Refresh button says %q", got)
	}
	if got := nv.win.Canvas().Size(); got.Width < 890 || got.Height < 630 {
		t.Errorf("the new Analysis window is %v, want about 900x640", got)
	}
}
