package index

import (
	"context"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

// QueryHelp explains the query language, for a help popup or the command
// line. It is the same text as the package documentation.
const QueryHelp = `Search
  leren samenwerken      passages with both words, in any form (leert, leerde, geleerd)
  "deel wat je leert"    the exact words in this order (case and accents ignored)
  "model"                that word as written only: not modellen, nor datamodel, which model finds (ranked lower)
  organis*               words that start with organis
  coöperatie~            words spelled almost like this one (~2: two letters off)
  leren OR delen         either word; ( ) group: (leren OR delen) netwerk
  +leren                 must occur (words must occur anyway)
  -subsidie  NOT subsidie   passages without the word

Filters (combine them with words, - and OR like words)
  speaker:Ana            said by speaker Ana (label or participant name); speaker:An* works too
  -speaker:interviewer   leave out the turns of speakers marked as interviewer
  doc:Ana.docx           in one document (doc:Ana also finds Ana.docx)
  code:"Deel wat je leert"   passages overlapping a coding with that code (or a child code)
  rol:beleidsmaker       participant or document attribute: NAME:VALUE (spaces in names as _)
  in:memos  in:all       search memos (summaries, code and coding memos) instead of, or as well as, transcripts

An OR, NOT or bracket with nothing to apply to is left out; other input that is not valid (an
unclosed quote) is searched as plain words.`

// ErrEmptyQuery is returned for a query with nothing to search for.
var ErrEmptyQuery = queryError("type a word to search for")

// QueryError is a query that cannot be searched, with a message for the
// person who typed it. Msg is the message in English; Key is its English
// template (with {{.Name}} parts) and Args the parts, for a window that
// shows it in another language, as model.Label does for undo labels.
type QueryError struct {
	Msg  string
	Key  string
	Args map[string]string
}

// queryError is the QueryError whose message is key filled in with parts,
// given as name, value pairs.
func queryError(key string, parts ...string) *QueryError {
	l := model.Phrase(key, parts...)
	return &QueryError{Msg: l.Text, Key: l.Key, Args: l.Args}
}

func (e *QueryError) Error() string { return "search: " + e.Msg }

// Scope says which texts a search covers.
type Scope int

// The scopes: transcripts (the default), memos, or both.
const (
	ScopeTranscripts Scope = iota
	ScopeMemos
	ScopeAll
)

// node is a parsed query.
type node interface{ String() string }

// clause is one part of a sequence or an alternative, possibly negated.
type clause struct {
	not bool
	n   node
}

func (c clause) String() string {
	if c.not {
		return "NOT " + c.n.String()
	}
	return c.n.String()
}

// andNode: every positive clause must match, no negated one may.
type andNode []clause

// orNode: at least one clause must match.
type orNode []clause

// termNode is a word, phrase, prefix or fuzzy word, in the text or in a
// filter field (speaker, doc, code, attribute key).
type termNode struct {
	field  string // "" for the text; "speaker", "doc", "code", or an attribute key
	value  string
	phrase bool
	prefix bool
	fuzzy  int
}

func (a andNode) String() string { return "AND(" + join(a) + ")" }
func (o orNode) String() string  { return "OR(" + join(o) + ")" }

func join(cs []clause) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, ", ")
}

func (t termNode) String() string {
	s := t.value
	switch {
	case t.phrase:
		s = strconv.Quote(s)
	case t.prefix:
		s += "*"
	case t.fuzzy > 0:
		s += "~" + strconv.Itoa(t.fuzzy)
	}
	if t.field != "" {
		s = t.field + ":" + s
	}
	return s
}

// parsedQuery is a query ready to be turned into a bleve query.
type parsedQuery struct {
	root     andNode
	scope    Scope
	hasScope bool // the query set the scope with in:
	plain    bool // the input was not valid syntax and is searched as plain words
}

// syntaxError is input that is not valid syntax: it is searched as plain
// words instead.
type syntaxError struct{ msg string }

