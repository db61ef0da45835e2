package importer

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A para is one paragraph of a document's text as byte offsets, with the
// length of a bold run at its start (a Word speaker label), if any.
type para struct {
	start, end int
	bold       int
}

// A turn is a speaker turn or a paragraph as byte offsets over the text.
type turn struct {
	start, end   int
	speaker      string
	begin, until time.Duration
	hasTime      bool
}

// A found label is a label together with the byte offset of its line.
type foundLabel struct {
	label
	line int
}

// segment divides text into speaker turns when it finds speakers, and into
// the given paragraphs when it does not.
func segment(text string, paras []para, known map[string]bool) []turn {
	labels := findLabels(text, paras)
	labels = acceptLabels(labels, paras, known)
	if len(labels) == 0 {
		return paragraphTurns(text, paras, 0, len(text))
	}
	first := labels[0].line + labels[0].start
	turns := paragraphTurns(text, paras, 0, first)
	speakers := make(map[string]bool)
	footer := footerStart(text, labels[len(labels)-1].line)
	for i, l := range labels {
		start := l.line + l.start
		end := footer
		if i+1 < len(labels) {
			end = labels[i+1].line + labels[i+1].start
		}
		end = start + len(strings.TrimRightFunc(text[start:end], unicode.IsSpace))
		turns = append(turns, turn{start: start, end: end, speaker: l.name, begin: l.begin, until: l.begin, hasTime: l.hasTime})
		speakers[strings.ToLower(l.name)] = true
	}
	turns = append(turns, paragraphTurns(text, paras, footer, len(text))...)
	setUntil(turns)
	return splitOverlaps(text, turns, speakers)
}

// footerStart returns where a transcription service's footer, such as
// Otter's "Transcribed by https://otter.ai", starts after the line at
// from, so that it stays out of the last turn; len(text) when there is
// none.
func footerStart(text string, from int) int {
	end := len(strings.TrimRightFunc(text, unicode.IsSpace))
	start := strings.LastIndexByte(text[:end], '\n') + 1
	if start <= from {
		return len(text)
	}
	line := strings.ToLower(strings.TrimSpace(text[start:end]))
	for _, p := range []string{"transcribed by ", "transcribed with ", "transcript by ", "transcribed using ", "getranscribeerd door ", "transkribiert von ", "transkribiert mit "} {
		if strings.HasPrefix(line, p) && utf8.RuneCountInString(line) <= 80 {
			return start
		}
	}
	return len(text)
}

// findLabels returns every line that starts with something shaped like a
// speaker label, including bold runs that open a Word paragraph.
func findLabels(text string, paras []para) []foundLabel {
	var found []foundLabel
	bold := make(map[int]int)
	for _, p := range paras {
		if p.bold > 0 {
			bold[p.start] = p.bold
		}
	}
	for line := 0; line < len(text); {
		end := strings.IndexByte(text[line:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += line
		}
		if l, ok := boldLabel(text[line:end], bold[line]); ok {
			found = append(found, foundLabel{l, line})
		} else if l, ok := parseLabel(text[line:end]); ok {
			found = append(found, foundLabel{l, line})
		} else if l, next, ok := rangeLabel(text, line, end); ok {
			found = append(found, foundLabel{l, line})
			end = next
		}
		line = end + 1
	}
	return found
}

// rangeLabel reads Microsoft Stream's (and old Teams') layout: a line
// "0:0:0.0 --> 0:0:3.540", then the speaker's name alone on the next line,
// then the turn. It returns the label and the end of the name's line.
func rangeLabel(text string, line, end int) (label, int, bool) {
	a, b, ok := strings.Cut(text[line:end], "-->")
	if !ok || end >= len(text) {
		return label{}, 0, false
	}
	begin, ok1 := looseClock(strings.TrimSpace(a))
	_, ok2 := looseClock(strings.TrimSpace(b))
	if !ok1 || !ok2 {
		return label{}, 0, false
	}
	next := strings.IndexByte(text[end+1:], '\n')
	if next < 0 {
		next = len(text)
	} else {
		next += end + 1
	}
	name := strings.TrimSpace(text[end+1 : next])
	if name == "" || scanName(name, 0) != len(name) || !validName(name) {
		return label{}, 0, false
	}
	return label{name: name, start: skipBlank(text[line:end], 0), content: end - line, begin: begin, hasTime: true}, next, true
}

// looseClock reads a whole "H:M:S.f" or "M:S" time whose parts may have one
// digit, as Stream writes "0:0:3.540".
func looseClock(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var d time.Duration
	for i, p := range parts {
		frac := ""
		if i == len(parts)-1 {
			p, frac, _ = strings.Cut(p, ".")
		}
		if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
			return 0, false
		}
		n := 0
		for _, c := range p {
			n = n*10 + int(c-'0')
		}
		if i > 0 && n > 59 {
			return 0, false
		}
		d = d*60 + time.Duration(n)*time.Second
		if frac != "" {
			ms := 0
			for k, c := range frac[:min(len(frac), 3)] {
				ms += int(c-'0') * []int{100, 10, 1}[k]
			}
			d += time.Duration(ms) * time.Millisecond
		}
	}
	return d, true
}

