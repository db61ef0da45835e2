package index

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

const (
	sentenceTokenizerName = "verbatim_sentences"
	separableFilterName   = "verbatim_separable_nl"
)

// sentenceStart is the type the sentence tokenizer gives the first word of
// a sentence after the first: no filter of bleve's that the analyzers use
// reads a token's type, and the index does not store it.
const sentenceStart analysis.TokenType = 100

// sentenceTokenizer is bleve's unicode tokenizer, marking where a sentence
// starts: after . ! ? ; : or a line break between two words.
type sentenceTokenizer struct {
	words analysis.Tokenizer
}

func (t sentenceTokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := t.words.Tokenize(input)
	for i := 1; i < len(toks); i++ {
		if gap := input[toks[i-1].End:toks[i].Start]; bytes.ContainsAny(gap, ".!?;:\n…") {
			toks[i].Type = sentenceStart
		}
	}
	return toks
}

// separableParticles are the particles of Dutch separable verbs (uitwerken:
// ik werk het uit).
var separableParticles = map[string]bool{
	"aan": true, "af": true, "bij": true, "door": true, "in": true, "mee": true, "na": true,
	"om": true, "op": true, "over": true, "terug": true, "toe": true, "uit": true, "voor": true,
	"weg": true, "samen": true, "vast": true, "los": true, "neer": true, "langs": true,
	"tegen": true, "achter": true, "onder": true, "open": true, "binnen": true, "buiten": true, "bijeen": true,
}

// maxSeparableGap is how many words back from a particle its verb may stand.
const maxSeparableGap = 12

// separableFilter joins a Dutch verb and its particle later in the sentence
// (ik werk het plan uit): both words get a token of the separable verb
// (uitwerken) besides their own, which the lemma filter after it makes
// lemmas of, so that uitwerken finds the sentence and the hit marks the two
// words.
type separableFilter struct {
	table *lemmaTable
}

func (f separableFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var extra map[int][][]byte // token index → the separable verbs
	for i, tok := range input {
		if !separableParticles[string(tok.Term)] {
			continue
		}
		if verb, at := f.verbBefore(input, i); verb != nil {
			if extra == nil {
				extra = map[int][][]byte{}
			}
			extra[at] = append(extra[at], verb)
			extra[i] = append(extra[i], verb)
		}
	}
	if extra == nil {
		return input
	}
	out := make(analysis.TokenStream, 0, len(input)+len(extra))
	for i, tok := range input {
		out = append(out, tok)
		for _, term := range extra[i] {
			t := *tok
			t.Term = term
			out = append(out, &t)
		}
	}
	return out
}

// verbBefore finds the first word of the sentence, before the particle at
// i, with a lemma that makes a verb of the word list with the particle: that
// verb, and the index of the word's token. The first, because the verb of a
// main clause comes early and its particle last (ik werk het plan morgen
// uit: uitwerken, not uitplannen).
func (f separableFilter) verbBefore(toks analysis.TokenStream, i int) ([]byte, int) {
	particle := toks[i]
	if particle.Type == sentenceStart {
		return nil, 0
	}
	var verb []byte
	at := 0
	for j := i - 1; j >= 0 && particle.Position-toks[j].Position <= maxSeparableGap; j-- {
		tok := toks[j]
		if !separableParticles[string(tok.Term)] {
			for _, lemma := range f.table.cachedLookup(tok.Term) {
				l := string(lemma)
				if !strings.HasSuffix(l, "en") || strings.HasPrefix(l, compoundPart) {
					continue
				}
				if _, ok := f.table.words.Find(string(particle.Term) + l); ok {
					verb, at = []byte(string(particle.Term)+l), j
					break
				}
			}
		}
		if tok.Type == sentenceStart {
			break
		}
	}
	return verb, at
}

func init() {
	err := registry.RegisterTokenizer(sentenceTokenizerName,
		func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
			return sentenceTokenizer{words: unicode.NewUnicodeTokenizer()}, nil
		})
	if err != nil {
		panic(err)
	}
	err = registry.RegisterTokenFilter(separableFilterName,
		func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			t, err := dutchTable()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", separableFilterName, err)
			}
			return separableFilter{table: t}, nil
		})
	if err != nil {
		panic(err)
	}
}
