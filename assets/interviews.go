package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

// Interview is one fictional interview of the demo project, in one language, together with the
// work a researcher has already done on it, so that a first start shows coded quotes, key
// quotes and summaries rather than an empty project.
type Interview struct {
	Name        string      // file name to show in the document list
	Text        string      // the transcript: a short header, then one "Speaker: text" turn per paragraph
	Participant string      // the interviewee's speaker label in Text; the other speaker is "Interviewer"
	Attributes  []Attribute // facts about the interviewee (role, organisation), keys in the interview's language
	Memo        string      // the researcher's summary of the interview
	Codings     []Coding    // example codings, in the order of the text
	Summaries   []Summary   // thematic summaries, at most one per code
}

// Attribute is one fact about a participant, such as a role.
type Attribute struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Coding is an example coding: a passage of an interview coded with a principle.
type Coding struct {
	Code int    // the code's position in [Codebook], counting from 1
	Text string // the passage, one or two whole sentences; it occurs exactly once in the interview
	Key  bool   // marked as a key quote
	Memo string // the coding memo; often empty
}

// Summary is a thematic summary: what one interview says about one code, in the researcher's
// words.
type Summary struct {
	Code int // the code's position in [Codebook], counting from 1
	Text string
}

// The transcripts are demo/<id>-<lang>.txt; interviews.json says who they are with, in which
// order the demo imports them, and what each is called per language; codings.json holds the
// example codings and summaries per language, pointing at interviews by id and at codes by
// position, so that the data reads the same way in both languages.
var (
	//go:embed demo/*.txt
	transcripts embed.FS
	//go:embed demo/interviews.json
	interviewsJSON []byte
	//go:embed demo/codings.json
	codingsJSON []byte
)

type interviewEntry struct {
	ID          string        `json:"id"`
	Participant string        `json:"participant"`
	NL          interviewText `json:"nl"`
	EN          interviewText `json:"en"`
}

type interviewText struct {
	Name       string      `json:"name"`
	Attributes []Attribute `json:"attributes"`
	Memo       string      `json:"memo"`
}

// annotations is one language's part of codings.json.
type annotations struct {
	Codings []struct {
		Interview string `json:"interview"`
		Code      int    `json:"code"`
		Text      string `json:"text"`
		Key       bool   `json:"key"`
		Memo      string `json:"memo"`
	} `json:"codings"`
	Summaries []struct {
		Interview string `json:"interview"`
		Code      int    `json:"code"`
		Text      string `json:"text"`
	} `json:"summaries"`
}

type demoData struct {
	interviews []interviewEntry
	texts      map[string]string      // transcript by "<id>-<lang>"
	notes      map[string]annotations // by language
}

// demo decodes the embedded files once. Like the codebook they ship inside the binary and are
// checked by the tests, so a mistake in them is a build mistake and panics.
var demo = sync.OnceValue(func() demoData {
	d := demoData{texts: map[string]string{}}
	if err := json.Unmarshal(interviewsJSON, &d.interviews); err != nil {
		panic(fmt.Sprintf("assets: demo/interviews.json: %v", err))
	}
	if err := json.Unmarshal(codingsJSON, &d.notes); err != nil {
		panic(fmt.Sprintf("assets: demo/codings.json: %v", err))
	}
	for _, e := range d.interviews {
		for _, lang := range []string{"nl", "en"} {
			text, err := transcripts.ReadFile("demo/" + e.ID + "-" + lang + ".txt")
			if err != nil {
				panic(fmt.Sprintf("assets: interview %q: %v", e.ID, err))
			}
			d.texts[e.ID+"-"+lang] = string(text)
		}
	}
	for lang, n := range d.notes {
		for _, c := range n.Codings {
			if _, ok := d.texts[c.Interview+"-"+lang]; !ok {
				panic(fmt.Sprintf("assets: demo/codings.json: %s coding of unknown interview %q", lang, c.Interview))
			}
		}
		for _, s := range n.Summaries {
			if _, ok := d.texts[s.Interview+"-"+lang]; !ok {
				panic(fmt.Sprintf("assets: demo/codings.json: %s summary of unknown interview %q", lang, s.Interview))
			}
		}
	}
	return d
})

// DemoInterviews returns the interviews of the demo project in the order the demo imports
// them, each with its example codings, summaries and participant attributes. lang is "nl" or
// "en"; any other value gives English, as in [Codebook], whose positions the codings refer to.
// The interviews and everyone in them are fictional. Each call returns new slices that the
// caller may change.
func DemoInterviews(lang string) []Interview {
	if lang != "nl" {
		lang = "en"
	}
	d := demo()
	notes := d.notes[lang]
	out := make([]Interview, len(d.interviews))
	for i, e := range d.interviews {
		t := e.EN
		if lang == "nl" {
			t = e.NL
		}
		iv := Interview{
			Name:        t.Name,
			Text:        d.texts[e.ID+"-"+lang],
			Participant: e.Participant,
			Attributes:  slices.Clone(t.Attributes),
			Memo:        t.Memo,
		}
		for _, c := range notes.Codings {
			if c.Interview == e.ID {
				iv.Codings = append(iv.Codings, Coding{Code: c.Code, Text: c.Text, Key: c.Key, Memo: c.Memo})
			}
		}
		for _, s := range notes.Summaries {
			if s.Interview == e.ID {
				iv.Summaries = append(iv.Summaries, Summary{Code: s.Code, Text: s.Text})
			}
		}
		out[i] = iv
	}
	return out
}
