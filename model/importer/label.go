package importer

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// A label is a speaker label found at the start of a line, such as
// "Ana:", "RESEARCHER 1:", "[id1]", "Ana [00:01:02]:" or "S01: [00:00:12]".
type label struct {
	name    string        // the speaker as written, without brackets or colon
	start   int           // byte offset in the line where the label begins
	content int           // byte offset in the line where the spoken text begins
	begin   time.Duration // time stamp written with the label, if hasTime
	hasTime bool
}

const (
	maxLabelRunes = 40 // a longer "name" is the start of a sentence
	maxLabelWords = 4
)

// parseLabel reports whether line starts with a speaker label and returns
// it. It only recognises the shape; whether the name really is a speaker is
// decided for the whole document (see acceptLabels).
func parseLabel(line string) (label, bool) {
	i := skipBlank(line, 0)
	l := label{start: i}
	i, emph := skipEmphasis(line, i)
	if i < len(line) && line[i] >= '0' && line[i] <= '9' {
		// "00:01:02 Ana: ..." puts a bare time before the name.
		d, n, ok := parseClock(line[i:])
		if !ok || i+n >= len(line) || line[i+n] != ' ' && line[i+n] != '\t' {
			return label{}, false
		}
		l.begin, l.hasTime = d, true
		i = skipBlank(line, i+n)
	}
	if i < len(line) && line[i] == '[' && !l.hasTime {
		if d, n, ok := parseClock(line[i:]); ok {
			// "[00:01:02] Ana: ..." puts the time before the name.
			l.begin, l.hasTime = d, true
			i = skipBlank(line, i+n)
		} else {
			return parseBracketLabel(line, i, l)
		}
	}
	end := scanName(line, i)
	if end == i {
		return label{}, false
	}
	l.name = line[i:end]
	j := skipBlank(line, end)
	if l.hasTime && (j >= len(line) || line[j] != ':') {
		return label{}, false // "10:30 begon het" is not a label
	}
	if d, n, ok := parseClock(line[j:]); ok && !l.hasTime {
		// "Ana [00:01:02]:" or, without a colon, Otter's "Ana  0:02" line
		// and Teams' "Ana  00:01:23.000 --> 00:01:45.000".
		l.begin, l.hasTime = d, true
		j = skipBlank(line, j+n)
		if rest, arrow := strings.CutPrefix(line[j:], "-->"); arrow {
			k := skipBlank(rest, 0)
			if _, m, ok := parseClock(rest[k:]); ok && skipBlank(rest, k+m) == len(rest) {
				j = len(line)
			}
		}
		if j == len(line) {
			l.content = j
			return l, validName(l.name)
		}
	}
	j = skipClosing(line, j, emph)
	if j >= len(line) || line[j] != ':' {
		return label{}, false
	}
	j = skipClosing(line, j+1, emph)
	if j < len(line) && line[j] != ' ' && line[j] != '\t' {
		return label{}, false
	}
	j = skipBlank(line, j)
	if d, n, ok := parseClock(line[j:]); ok && !l.hasTime && (line[j] == '[' || line[j] == '(') {
		// noScribe writes "S01: [00:00:12] text".
		l.begin, l.hasTime = d, true
		j = skipBlank(line, j+n)
	}
	l.content = j
	return l, validName(l.name)
}

// parseBracketLabel reads "[Name]" or "[Name]:" at line[i].
func parseBracketLabel(line string, i int, l label) (label, bool) {
	j := strings.IndexByte(line[i+1:], ']')
	if j <= 0 || j > maxLabelRunes*2 {
		return label{}, false
	}
	name := strings.TrimSpace(line[i+1 : i+1+j])
	if scanName(name, 0) != len(name) || isTranscriptionNote(name) {
		return label{}, false
	}
	k := i + j + 2
	if k < len(line) && line[k] == ':' {
		k++
	}
	k, _ = skipEmphasis(line, k)
	if k < len(line) && line[k] != ' ' && line[k] != '\t' {
		return label{}, false
	}
	l.name = name
	l.content = skipBlank(line, k)
	if d, n, ok := parseClock(line[l.content:]); ok && !l.hasTime {
		// "[Ana] 00:01:02" gives the time after the name.
		l.begin, l.hasTime = d, true
		l.content = skipBlank(line, l.content+n)
	}
	return l, validName(name)
}

