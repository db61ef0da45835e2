package importer

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"
	"unicode"

	"codeberg.org/verbatim/verbatim/model"
)

// A cue is one timed piece of a subtitle file, or one voice within a cue.
type cue struct {
	begin, until time.Duration
	speaker      string
	text         string
}

// readVTT reads a WebVTT file: cues merged into speaker turns by their
// <v Name> voices or "Name:" prefixes, each turn keeping its time span.
func readVTT(data []byte, opts Options) (model.NewDocument, error) {
	return readSubtitles(data, opts, true)
}

// readSRT reads a SubRip file the same way; SubRip has no voices, only
// "Name:" prefixes.
func readSRT(data []byte, opts Options) (model.NewDocument, error) {
	return readSubtitles(data, opts, false)
}

func readSubtitles(data []byte, opts Options, vtt bool) (model.NewDocument, error) {
	s, err := decodeText(data)
	if err != nil {
		return model.NewDocument{}, err
	}
	s = normalizeText(s)
	if int64(len(s)) > opts.maxText() {
		return model.NewDocument{}, tooMuchText(opts.maxText())
	}
	noun := "a SubRip subtitle file"
	if vtt {
		noun = "a WebVTT subtitle file"
	}
	title, cues, notes, ok := parseCues(s, vtt)
	if !ok {
		return model.NewDocument{}, damaged(noun, nil)
	}
	labelCues(cues, opts.known())
	repairVoices(cues)
	for i := range cues {
		cues[i].text = strings.ReplaceAll(cues[i].text, "\n", " ")
	}
	text, turns := cueTurns(cues)
	if strings.TrimSpace(text) == "" {
		return model.NewDocument{}, failf(ErrNoText, nil, "the subtitle file contains no text")
	}
	speakers := make(map[string]bool)
	for _, t := range turns {
		if t.speaker != "" {
			speakers[strings.ToLower(t.speaker)] = true
		}
	}
	doc := newDocument(text, splitOverlaps(text, turns, speakers))
	if title != "" {
		doc.Attributes = append([]model.Attribute{{Key: "title", Value: title}}, doc.Attributes...)
	}
	doc.Notes = notes
	return doc, nil
}

// parseCues splits a subtitle file into cues. It reports false when the
// file holds no cue at all. Text is never dropped: the text of a cue whose
// time does not parse, and text outside any cue (after a blank line inside
// a cue, or stray between cues), is kept with the cue before it (or the
// first cue), and notes say so. VTT NOTE, STYLE and REGION blocks are not
// text a viewer sees.
func parseCues(s string, vtt bool) (title string, cues []cue, notes []string, ok bool) {
	var pending []cue // kept text met before the first cue
	badTime, badLine, stray, strayLine := 0, 0, 0, 0
	keep := func(text string) {
		for _, seg := range cueSegments(text, vtt) {
			if len(cues) == 0 {
				pending = append(pending, seg)
				continue
			}
			prev := cues[len(cues)-1]
			seg.begin, seg.until = prev.begin, prev.until
			if seg.speaker == "" && vtt {
				seg.speaker = prev.speaker // a voice goes on after a blank line
			}
			cues = append(cues, seg)
		}
	}
	line := 1
	blocks := strings.Split(s, "\n\n")
	for i, block := range blocks {
		at := line + len(block) - len(strings.TrimLeft(block, "\n"))
		line += strings.Count(block, "\n") + 2
		block = strings.Trim(block, "\n")
		if strings.TrimSpace(block) == "" {
			continue
		}
		if i == 0 && vtt && strings.HasPrefix(strings.TrimLeft(block, " \t"), "WEBVTT") {
			first, _, _ := strings.Cut(strings.TrimLeft(block, " \t"), "\n")
			title = strings.TrimSpace(strings.TrimPrefix(first, "WEBVTT"))
			title = strings.TrimSpace(strings.TrimLeft(title, "-"))
			continue
		}
		if vtt && (block == "NOTE" || block == "STYLE" || block == "REGION" || strings.HasPrefix(block, "NOTE ") || strings.HasPrefix(block, "NOTE\n") ||
			strings.HasPrefix(block, "STYLE\n") || strings.HasPrefix(block, "REGION\n")) {
			continue
		}
		lines := strings.Split(block, "\n")
		timing := -1
		for j, l := range lines {
			if strings.Contains(l, "-->") {
				timing = j
				break
			}
		}
		if timing < 0 {
			if isCueNumber(block) && i+1 < len(blocks) && strings.Contains(firstLine(strings.TrimLeft(blocks[i+1], "\n")), "-->") {
				continue // a cue number parted from its time by a blank line
			}
			if stray++; stray == 1 {
				strayLine = at
			}
			keep(block)
			continue
		}
		if timing > 1 {
			// Text before the cue's id and time belongs to the cue before.
			if stray++; stray == 1 {
				strayLine = at
			}
			keep(strings.Join(lines[:timing-1], "\n"))
		}
		payload := strings.Join(lines[timing+1:], "\n")
		begin, until, good := parseTiming(lines[timing])
		if !good {
			if badTime++; badTime == 1 {
				badLine = at + timing
			}
			keep(payload)
			continue
		}
		ok = true
		for _, seg := range cueSegments(payload, vtt) {
			seg.begin, seg.until = begin, until
			if len(cues) == 0 && len(pending) > 0 {
				for _, p := range pending {
					p.begin, p.until = begin, until
					cues = append(cues, p)
				}
				pending = nil
			}
			cues = append(cues, seg)
		}
	}
	if badTime > 0 {
		notes = append(notes, fmt.Sprintf("%s whose time does not parse (the first on line %d): the text is kept with the cue before", count(badTime, "cue", "cues"), badLine))
	}
	if stray > 0 {
		notes = append(notes, fmt.Sprintf("%s outside any cue (the first on line %d, after a blank line or between cues): kept with the cue before", count(stray, "piece of text", "pieces of text"), strayLine))
	}
	if len(pending) > 0 {
		ok = false // text, but no cue with a time to keep it with
	}
	return title, cues, notes, ok
}