func (e syntaxError) Error() string { return e.msg }

// parseQuery parses the query language described in QueryHelp. Input that is
// not valid syntax falls back to its plain words; a QueryError is returned
// only for a query that cannot be searched either way.
func parseQuery(s string) (parsedQuery, error) {
	toks, err := lex(s)
	if err == nil {
		var pq parsedQuery
		pq, err = parseTokens(toks)
		if _, bad := err.(syntaxError); bad {
			// An operator or bracket with nothing to apply to is dropped,
			// rather than searched as a word.
			if fixed, changed := repair(toks); changed {
				pq, err = parseTokens(fixed)
			}
		}
		if err == nil {
			return pq, nil
		}
	}
	if qe, ok := err.(*QueryError); ok {
		return parsedQuery{}, qe
	}
	words := slices.DeleteFunc(plainWords(s), func(w string) bool { return w == "OR" || w == "NOT" || w == "AND" })
	if len(words) == 0 {
		return parsedQuery{}, ErrEmptyQuery
	}
	root := make(andNode, len(words))
	for i, w := range words {
		root[i] = clause{n: termNode{value: w}}
	}
	return parsedQuery{root: root, plain: true}, nil
}

// parseTokens parses a lexed query.
func parseTokens(toks []token) (parsedQuery, error) {
	p := &parser{toks: toks}
	root, err := p.sequence(0)
	if err == nil && p.pos < len(p.toks) {
		err = syntaxError{"a ) without a ("}
	}
	if err != nil {
		return parsedQuery{}, err
	}
	if len(root) == 0 {
		return parsedQuery{}, ErrEmptyQuery
	}
	return parsedQuery{root: root, scope: p.scope, hasScope: p.hasScope}, nil
}

// repair drops what a query cannot mean: brackets without their partner,
// empty brackets, OR without a clause on either side, and NOT, - or + with
// nothing after them. It says whether it dropped anything.
func repair(toks []token) ([]token, bool) {
	keep := make([]bool, len(toks))
	var open []int
	for i, t := range toks {
		keep[i] = true
		switch t.kind {
		case tokOpen:
			open = append(open, i)
		case tokClose:
			if len(open) == 0 {
				keep[i] = false
			} else {
				open = open[:len(open)-1]
			}
		}
	}
	for _, i := range open {
		keep[i] = false
	}
	var out []token
	for i, t := range toks {
		if keep[i] {
			out = append(out, t)
		}
	}
	changed := len(out) < len(toks)
	kind := func(i int) tokKind {
		if i < 0 || i >= len(out) {
			return -1
		}
		return out[i].kind
	}
	for again := true; again; {
		again = false
		for i := 0; i < len(out); i++ {
			prev, next := kind(i-1), kind(i+1)
			drop := 0
			switch out[i].kind {
			case tokOr:
				if prev == -1 || prev == tokOpen || prev == tokOr || prev == tokNot || prev == tokMust ||
					next == -1 || next == tokClose || next == tokOr {
					drop = 1
				}
			case tokNot, tokMust:
				if next == -1 || next == tokClose || next == tokOr {
					drop = 1
				}
			case tokOpen:
				if next == tokClose {
					drop = 2
				}
			}
			if drop > 0 {
				out = slices.Delete(out, i, i+drop)
				again, changed = true, true
				i--
			}
		}
	}
	return out, changed
}

// plainWords returns the words of s: runs of letters and digits, with
// apostrophes and hyphens inside them.
func plainWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != '\'' && r != '’' && r != '-'
	})
}

type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokOpen
	tokClose
	tokOr
	tokNot  // - or NOT
	tokMust // +
)

type token struct {
	kind  tokKind
	text  string // the word or the phrase
	field string // for a field:"phrase"
}

