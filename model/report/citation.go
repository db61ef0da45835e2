package report

import (
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// DefaultCitation is the citation style used when none is given.
const DefaultCitation = "{participant}, {document}, {time}"

// CitationHelp explains the citation style's fields, for the command line
// and the window.
const CitationHelp = `A citation style is text with fields in braces, for example
"{participant}, interview {n}, {time}" gives "Sanne de Vries, interview 3, 00:12:45".
Fields: {participant} (or the speaker when there is none), {speaker}, {document},
{n} (the document's number in the documents list), {interview} ("interview 3"),
{time} (where the transcript has times), {turn}, {code}, and any participant or
document attribute by its name, such as {role} or {organisatie}. A part between
commas whose fields are all empty is left out.`

// checkCitation reports a citation style that cannot be read.
func checkCitation(style string) error {
	depth := 0
	for _, r := range style {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth < 0 || depth > 1 {
			return fmt.Errorf("citation style %q: %w (braces do not pair up)", style, model.ErrInvalid)
		}
	}
	if depth != 0 {
		return fmt.Errorf("citation style %q: %w (a brace is not closed)", style, model.ErrInvalid)
	}
	return nil
}

// cite renders a quote's citation in a style. Parts between ", " whose
// fields are all empty are dropped, so that "{participant}, {time}" gives
// just the name for a transcript without times.
func cite(style string, q *Quote, w *words) string {
	if style == "" {
		style = DefaultCitation
	}
	var parts []string
	for _, part := range strings.Split(style, ", ") {
		var b strings.Builder
		fields, filled := 0, 0
		for part != "" {
			i := strings.IndexByte(part, '{')
			j := strings.IndexByte(part, '}')
			if i < 0 || j < i {
				b.WriteString(part)
				break
			}
			b.WriteString(part[:i])
			v := field(part[i+1:j], q, w)
			fields++
			if v != "" {
				filled++
			}
			b.WriteString(v)
			part = part[j+1:]
		}
		if fields > 0 && filled == 0 {
			continue
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

func field(name string, q *Quote, w *words) string {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "participant", "deelnemer":
		if q.Participant != "" {
			return q.Participant
		}
		return q.Speaker
	case "speaker", "spreker":
		return q.Speaker
	case "document":
		return q.Document
	case "n":
		if q.DocNumber == 0 {
			return ""
		}
		return strconv.Itoa(q.DocNumber)
	case "interview":
		if q.DocNumber == 0 {
			return ""
		}
		return w.interview(q.DocNumber)
	case "time", "tijd":
		if !q.HasTime {
			return ""
		}
		return clock(q.Time)
	case "turn", "beurt":
		if q.Turn == 0 {
			return ""
		}
		return strconv.Itoa(q.Turn)
	case "code":
		return q.Code
	}
	for _, attrs := range [][]model.Attribute{q.Attributes, q.DocAttrs} {
		for _, a := range attrs {
			if strings.EqualFold(strings.ReplaceAll(a.Key, " ", "_"), strings.ReplaceAll(strings.TrimSpace(name), " ", "_")) {
				return a.Value
			}
		}
	}
	return ""
}