// boldLabel reads a speaker label written as a bold run without a colon,
// such as "**Ana**<tab>text" in Word.
func boldLabel(line string, n int) (label, bool) {
	if n <= 0 {
		return label{}, false
	}
	n = min(n, len(line))
	l := label{start: skipBlank(line, 0)}
	run := strings.TrimSpace(line[:n])
	// A table's time column may come before or after the name.
	if d, k, ok := parseClock(run); ok && k < len(run) && (run[k] == ' ' || run[k] == '\t') {
		l.begin, l.hasTime = d, true
		run = strings.TrimSpace(run[k:])
	} else if i := strings.LastIndexAny(run, " \t"); i > 0 {
		if d, k, ok := parseClock(run[i+1:]); ok && i+1+k == len(run) {
			l.begin, l.hasTime = d, true
			run = strings.TrimSpace(run[:i])
		}
	}
	l.name = strings.TrimSpace(strings.TrimRight(run, ":"))
	if l.name == "" || scanName(l.name, 0) != len(l.name) || !validName(l.name) {
		return label{}, false
	}
	rest := strings.TrimLeft(line[n:], ": \t")
	if rest == "" && n < len(line) {
		return label{}, false
	}
	l.content = len(line) - len(rest)
	return l, true
}

// acceptLabels keeps the labels whose name is a speaker: it recurs, is a
// known speaker or a generic role, or carries a time where at least three
// labels do and one of their names recurs (a service's layout, as "Ana
// 0:02", where a guest may speak once). Unless a known speaker is among them, the labels must also look
// like a transcript rather than a few "Note:" lines in prose: two
// speakers, or one speaker opening a third of the paragraphs.
func acceptLabels(found []foundLabel, paras []para, known map[string]bool) []foundLabel {
	counts := make(map[string]int)
	timedCounts := make(map[string]int)
	timed, recurring := 0, false
	for _, l := range found {
		counts[strings.ToLower(l.name)]++
		if l.hasTime {
			timed++
			timedCounts[strings.ToLower(l.name)]++
			recurring = recurring || timedCounts[strings.ToLower(l.name)] == 2 || isRoleName(l.name)
		}
	}
	// Timed labels are a service's layout when there are several and one
	// name among them recurs or is a role (an agenda's "Opening 09:00"
	// lines are neither).
	timedLayout := timed >= 3 && recurring
	var kept []foundLabel
	distinct := make(map[string]bool)
	for _, l := range found {
		key := strings.ToLower(l.name)
		if counts[key] >= 2 || known[key] || isRoleName(l.name) || l.hasTime && timedLayout {
			kept = append(kept, l)
			distinct[key] = true
		}
	}
	nonEmpty := 0
	for _, p := range paras {
		if p.end > p.start {
			nonEmpty++
		}
	}
	strong := false
	for key := range distinct {
		strong = strong || known[key]
	}
	if !strong && (len(kept) < 2 || len(distinct) < 2 && len(kept)*3 < nonEmpty) {
		return nil
	}
	return kept
}