// lex splits a query into tokens.
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(':
			toks = append(toks, token{kind: tokOpen})
			i++
		case r == ')':
			toks = append(toks, token{kind: tokClose})
			i++
		case r == '"' || r == '“' || r == '”' || r == '„':
			text, n, err := lexPhrase(s[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokPhrase, text: text})
			i += n
		case (r == '-' || r == '+') && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) && s[i+1] != '-' && s[i+1] != '+':
			if r == '-' {
				toks = append(toks, token{kind: tokNot})
			} else {
				toks = append(toks, token{kind: tokMust})
			}
			i++
		default:
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' || r == '“' || r == '”' || r == '„' {
					break
				}
				j += size
			}
			word := s[i:j]
			i = j
			if strings.HasSuffix(word, ":") && i < len(s) && strings.ContainsRune("\"“”„", rune(s[i])) {
				field := strings.TrimSuffix(word, ":")
				if !isFieldName(field) {
					return nil, syntaxError{"a phrase after " + word}
				}
				text, n, err := lexPhrase(s[i:])
				if err != nil {
					return nil, err
				}
				toks = append(toks, token{kind: tokPhrase, text: text, field: strings.ToLower(field)})
				i += n
				continue
			}
			switch word {
			case "OR", "|", "||":
				toks = append(toks, token{kind: tokOr})
			case "NOT":
				toks = append(toks, token{kind: tokNot})
			case "AND", "&&":
			default:
				toks = append(toks, token{kind: tokWord, text: word})
			}
		}
	}
	return toks, nil
}

// lexPhrase reads a quoted phrase at the start of s (which starts with a
// quote) and returns its text and the bytes read.
func lexPhrase(s string) (string, int, error) {
	_, open := utf8.DecodeRuneInString(s)
	end := strings.IndexFunc(s[open:], func(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' })
	if end < 0 {
		return "", 0, syntaxError{"a quote without its closing quote"}
	}
	_, close := utf8.DecodeRuneInString(s[open+end:])
	return strings.TrimSpace(s[open : open+end]), open + end + close, nil
}

func isFieldName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i, r := range s {
		if !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r) && r != '_' && r != '-' && r != '.') {
			return false
		}
	}
	return true
}

type parser struct {
	toks     []token
	pos      int
	scope    Scope
	hasScope bool
}

const maxDepth = 20

