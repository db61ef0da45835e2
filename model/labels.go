package model

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Undo steps are named for the user: the Edit menu shows "Undo: Apply
// “Deel wat je leert”". Code names stand in typographic quotes, because
// they read as phrases; documents, speakers and participants are named as
// they are.

// A Label names an undo step: its English text, which the command line
// shows, and the same as a message a window translates: the English
// text's template as the key of its translations, and the parts it fills
// in. A label with a number has it as the part Count, and its key is the
// template for numbers other than one.
type Label struct {
	Text string            // "Code 3 passages with “Deel wat je leert”"
	Key  string            // "Code {{.Count}} passages with “{{.Code}}”"; "" when Text is all there is
	Args map[string]string // {"Count": "3", "Code": "Deel wat je leert"}
}

// plainLabel is a label with only its English text.
func plainLabel(text string) Label { return Label{Text: text} }

// Phrase is the label whose template is key, filled in with the parts
// given as name, value pairs.
func Phrase(key string, parts ...string) Label {
	l := Label{Key: key, Args: map[string]string{}}
	for i := 0; i+1 < len(parts); i += 2 {
		l.Args[parts[i]] = parts[i+1]
	}
	l.Text = fill(key, l.Args)
	return l
}

// PhraseN is Phrase for a label that counts n things: one is its template
// for one, other the key and template for any other number.
func PhraseN(one, other string, n int, parts ...string) Label {
	l := Phrase(other, append(parts, "Count", strconv.Itoa(n))...)
	if n == 1 {
		l.Text = fill(one, l.Args)
	}
	return l
}

// fill puts the parts in a template's {{.Name}} places.
func fill(template string, args map[string]string) string {
	pairs := make([]string, 0, 2*len(args))
	for k, v := range args {
		pairs = append(pairs, "{{."+k+"}}", v)
	}
	return strings.NewReplacer(pairs...).Replace(template)
}

// encodeArgs is how undo_steps keeps a label's parts.
func encodeArgs(args map[string]string) string {
	if len(args) == 0 {
		return ""
	}
	b, _ := json.Marshal(args)
	return string(b)
}

func decodeArgs(s string) map[string]string {
	if s == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

// languageNames name the project languages in labels.
var languageNames = map[string]string{"nl": "Dutch", "en": "English"}
