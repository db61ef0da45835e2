package assets

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Code is one code of the default codebook, in one language.
type Code struct {
	Name        string // the principle, as a researcher reads it in the codebook
	Color       string // highlight colour as #RRGGBB, the same in every language
	Description string // one line saying when to apply the code
}

//go:embed demo/codebook.json
var codebookJSON []byte

// codebookEntry is one code in demo/codebook.json: a colour shared by all languages and a name
// and description per language.
type codebookEntry struct {
	Color string `json:"color"`
	NL    text   `json:"nl"`
	EN    text   `json:"en"`
}

type text struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// codebook decodes the embedded file once. The file ships inside the binary and is checked by
// the tests, so a decoding error is a build mistake, not something a user can cause.
var codebook = sync.OnceValue(func() []codebookEntry {
	var entries []codebookEntry
	if err := json.Unmarshal(codebookJSON, &entries); err != nil {
		panic(fmt.Sprintf("assets: demo/codebook.json: %v", err))
	}
	return entries
})

// Codebook returns the default codebook of the demo project: the six principles of the article
// the project grew from, in the article's order. lang is "nl" or "en"; any other value gives
// English. Each call returns a new slice that the caller may change.
func Codebook(lang string) []Code {
	entries := codebook()
	codes := make([]Code, len(entries))
	for i, e := range entries {
		t := e.EN
		if lang == "nl" {
			t = e.NL
		}
		codes[i] = Code{Name: t.Name, Color: e.Color, Description: t.Description}
	}
	return codes
}