// count writes "1 cue" or "3 cues".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// isCueNumber reports whether a block is only a SubRip cue number.
func isCueNumber(block string) bool {
	block = strings.TrimSpace(block)
	for _, c := range block {
		if c < '0' || c > '9' {
			return false
		}
	}
	return block != ""
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// parseTiming reads "00:00:01.000 --> 00:00:02.500 align:start".
func parseTiming(line string) (begin, until time.Duration, ok bool) {
	a, b, _ := strings.Cut(line, "-->")
	begin, _, ok1 := parseClock(strings.TrimSpace(a))
	fields := strings.Fields(b)
	if len(fields) == 0 {
		return 0, 0, false
	}
	until, _, ok2 := parseClock(fields[0])
	return begin, until, ok1 && ok2
}

var (
	cueTag  = regexp.MustCompile(`<[^<>]*>`)
	assCode = regexp.MustCompile(`\{\\[^{}]*\}`)
)

// cueSegments reads a cue's text, split where a <v Name> voice starts, with
// markup removed and line breaks joined by spaces.
func cueSegments(payload string, vtt bool) []cue {
	var segs []cue
	cur := cue{}
	flush := func() {
		t := cleanLines(cur.text)
		if t != "" || cur.speaker != "" {
			cur.text = html.UnescapeString(t)
			segs = append(segs, cur)
		}
		cur = cue{}
	}
	if !vtt {
		payload = assCode.ReplaceAllString(payload, "")
	}
	rest := payload
	for {
		loc := cueTag.FindStringIndex(rest)
		if loc == nil {
			cur.text += rest
			break
		}
		cur.text += rest[:loc[0]]
		tag := rest[loc[0]+1 : loc[1]-1]
		rest = rest[loc[1]:]
		if vtt && (strings.HasPrefix(tag, "v ") || strings.HasPrefix(tag, "v.") || strings.HasPrefix(tag, "v\t")) {
			flush()
			_, name, _ := strings.Cut(tag, " ")
			cur.speaker = voiceName(name)
		}
	}
	flush()
	return segs
}

// collapseSpace replaces each run of white space with one space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// cleanLines collapses white space within each line of cue text and drops
// empty lines.
func cleanLines(s string) string {
	var lines []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(collapseSpace(l)); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// repairVoices moves a line to the speaker who said it where a cue's voice
// changes mid-sentence: captioners often put the first words of an answer
// in the question's last cue ("source?" / "Well, obviously, I'm standing
// on" followed by "the shoulders of giants"), or the end of a question in
// the answer's first cue.
func repairVoices(cues []cue) {
	for i := 0; i+1 < len(cues); i++ {
		a, b := &cues[i], &cues[i+1]
		if a.speaker == "" || b.speaker == "" || a.speaker == b.speaker || !unicode.IsLower(firstRune(b.text)) {
			continue
		}
		al := strings.Split(a.text, "\n")
		if k := lastSentenceBreak(al); k > 0 {
			b.text = strings.Join(al[k:], "\n") + "\n" + b.text
			a.text = strings.Join(al[:k], "\n")
			continue
		}
		bl := strings.Split(b.text, "\n")
		if k := firstSentenceBreak(bl); k > 0 && k < len(bl) {
			a.text += "\n" + strings.Join(bl[:k], "\n")
			b.text = strings.Join(bl[k:], "\n")
		}
	}
}

// lastSentenceBreak returns the last line index k > 0 such that line k-1
// ends a sentence, or 0.
func lastSentenceBreak(lines []string) int {
	for k := len(lines) - 1; k > 0; k-- {
		if endsSentence(lines[k-1]) {
			return k
		}
	}
	return 0
}

// firstSentenceBreak returns the first line index k such that line k-1
// ends a sentence, or 0.
func firstSentenceBreak(lines []string) int {
	for k := 1; k <= len(lines); k++ {
		if endsSentence(lines[k-1]) {
			return k
		}
	}
	return 0
}

// endsSentence reports whether s ends with sentence punctuation, possibly
// followed by a closing quote or bracket.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'’”)]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "…")
}

// voiceName cleans a WebVTT voice as tools write it: "Heather Meeker:"
// and noScribe's "//S02" name the speakers "Heather Meeker" and "S02".
func voiceName(v string) string {
	v = strings.TrimSpace(html.UnescapeString(v))
	v = strings.TrimLeft(v, "/ ")
	return strings.TrimSpace(strings.TrimRight(v, ": "))
}

// labelCues gives cues without a voice the speaker of a "Name:" prefix,
// under the same rule as plain text: the name recurs or is known, or the
// cues are labelled throughout (Zoom).
func labelCues(cues []cue, known map[string]bool) {
	counts := make(map[string]int)
	labels := make([]label, len(cues))
	found := make([]bool, len(cues))
	for i, c := range cues {
		if c.speaker != "" {
			continue
		}
		if l, ok := parseLabel(c.text); ok && l.content > 0 {
			labels[i], found[i] = l, true
			counts[strings.ToLower(l.name)]++
		}
	}
	// As with timed labels in text, where several cues open with a label
	// and a name recurs, a guest who speaks once is a speaker too.
	labelled, recurring := 0, false
	for _, n := range counts {
		labelled += n
		recurring = recurring || n >= 2
	}
	layout := labelled >= 3 && recurring
	for i := range cues {
		if !found[i] {
			continue
		}
		key := strings.ToLower(labels[i].name)
		if counts[key] >= 2 || known[key] || isRoleName(labels[i].name) || layout {
			cues[i].speaker = labels[i].name
			cues[i].text = cues[i].text[labels[i].content:]
		}
	}
}

// maxParagraph is how long unattributed subtitle text may grow before a
// sentence end starts a new paragraph.
const maxParagraph = 1500

// cueTurns merges consecutive cues of the same speaker into one turn,
// written as "Speaker: text" lines, so that a sentence broken across cues
// stays whole. Cues without a speaker become paragraphs that break at a
// sentence end after a pause or once they grow long.
func cueTurns(cues []cue) (string, []turn) {
	var b strings.Builder
	var turns []turn
	for i, c := range cues {
		if c.text == "" && c.speaker == "" {
			continue
		}
		if i > 0 && len(turns) > 0 && continues(turns[len(turns)-1], cues[i-1], c, b.Len()) {
			t := &turns[len(turns)-1]
			if c.text != "" {
				b.WriteByte(' ')
				b.WriteString(c.text)
			}
			t.end, t.until = b.Len(), max(t.until, c.until)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		if c.speaker != "" {
			b.WriteString(c.speaker)
			b.WriteString(":")
			if c.text != "" {
				b.WriteByte(' ')
			}
		}
		b.WriteString(c.text)
		turns = append(turns, turn{start: start, end: b.Len(), speaker: c.speaker, begin: c.begin, until: c.until, hasTime: true})
	}
	return b.String(), turns
}

// continues reports whether cue c carries on the turn t that prev ended.
func continues(t turn, prev, c cue, size int) bool {
	if c.speaker != t.speaker {
		return false
	}
	if c.speaker != "" {
		return true
	}
	ended := endsSentence(prev.text)
	pause := c.begin-prev.until >= 2*time.Second
	long := size-t.start > maxParagraph
	return !ended || !(pause || long) || !unicode.IsUpper(firstRune(c.text))
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