// scanName returns the end of the name that starts at s[i]: up to
// maxLabelWords words of letters, digits and . ' ’ - _ separated by single
// spaces, each word starting with a letter or digit.
func scanName(s string, start int) int {
	i, end, words := start, start, 0
	for words < maxLabelWords && i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isNameRune(r) {
				break
			}
			j += size
		}
		end, words = j, words+1
		if j+1 < len(s) && s[j] == ' ' {
			if _, _, clock := parseClock(s[j+1:]); clock {
				break // Otter's "Ana 0:02": the time is not part of the name
			}
			i = j + 1
			continue
		}
		break
	}
	if utf8.RuneCountInString(s[start:end]) > maxLabelRunes {
		return start
	}
	return end
}

func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
		r == '.' || r == '\'' || r == '’' || r == '-' || r == '_'
}

// validName rejects names that cannot be speakers: too long, without a
// letter, or a header field such as "Date".
func validName(name string) bool {
	if name == "" || utf8.RuneCountInString(name) > maxLabelRunes {
		return false
	}
	if !strings.ContainsFunc(name, unicode.IsLetter) {
		return false
	}
	_, header := headerKeys[strings.ToLower(name)]
	return !header || isRoleName(name)
}

// isTranscriptionNote reports whether a bracketed word is a transcriber's
// note such as "[inaudible]" rather than a speaker.
func isTranscriptionNote(name string) bool {
	first, _, _ := strings.Cut(strings.ToLower(name), " ")
	switch first {
	case "inaudible", "unintelligible", "indiscernible", "unclear", "laughs", "laughing",
		"laughter", "crosstalk", "pause", "silence", "music", "applause", "noise",
		"overlapping", "background", "coughs", "sighs", "unverständlich", "lacht", "lachen",
		"onverstaanbaar", "lacht.", "stilte", "pauze", "gelach", "onduidelijk", "sic", "ph":
		return true
	}
	return false
}

// isRoleName reports whether name is a generic speaker label that counts as
// a speaker even if it occurs only once.
func isRoleName(name string) bool { return model.GenericSpeakerLabel(name) }

// parseClock reads a time stamp such as "00:01:02", "1:02", "[00:01:02]",
// "(00:01:02.5)" at the start of s and returns it with the bytes it used.
func parseClock(s string) (d time.Duration, n int, ok bool) {
	i := 0
	var closing byte
	if i < len(s) && (s[i] == '[' || s[i] == '(') {
		closing = ']'
		if s[i] == '(' {
			closing = ')'
		}
		i++
	}
	var parts [3]int
	count := 0
	for count < 3 {
		v, digits := 0, 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && digits < 3 {
			v = v*10 + int(s[i]-'0')
			i++
			digits++
		}
		if digits == 0 || (count > 0 && digits != 2) {
			return 0, 0, false
		}
		parts[count] = v
		count++
		if i < len(s) && s[i] == ':' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	if count < 2 {
		return 0, 0, false
	}
	var frac time.Duration
	if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		scale := 100 * time.Millisecond
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			frac += time.Duration(s[i]-'0') * scale
			scale /= 10
			i++
		}
	}
	if closing != 0 {
		if i >= len(s) || s[i] != closing {
			return 0, 0, false
		}
		i++
	}
	h, m, sec := 0, parts[0], parts[1]
	if count == 3 {
		h, m, sec = parts[0], parts[1], parts[2]
	}
	if m > 59 && count == 3 || sec > 59 {
		return 0, 0, false
	}
	d = time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second + frac
	return d, i, true
}

func skipBlank(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// skipEmphasis skips a Markdown "**" or "__" at s[i] and returns it.
func skipEmphasis(s string, i int) (int, string) {
	if strings.HasPrefix(s[i:], "**") || strings.HasPrefix(s[i:], "__") {
		return i + 2, s[i : i+2]
	}
	return i, ""
}

// skipClosing skips the closing emphasis marker of a Markdown label.
func skipClosing(s string, i int, emph string) int {
	if emph != "" && strings.HasPrefix(s[i:], emph) {
		return i + len(emph)
	}
	return i
}
