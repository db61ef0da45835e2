package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// readMarkdown reads Markdown as what a reader of the rendered file sees:
// headings, emphasis, list and quote markers, links and code fences are
// structure, not text. A heading or an emphasised run that opens a
// paragraph is a speaker label candidate for the same rules as Word's bold
// labels ("### Interviewer", "**Ana** text", "**Ana:** text"); a heading
// with the turn glued to a known label ("### InterviewerToekomst…") is
// split after the label. Front matter becomes attributes, and a title
// heading before the first turn the "title" attribute.
func readMarkdown(data []byte, opts Options) (model.NewDocument, error) {
	s, err := decodeText(data)
	if err != nil {
		return model.NewDocument{}, err
	}
	text := normalizeText(s)
	if int64(len(text)) > opts.maxText() {
		return model.NewDocument{}, tooMuchText(opts.maxText())
	}
	attrs, body := frontMatter(text)
	blocks := markdownBlocks(body)
	splitGluedLabels(blocks, opts.known())
	b := newBuilder(opts)
	for _, bl := range blocks {
		if err := b.paragraph(bl.text, bl.text[:bl.label]); err != nil {
			return model.NewDocument{}, err
		}
	}
	doc, err := b.document(opts)
	if err != nil {
		return model.NewDocument{}, err
	}
	if title := markdownTitle(blocks, doc); title != "" {
		attrs = append(attrs, model.Attribute{Key: "title", Value: title})
	}
	doc.Attributes = mergeAttributes(attrs, doc.Attributes)
	return doc, nil
}

// An mdBlock is one rendered paragraph, heading, list item or table row.
type mdBlock struct {
	text    string
	label   int // length of the heading or emphasised run that opens it
	heading int // heading level, 0 for none
}

// frontMatter splits YAML front matter ("---" lines around "key: value"
// lines at the very top) from the body and reads its simple fields.
func frontMatter(text string) ([]model.Attribute, string) {
	if !strings.HasPrefix(text, "---\n") {
		return nil, text
	}
	var attrs []model.Attribute
	pos := 4
	for n := 0; pos <= len(text) && n < 200; n++ {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := strings.TrimRight(text[pos:end], " \t")
		if line == "---" || line == "..." {
			return attrs, text[min(end+1, len(text)):]
		}
		if k, v, ok := strings.Cut(line, ":"); ok && k != "" && k[0] != ' ' && k[0] != '\t' && k[0] != '-' && !strings.HasPrefix(k, "#") {
			key := strings.ToLower(strings.TrimSpace(k))
			if mapped, known := headerKeys[key]; known {
				key = mapped
			}
			v = strings.TrimSpace(v)
			if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
				v = v[1 : len(v)-1]
			}
			if v != "" && key != "" && !strings.ContainsAny(v[:1], "[{|>") {
				attrs = append(attrs, model.Attribute{Key: key, Value: v})
			}
		}
		if end == len(text) {
			break
		}
		pos = end + 1
	}
	return nil, text // no closing line: not front matter
}

// markdownBlocks renders Markdown block by block.
func markdownBlocks(src string) []mdBlock {
	refs := map[string]bool{}
	for line := range strings.SplitSeq(src, "\n") {
		if l := strings.TrimSpace(stripQuote(line)); isLinkDefinition(l) {
			refs[strings.ToLower(l[1:strings.Index(l, "]:")])] = true
		}
	}
	var blocks []mdBlock
	var para []string
	fence := ""
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, renderBlock(strings.Join(para, "\n"), 0, refs))
			para = para[:0]
		}
	}
	lines := strings.Split(src, "\n")
	inTable := false
	for idx, line := range lines {
		if fence != "" {
			if strings.HasPrefix(strings.TrimLeft(line, " "), fence) {
				fence = ""
				continue
			}
			if strings.TrimSpace(line) != "" {
				blocks = append(blocks, mdBlock{text: strings.TrimRight(line, " \t")})
			}
			continue
		}
		line = stripQuote(line)
		trimmed := strings.TrimSpace(line)
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if !strings.Contains(trimmed, "|") {
			inTable = false
		} else if !inTable && idx+1 < len(lines) && isDelimiterRow(strings.TrimSpace(stripQuote(lines[idx+1]))) {
			inTable = true // a table starts with a header row over a delimiter row
		}
		switch {
		case trimmed == "":
			flush()
		case indent < 4 && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			flush()
			fence = trimmed[:3]
		case indent < 4 && headingLevel(trimmed) > 0:
			flush()
			level := headingLevel(trimmed)
			blocks = append(blocks, renderBlock(headingText(trimmed[level:]), level, refs))
		case len(para) > 0 && indent < 4 && isSetext(trimmed):
			// "Title" over "=====" or "-----" is a heading.
			level := 1
			if trimmed[0] == '-' {
				level = 2
			}
			blocks = append(blocks, renderBlock(strings.Join(para, "\n"), level, refs))
			para = para[:0]
		case indent < 4 && isBreak(trimmed):
			flush()
		case isLinkDefinition(trimmed):
			flush()
		case inTable:
			flush()
			if !isDelimiterRow(trimmed) {
				blocks = append(blocks, renderBlock(tableRow(trimmed), 0, refs))
			}
		default:
			if item, ok := listItem(trimmed); ok {
				flush()
				trimmed = item
			} else if len(para) > 0 && startsEmphasis(trimmed) {
				flush() // a line that opens with an emphasised label starts a turn
			}
			para = append(para, trimmed)
		}
	}
	flush()
	out := blocks[:0]
	for _, b := range blocks {
		if strings.TrimSpace(b.text) != "" {
			out = append(out, b)
		}
	}
	return out
}

