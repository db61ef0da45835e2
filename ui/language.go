package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/assets"
	"codeberg.org/verbatim/verbatim/index"
)

// language is the interface's language chosen in Settings: follow the
// system, or always Dutch or English. Its value is what the preference
// stores.
type language string

const (
	languageSystem  language = "system"
	languageDutch   language = "nl"
	languageEnglish language = "en"
)

// prefLanguage is the app preference holding the language.
const prefLanguage = "language"

// languagePreference is the language the app's preferences hold.
func languagePreference(a fyne.App) language {
	return language(a.Preferences().StringWithFallback(prefLanguage, string(languageSystem)))
}

// shownLanguage is the language the texts are in now, "" before the
// first useLanguage.
var shownLanguage language

// spoken is the language a choice shows: the system's, when it is Dutch,
// for languageSystem; English for any other.
func (l language) spoken() language {
	switch l {
	case languageDutch, languageEnglish:
		return l
	}
	if strings.HasPrefix(string(lang.SystemLocale()), "nl") {
		return languageDutch
	}
	return languageEnglish
}

// useLanguage makes lang.L and its kin answer in the language l shows.
// Fyne's lang package has no way to choose a language: it follows the
// system's. So the chosen language's texts are registered as the
// system locale's, which is the locale lang looks them up in; both files
// have the same keys, so a later choice replaces every text.
func useLanguage(l language) error {
	s := l.spoken()
	if s == shownLanguage {
		return nil
	}
	data, err := assets.Lang.ReadFile("lang/" + string(s) + ".json")
	if err != nil {
		return err
	}
	if err := lang.AddTranslationsForLocale(data, lang.SystemLocale()); err != nil {
		return fmt.Errorf("the %s texts: %w", s, err)
	}
	shownLanguage = s
	return nil
}

// textKey marks a text's key where it is kept to be shown later, with
// translated: the tests find the keys where they are marked.
func textKey(key string) string { return key }

// translated is the text of a key marked with textKey, in the language shown.
func translated(key string) string { return lang.L(key) }

// translatedWith is translated for a key with {{.Name}} parts.
func translatedWith(key string, a args) string { return lang.L(key, a) }

// args are a text's named parts, as in {{.Name}}.
type args = map[string]any

// plural is the text for n things in the form n takes: "1 coding",
// "3 codings". The key's text names the number {{.Count}}; more parts may
// come in a.
func plural(key string, n int, a ...args) string {
	data := args{"Count": n}
	for _, m := range a {
		for k, v := range m {
			data[k] = v
		}
	}
	return lang.N(key, n, data)
}

// labelText is a text the packages under the window keep as an English
// template and its parts (a model.Label, an index.QueryError), in the
// language shown; text, their English, when there is no template. A part
// named Count picks the plural form; one named What is a text of its own
// (a format's name), translated too.
func labelText(text, key string, parts map[string]string) string {
	if key == "" {
		return text
	}
	data := args{}
	for k, v := range parts {
		data[k] = v
	}
	if w, ok := parts["What"]; ok { // a name that is a key of its own
		data["What"] = lang.L(w)
	}
	if c, ok := parts["Count"]; ok {
		n, _ := strconv.Atoi(c)
		return lang.N(key, n, data)
	}
	return lang.L(key, data)
}

// queryErrorText is a query's error in the language shown, without the
// "search: " the command line puts before it.
func queryErrorText(qe *index.QueryError) string { return labelText(qe.Msg, qe.Key, qe.Args) }