func (p *parser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

// sequence parses clauses up to the end or a closing bracket.
func (p *parser) sequence(depth int) (andNode, error) {
	if depth > maxDepth {
		return nil, syntaxError{"brackets nested too deep"}
	}
	var out andNode
	for {
		t, ok := p.peek()
		if !ok || t.kind == tokClose {
			return out, nil
		}
		c, err := p.alternatives(depth)
		if err != nil {
			return nil, err
		}
		if c.n != nil {
			out = append(out, c)
		}
	}
}

// alternatives parses clause (OR clause)*.
func (p *parser) alternatives(depth int) (clause, error) {
	first, err := p.clause(depth)
	if err != nil {
		return clause{}, err
	}
	alts := orNode{first}
	for {
		t, ok := p.peek()
		if !ok || t.kind != tokOr {
			break
		}
		p.pos++
		next, err := p.clause(depth)
		if err != nil {
			return clause{}, err
		}
		alts = append(alts, next)
	}
	for _, a := range alts {
		if a.n == nil {
			if len(alts) > 1 {
				return clause{}, queryError("in: cannot be one of alternatives (OR)")
			}
			return a, nil
		}
	}
	if len(alts) == 1 {
		return first, nil
	}
	return clause{n: alts}, nil
}

// clause parses an optionally negated or required word, phrase or group. A
// clause with a nil node is the in: scope, which matches nothing itself.
func (p *parser) clause(depth int) (clause, error) {
	var c clause
	for {
		t, ok := p.peek()
		if !ok {
			return c, syntaxError{"a query that ends in an operator"}
		}
		switch t.kind {
		case tokNot:
			c.not = !c.not
			p.pos++
			continue
		case tokMust:
			p.pos++
			continue
		case tokOr:
			return c, syntaxError{"OR without a word before it"}
		case tokClose:
			return c, syntaxError{"an operator before )"}
		case tokOpen:
			p.pos++
			inner, err := p.sequence(depth + 1)
			if err != nil {
				return c, err
			}
			if t, ok := p.peek(); !ok || t.kind != tokClose {
				return c, syntaxError{"a ( without a )"}
			}
			p.pos++
			if len(inner) == 0 {
				return c, syntaxError{"empty brackets"}
			}
			if len(inner) == 1 && !inner[0].not {
				c.n = inner[0].n
			} else {
				c.n = inner
			}
			return c, nil
		case tokPhrase:
			p.pos++
			if t.text == "" {
				return c, syntaxError{"empty quotes"}
			}
			tn, err := p.fieldTerm(t.field, t.text, true, c.not, depth)
			c.n = tn
			return c, err
		case tokWord:
			p.pos++
			n, err := p.word(t.text, c.not, depth)
			if n == nil {
				return clause{}, err
			}
			c.n = n
			return c, err
		}
	}
}

// word parses a word, a prefix*, a fuzzy~ or a field:value.
func (p *parser) word(w string, negated bool, depth int) (node, error) {
	field, value := "", w
	if i := strings.IndexByte(w, ':'); i > 0 && isFieldName(w[:i]) && i+1 < len(w) {
		field, value = strings.ToLower(w[:i]), w[i+1:]
	}
	return p.fieldTerm(field, value, false, negated, depth)
}

// fieldTerm builds the term of field:value (field "" for the text).
func (p *parser) fieldTerm(field, value string, phrase, negated bool, depth int) (node, error) {
	switch field {
	case "in":
		if depth > 0 || negated {
			return nil, queryError("in: applies to the whole search; put it outside brackets and without -")
		}
		switch strings.ToLower(value) {
		case "transcripts", "transcript", "text", "transcripten":
			p.scope = ScopeTranscripts
		case "memos", "memo":
			p.scope = ScopeMemos
		case "all", "alles":
			p.scope = ScopeAll
		default:
			return nil, queryError("in:{{.Value}}: use in:transcripts, in:memos or in:all", "Value", value)
		}
		p.hasScope = true
		return nil, nil
	case "participant", "case", "spreker":
		field = "speaker"
	case "document":
		field = "doc"
	case "codes":
		field = "code"
	}
	t := termNode{field: field, value: value, phrase: phrase}
	if phrase {
		return t, nil
	}
	if i := strings.LastIndexByte(value, '~'); i >= 0 {
		t.value, t.fuzzy = value[:i], 1
		if rest := value[i+1:]; rest != "" {
			n, err := strconv.Atoi(rest)
			if err != nil || n < 1 {
				return nil, syntaxError{"~ followed by " + rest}
			}
			if n > 2 {
				return nil, queryError("{{.Word}}: a fuzzy word allows at most 2 letters off (~2)", "Word", value)
			}
			t.fuzzy = n
		}
	} else if strings.HasSuffix(value, "*") {
		t.value, t.prefix = strings.TrimRight(value, "*"), true
	}
	if strings.ContainsAny(t.value, "*~") {
		return nil, syntaxError{"* or ~ inside a word"}
	}
	if t.value == "" {
		return nil, syntaxError{"* or ~ without a word"}
	}
	if t.prefix && field == "" && utf8.RuneCountInString(t.value) < 2 {
		return nil, queryError("{{.Word}}*: a word start needs at least 2 letters", "Word", t.value)
	}
	return t, nil
}

// UnknownFilters returns a message for each doc: and code: filter of q that
// names no document or code of the project, with the closest name there is
// (`no document named "Anna.docx"; did you mean "Ana.docx"?`), to show
// beside the results: such a filter finds nothing, and a typing error should
// not look like an answer. A filter with ~ is left alone; one with * says
// when no name starts so. A query that does not parse has no messages (Search
// reports it).
func (ix *Index) UnknownFilters(ctx context.Context, q string) ([]string, error) {
	notes, err := ix.UnknownFilterNotes(ctx, q)
	var out []string
	for _, n := range notes {
		out = append(out, n.Text)
	}
	return out, err
}

// UnknownFilterNotes is UnknownFilters with each message as a label: its
// English text, and its template and parts for a window that shows it in
// another language.
func (ix *Index) UnknownFilterNotes(ctx context.Context, q string) ([]model.Label, error) {
	pq, err := parseQuery(q)
	if err != nil || pq.plain {
		return nil, nil
	}
	var terms []termNode
	var walk func(n node)
	walk = func(n node) {
		switch n := n.(type) {
		case andNode:
			for _, c := range n {
				walk(c.n)
			}
		case orNode:
			for _, c := range n {
				walk(c.n)
			}
		case termNode:
			if (n.field == fieldDoc || n.field == fieldCode) && n.fuzzy == 0 {
				terms = append(terms, n)
			}
		}
	}
	walk(pq.root)
	if len(terms) == 0 {
		return nil, nil
	}
	var docNames, codeNames []string
	var docIDs []int64
	for _, t := range terms {
		if t.field == fieldDoc && docNames == nil {
			docs, err := ix.p.Documents(ctx)
			if err != nil {
				return nil, err
			}
			docNames = make([]string, 0, len(docs))
			for _, d := range docs {
				docNames, docIDs = append(docNames, d.Name), append(docIDs, d.ID)
			}
		}
		if t.field == fieldCode && codeNames == nil {
			codes, err := ix.p.Codes(ctx)
			if err != nil {
				return nil, err
			}
			codeNames = make([]string, 0, len(codes))
			for _, c := range codes {
				codeNames = append(codeNames, c.Name)
			}
		}
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.m == nil {
		return nil, nil
	}
	var out []model.Label
	for _, t := range terms {
		want := ix.normalize(t.value)
		if want == "" {
			continue
		}
		kind, names := "code", codeNames
		if t.field == fieldDoc {
			kind, names = "document", docNames
			if id, err := strconv.ParseInt(want, 10, 64); err == nil && slices.Contains(docIDs, id) {
				continue
			}
		}
		found := slices.ContainsFunc(names, func(name string) bool {
			forms := []string{name}
			if kind == "document" {
				forms = append(forms, strings.TrimSuffix(name, path.Ext(name)))
			}
			for _, f := range forms {
				n := ix.normalize(f)
				if n == want || t.prefix && strings.HasPrefix(n, want) {
					return true
				}
			}
			return false
		})
		if found {
			continue
		}
		out = append(out, unknownFilterNote(kind == "document", t.prefix, t.value, model.Closest(names, t.value)))
	}
	return out, nil
}

// unknownFilterNote is the message for a doc: (or code:) filter that names
// nothing, in the words of model.NotFoundError, or of a word start (*)
// that no name starts with.
func unknownFilterNote(doc, prefix bool, value, closest string) model.Label {
	name := strconv.Quote(value)
	switch {
	case prefix && doc:
		return model.Phrase("no document name starts with {{.Name}}", "Name", name)
	case prefix:
		return model.Phrase("no code name starts with {{.Name}}", "Name", name)
	case closest != "" && doc:
		return model.Phrase("no document named {{.Name}}; did you mean {{.Closest}}?", "Name", name, "Closest", strconv.Quote(closest))
	case closest != "":
		return model.Phrase("no code named {{.Name}}; did you mean {{.Closest}}?", "Name", name, "Closest", strconv.Quote(closest))
	case doc:
		return model.Phrase("no document named {{.Name}}", "Name", name)
	}
	return model.Phrase("no code named {{.Name}}", "Name", name)
}
