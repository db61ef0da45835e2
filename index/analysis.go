package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Analyzer names as they are stored in the index mapping. Changing what one of
// them does changes the terms in the index: bump the mapping version then.
const (
	analyzerDutch   = "verbatim_nl"
	analyzerEnglish = "verbatim_en"
	// analyzerExact keeps every word as written, lower-cased and with its
	// diacritics folded: for phrases, quotes and prefixes.
	analyzerExact = "verbatim_exact"
)

// LanguageAnalyzer returns the name of the analyzer for a project language
// ("nl" or "en"); any other language gets the English one.
func LanguageAnalyzer(lang string) string {
	if lang == "nl" {
		return analyzerDutch
	}
	return analyzerEnglish
}

// analyzerConfigs defines the custom analyzers. None of them removes stop
// words: in interviews "moet", "kan", "wil", "niet" and "geen" carry meaning,
// and the lemma table maps forms such as "was" to "zijn", which the stop list
// would then drop.
var analyzerConfigs = map[string]map[string]any{
	analyzerDutch: {
		"type":      custom.Name,
		"tokenizer": sentenceTokenizerName,
		// The separable filter before the lemmas: werk ... uit is uitwerken.
		"token_filters": []any{lowercase.Name, foldFilterName, separableFilterName, dutchLemmaFilterName},
	},
	analyzerEnglish: {
		"type":      custom.Name,
		"tokenizer": sentenceTokenizerName,
		// The possessive filter after lower-casing (it strips 's and 'S
		// alike), so that the text and exact fields share the lower-cased
		// tokens (see sharedAnalysis).
		"token_filters": []any{lowercase.Name, en.PossessiveName, foldFilterName, englishLemmaFilterName},
	},
	analyzerExact: {
		"type":          custom.Name,
		"tokenizer":     sentenceTokenizerName,
		"token_filters": []any{lowercase.Name, foldFilterName},
	},
}

// addAnalyzers defines the verbatim analyzers in m, so that fields can name them.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	for _, name := range []string{analyzerDutch, analyzerEnglish, analyzerExact} {
		if err := m.AddCustomAnalyzer(name, analyzerConfigs[name]); err != nil {
			return fmt.Errorf("define analyzer %s: %w", name, err)
		}
	}
	return nil
}

// analyzeTerms returns the terms the named analyzer (one of ours, or a stock
// bleve one such as "nl") makes of text, in order.
func analyzeTerms(analyzer, text string) ([]string, error) {
	m := mapping.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	a := m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil, fmt.Errorf("no analyzer named %q", analyzer)
	}
	var terms []string
	for _, tok := range a.Analyze([]byte(text)) {
		terms = append(terms, string(tok.Term))
	}
	return terms, nil
}
