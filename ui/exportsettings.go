package ui

import (
	"errors"
	"fyne.io/fyne/v2/lang"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/report"
)

// exportSettings are the dialog's choices, read on the UI goroutine and
// handed to the goroutine that counts or writes.
type exportSettings struct {
	kind       report.Kind
	format     export.Format
	opts       report.Options
	query      string // the search whose hits the quotes must overlap
	pseudonyms bool
}

// settings reads the dialog's choices; what the kind does not use is left
// at its default. A choice that cannot be used (a number that is none) is
// an error to show.
func (e *exportDialog) settings() (exportSettings, error) {
	s := exportSettings{kind: e.currentKind(), format: e.currentFormat(), pseudonyms: e.pseudonyms.Checked}
	has := func(p part) bool { return kindInfos[s.kind].parts&p != 0 }
	s.opts.Filter = e.filter(has)
	if has(partQuery) {
		s.query = strings.TrimSpace(e.query.Text)
	}
	if err := e.reportOptions(has, &s.opts); err != nil {
		return s, err
	}
	s.opts.Title = strings.TrimSpace(e.title.Text)
	s.opts.Lang = langCodes[e.lang.Selected]
	s.opts.Spreadsheet = s.format == export.CSV || s.format == export.XLSX
	return s, nil
}

// filter is what the filters select, the search aside (it needs the
// index, off the UI goroutine).
func (e *exportDialog) filter(has func(part) bool) report.Filter {
	var f report.Filter
	c := e.choices
	if has(partCodes) {
		for _, i := range e.codes.selected() {
			f.Codes = append(f.Codes, c.codes[i].ID)
		}
		f.SubCodes = e.subCodes.Checked
	}
	if has(partDocuments) {
		for _, i := range e.documents.selected() {
			f.Documents = append(f.Documents, c.docs[i].ID)
		}
	}
	if has(partPeople) {
		for _, i := range e.people.selected() {
			f.Speakers = append(f.Speakers, c.people[i])
		}
	}
	if has(partAttributes) {
		for _, i := range e.attributes.selected() {
			f.Attributes = append(f.Attributes, c.attrs[i])
		}
	}
	if has(partCoders) && len(c.coders) > 1 {
		for _, i := range e.coders.selected() {
			f.Coders = append(f.Coders, c.coders[i])
		}
	}
	f.KeyOnly = has(partKeyOnly) && e.keyOnly.Checked
	if e.reports {
		f.NoInterviewers = !e.interviewers.Checked
	} else {
		f.NoInterviewers = e.interviewers.Checked
	}
	return f
}

// reportOptions fills in how the kind writes what it selects.
func (e *exportDialog) reportOptions(has func(part) bool, o *report.Options) error {
	c := e.choices
	if has(partContext) {
		o.Context = contextUnits[max(slices.Index(e.context.Options, e.context.Selected), 0)]
	}
	if has(partCitation) {
		o.Citation = strings.TrimSpace(e.citation.Text)
	}
	if has(partMaxPerCode) {
		if t := strings.TrimSpace(e.maxPerCode.Text); t != "" {
			n, err := strconv.Atoi(t)
			if err != nil || n < 0 {
				return errors.New(lang.L(`at most "{{.Text}}" quotes per code: give a number, or leave it empty for all`, args{"Text": t}))
			}
			o.MaxPerCode = n
		}
		o.KeyFirst, o.Breadth = e.keyFirst.Checked, e.breadth.Checked
	}
	if has(partNameAttributes) && len(c.caseKeys) > 0 {
		// All ticked is the default, all attributes (nil), so that one
		// added later is named too; fewer name those, in the order listed,
		// and none none.
		if len(e.nameAttributes.Selected) < len(c.caseKeys) {
			o.Attributes = []string{}
			for _, k := range c.caseKeys {
				if slices.Contains(e.nameAttributes.Selected, k) {
					o.Attributes = append(o.Attributes, k)
				}
			}
		}
	}
	if has(partBy) {
		switch i := e.by.SelectedIndex(); {
		case i == 1:
			o.By = "participant"
		case i >= 2:
			o.By = c.allKeys[i-2]
		}
	}
	o.SameTurn = has(partSameTurn) && e.sameTurn.Checked
	return nil
}