// paragraphTurns returns a speakerless turn for each paragraph within
// [from, to), trimmed of surrounding white space.
func paragraphTurns(text string, paras []para, from, to int) []turn {
	var turns []turn
	for _, p := range paras {
		s, e := max(p.start, from), min(p.end, to)
		if s >= e {
			continue
		}
		seg := text[s:e]
		trimmed := strings.TrimLeftFunc(seg, unicode.IsSpace)
		s += len(seg) - len(trimmed)
		e = s + len(strings.TrimRightFunc(trimmed, unicode.IsSpace))
		if s < e {
			turns = append(turns, turn{start: s, end: e})
		}
	}
	return turns
}

// setUntil ends each timed turn where the next timed turn begins.
func setUntil(turns []turn) {
	next := -1
	for i := len(turns) - 1; i >= 0; i-- {
		if !turns[i].hasTime {
			continue
		}
		if next >= 0 && turns[next].begin >= turns[i].begin {
			turns[i].until = turns[next].begin
		}
		next = i
	}
}

// splitOverlaps cuts noScribe's overlapping speech, written inside a turn as
// "//S02: text //", into turns of their own, so that each passage is
// attributed to the person who said it.
func splitOverlaps(text string, turns []turn, speakers map[string]bool) []turn {
	var out []turn
	for _, t := range turns {
		if t.speaker == "" || !strings.Contains(text[t.start:t.end], "//") {
			out = append(out, t)
			continue
		}
		out = append(out, splitTurn(text, t, speakers)...)
	}
	return out
}

func splitTurn(text string, t turn, speakers map[string]bool) []turn {
	var out []turn
	add := func(s, e int, speaker string) {
		seg := text[s:e]
		trimmed := strings.TrimLeftFunc(seg, unicode.IsSpace)
		s += len(seg) - len(trimmed)
		e = s + len(strings.TrimRightFunc(trimmed, unicode.IsSpace))
		if s < e {
			out = append(out, turn{start: s, end: e, speaker: speaker, begin: t.begin, until: t.until, hasTime: t.hasTime})
		}
	}
	pos := t.start
	for i := t.start; i < t.end; {
		j := strings.Index(text[i:t.end], "//")
		if j < 0 {
			break
		}
		open := i + j
		name, ok := overlapName(text[open+2:t.end], speakers)
		if !ok {
			i = open + 2
			continue
		}
		body := open + 2 + len(name) + 1
		closing := t.end
		if k := strings.Index(text[body:t.end], "//"); k >= 0 {
			closing = body + k
			if _, next := overlapName(text[closing+2:t.end], speakers); !next {
				closing += 2
			}
		}
		add(pos, open, t.speaker)
		add(open, closing, name)
		pos, i = closing, closing
	}
	add(pos, t.end, t.speaker)
	return out
}

// overlapName reads "Name:" at the start of s when Name is a speaker of the
// document or a noScribe speaker id such as S02.
func overlapName(s string, speakers map[string]bool) (string, bool) {
	end := scanName(s, 0)
	if end == 0 || end >= len(s) || s[end] != ':' {
		return "", false
	}
	name := s[:end]
	return name, speakers[strings.ToLower(name)] || isSpeakerID(name)
}

// isSpeakerID reports whether name is a numbered speaker id like "S01".
func isSpeakerID(name string) bool {
	if len(name) < 2 || name[0] != 'S' {
		return false
	}
	for _, c := range name[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// runeTurns converts turns from byte offsets to rune offsets in one pass;
// the turns must be ordered and non-overlapping.
func runeTurns(text string, turns []turn) []turnRunes {
	out := make([]turnRunes, len(turns))
	pos, runes := 0, 0
	advance := func(to int) int {
		runes += utf8.RuneCountInString(text[pos:to])
		pos = to
		return runes
	}
	for i, t := range turns {
		out[i] = turnRunes{turn: t}
		out[i].start = advance(t.start)
		out[i].end = advance(t.end)
	}
	return out
}

// turnRunes is a turn whose start and end are rune offsets.
type turnRunes struct{ turn }
