package importer

import (
	"regexp"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// headerKeys maps the field names that transcripts put in their header
// ("Date:", "Duur:", ...) to the attribute key Verbatim stores.
var headerKeys = map[string]string{
	"date": "date", "datum": "date", "fecha": "date", "data": "date",
	"time": "time", "tijd": "time", "uhrzeit": "time", "zeit": "time", "hora": "time",
	"duration": "duration", "duur": "duration", "dauer": "duration", "length": "duration", "lengte": "duration",
	"location": "location", "locatie": "location", "place": "location", "plaats": "location", "ort": "location",
	"interviewer": "interviewer", "interviewee": "interviewee", "respondent": "interviewee",
	"participant": "interviewee", "deelnemer": "interviewee", "geïnterviewde": "interviewee",
	"audio file": "audio file", "audio": "audio file", "audiobestand": "audio file", "audiodatei": "audio file",
	"recording": "audio file", "opname": "audio file",
	"language": "language", "taal": "language", "sprache": "language",
	"title": "title", "titel": "title", "subject": "subject", "onderwerp": "subject", "project": "project",
	"transcriber": "transcriber", "transcribed by": "transcriber", "getranscribeerd door": "transcriber",
}

var (
	datePattern = regexp.MustCompile(`^(?i:\d{1,2}[-/. ](?:\d{1,2}|[a-zé]{3,9}\.?)[-/. ]\d{2,4}|\d{4}-\d{2}-\d{2}|[a-z]{3,9}\.? \d{1,2},? \d{4})$`)
	timePattern = regexp.MustCompile(`^(?i:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?:\s?uur|\s?h)?)$`)
	durPattern  = regexp.MustCompile(`^(?i:(?:\d+\s?h(?:ours?)?\s?)?(?:\d+\s?m(?:in(?:utes?)?)?\s?)?(?:\d+\s?s(?:ec(?:onds?)?)?)?)$`)
	headerSplit = regexp.MustCompile(`\s+[-–—|]\s+|\s*[|;]\s*`)
)

// maxHeaderLines is how many non-empty lines at the top of a document are
// searched for header facts.
const maxHeaderLines = 12

// headerAttributes finds facts such as the date, time and duration of the
// interview in the lines of text before the first speaker turn, as in
// "Date: 3 May 2023" or "12-May-2023 - 10:36 - 1h09m31s – Ana".
func headerAttributes(text string, end int) []model.Attribute {
	var attrs []model.Attribute
	seen := make(map[string]bool)
	add := func(k, v string) {
		v = strings.TrimSpace(v)
		if v != "" && !seen[k] {
			seen[k] = true
			attrs = append(attrs, model.Attribute{Key: k, Value: v})
		}
	}
	lines := 0
	for line := range strings.SplitSeq(text[:end], "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if lines++; lines > maxHeaderLines {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok {
			if key, known := headerKeys[strings.ToLower(strings.Trim(k, " *_#"))]; known {
				add(key, strings.Trim(v, " *_"))
				continue
			}
		}
		found := map[string]string{}
		for _, field := range headerSplit.Split(line, -1) {
			field = strings.TrimSpace(field)
			switch {
			case field == "":
			case datePattern.MatchString(field):
				found["date"] = field
			case timePattern.MatchString(field):
				found["time"] = field
			case durPattern.MatchString(field) && strings.ContainsAny(field, "0123456789"):
				found["duration"] = field
			}
		}
		if found["date"] != "" || len(found) >= 2 {
			for _, k := range []string{"date", "time", "duration"} {
				if v, ok := found[k]; ok {
					add(k, v)
				}
			}
		}
	}
	return attrs
}