// stripQuote removes block quote markers ("> ") from a line.
func stripQuote(line string) string {
	for {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || !strings.HasPrefix(t, ">") {
			return line
		}
		line = strings.TrimPrefix(t[1:], " ")
	}
}

// headingLevel returns the level of an ATX heading ("## Title"), or 0.
func headingLevel(s string) int {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// headingText drops the spaces and closing hashes around a heading's text.
func headingText(s string) string {
	s = strings.TrimSpace(s)
	if t := strings.TrimRight(s, "#"); t != s && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		s = strings.TrimSpace(t)
	}
	return s
}

func isSetext(s string) bool {
	return len(s) >= 2 && (strings.Trim(s, "=") == "" || strings.Trim(s, "-") == "")
}

// isBreak reports whether a line is a thematic break ("---", "* * *").
func isBreak(s string) bool {
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for _, r := range s {
		switch {
		case r == rune(c):
			n++
		case r != ' ' && r != '\t':
			return false
		}
	}
	return n >= 3
}

// isLinkDefinition reports whether a line defines a reference link
// ("[1]: https://…"), which a reader does not see. The target must look
// like an address, so that a label such as "[Ana]: Ja." stays text.
func isLinkDefinition(s string) bool {
	if !strings.HasPrefix(s, "[") || strings.HasPrefix(s, "[^") {
		return false
	}
	i := strings.Index(s, "]:")
	if i <= 1 || strings.ContainsAny(s[1:i], "[]") {
		return false
	}
	target, _, _ := strings.Cut(strings.TrimSpace(s[i+2:]), " ")
	return strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "<") ||
		strings.HasPrefix(target, "/") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "./") || strings.HasPrefix(target, "www.")
}

// listItem strips a bullet ("- ", "* ", "+ ") from a list item; numbered
// items keep their number, which the reader sees.
func listItem(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t') {
		item := strings.TrimSpace(s[2:])
		if t, ok := strings.CutPrefix(item, "[ ] "); ok {
			item = t
		} else if t, ok := strings.CutPrefix(item, "[x] "); ok {
			item = t
		}
		return item, true
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return s, true
	}
	return "", false
}

