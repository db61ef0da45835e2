package model

import "fmt"

// Undo steps are named for the user: the Edit menu shows "Undo: Apply
// “Deel wat je leert”". Code names stand in typographic quotes, because
// they read as phrases; documents, speakers and participants are named as
// they are.

// quoted puts a code's name in typographic quotes.
func quoted(name string) string { return "“" + name + "”" }

// count says n things: "a passage", "3 passages".
func count(n int, one, many string) string {
	if n == 1 {
		return "a " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// languageNames name the project languages in labels.
var languageNames = map[string]string{"nl": "Dutch", "en": "English"}
