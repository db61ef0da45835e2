package ui

import (
	"context"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"path/filepath"
	"slices"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// exportChoices is what the export dialog's filters offer, read from the
// project when the dialog opens.
type exportChoices struct {
	project  string // the project's name, for file names
	lang     string
	codes    []model.Code // tree order
	docs     []model.Document
	people   []string // participant names, then speaker labels that are none
	interv   map[string]bool
	attrs    []model.Attribute // distinct KEY = VALUE of participants and documents
	caseKeys []string          // participant attribute keys, to name in attributions
	allKeys  []string          // participant and document attribute keys, to cross a matrix with
	coders   []string
}

func loadExportChoices(ctx context.Context, p *model.Project) (*exportChoices, error) {
	c := &exportChoices{interv: map[string]bool{}, project: strings.TrimSuffix(filepath.Base(p.Path()), ".verbatim")}
	var err error
	if c.lang, err = p.Language(ctx); err != nil {
		return nil, err
	}
	if c.codes, err = p.Codes(ctx); err != nil {
		return nil, err
	}
	if c.docs, err = p.Documents(ctx); err != nil {
		return nil, err
	}
	cases, err := p.Cases(ctx)
	if err != nil {
		return nil, err
	}
	speakers, err := p.Speakers(ctx, 0)
	if err != nil {
		return nil, err
	}
	c.addPeople(cases, speakers)
	attrs := &attributeSet{seen: map[string]bool{}, keys: map[string]bool{}}
	for _, cs := range cases {
		for _, a := range cs.Attributes {
			attrs.add(a)
			if !slices.ContainsFunc(c.caseKeys, func(k string) bool { return strings.EqualFold(k, a.Key) }) {
				c.caseKeys = append(c.caseKeys, a.Key)
			}
		}
	}
	for _, d := range c.docs {
		da, err := p.DocumentAttributes(ctx, d.ID)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", lang.L("attributes of {{.Name}}", args{"Name": d.Name}), err)
		}
		for _, a := range da {
			attrs.add(a)
		}
	}
	c.attrs, c.allKeys = attrs.list, attrs.keyList
	slices.SortFunc(c.attrs, func(a, b model.Attribute) int {
		if k := strings.Compare(strings.ToLower(a.Key), strings.ToLower(b.Key)); k != 0 {
			return k
		}
		return strings.Compare(strings.ToLower(a.Value), strings.ToLower(b.Value))
	})
	codings, err := p.Codings(ctx, model.CodingFilter{})
	if err != nil {
		return nil, err
	}
	for _, g := range codings {
		if !slices.Contains(c.coders, g.Coder) {
			c.coders = append(c.coders, g.Coder)
		}
	}
	slices.Sort(c.coders)
	return c, nil
}

// addPeople lists the participants, marking those who only ever speak as
// interviewers, and then the speaker labels that name no participant:
// the speaker filter takes either.
func (c *exportChoices) addPeople(cases []model.Case, speakers []model.Speaker) {
	interviewerOnly := map[int64]bool{}
	for _, s := range speakers {
		if v, ok := interviewerOnly[s.CaseID]; !ok || v {
			interviewerOnly[s.CaseID] = s.Interviewer
		}
	}
	known := map[string]bool{}
	for _, cs := range cases {
		if cs.Speakers == 0 {
			continue
		}
		c.people = append(c.people, cs.Name)
		c.interv[cs.Name] = interviewerOnly[cs.ID]
		known[strings.ToLower(cs.Name)] = true
	}
	for _, s := range speakers {
		if !known[strings.ToLower(s.Label)] {
			known[strings.ToLower(s.Label)] = true
			c.people = append(c.people, s.Label)
			c.interv[s.Label] = s.Interviewer
		}
	}
}

// attributeSet collects distinct attributes, ignoring case.
type attributeSet struct {
	seen, keys map[string]bool
	list       []model.Attribute
	keyList    []string
}

func (s *attributeSet) add(a model.Attribute) {
	k := strings.ToLower(a.Key)
	if !s.keys[k] {
		s.keys[k] = true
		s.keyList = append(s.keyList, a.Key)
	}
	kv := k + "\x00" + strings.ToLower(a.Value)
	if !s.seen[kv] {
		s.seen[kv] = true
		s.list = append(s.list, a)
	}
}

// codeItems are the codebook in tree order, each code under its parent,
// with its number of codings.
func (c *exportChoices) codeItems() []checkItem {
	depth := map[int64]int{}
	items := make([]checkItem, len(c.codes))
	for i, code := range c.codes {
		if code.ParentID != 0 {
			depth[code.ID] = depth[code.ParentID] + 1
		}
		items[i] = checkItem{Label: fmt.Sprintf("%s (%d)", code.Name, code.Codings), Depth: depth[code.ID]}
	}
	return items
}

func (c *exportChoices) documentItems() []checkItem {
	items := make([]checkItem, len(c.docs))
	for i, d := range c.docs {
		items[i] = checkItem{Label: fmt.Sprintf("%s (%d)", d.Name, d.Codings)}
	}
	return items
}

func (c *exportChoices) peopleItems() []checkItem {
	items := make([]checkItem, len(c.people))
	for i, name := range c.people {
		items[i] = checkItem{Label: name}
		if c.interv[name] {
			items[i].Label += " (" + lang.L("interviewer") + ")"
		}
	}
	return items
}

func (c *exportChoices) attributeItems() []checkItem {
	items := make([]checkItem, len(c.attrs))
	for i, a := range c.attrs {
		items[i] = checkItem{Label: a.Key + " = " + a.Value}
	}
	return items
}

func stringItems(s []string) []checkItem {
	items := make([]checkItem, len(s))
	for i, v := range s {
		items[i] = checkItem{Label: v}
	}
	return items
}