// tableRow renders "| a | b |" as tab-separated cells.
func tableRow(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	cells := strings.Split(s, "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return strings.Join(cells, "\t")
}

// isDelimiterRow reports whether a line is a table's delimiter row, as
// "|---|:-:|" or "--- | ---".
func isDelimiterRow(s string) bool {
	if !strings.Contains(s, "-") || !strings.Contains(s, "|") && !strings.HasPrefix(s, "-") {
		return false
	}
	for _, c := range strings.Split(strings.Trim(s, "| "), "|") {
		c = strings.TrimSpace(c)
		if c == "" || strings.Trim(c, "-:") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return true
}

// startsEmphasis reports whether a line opens with "**", "__" or "*" text.
func startsEmphasis(s string) bool {
	return (strings.HasPrefix(s, "**") || strings.HasPrefix(s, "__")) && len(s) > 2 && s[2] != ' ' ||
		len(s) > 1 && s[0] == '*' && s[1] != ' ' && s[1] != '*'
}

// renderBlock renders the inline markup of a block. A heading's whole text
// is its label candidate; otherwise an emphasised run that opens the block.
func renderBlock(src string, heading int, refs map[string]bool) mdBlock {
	text, lead := renderInline(src, refs)
	text = strings.TrimRight(text, " \t\n")
	b := mdBlock{text: text, heading: heading, label: min(lead, len(text))}
	if heading > 0 {
		b.label = len(text)
	}
	return b
}

// renderInline removes inline markup: emphasis and strike-through markers
// that pair up, code span backticks, link targets, backslash escapes, HTML
// comments and hard line break markers. It returns the rendered text and
// the length of an emphasised run that opens it, 0 if none. refs are the
// reference links the document defines.
func renderInline(s string, refs map[string]bool) (string, int) {
	type delim struct {
		pos      int // index in out
		char     byte
		n        int
		canOpen  bool
		canClose bool
	}
	var out []byte
	var runs []delim
	var removed []bool // per byte of out: a delimiter to drop
	push := func(b ...byte) {
		out = append(out, b...)
		for range b {
			removed = append(removed, false)
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			push(s[i+1])
			i += 2
			continue
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i++ // a hard line break marker
			continue
		case c == ' ' && strings.HasPrefix(s[i:], "  \n"):
			for i < len(s) && s[i] == ' ' {
				i++
			}
			continue
		case c == '`':
			n := 1
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			ticks := s[i : i+n]
			if end := strings.Index(s[i+n:], ticks); end >= 0 {
				code := s[i+n : i+n+end]
				if strings.HasPrefix(code, " ") && strings.HasSuffix(code, " ") && strings.TrimSpace(code) != "" {
					code = code[1 : len(code)-1]
				}
				push([]byte(code)...)
				i += 2*n + end
				continue
			}
			push([]byte(ticks)...)
			i += n
			continue
		case strings.HasPrefix(s[i:], "<!--"):
			if end := strings.Index(s[i:], "-->"); end >= 0 {
				i += end + 3
				continue
			}
		case c == '!' && i+1 < len(s) && s[i+1] == '[' || c == '[':
			if text, n, ok := parseLink(s[i:], refs); ok {
				inner, _ := renderInline(text, refs)
				push([]byte(inner)...)
				i += n
				continue
			}
		case c == '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				inner := s[i+1 : i+end]
				if strings.Contains(inner, "://") && !strings.ContainsAny(inner, " <") || strings.Contains(inner, "@") && !strings.ContainsAny(inner, " <") {
					push([]byte(inner)...) // an autolink
					i += end + 1
					continue
				}
				if tag := strings.ToLower(strings.Trim(inner, "/ ")); tag == "br" {
					push('\n')
					i += end + 1
					continue
				}
			}
		case c == '*' || c == '_' || c == '~':
			n := 1
			for i+n < len(s) && s[i+n] == c {
				n++
			}
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[i+n:])
			if i == 0 {
				before = ' '
			}
			if i+n == len(s) {
				after = ' '
			}
			d := delim{pos: len(out), char: c, n: n,
				canOpen:  !unicode.IsSpace(after),
				canClose: !unicode.IsSpace(before)}
			if c == '_' && isWordRune(before) && isWordRune(after) || c == '~' && n != 2 {
				d.canOpen, d.canClose = false, false
			}
			push([]byte(s[i : i+n])...)
			if d.canOpen || d.canClose {
				runs = append(runs, d)
			}
			i += n
			continue
		}
		push(c)
		i++
	}
	// Pair closers with the nearest opener of the same kind.
	var stack []int
	lead := 0
	for k := range runs {
		r := &runs[k]
		matched := false
		if r.canClose {
			for j := len(stack) - 1; j >= 0; j-- {
				o := &runs[stack[j]]
				if o.char != r.char {
					continue
				}
				n := min(o.n, r.n)
				for x := 0; x < n; x++ {
					removed[o.pos+o.n-1-x] = true
					removed[r.pos+x] = true
				}
				if o.pos == 0 && lead == 0 {
					lead = r.pos // the rendered length is fixed below
				}
				stack = stack[:j]
				matched = true
				break
			}
		}
		if !matched && r.canOpen {
			stack = append(stack, k)
		}
	}
	var b strings.Builder
	b.Grow(len(out))
	leadOut := 0
	for i, c := range out {
		if i == lead && lead > 0 {
			leadOut = b.Len()
		}
		if !removed[i] {
			b.WriteByte(c)
		}
	}
	return b.String(), leadOut
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isASCIIPunct(c byte) bool {
	return c < 0x80 && unicode.IsPunct(rune(c)) || c == '`' || c == '^' || c == '|' || c == '~' || c == '<' || c == '>' || c == '=' || c == '+' || c == '$'
}

// parseLink reads "[text](target)", "![alt](src)", or "[text][ref]" and
// "[text][]" with a defined ref, and returns the text a reader sees;
// "[laughs][inaudible]" without definitions is text.
func parseLink(s string, refs map[string]bool) (string, int, bool) {
	i := 0
	if s[0] == '!' {
		i = 1
	}
	depth, j := 0, i
	for ; j < len(s); j++ {
		switch s[j] {
		case '[':
			depth++
		case ']':
			depth--
		case '\n':
			if j+1 < len(s) && s[j+1] == '\n' {
				return "", 0, false
			}
		}
		if depth == 0 {
			break
		}
	}
	if j >= len(s) || j+1 >= len(s) {
		return "", 0, false
	}
	text := s[i+1 : j]
	switch s[j+1] {
	case '(':
		end := strings.IndexByte(s[j+1:], ')')
		if end < 0 || strings.Contains(s[j+1:j+1+end], "\n\n") {
			return "", 0, false
		}
		return text, j + 2 + end, true
	case '[':
		end := strings.IndexByte(s[j+1:], ']')
		if end < 0 || strings.ContainsAny(s[j+2:j+1+end], "[\n") {
			return "", 0, false
		}
		ref := s[j+2 : j+1+end]
		if ref == "" {
			ref = text
		}
		if !refs[strings.ToLower(ref)] {
			return "", 0, false
		}
		return text, j + 2 + end, true
	}
	return "", 0, false
}

// splitGluedLabels splits a heading whose turn is glued to its label
// ("InterviewerToekomst…") into the label and a paragraph, when the label
// is a name that heads other turns, a known speaker or a generic role.
func splitGluedLabels(blocks []mdBlock, known map[string]bool) {
	names := map[string]int{}
	for _, b := range blocks {
		if b.label > 0 {
			if name := strings.TrimRight(strings.TrimSpace(b.text[:b.label]), ":"); scanName(name, 0) == len(name) && validName(name) {
				names[name]++
			}
		}
	}
	// A label that recurs, is known or is a role may be followed by a space
	// or a colon; any other name that heads a turn only when glued.
	strong := map[string]bool{}
	var labels []string
	for name, n := range names {
		labels = append(labels, name)
		strong[name] = n >= 2 || known[strings.ToLower(name)] || isRoleName(name)
	}
	for name := range known {
		labels = append(labels, name)
		strong[name] = true
	}
	for i := range blocks {
		b := &blocks[i]
		if b.heading == 0 {
			continue
		}
		head := strings.TrimRight(strings.TrimSpace(b.text), ":")
		if names[head] >= 2 || known[strings.ToLower(head)] || isRoleName(head) {
			continue // the heading is a label itself
		}
		best := 0
		for _, l := range labels {
			if len(l) > best && len(b.text) > len(l) && strings.EqualFold(b.text[:len(l)], l) && gluedStart(b.text[len(l):], strong[l]) {
				best = len(l)
			}
		}
		if best > 0 {
			rest := strings.TrimLeft(b.text[best:], " :")
			b.text = b.text[:best] + "\n" + rest
			b.label = best
		}
	}
}

// gluedStart reports whether s, following a label, starts a sentence: a
// capital letter or an opening quote, right after it or, for a strong
// label, after a space or colon.
func gluedStart(s string, strong bool) bool {
	if strong {
		s = strings.TrimLeft(s, " :")
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || strings.ContainsRune("\"“‘'(", r)
}

// markdownTitle returns the text of a level-one heading that opens the
// document before any speaker turn, or "".
func markdownTitle(blocks []mdBlock, doc model.NewDocument) string {
	if len(blocks) == 0 || blocks[0].heading != 1 || len(doc.Turns) == 0 || doc.Turns[0].Speaker != "" {
		return ""
	}
	return strings.TrimSpace(blocks[0].text)
}

// mergeAttributes appends the attributes of b whose key a lacks.
func mergeAttributes(a, b []model.Attribute) []model.Attribute {
	seen := map[string]bool{}
	var out []model.Attribute
	for _, attr := range append(a, b...) {
		if !seen[attr.Key] {
			seen[attr.Key] = true
			out = append(out, attr)
		}
	}
	return out
}
