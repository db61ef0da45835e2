package assets_test

import (
	"fmt"
	"strings"

	"codeberg.org/verbatim/verbatim/assets"
)

func ExampleCodebook() {
	for _, c := range assets.Codebook("en") {
		fmt.Println(c.Color, c.Name)
	}
	// Output:
	// #E69F00 Break patterns by making new connections
	// #56B4E9 Share what you learn
	// #009E73 Start from motivation
	// #F0E442 Make the big ideal small and concrete
	// #CC79A7 The road there often teaches more than the end result
	// #D55E00 Learn from success and failure
}

func ExampleDemoInterview() {
	name, text := assets.DemoInterview()
	first, _, _ := strings.Cut(text, "\n")
	fmt.Println(name)
	fmt.Println(first)
	// Output:
	// Voorbeeldinterview Sanne (fictief).txt
	// Voorbeeldinterview (fictief) — Sanne de Vries over vernieuwen bij de gemeente Lindewaard
}
